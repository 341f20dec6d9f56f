//! The document head as the route changes: the prerendered page wrote the first
//! route's description, canonical link and preview tags; these keep them true for
//! every route the reader moves to, changing the tags in place.

use leptos::prelude::document;

/// The absolute URL of `path` (as the router shows it, under the base path) on the
/// site whose address is `base_url`.
pub fn canonical(base_url: &str, path: &str) -> String {
    let base = crate::base::base_path();
    let rest = path
        .strip_prefix(base)
        .unwrap_or(path.trim_start_matches('/'));
    format!("{}/{rest}", base_url.trim_end_matches('/'))
}

/// Sets the page's description, canonical URL (once the site's address is known)
/// and link-preview tags.
pub fn describe(title: &str, description: &str, url: Option<&str>) {
    let description = quire_schema::description(description);
    set("meta[name=description]", "content", &description);
    set("meta[property='og:title']", "content", title);
    set("meta[property='og:description']", "content", &description);
    if let Some(url) = url {
        set("link[rel=canonical]", "href", url);
        set("meta[property='og:url']", "content", url);
    }
}

/// Sets `attribute` on the head element matching `selector`, if the page has one.
fn set(selector: &str, attribute: &str, value: &str) {
    if let Ok(Some(element)) = document().query_selector(selector) {
        let _ = element.set_attribute(attribute, value);
    }
}
