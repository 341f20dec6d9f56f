//! Reading `content/`: site settings, posts and popularity, validated as a whole so
//! that one run reports every problem, not just the first.

use crate::diagnostic::{line_and_column, Diagnostic, Lines};
use crate::front_matter;
use crate::remembered::{Kept, Remembered, Stamps};
use quire_schema::is_slug;
use quire_schema::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `content/site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    pub author: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_popular_count")]
    pub popular_count: usize,
    /// Where the comment form posts (an https URL, or a path on this site); without
    /// one, comments are closed.
    #[serde(default)]
    pub comments_endpoint: Option<String>,
    /// Publish each image's original file beside its resized copies. Off: an
    /// original can carry what a reader should not get (a phone's GPS position),
    /// and is many times the size a page needs.
    #[serde(default)]
    pub publish_original_images: bool,
}

fn default_language() -> String {
    "en".to_string()
}

fn default_popular_count() -> usize {
    5
}

/// A post's front matter, as the author writes it (and an import writes it).
#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// The post's address, when it should not be its file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    pub date: toml::value::Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excerpt_only: bool,
}

#[derive(Debug, Clone)]
pub struct Post {
    pub slug: String,
    /// Where the slug was set: the `slug` field, or 1:1 for the file name.
    pub slug_at: (usize, usize),
    pub source: PathBuf,
    pub title: String,
    pub date: Date,
    /// Seconds into `date`, for ordering posts published on one day.
    pub time_of_day: u32,
    pub author: String,
    pub labels: Vec<String>,
    pub draft: bool,
    /// Set by [`crate::publish::select`] on a post shown though readers cannot see
    /// it yet (in a preview); `None` when loaded.
    pub unpublished: Option<quire_schema::Unpublished>,
    /// What lists show: the author's summary, or the opening of the post.
    pub summary: String,
    pub excerpt_only: bool,
    /// Shared, as are `rendered` and `plain_text`, the big parts of a post: the
    /// preview hands on every post it kept at every save, and copying them all took
    /// about 70 ms of every save in a blog of ten thousand posts.
    pub markdown: Arc<str>,
    /// Highlighting runs for each code block, made once here (see quire-highlight).
    /// Shared, as the preview hands on every post at every save.
    pub code: Arc<[Vec<u32>]>,
    /// The article as readers get it (with `code`), rendered once here from the one
    /// parse of the post: pages and feeds use it, the checks read its links and images.
    pub rendered: Arc<quire_markdown::Rendered>,
    /// The local image files the post shows, where it names them: what the build
    /// measures and resizes (`quire_site::images`).
    pub local_images: Vec<LocalImage>,
    /// Those images as published, once the build has processed them; until then
    /// empty, and `rendered` has plain images.
    pub pictures: Vec<quire_schema::Picture>,
    /// The site path of the post's link-preview image (its first image, cropped),
    /// once processed.
    pub share_image: Option<String>,
    /// The post's words as plain text, for search.
    pub plain_text: Arc<str>,
    /// Links to other posts (`/posts/<slug>`), with their line and column, to check
    /// once every post is known.
    pub post_links: Vec<(String, usize, usize)>,
    /// For a post folder (`posts/<slug>/index.md`): the folder. Its other files
    /// are published under the post's address, `/posts/<slug>/…`.
    pub folder: Option<PathBuf>,
    /// The folder's files besides `index.md`, relative to it, in order.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Content {
    pub site: SiteConfig,
    /// Newest first; drafts and scheduled posts included (`publish::select` decides
    /// what a site shows). Shared with the preview's remembered load, which hands
    /// on every post it kept at every save: copying them was a fifth of a save's
    /// reading at ten thousand posts. A change to one copies it (`Arc::make_mut`).
    pub posts: Vec<Arc<Post>>,
    /// Views per slug, from `popularity.toml`.
    pub views: BTreeMap<String, u64>,
    /// Comments per slug, from `comments/<slug>.toml`.
    pub comments: BTreeMap<String, Vec<quire_schema::Comment>>,
    /// The site's pages, in navigation order; drafts included until `publish::select`.
    pub pages: Vec<crate::pages::Page>,
    /// Old addresses and where they now lead, from `redirects.toml`.
    pub redirects: Vec<crate::redirects::Redirect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Popularity {
    #[serde(default)]
    views: BTreeMap<String, u64>,
}

/// Everything `load` found: the content when it is usable, and every diagnostic.
pub struct Loaded {
    pub content: Option<Content>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load(dir: &Path) -> Loaded {
    load_at(dir, None)
}

/// As [`load`], for a site to be published at `base_url` instead of the address
/// `site.toml` gives (`quire build --base-url`): the HTML of posts and pages names
/// every site path under the path that address has.
pub fn load_at(dir: &Path, base_url: Option<&str>) -> Loaded {
    load_with(dir, base_url, None)
}

/// As [`load`], reading and parsing again only the posts that changed since the
/// load that `remembered` remembers (see [`crate::remembered`]), which then
/// remembers this one.
pub fn load_remembering(dir: &Path, remembered: &mut Remembered) -> Loaded {
    load_with(dir, None, Some(remembered))
}

fn load_with(dir: &Path, base_url: Option<&str>, remembered: Option<&mut Remembered>) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut site = load_site(&dir.join("site.toml"), &mut diagnostics);
    if let (Some(site), Some(url)) = (site.as_mut(), base_url) {
        site.base_url = url.to_string();
    }
    let root = site
        .as_ref()
        .map_or_else(|| "/".to_string(), |s| quire_schema::base_path(&s.base_url));
    let posts = load_posts(dir, site.as_ref(), &root, remembered, &mut diagnostics);
    let views = load_views(&dir.join("popularity.toml"), &posts, &mut diagnostics);
    let comments = crate::comments::load(dir, &posts, &mut diagnostics);
    let pages = crate::pages::load(dir, &posts, &root, &mut diagnostics);
    let redirects = crate::redirects::load(dir, &posts, &pages, &mut diagnostics);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let content = match (site, failed) {
        (Some(site), false) => Some(Content {
            site,
            posts,
            views,
            comments,
            pages,
            redirects,
        }),
        _ => None,
    };
    Loaded {
        content,
        diagnostics,
    }
}

pub(crate) fn read_text(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                path,
                format!("cannot read the file: {err}"),
                "check that the file exists and is readable",
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
            let (line, column) = line_and_column(&valid, offset);
            diagnostics.push(
                Diagnostic::error(
                    path,
                    "the file is not valid UTF-8 text",
                    "save the file as UTF-8 in your editor",
                )
                .at(line, column),
            );
            None
        }
    }
}

/// Just `content/site.toml`, for tools that need the settings and not the posts.
pub fn load_site_config(content_dir: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    load_site(&content_dir.join("site.toml"), &mut diagnostics).ok_or(diagnostics)
}

fn load_site(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let text = read_text(path, diagnostics)?;
    parse_settings(
        path,
        &text,
        "site.toml takes: title, description, author, base_url, language, popular_count, \
         comments_endpoint, publish_original_images",
        diagnostics,
    )
}

/// Reads a settings file, reporting a TOML or schema error at its place in the file.
pub(crate) fn parse_settings<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    hint: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(err) => {
            let (line, column) = line_and_column(text, err.span().map_or(0, |s| s.start));
            diagnostics.push(Diagnostic::error(path, err.message().trim(), hint).at(line, column));
            None
        }
    }
}

fn load_posts(
    content_dir: &Path,
    site: Option<&SiteConfig>,
    root: &str,
    mut remembered: Option<&mut Remembered>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Arc<Post>> {
    let dir = &content_dir.join(POSTS_DIR);
    let static_dir = content_dir.join(STATIC_DIR);
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                dir,
                format!("cannot read the posts folder: {err}"),
                "create content/posts/ and put one Markdown file per post in it",
            ));
            return Vec::new();
        }
    };
    // Each post's file, with the name of its entry in the folder: sorted by that
    // name, in the order of the paths' components, without taking every path
    // apart again at each comparison (a tenth of a save's reading, at ten
    // thousand posts).
    let mut paths = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        // The kind the folder's listing gives, but for a link, which is followed.
        let is_dir = match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => kind.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            // A post folder: `index.md` with the post's own files beside it.
            let index = path.join(POST_FOLDER_INDEX);
            if index.is_file() {
                paths.push((entry.file_name(), index));
            } else if !is_hidden(&path) {
                diagnostics.push(Diagnostic::warning(
                    &path,
                    "this folder is not a post: it has no index.md",
                    "put the post's Markdown in index.md inside the folder, with its images \
                     beside it, or move the folder out of content/posts/",
                ));
            }
        } else if path.extension().is_some_and(|ext| ext == "md") {
            paths.push((entry.file_name(), path));
        }
    }
    paths.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    let paths: Vec<PathBuf> = paths.into_iter().map(|(_, path)| path).collect();
    let default_author = site.map_or("", |s| s.author.as_str());
    if let Some(remembered) = remembered.as_deref_mut() {
        remembered.begin(format!(
            "{default_author}\n{root}\n{}",
            static_dir.display()
        ));
    }
    // Reading and checking a post is independent of the others: every core shares
    // a big blog, and their findings are put back in file order.
    let before = remembered.as_deref();
    let loaded = crate::parallel::map(&paths, |path| {
        // (A load that is not remembered needs no stamps.)
        let stamps = before.and_then(|_| Stamps::of(path));
        if let (Some(before), Some(now)) = (before, &stamps) {
            if before.unchanged(path, now) {
                return None;
            }
        }
        let mut found = Vec::new();
        let mut looked_up = Vec::new();
        let post = load_post(
            path,
            default_author,
            &static_dir,
            root,
            &mut looked_up,
            &mut found,
        );
        Some((stamps, Kept::new(looked_up, post.map(Arc::new), found)))
    });
    let mut posts = Vec::with_capacity(loaded.len());
    let Some(remembered) = remembered else {
        for (_, kept) in loaded.into_iter().flatten() {
            posts.extend(kept.post);
            diagnostics.extend(kept.found);
        }
        return sorted(posts, diagnostics);
    };
    remembered.keep_only(&paths);
    for (path, fresh) in paths.iter().zip(loaded) {
        if let Some((stamps, kept)) = fresh {
            remembered.read_one();
            // A file that could not be stamped, or was saved just now, is not
            // remembered.
            let unkept = match stamps {
                Some(stamps) => remembered.keep(path, stamps, kept),
                None => Some(kept),
            };
            if let Some(kept) = unkept {
                posts.extend(kept.post);
                diagnostics.extend(kept.found);
                continue;
            }
        }
        if let Some(kept) = remembered.get(path) {
            posts.extend(kept.post.clone());
            diagnostics.extend(kept.found.iter().cloned());
        }
    }
    sorted(posts, diagnostics)
}

/// The posts checked against each other, newest first.
fn sorted(mut posts: Vec<Arc<Post>>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Arc<Post>> {
    check_duplicate_slugs(&posts, diagnostics);
    check_post_links(&posts, diagnostics);
    // By key, then moved into place once each: a post is big, and sorting the
    // posts themselves moved them about many times.
    posts.sort_by_cached_key(|post| {
        (
            std::cmp::Reverse((post.date, post.time_of_day)),
            post.slug.clone(),
        )
    });
    posts
}

/// The folder of `content/` that holds the posts.
pub const POSTS_DIR: &str = "posts";

/// The Markdown file of a post folder.
pub const POST_FOLDER_INDEX: &str = "index.md";

/// Dot files (`.DS_Store`, an editor's swap file) are never content.
pub(crate) fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The folder of a post folder's `index.md`; `None` for a one-file post.
pub(crate) fn post_folder(path: &Path) -> Option<&Path> {
    if path.file_name() == Some(std::ffi::OsStr::new(POST_FOLDER_INDEX)) {
        path.parent()
    } else {
        None
    }
}

/// The files of a post folder besides its `index.md`, relative to it, sorted.
pub(crate) fn folder_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let Ok(entries) = fs::read_dir(folder.join(&relative)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let inner = relative.join(entry.file_name());
            if is_hidden(&path) || inner == Path::new(POST_FOLDER_INDEX) {
                continue;
            }
            // Symbolic links are left out: a post publishes its own files only.
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(inner),
                Ok(kind) if kind.is_file() => found.push(inner),
                _ => {}
            }
        }
    }
    found.sort();
    found
}

/// How long an automatic excerpt may be, in characters.
const EXCERPT_CHARS: usize = 280;

/// Files authors refer to (images and the like), copied to the site root as they are.
pub const STATIC_DIR: &str = "static";

fn load_post(
    path: &Path,
    default_author: &str,
    static_dir: &Path,
    root: &str,
    looked_up: &mut Vec<(PathBuf, bool)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Post> {
    let text = read_text(path, diagnostics)?;
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            path,
            "the post is empty",
            "write front matter between `+++` lines and the post's Markdown, or delete the file",
        ).at(1, 1));
        return None;
    }
    let folder = post_folder(path).map(Path::to_path_buf);
    // A post folder's address is the folder's name, a one-file post's its file's.
    let named_by = folder.as_deref().unwrap_or(path);
    let file_stem = named_by
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let mut ok = true;
    let split = match front_matter::split(path, &text) {
        Ok(split) => split,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let fm: FrontMatter = match front_matter::parse(path, &text, &split, front_matter::POST_FIELDS)
    {
        Ok(fm) => fm,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let at_field = |field: &str| field_position(&text, split.front_matter_offset, field);
    let (slug, slug_at) = match fm.slug {
        Some(slug) => {
            let at = at_field("slug");
            if !is_slug(&slug) {
                ok = false;
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!("the slug \"{slug}\" cannot be a post's address"),
                        "use lowercase letters, digits and single hyphens, e.g. `slug = \"my-post\"`",
                    )
                    .at(at.0, at.1)
                    .field("slug"),
                );
            }
            (slug, at)
        }
        None => {
            if !is_slug(&file_stem) {
                ok = false;
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "the {} name `{file_stem}` cannot be a post's address",
                            if folder.is_some() { "folder" } else { "file" }
                        ),
                        "rename the file (or the post's folder) using only lowercase letters, \
                         digits and single hyphens, e.g. `my-first-post.md`, or give the post \
                         `slug = \"…\"`",
                    )
                    .at(1, 1),
                );
            }
            (file_stem, (1, 1))
        }
    };
    if fm.title.trim().is_empty() {
        ok = false;
        let (line, column) = at_field("title");
        diagnostics.push(
            Diagnostic::error(path, "the title is empty", "give the post a title")
                .at(line, column)
                .field("title"),
        );
    }
    let (date, time_of_day) = match post_date(&fm.date) {
        Ok(date) => date,
        Err(why) => {
            let (line, column) = at_field("date");
            diagnostics.push(
                Diagnostic::error(path, why, "write the date as `date = 2026-01-27`")
                    .at(line, column)
                    .field("date"),
            );
            return None;
        }
    };
    for label in &fm.labels {
        if !is_slug(label) {
            ok = false;
            let (line, column) = at_field("labels");
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!("the label \"{label}\" is not a valid label"),
                    "labels become addresses: use lowercase letters, digits and single hyphens, \
                     e.g. \"united-states\"",
                )
                .at(line, column)
                .field("labels"),
            );
        }
    }
    let body = split.body.trim_start_matches(['\n', '\r']);
    if let Some(why) = quire_markdown::too_large(body) {
        ok = false;
        let (line, _) = line_and_column(&text, split.body_offset);
        diagnostics.push(
            Diagnostic::error(
                path,
                format!("the post is too long: {why}"),
                "split it into several posts",
            )
            .at(line, 1),
        );
    }
    // The one parse of the post: everything below reads its events.
    let parsed = quire_markdown::Parsed::new(body);
    let code = crate::highlight::code_runs(&parsed.code_blocks());
    let files_base = quire_schema::post_files_base(&slug, folder.is_some());
    let place = quire_markdown::Place {
        root,
        files: &files_base,
    };
    let rendered = parsed.render(body, &code, place, &[]);
    let code: Arc<[Vec<u32>]> = code.into();
    let body_start = split.body_offset + (split.body.len() - body.len());
    // Found once, and only for a post with an image or a link to check.
    let lines = std::cell::OnceCell::new();
    let at = |offset: usize| {
        lines
            .get_or_init(|| Lines::new(&text))
            .at(body_start + offset)
    };
    let local = LocalFiles {
        static_dir,
        folder: folder.as_deref(),
        files_base: &files_base,
        looked_up: Default::default(),
    };
    let mut local_images = Vec::new();
    ok &= local.check_rendered(path, &rendered, &at, &mut local_images, diagnostics);
    *looked_up = local.looked_up.take();
    let post_links = rendered
        .links
        .iter()
        .filter_map(|link| {
            let slug = linked_post(&link.dest)?;
            let (line, column) = at(link.offset);
            Some((slug.to_string(), line, column))
        })
        .collect();
    ok.then(|| Post {
        slug,
        slug_at,
        source: path.to_path_buf(),
        title: fm.title.trim().to_string(),
        date,
        time_of_day,
        author: fm.author.unwrap_or_else(|| default_author.to_string()),
        labels: fm.labels,
        draft: fm.draft,
        unpublished: None,
        summary: fm
            .summary
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| parsed.excerpt(EXCERPT_CHARS)),
        code,
        plain_text: parsed.plain_text().into(),
        excerpt_only: fm.excerpt_only,
        markdown: body.into(),
        post_links,
        rendered: Arc::new(rendered),
        local_images,
        pictures: Vec::new(),
        share_image: None,
        files: folder.as_deref().map(folder_files).unwrap_or_default(),
        folder,
    })
}

/// A local image file a post shows, and where the post names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalImage {
    pub file: PathBuf,
    /// Its address as the Markdown resolves it (what `quire_schema::Picture::src`
    /// matches).
    pub src: String,
    /// As the author wrote it.
    pub written: String,
    pub line: usize,
    pub column: usize,
}

/// Where a post's local images and links must be found: `content/static/` for
/// site paths, the post's folder for what resolved into it.
pub(crate) struct LocalFiles<'a> {
    pub static_dir: &'a Path,
    pub folder: Option<&'a Path>,
    /// The post's [`quire_schema::post_files_base`].
    pub files_base: &'a str,
    /// Every file looked for, and whether it was there: what the checks' outcome
    /// depends on (see [`crate::remembered`]).
    pub looked_up: std::cell::RefCell<Vec<(PathBuf, bool)>>,
}

impl LocalFiles<'_> {
    /// Every image of `rendered` (alt text, and that the file exists) and every link
    /// to a post folder's own files; `at` locates an offset in the file. False when
    /// any is an error.
    pub fn check_rendered(
        &self,
        path: &Path,
        rendered: &quire_markdown::Rendered,
        at: &dyn Fn(usize) -> (usize, usize),
        found: &mut Vec<LocalImage>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> bool {
        let mut ok = true;
        for image in &rendered.images {
            let (line, column) = at(image.offset);
            if image.alt.trim().is_empty() {
                diagnostics.push(
                    Diagnostic::warning(
                        path,
                        format!("the image `{}` has no alt text", image.src),
                        "describe the image between the brackets, `![A map of Europe](map.png)`, \
                         for readers who cannot see it",
                    )
                    .at(line, column),
                );
            }
            let resolved = quire_markdown::resolve_url(&image.src, self.files_base);
            match self.locate(&resolved) {
                Ok(Some(file)) => found.push(LocalImage {
                    file,
                    src: resolved,
                    written: image.src.clone(),
                    line,
                    column,
                }),
                Ok(None) => {}
                Err(hint) => {
                    ok = false;
                    diagnostics.push(
                        Diagnostic::error(
                            path,
                            format!("the image `{}` does not exist", image.src),
                            hint,
                        )
                        .at(line, column),
                    );
                }
            }
        }
        // Links to a post folder's own files (a download) are checked like images.
        for link in &rendered.links {
            let resolved = quire_markdown::resolve_url(&link.dest, self.files_base);
            if self.folder.is_some() && resolved.starts_with(self.files_base) {
                if let Err(hint) = self.check(&resolved) {
                    ok = false;
                    let (line, column) = at(link.offset);
                    diagnostics.push(
                        Diagnostic::error(
                            path,
                            format!("the link to `{}` leads to no file", link.dest),
                            hint,
                        )
                        .at(line, column),
                    );
                }
            }
        }
        ok
    }

    /// `Ok` when `url` leaves the site or names a file that exists; otherwise the
    /// hint for the author.
    pub fn check(&self, url: &str) -> Result<(), String> {
        self.locate(url).map(|_| ())
    }

    /// The file a local `url` names (`None` when it leaves the site), or the hint
    /// for the author when there is no such file.
    pub fn locate(&self, url: &str) -> Result<Option<PathBuf>, String> {
        let Some(file) = local_file(url) else {
            return Ok(None);
        };
        let file = percent_decoded(file);
        let relative = Path::new(&file);
        if relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(
                "write the path without `..`: a post names only its own files \
                        and those in content/static/"
                    .to_string(),
            );
        }
        let inside_folder = self.folder.zip(
            url.strip_prefix(self.files_base)
                .filter(|_| self.files_base != "/"),
        );
        let expected = match inside_folder {
            Some((folder, rest)) => folder.join(percent_decoded(
                rest.split(['?', '#']).next().unwrap_or(rest),
            )),
            None => self.static_dir.join(relative),
        };
        let found = expected.is_file();
        self.looked_up.borrow_mut().push((expected.clone(), found));
        if found {
            Ok(Some(expected))
        } else {
            Err(format!(
                "put the file at {}, or correct the path",
                expected.display()
            ))
        }
    }
}

/// `%20` and the like decoded, as a host does before it looks for the file; the
/// text as it is when it is not valid percent-encoding of UTF-8.
fn percent_decoded(text: &str) -> String {
    quire_schema::percent_decode(text).unwrap_or_else(|| text.to_string())
}

pub(crate) fn post_date(value: &toml::value::Datetime) -> Result<(Date, u32), String> {
    let Some(d) = value.date else {
        return Err(format!("`{value}` has no calendar date"));
    };
    let date = Date::new(d.year, d.month, d.day).map_err(|e| e.to_string())?;
    let seconds = value.time.map_or(0, |t| {
        u32::from(t.hour) * 3600 + u32::from(t.minute) * 60 + u32::from(t.second.unwrap_or(0))
    });
    Ok((date, seconds))
}

/// The file under `content/static/` that a local URL names; `None` for URLs that
/// leave the site (`https:`, `mailto:`, `//host`) or name a page.
pub(crate) fn local_file(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let remote = path.contains(':') || path.starts_with("//");
    (!remote && !path.is_empty()).then(|| path.trim_start_matches('/'))
}

/// The slug in a link to a post: `/posts/<slug>`, with an optional `/`, `#…` or `?…`.
pub(crate) fn linked_post(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("/posts/")?;
    let slug = rest.split(['/', '#', '?']).next().unwrap_or(rest);
    (!slug.is_empty()).then_some(slug)
}

fn check_post_links(posts: &[Arc<Post>], diagnostics: &mut Vec<Diagnostic>) {
    // A set, not a search of every post for every link: a blog of thousands of
    // posts that link each other took seconds.
    let slugs: std::collections::HashSet<&str> = posts.iter().map(|p| p.slug.as_str()).collect();
    for post in posts {
        for (slug, line, column) in &post.post_links {
            if !slugs.contains(slug.as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        &post.source,
                        format!("the link to /posts/{slug} leads nowhere: there is no such post"),
                        format!(
                            "correct the slug (a file name in content/posts/ without .md), \
                             or write content/posts/{slug}.md"
                        ),
                    )
                    .at(*line, *column),
                );
            }
        }
    }
}

/// Where `field = …` starts in the front matter, for errors found after parsing.
pub(crate) fn field_position(text: &str, fm_offset: usize, field: &str) -> (usize, usize) {
    let mut offset = fm_offset;
    for line in text[fm_offset..].split_inclusive('\n') {
        let key = line.split_once('=').map(|(k, _)| k.trim());
        if key == Some(field) {
            return line_and_column(text, offset);
        }
        offset += line.len();
    }
    line_and_column(text, fm_offset)
}

/// The Markdown of a post file: everything after its front matter, or the whole
/// text when it has none.
pub fn markdown_of(text: &str) -> &str {
    match front_matter::split(Path::new(""), text) {
        Ok(split) => split.body.trim_start_matches(['\n', '\r']),
        Err(_) => text,
    }
}

fn check_duplicate_slugs(posts: &[Arc<Post>], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for post in posts {
        if let Some(first) = seen.insert(&post.slug, &post.source) {
            diagnostics.push(
                Diagnostic::error(
                    &post.source,
                    format!(
                        "the slug `{}` is already the address of {}",
                        post.slug,
                        first.display()
                    ),
                    "give one of the two posts another `slug = \"…\"`, or rename its file",
                )
                .at(post.slug_at.0, post.slug_at.1),
            );
        }
    }
}

fn load_views(
    path: &Path,
    posts: &[Arc<Post>],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, u64> {
    if !path.exists() {
        return BTreeMap::new();
    }
    let Some(text) = read_text(path, diagnostics) else {
        return BTreeMap::new();
    };
    let Some(Popularity { views }) = parse_settings(
        path,
        &text,
        "write one line per post under [views]: `post-slug = 1234`",
        diagnostics,
    ) else {
        return BTreeMap::new();
    };
    for slug in views.keys() {
        if !posts.iter().any(|p| &p.slug == slug) {
            let (line, column) = field_position(&text, 0, slug);
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!("`{slug}` is not a post; its views are ignored"),
                    "correct the slug to a file name in content/posts/ (without .md), or remove the line",
                )
                .at(line, column),
            );
        }
    }
    views
}
