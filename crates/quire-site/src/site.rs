//! Everything a site is made of, from content selected for it (see
//! `quire_content::publish`): `quire build` writes it into a folder to deploy, and
//! `quire serve` into its preview, each file written only when it changed.

use crate::bundle::{self, OutputFile};
use crate::images::Images;
use crate::{assets, feeds, headers, pages, redirects, search};
use quire_content::content::{Content, Post};
use std::path::{Path, PathBuf};

/// A whole site, in memory but for the files published as they are.
pub struct SiteFiles {
    /// Every file made: the JSON bundles (all under `data/`), feeds, sitemap,
    /// robots.txt, `_redirects` and redirect pages; with a shell, a page for every
    /// route and `_headers`.
    pub files: Vec<OutputFile>,
    /// Files copied as they are (post folders', `content/static/`): from, to.
    pub copies: Vec<(PathBuf, String)>,
    /// How many of each, for what the commands say.
    pub counts: Counts,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Bundles, each under its plain and its content-hashed name, and the search
    /// index's files.
    pub bundle_files: usize,
    pub feeds: usize,
    pub redirect_pages: usize,
    pub folder_files: usize,
    pub static_files: usize,
    /// Images resized (each published as several files).
    pub images: usize,
    pub pages: usize,
}

/// What making a site keeps for the next time (the live preview's, on every
/// save): each page with what it was made from, and the search index's runs.
#[derive(Default)]
pub struct Made {
    pages: pages::Made,
    search: search::Runs,
    bundles: bundle::Kept,
    headers: headers::Found,
}

impl Made {
    /// How many pages are kept, for the tests.
    #[cfg(test)]
    pub(crate) fn pages_kept(&self) -> usize {
        self.pages.len()
    }
}

/// How many posts' bundles and pages (or lists' pages) are made and handed on at
/// a time: a part of a few megabytes, so that a big site is never held whole (ten
/// thousand posts' bundles and pages are about 400 MB), and enough for every core.
pub(crate) const POSTS_PER_PART: usize = 512;

/// The site of `content` (read from `content_dir`), all in memory: see
/// [`make_into`].
pub fn make(
    content: &Content,
    content_dir: &Path,
    shell: Option<&str>,
    app_root: &Path,
    images: &Images,
    made: Option<&mut Made>,
) -> Result<SiteFiles, String> {
    let mut files = Vec::new();
    let (copies, counts) = make_into(
        content,
        content_dir,
        shell,
        app_root,
        images,
        made,
        &mut |part| {
            files.extend(part);
            Ok(())
        },
    )?;
    Ok(SiteFiles {
        files,
        copies,
        counts,
    })
}

/// The site of `content` (read from `content_dir`), handed to `part` a few hundred
/// posts at a time, and last the rest: each part's files may name those of the
/// parts before, never those after. With `shell` (Trunk's `index.html`), also
/// every page and the `_headers` for the app in `app_root`. With `made`, what is
/// as it was when `made` was kept is not made again, and `made` becomes this
/// site's. Returns the files published as they are (from, to), and the counts.
pub fn make_into(
    content: &Content,
    content_dir: &Path,
    shell: Option<&str>,
    app_root: &Path,
    images: &Images,
    made: Option<&mut Made>,
    part: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), String>,
) -> Result<(Vec<(PathBuf, String)>, Counts), String> {
    let mut once = Made::default();
    let (made, keep) = match made {
        Some(made) => (made, true),
        None => (&mut once, false),
    };
    let Made {
        pages: made_pages,
        search: runs,
        bundles: kept,
        headers: found,
    } = made;
    let mut counts = Counts::default();
    let mut making = bundle::Making::new(content, keep.then_some(kept));
    let mut pages = match shell {
        Some(shell) => Some(pages::Pages::new(
            content,
            &making.out,
            shell,
            made_pages,
            keep,
        )?),
        None => None,
    };
    let mut scripts = headers::Scripts::new(keep.then_some(found));
    let posts: Vec<&Post> = making.all_posts().to_vec();
    for start in (0..posts.len()).step_by(POSTS_PER_PART) {
        let run = start..(start + POSTS_PER_PART).min(posts.len());
        let bundles: Vec<_> = making.posts(run.clone()).into_iter().map(Some).collect();
        let mut files = std::mem::take(&mut making.out.files);
        counts.bundle_files += files.len();
        if let Some(pages) = &mut pages {
            let made = pages.posts(&making.out, &posts[run], &bundles);
            scripts.add(&made);
            counts.pages += made.len();
            files.extend(made);
        }
        if let Err(stopped) = part(files) {
            return Err(give_back(pages, made_pages, keep, stopped));
        }
    }
    // The lists, the archive and the search index, which name the posts' bundles;
    // then the pages of the lists, which name the lists' bundles, a few hundred at
    // a time; then the rest.
    let mut bundles = making.rest();
    let files = std::mem::take(&mut bundles.files);
    counts.bundle_files += files.len();
    if let Err(stopped) = part(files) {
        return Err(give_back(pages, made_pages, keep, stopped));
    }
    // The search index a folder at a time: it is some 40 MB of JSON for ten
    // thousand posts. (Handing on cannot stop the index midway: the first
    // failure is kept, and nothing more is handed on.)
    let mut failed = None;
    bundle::search(content, &mut bundles, keep.then_some(runs), &mut |folder| {
        if failed.is_none() {
            counts.bundle_files += folder.len();
            failed = part(folder).err();
        }
    });
    if let Some(failed) = failed {
        return Err(give_back(pages, made_pages, keep, failed));
    }
    // The manifest, which names the index's folders.
    let mut files = std::mem::take(&mut bundles.files);
    counts.bundle_files += files.len();
    let feeds = feeds::files(content);
    // (Besides the feeds: sitemap.xml and robots.txt.)
    counts.feeds = feeds.len().saturating_sub(2);
    files.extend(feeds);
    let old_addresses = redirects::files(content);
    // (Besides the pages: _redirects.)
    counts.redirect_pages = old_addresses.len().saturating_sub(1);
    files.extend(old_addresses);
    if let Some(mut pages) = pages {
        let lists = pages::lists(&bundles);
        for run in lists.chunks(POSTS_PER_PART) {
            let made = pages.lists(&bundles, run);
            scripts.add(&made);
            counts.pages += made.len();
            if let Err(stopped) = part(made) {
                return Err(give_back(Some(pages), made_pages, keep, stopped));
            }
        }
        let made = pages.rest(&bundles);
        scripts.add(&made);
        counts.pages += made.len();
        files.extend(made);
        files.push(scripts.file(app_root, content.site.comments_endpoint.as_deref())?);
        let kept = pages.finish();
        if keep {
            *made_pages = kept;
        }
    }
    part(files)?;
    // Originals the image step replaced by resized copies are not published.
    let kept = |(from, _): &(PathBuf, String)| !images.withheld.contains(from);
    let mut copies: Vec<_> = assets::post_files(content)
        .into_iter()
        .filter(kept)
        .collect();
    counts.folder_files = copies.len();
    let static_files: Vec<_> = assets::static_files(content_dir)
        .into_iter()
        .filter(kept)
        .collect();
    counts.static_files = static_files.len();
    copies.extend(static_files);
    counts.images = images.processed;
    copies.extend(images.copies.iter().cloned());
    Ok((copies, counts))
}

/// When `part` stopped the making midway: the pages `made` kept, and those made
/// so far, go back to it (with `keep`), and `stopped` is passed on. What else
/// `made` holds is right as it is: each post's bundle and the relations are kept
/// by what they were made from, and the lists are kept back whole before any part
/// after them is handed on.
fn give_back(
    pages: Option<pages::Pages>,
    made_pages: &mut pages::Made,
    keep: bool,
    stopped: String,
) -> String {
    if let (Some(pages), true) = (pages, keep) {
        *made_pages = pages.abandon();
    }
    stopped
}

/// The bundles and pages of the posts named `edited` (by slug) in `content`, made
/// with what `made` kept of the last build (each post's neighbours and related
/// posts, and the site's and the popular list's bundles), and the bundles those
/// pages name. This is what a tab open on an edited post needs: the live preview
/// writes it first and tells the tabs, then makes and writes the whole site,
/// which has these same files (the lists, the archive, the search index and the
/// feeds follow then). In a blog of ten thousand posts, a post's own files take
/// a few milliseconds to make, and the whole site most of a second.
///
/// Returns `None` unless `made` kept a build with every one of the posts: a new
/// post has no neighbours yet, nor anything linking to it.
pub fn edited_posts(
    content: &Content,
    edited: &[&str],
    shell: &str,
    made: &mut Made,
) -> Result<Option<Vec<OutputFile>>, String> {
    if edited.iter().any(|slug| !made.bundles.has_post(slug)) {
        return Ok(None);
    }
    let Made {
        pages: made_pages,
        bundles: kept,
        ..
    } = made;
    let mut making = bundle::Making::new(content, Some(kept));
    let at: Vec<usize> = making
        .all_posts()
        .iter()
        .enumerate()
        .filter(|(_, post)| edited.contains(&post.slug.as_str()))
        .map(|(i, _)| i)
        .collect();
    let posts: Vec<&Post> = at.iter().map(|&i| making.all_posts()[i]).collect();
    let bundles: Vec<_> = at
        .iter()
        .flat_map(|&i| making.posts(i..i + 1))
        .map(Some)
        .collect();
    // Nothing here is kept: the whole site, made next, keeps what it makes.
    let mut pages = pages::Pages::new(content, &making.out, shell, made_pages, false)?;
    let mut files = std::mem::take(&mut making.out.files);
    files.extend(pages.posts(&making.out, &posts, &bundles));
    *made_pages = pages.finish();
    Ok(Some(files))
}
