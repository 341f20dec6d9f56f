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

/// The scheme the browser will see, as the WHATWG URL parser finds it: an ASCII
/// letter, then letters, digits, `+`, `-` or `.`, then `:`. Anything else before the
/// first `:` (a space, a `)`, a NUL) makes the parser treat the URL as relative.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate)
}
