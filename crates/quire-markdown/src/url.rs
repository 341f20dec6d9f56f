//! Which link and image URLs may reach the page.
//!
//! The check works on the URL as the browser will finally see it: pulldown-cmark has
//! already decoded entities and backslash escapes, and here we strip what browsers
//! ignore when they look for a scheme (leading controls and spaces, tabs and newlines
//! anywhere). Percent-encoding needs no decoding: a browser never decodes it before
//! finding the scheme, so `javascript%3A…` is a harmless relative path.

const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// True for http, https and mailto URLs, relative paths and fragments.
pub fn is_safe(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match scheme(&cleaned) {
        None => true,
        Some(scheme) => ALLOWED_SCHEMES
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed)),
    }
}

/// True for absolute http and https URLs: links that leave the blog.
pub fn is_external(url: &str) -> bool {
    let url = url.trim_start();
    ["http://", "https://"].iter().any(|prefix| {
        url.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    }) || url.starts_with("//")
}

/// Whatever precedes a `:` that comes before any `/`, `?` or `#` is treated as a
/// scheme, even where a browser would not, so that odd ones are refused rather than
/// guessed at.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    url[end..].starts_with(':').then(|| &url[..end])
}
