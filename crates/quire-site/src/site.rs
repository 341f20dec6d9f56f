//! Everything a site is made of, from content selected for it (see
//! `quire_content::publish`): `quire build` writes it into a folder to deploy, and
//! `quire serve` into its preview, each file written only when it changed.

use crate::bundle::{self, Bundles, OutputFile};
use crate::images::Images;
use crate::{assets, feeds, headers, pages, redirects, search};
use quire_content::content::Content;
use std::path::{Path, PathBuf};

/// A whole site, in memory but for the files published as they are.
pub struct SiteFiles {
    /// The JSON bundles (all under `data/`), and what the pages were made from.
    pub bundles: Bundles,
    /// Feeds, sitemap, robots.txt, `_redirects` and redirect pages; with a shell, a
    /// page for every route and `_headers`.
    pub files: Vec<OutputFile>,
    /// Files copied as they are (post folders', `content/static/`): from, to.
    pub copies: Vec<(PathBuf, String)>,
    /// How many of each, for what the commands say.
    pub counts: Counts,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
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

/// The site of `content` (read from `content_dir`). With `shell` (Trunk's
/// `index.html`), also every page and the `_headers` for the app in `app_root`.
/// With `made`, what is as it was when `made` was kept is not made again, and
/// `made` becomes this site's.
pub fn make(
    content: &Content,
    content_dir: &Path,
    shell: Option<&str>,
    app_root: &Path,
    images: &Images,
    made: Option<&mut Made>,
) -> Result<SiteFiles, String> {
    let mut once = Made::default();
    let (made, keep) = match made {
        Some(made) => (made, true),
        None => (&mut once, false),
    };
    let bundles = bundle::bundles_with(
        content,
        keep.then_some(&mut made.search),
        keep.then_some(&mut made.bundles),
    );
    let mut counts = Counts::default();
    let mut files = feeds::files(content);
    // (Besides the feeds: sitemap.xml and robots.txt.)
    counts.feeds = files.len().saturating_sub(2);
    let old_addresses = redirects::files(content);
    // (Besides the pages: _redirects.)
    counts.redirect_pages = old_addresses.len().saturating_sub(1);
    files.extend(old_addresses);
    if let Some(shell) = shell {
        let pages = pages::pages(content, &bundles, shell, &mut made.pages)?;
        counts.pages = pages.len();
        let headers = headers::file(
            app_root,
            &pages,
            content.site.comments_endpoint.as_deref(),
            keep.then_some(&mut made.headers),
        )?;
        files.extend(pages);
        files.push(headers);
    }
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
    Ok(SiteFiles {
        bundles,
        files,
        copies,
        counts,
    })
}
