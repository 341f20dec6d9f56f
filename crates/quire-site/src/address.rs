//! Where the site lives (its base URL; its path is `quire_schema::base_path`) and text
//! made safe for HTML and XML.

/// The base URL with exactly one trailing slash.
pub fn base_url(url: &str) -> String {
    format!("{}/", url.trim_end_matches('/'))
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
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">&</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
