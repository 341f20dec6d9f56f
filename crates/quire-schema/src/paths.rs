//! Where each bundle lives, relative to the site root. The bundler writes there and
//! the app fetches from there, so the layout is defined once.

/// The folder of `dist/` that holds every bundle.
pub const DATA_DIR: &str = "data";

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

pub fn popular_path() -> String {
    format!("{DATA_DIR}/popular.json")
}
