//! Turning validated content into the JSON bundles the app reads.

use crate::relations::Relations;
use quire_content::content::{Content, Post};
use quire_schema::{
    archive_path, encode, feed_page_path, immutable_path, label_page_path, labels_path, page_path,
    popular_path, post_path, search_path, site_path, Archive, ArchiveEntry, Comment, FeedPage,
    Image, LabelCount, LabelList, PageBundle, PopularEntry, PopularList, PostBundle, PostLink,
    PostSummary, SiteBundle, FEED_PAGE_SIZE, FORMAT_VERSION,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One file to write: its path relative to the site root, and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    /// Shared: a bundle is written under its plain name and its content-hashed one,
    /// and a big blog's bundles are hundreds of megabytes.
    pub contents: Arc<str>,
}

/// The bundles of a site: every file to write, and the content-hashed name of each
/// bundle by its plain name (`data/site.json` → `data/h/…json`).
#[derive(Debug)]
pub struct Bundles {
    pub files: Vec<OutputFile>,
    pub hashed: BTreeMap<String, String>,
    /// The lists as written, for the prerendered pages.
    pub feed_pages: Vec<FeedPage>,
    /// Each label's pages, by label.
    pub label_pages: BTreeMap<String, Vec<FeedPage>>,
    pub popular: PopularList,
    pub archive: Archive,
    pub labels: LabelList,
    /// Each post's bundle, by slug.
    pub posts: BTreeMap<String, Arc<PostBundle>>,
    /// Each published page's bundle, in navigation order.
    pub pages: Vec<PageBundle>,
    /// The pages the navigation lists, as the site bundle has them.
    pub site_pages: Vec<PostLink>,
}

impl Bundles {
    /// Adds a bundle under its plain name and its hashed name.
    fn add(&mut self, path: String, contents: String) {
        let hash = content_hash(&contents);
        self.add_hashed(path, contents.into(), &hash);
    }

    /// [`Bundles::add`] with the content's hash already computed.
    fn add_hashed(&mut self, path: String, contents: Arc<str>, hash: &str) {
        let hashed = immutable_path(hash);
        self.files.push(OutputFile {
            path: hashed.clone(),
            contents: contents.clone(),
        });
        self.files.push(OutputFile {
            path: path.clone(),
            contents,
        });
        self.hashed.insert(path, hashed);
    }

    fn new() -> Bundles {
        Bundles {
            files: Vec::new(),
            hashed: BTreeMap::new(),
            feed_pages: Vec::new(),
            label_pages: BTreeMap::new(),
            popular: PopularList {
                format: FORMAT_VERSION,
                posts: Vec::new(),
            },
            archive: Archive {
                format: FORMAT_VERSION,
                posts: Vec::new(),
            },
            labels: LabelList {
                format: FORMAT_VERSION,
                labels: Vec::new(),
            },
            posts: BTreeMap::new(),
            pages: Vec::new(),
            site_pages: Vec::new(),
        }
    }

    /// The hashed name of the bundle written as `path`.
    pub fn hashed_name(&self, path: &str) -> Option<&str> {
        self.hashed.get(path).map(String::as_str)
    }
}

/// 64 bits of SHA-256 in hex: names stay short, and an accidental collision between
/// two bundles of one site is out of reach.
pub(crate) fn content_hash(contents: &str) -> String {
    Sha256::digest(contents.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every bundle for the posts of `content` (what `quire_content::publish::select`
/// left), in a stable order. Posts come
/// first, since the feed and the popular list name their bundles.
pub fn bundles(content: &Content) -> Bundles {
    bundles_with(content, None, None)
}

/// Post bundles and list pages made before, each with its encoding and the hash
/// that names it, kept by the live preview: a save encodes and hashes again only
/// the bundles whose post, neighbours, related posts or comments changed, and the
/// list pages whose entries changed (encoding and hashing them all took a seventh
/// of every save in a blog of ten thousand posts). The same encoding, shared, also
/// tells the preview's writing that the file is unchanged without hashing it.
#[derive(Default)]
pub struct Kept {
    posts: HashMap<String, KeptPost>,
    lists: HashMap<String, KeptList>,
    relations: crate::relations::Kept,
}

impl Kept {
    /// Whether the last build kept a bundle for the post `slug`.
    pub fn has_post(&self, slug: &str) -> bool {
        self.posts.contains_key(slug)
    }
}

type KeptPost = (Arc<PostBundle>, Arc<str>, String);
type KeptList = (FeedPage, Arc<str>, String);

/// The list pages kept before a build, and those of this build when they are kept.
struct Lists {
    before: HashMap<String, KeptList>,
    now: Option<HashMap<String, KeptList>>,
}

impl Bundles {
    /// Adds the list page `page` as `path`, encoded and hashed again only when the
    /// page kept for `path` differs.
    fn add_list(&mut self, path: String, page: &FeedPage, lists: &mut Lists) {
        let (encoded, hash) = match lists.before.get(&path) {
            Some((same, encoded, hash)) if same == page => (encoded.clone(), hash.clone()),
            _ => {
                let encoded = encode(page);
                let hash = content_hash(&encoded);
                (Arc::from(encoded), hash)
            }
        };
        if let Some(now) = &mut lists.now {
            now.insert(path.clone(), (page.clone(), encoded.clone(), hash.clone()));
        }
        self.add_hashed(path, encoded, &hash);
    }
}

/// [`bundles`], indexing again only the runs of posts `runs` does not have as
/// they are (see [`crate::search::index`]), and encoding again only the post
/// bundles `kept` does not have as they are.
pub fn bundles_with(
    content: &Content,
    runs: Option<&mut crate::search::Runs>,
    kept: Option<&mut Kept>,
) -> Bundles {
    let mut making = Making::new(content, kept);
    let made = making.posts(0..content.posts.len());
    for (post, bundle) in content.posts.iter().zip(made) {
        making.out.posts.insert(post.slug.clone(), bundle);
    }
    let mut out = making.rest();
    let mut files = Vec::new();
    search(content, &mut out, runs, &mut |folder| files.extend(folder));
    out.files.extend(files);
    out
}

/// The search index of `content`'s posts (see [`crate::search::index_into`]): its
/// files handed to `folder` a folder at a time, and its manifest, which names
/// them, added to `bundles` (which has every post's bundle).
pub fn search(
    content: &Content,
    bundles: &mut Bundles,
    runs: Option<&mut crate::search::Runs>,
    folder: &mut dyn FnMut(Vec<OutputFile>),
) {
    let posts: Vec<&Post> = content.posts.iter().map(|post| &**post).collect();
    let manifest = crate::search::index_into(&posts, &|p| bundle_of(p, bundles), runs, folder);
    bundles.add(search_path(), encode(&manifest));
}

/// A site's bundles, made a run of posts at a time so that a big site need not
/// hold them all (see `site::make`): first what the posts' pages name besides
/// their own bundle (the site and the popular list), then each run of posts'
/// bundles with [`Making::posts`], then the lists, which name the posts' bundles,
/// with [`Making::rest`].
pub struct Making<'c, 'k> {
    content: &'c Content,
    posts: Vec<&'c Post>,
    /// Each post's relations, when they are not kept.
    relations: Vec<Relations>,
    kept: Option<&'k mut Kept>,
    /// The post bundles made, when they are kept: the next build's.
    made: HashMap<String, KeptPost>,
    /// The bundles so far: the caller takes their files as it goes.
    pub out: Bundles,
}

impl<'c, 'k> Making<'c, 'k> {
    pub fn new(content: &'c Content, mut kept: Option<&'k mut Kept>) -> Making<'c, 'k> {
        let posts: Vec<&Post> = content.posts.iter().map(|post| &**post).collect();
        let mut out = Bundles::new();
        let site = site_bundle(content);
        out.site_pages = site.pages.clone();
        out.add(site_path(), encode(&site));
        out.popular = popular_list(content, &posts);
        out.add(popular_path(), encode(&out.popular));
        let relations = match kept.as_deref_mut() {
            Some(kept) => {
                kept.relations.update(&posts);
                Vec::new()
            }
            None => crate::relations::relations(&posts),
        };
        Making {
            content,
            posts,
            relations,
            kept,
            made: HashMap::new(),
            out,
        }
    }

    /// The posts, newest first.
    pub fn all_posts(&self) -> &[&'c Post] {
        &self.posts
    }

    /// The bundles of the posts `run` (of [`Making::all_posts`]), added to `out`
    /// and returned in order.
    pub fn posts(&mut self, run: std::ops::Range<usize>) -> Vec<Arc<PostBundle>> {
        let content = self.content;
        let found: &[Relations] = match self.kept.as_deref() {
            Some(kept) => kept.relations.found(),
            None => &self.relations,
        };
        let relations: Vec<_> = self.posts[run.clone()]
            .iter()
            .copied()
            .zip(&found[run])
            .collect();
        // Made, encoded and hashed on every core: a big blog's posts are most of it.
        let before = self.kept.as_deref().map(|kept| &kept.posts);
        let made: Vec<KeptPost> = quire_content::parallel::map(&relations, |(post, relations)| {
            let comments = content
                .comments
                .get(&post.slug)
                .map_or(&[][..], Vec::as_slice);
            // Equal in every field: the same bytes, so the same file and name.
            // (Compared before it is made: making every post's bundle copied all
            // their Markdown.)
            match before.and_then(|before| before.get(&post.slug)) {
                Some(same) if would_make(&same.0, post, relations, comments) => same.clone(),
                _ => {
                    let bundle = post_bundle(post, (*relations).clone(), comments.to_vec());
                    let encoded = encode(&bundle);
                    let hash = content_hash(&encoded);
                    (Arc::new(bundle), encoded.into(), hash)
                }
            }
        });
        let mut bundles = Vec::with_capacity(made.len());
        for ((post, _), made) in relations.iter().zip(made) {
            let (bundle, encoded, hash) = &made;
            self.out
                .add_hashed(post_path(&post.slug), encoded.clone(), hash);
            bundles.push(bundle.clone());
            if self.kept.is_some() {
                self.made.insert(post.slug.clone(), made);
            }
        }
        bundles
    }

    /// The rest of the bundles but the search index ([`search`]), once every
    /// post's is made: the pages', the lists, the archive and the labels.
    pub fn rest(mut self) -> Bundles {
        let (content, posts) = (self.content, &self.posts);
        let mut out = self.out;
        let mut lists = Lists {
            before: HashMap::new(),
            now: None,
        };
        if let Some(kept) = self.kept.as_deref_mut() {
            kept.posts = std::mem::take(&mut self.made);
            lists.before = std::mem::take(&mut kept.lists);
            lists.now = Some(HashMap::new());
        }
        for page in &content.pages {
            let bundle = PageBundle {
                format: FORMAT_VERSION,
                slug: page.slug.clone(),
                title: page.title.clone(),
                summary: page.summary.clone(),
                markdown: page.markdown.clone(),
                code: page.code.clone(),
                pictures: page.pictures.clone(),
            };
            out.add(page_path(&page.slug), encode(&bundle));
            out.pages.push(bundle);
        }
        for (path, page) in paged(posts, &out, content, feed_page_path) {
            out.add_list(path, &page, &mut lists);
            out.feed_pages.push(page);
        }
        for label in labels(posts) {
            let tagged: Vec<&Post> = posts
                .iter()
                .copied()
                .filter(|p| p.labels.contains(&label))
                .collect();
            let mut pages = Vec::new();
            for (path, page) in paged(&tagged, &out, content, |n| label_page_path(&label, n)) {
                out.add_list(path, &page, &mut lists);
                pages.push(page);
            }
            out.label_pages.insert(label, pages);
        }
        out.archive = Archive {
            format: FORMAT_VERSION,
            posts: posts
                .iter()
                .map(|p| ArchiveEntry {
                    slug: p.slug.clone(),
                    title: p.title.clone(),
                    date: p.date,
                    bundle: bundle_of(p, &out),
                })
                .collect(),
        };
        out.add(archive_path(), encode(&out.archive));
        out.labels = label_list(posts);
        out.add(labels_path(), encode(&out.labels));
        if let (Some(kept), Some(now)) = (self.kept, lists.now) {
            kept.lists = now;
        }
        out
    }
}

fn label_list(posts: &[&Post]) -> LabelList {
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for label in posts.iter().flat_map(|p| &p.labels) {
        *counts.entry(label).or_default() += 1;
    }
    LabelList {
        format: FORMAT_VERSION,
        labels: counts
            .into_iter()
            .map(|(name, count)| LabelCount {
                name: name.to_string(),
                count,
            })
            .collect(),
    }
}

/// Every label of `posts`, sorted, each once.
pub fn labels(posts: &[&Post]) -> Vec<String> {
    let mut labels: Vec<String> = posts.iter().flat_map(|p| p.labels.clone()).collect();
    labels.sort_unstable();
    labels.dedup();
    labels
}

fn site_bundle(content: &Content) -> SiteBundle {
    let site = &content.site;
    SiteBundle {
        format: FORMAT_VERSION,
        title: site.title.clone(),
        description: site.description.clone(),
        author: site.author.clone(),
        base_url: site.base_url.clone(),
        language: site.language.clone(),
        comments_endpoint: site.comments_endpoint.clone(),
        pages: content
            .pages
            .iter()
            .filter(|p| p.nav)
            .map(|p| PostLink {
                slug: p.slug.clone(),
                title: p.title.clone(),
            })
            .collect(),
    }
}

/// The hashed name of a post's bundle, which [`bundles`] adds before anything links it.
fn bundle_of(post: &Post, bundles: &Bundles) -> String {
    bundles
        .hashed_name(&post_path(&post.slug))
        .unwrap_or_default()
        .to_string()
}

fn summary(post: &Post, bundles: &Bundles, content: &Content) -> PostSummary {
    let comments = content
        .comments
        .get(&post.slug)
        .map_or(0, |list| quire_schema::comment_total(list) as u32);
    PostSummary {
        comments,
        bundle: bundle_of(post, bundles),
        slug: post.slug.clone(),
        title: post.title.clone(),
        date: post.date,
        author: post.author.clone(),
        labels: post.labels.clone(),
        excerpt: post.summary.clone(),
    }
}

/// A list of posts in fixed-size pages, each written at `path(page)`, so that the
/// first page costs the same however long the archive grows. An empty list still
/// gets page 1.
fn paged(
    posts: &[&Post],
    bundles: &Bundles,
    content: &Content,
    path: impl Fn(u32) -> String,
) -> Vec<(String, FeedPage)> {
    let chunks: Vec<&[&Post]> = if posts.is_empty() {
        vec![&[]]
    } else {
        posts.chunks(FEED_PAGE_SIZE).collect()
    };
    let total_pages = chunks.len() as u32;
    chunks
        .iter()
        .zip(1..)
        .map(|(chunk, page)| {
            let feed = FeedPage {
                format: FORMAT_VERSION,
                page,
                total_pages,
                total_posts: posts.len() as u32,
                posts: chunk.iter().map(|p| summary(p, bundles, content)).collect(),
            };
            (path(page), feed)
        })
        .collect()
}

pub(crate) fn post_bundle(post: &Post, relations: Relations, comments: Vec<Comment>) -> PostBundle {
    PostBundle {
        format: FORMAT_VERSION,
        slug: post.slug.clone(),
        title: post.title.clone(),
        date: post.date,
        author: post.author.clone(),
        labels: post.labels.clone(),
        summary: post.summary.clone(),
        excerpt_only: post.excerpt_only,
        folder: post.folder.is_some(),
        unpublished: post.unpublished,
        markdown: post.markdown.to_string(),
        code: post.code.to_vec(),
        pictures: post.pictures.clone(),
        newer: relations.newer,
        older: relations.older,
        related: relations.related,
        comments,
    }
}

/// Whether [`post_bundle`] would make `bundle` again from these: every field named,
/// so that a field added to the bundle cannot be left out here.
pub(crate) fn would_make(
    bundle: &PostBundle,
    post: &Post,
    relations: &Relations,
    comments: &[Comment],
) -> bool {
    let PostBundle {
        format,
        slug,
        title,
        date,
        author,
        labels,
        summary,
        excerpt_only,
        folder,
        unpublished,
        markdown,
        code,
        pictures,
        newer,
        older,
        related,
        comments: commented,
    } = bundle;
    *format == FORMAT_VERSION
        && *slug == post.slug
        && *title == post.title
        && *date == post.date
        && *author == post.author
        && *labels == post.labels
        && *summary == post.summary
        && *excerpt_only == post.excerpt_only
        && *folder == post.folder.is_some()
        && *unpublished == post.unpublished
        && code[..] == post.code[..]
        && *pictures == post.pictures
        && *newer == relations.newer
        && *older == relations.older
        && *related == relations.related
        && commented.as_slice() == comments
        && markdown.as_str() == &*post.markdown
}

/// Posts with recorded views, most viewed first; ties go to the newer post.
fn popular_list(content: &Content, posts: &[&Post]) -> PopularList {
    let mut ranked: Vec<(u64, &Post)> = posts
        .iter()
        .filter_map(|p| content.views.get(&p.slug).map(|v| (*v, *p)))
        .collect();
    // `posts` is newest first and the sort is stable, so equal views keep that order.
    ranked.sort_by_key(|(views, _)| std::cmp::Reverse(*views));
    PopularList {
        format: FORMAT_VERSION,
        posts: ranked
            .into_iter()
            .take(content.site.popular_count)
            .map(|(_, p)| PopularEntry {
                slug: p.slug.clone(),
                title: p.title.clone(),
                excerpt: p.summary.clone(),
                thumbnail: first_image(p),
            })
            .collect(),
    }
}

/// A list's thumbnail of the post's first image: its smallest WebP when the build
/// resized it (a list shows it small), the image itself otherwise.
fn first_image(post: &Post) -> Option<Image> {
    let base = quire_schema::post_files_base(&post.slug, post.folder.is_some());
    post.rendered.images.first().map(|image| {
        let src = quire_markdown::resolve_url(&image.src, &base);
        let small = post
            .pictures
            .iter()
            .find(|p| p.src == src)
            .and_then(|p| Some(p.variant(*p.widths.first()?, "webp")));
        Image {
            src: small.unwrap_or(src),
            alt: image.alt.clone(),
        }
    })
}
