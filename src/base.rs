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
        normalise(&declared)
    })
}

/// `blog` → `/blog/`; anything odd → `/`.
fn normalise(declared: &str) -> String {
    let trimmed = declared.trim().trim_matches('/');
    let plain = trimmed.split('/').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
    });
    if trimmed.is_empty() || !plain {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// A site path (`/posts/x`, `/`) as a link under the base path. leptos_router 0.8
/// leaves absolute hrefs as they are, so every internal link goes through here.
pub fn href(path: &str) -> String {
    format!("{}{}", base_path(), path.trim_start_matches('/'))
}

/// The router's base: the base path without its trailing slash (`""` at the root).
pub fn router_base() -> &'static str {
    base_path().trim_end_matches('/')
}
