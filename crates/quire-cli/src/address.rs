//! Where the site lives (its base URL and the path under it) and text made safe
//! for HTML and XML.

/// The base URL with exactly one trailing slash.
pub fn base_url(url: &str) -> String {
    format!("{}/", url.trim_end_matches('/'))
}

/// The path part of a base URL, the site's path on its host:
/// `https://example.org/blog` → `/blog/`; `https://example.org` → `/`.
pub fn base_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

/// Text (or an attribute value in double quotes) for HTML and XML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_path_is_the_path_of_the_base_url() {
        assert_eq!(base_path("https://example.org/blog/"), "/blog/");
        assert_eq!(base_path("https://example.org/blog"), "/blog/");
        assert_eq!(base_path("https://example.org/a/b/?x#y"), "/a/b/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("http://127.0.0.1:8080/"), "/");
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">&</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
