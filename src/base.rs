//! Where the site lives on its host: `/` or a sub-path such as `/blog/`. The build
//! writes it into the page (`<meta name="quire-base">`) and the app reads it once.

use std::sync::OnceLock;

/// The site's path, starting and ending with `/`.
pub fn base_path() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let declared = leptos::prelude::document()
            .query_selector("meta[name=quire-base]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default();
        quire_schema::base_path(&declared)
    })
}

/// A path as the browser shows it (`/blog/posts/x`) as a site path (`posts/x`), the
/// form `quire_schema::Route::parse` reads.
pub fn site_path(path: &str) -> &str {
    path.strip_prefix(base_path())
        .unwrap_or_else(|| path.trim_start_matches('/'))
}

/// The router's base: the base path without its trailing slash (`""` at the root).
pub fn router_base() -> &'static str {
    base_path().trim_end_matches('/')
}
