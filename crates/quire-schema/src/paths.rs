//! Where each bundle lives, relative to the site root. The bundler writes there and
//! the app fetches from there, so the layout is defined once.
//!
//! Every bundle is written twice: under its name (`data/posts/x.json`), which a host
//! must revalidate because a new build changes it, and under a name made from its
//! content (`data/h/<hash>.json`), which never changes and is cached for a year.
//! Pages and bundles that link a bundle give its hashed name; the plain name is for
//! when none is known (an address typed in, an old tab after a redeploy).

/// The folder of `dist/` that holds every bundle.
pub const DATA_DIR: &str = "data";

/// The folder of content-hashed bundles: everything in it is immutable.
pub const IMMUTABLE_DIR: &str = "data/h";

/// Where a bundle whose content hashes to `hash` (hex) lives.
pub fn immutable_path(hash: &str) -> String {
    format!("{IMMUTABLE_DIR}/{hash}.json")
}

pub fn site_path() -> String {
    format!("{DATA_DIR}/site.json")
}

/// `page` is 1-based.
pub fn feed_page_path(page: u32) -> String {
    format!("{DATA_DIR}/feed/{page}.json")
}

pub fn post_path(slug: &str) -> String {
    format!("{DATA_DIR}/posts/{slug}.json")
}

/// A page's bundle (About, Contact …).
pub fn page_path(slug: &str) -> String {
    format!("{DATA_DIR}/pages/{slug}.json")
}

/// The site path that relative links and images in a post's Markdown resolve
/// against: the post's own folder for a post folder, whose files are published
/// there, and the site root (where `content/static/` is) for a one-file post. The
/// builder, the checks and the app all resolve through this.
pub fn post_files_base(slug: &str, folder: bool) -> String {
    if folder {
        format!("/posts/{slug}/")
    } else {
        "/".to_string()
    }
}

pub fn popular_path() -> String {
    format!("{DATA_DIR}/popular.json")
}

/// A page of the posts with `label`, newest first; `page` is 1-based.
pub fn label_page_path(label: &str, page: u32) -> String {
    format!("{DATA_DIR}/labels/{label}/{page}.json")
}

pub fn archive_path() -> String {
    format!("{DATA_DIR}/archive.json")
}

pub fn labels_path() -> String {
    format!("{DATA_DIR}/labels.json")
}

pub fn search_path() -> String {
    format!("{DATA_DIR}/search.json")
}
