use super::*;

#[test]
fn headings_paragraphs_and_lists_render() {
    let html = render_html("## A heading\n\nSome *text*.\n\n- one\n- two\n");
    assert!(html.contains("<h2>A heading</h2>"), "{html}");
    assert!(html.contains("<p>Some <em>text</em>.</p>"), "{html}");
    assert!(
        html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        "{html}"
    );
}

#[test]
fn tables_footnotes_strikethrough_and_tasks_render() {
    let html = render_html(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1] ~~old~~\n\n- [x] done\n\n[^1]: The note.\n",
    );
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("<td>1</td>"), "{html}");
    assert!(html.contains("footnote-reference"), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains(r#"type="checkbox""#), "{html}");
}

#[test]
fn code_blocks_keep_their_language_and_escape_their_text() {
    let html = render_html("```rust\nlet x = a < b;\n```\n");
    assert!(html.contains(r#"<code class="language-rust">"#), "{html}");
    assert!(html.contains("a &lt; b"), "{html}");
}

#[test]
fn raw_html_blocks_are_shown_as_text() {
    let html = render_html("<script>alert(1)</script>\n\ntext");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn inline_html_is_shown_as_text() {
    let html = render_html("a <img src=x onerror=alert(1)> b");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn script_urls_are_neutralised_in_every_disguise() {
    let attacks = [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](&#0;javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ];
    for attack in attacks {
        let html = render_html(attack);
        let urls = url_attributes(&html);
        assert!(!urls.is_empty(), "{attack:?} gave no link: {html}");
        for url in urls {
            assert_eq!(url, "#", "{attack:?} gave {html}");
        }
    }
}

/// The values of every href= and src= attribute in `html`.
fn url_attributes(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(&rest[..end]);
        }
    }
    found
}

#[test]
fn ordinary_urls_are_kept() {
    let html = render_html(
        "[a](https://example.org/x?y=1) [b](/posts/other) [c](#top) [d](mailto:me@example.org) [e](other.html)",
    );
    for href in [
        "https://example.org/x?y=1",
        "/posts/other",
        "#top",
        "mailto:me@example.org",
        "other.html",
    ] {
        assert!(
            html.contains(&format!(r#"href="{href}""#)),
            "{href} in {html}"
        );
    }
}

#[test]
fn url_check_handles_controls_and_case() {
    assert!(!is_safe_url("\u{1}javascript:x"));
    assert!(!is_safe_url(" JAVASCRIPT:x"));
    assert!(!is_safe_url("jav\nascript:x"));
    assert!(is_safe_url("HTTPS://example.org"));
    assert!(
        is_safe_url("javascript%3Ax"),
        "percent-encoded: a relative path"
    );
    assert!(is_safe_url("path/with:colon"));
}

#[test]
fn excerpts_are_plain_text_cut_at_a_word() {
    let md = "# Title\n\nThe *first* paragraph has [a link](https://x.org).\n\nSecond one.";
    assert_eq!(
        excerpt(md, 200),
        "The first paragraph has a link. Second one."
    );
    assert_eq!(excerpt(md, 20), "The first paragraph…");
}

#[test]
fn short_text_is_not_cut() {
    assert_eq!(excerpt("Short.", 50), "Short.");
    assert_eq!(excerpt("", 50), "");
}
