//! pulldown-cmark's table of HTML's named character references is Quire's compact
//! copy (vendor/pulldown-cmark): every reference must still expand exactly as
//! upstream's table says, and nothing else may.

use pulldown_cmark::{Event, Parser};

/// Upstream's table, unchanged in the vendored crate for this test.
const UPSTREAM: &str = include_str!("../../../vendor/pulldown-cmark/src/entities_upstream.rs");

/// Upstream's entries, read from its source: `(b"name", "\u{…}…"),` per line.
fn upstream() -> Vec<(String, String)> {
    let mut entries = Vec::new();
    for line in UPSTREAM.lines() {
        let Some(rest) = line.trim().strip_prefix("(b\"") else {
            continue;
        };
        let (name, rest) = rest.split_once("\", \"").expect("a value follows the name");
        let escapes = rest.strip_suffix("\"),").expect("an entry ends its line");
        let value = escapes
            .split("\\u{")
            .filter(|hex| !hex.is_empty())
            .map(|hex| {
                let code = u32::from_str_radix(hex.trim_end_matches('}'), 16).expect("hex");
                char::from_u32(code).expect("a character")
            })
            .collect();
        entries.push((name.to_string(), value));
    }
    entries
}

/// The text pulldown-cmark reads from `markdown`, events joined.
fn text_of(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_named_reference_expands_as_upstream_expands_it() {
    let entries = upstream();
    assert_eq!(entries.len(), 2125, "upstream's table as read");
    for (name, value) in &entries {
        assert_eq!(
            text_of(&format!("x&{name};x")),
            format!("x{value}x"),
            "&{name};"
        );
    }
}

#[test]
fn a_name_that_is_no_reference_stays_as_written() {
    for name in [
        "A", "AEli", "AEligx", "aElig", "AAAA", "zzzzzz", "zwnjx", "ampamp", "Amp", "nbspx",
    ] {
        let written = format!("x&{name};x");
        assert_eq!(text_of(&written), written);
    }
    assert_eq!(text_of("&fjlig;"), "fj");
}
