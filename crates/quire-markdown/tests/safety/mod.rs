//! The safety check shared by the hostile corpus, the fuzz target and the fuzz
//! regression test: parse our output with a real HTML5 parser (html5ever, through
//! scraper) and list everything that could run script or escape the article.

use scraper::{Html, Node};

/// Elements our renderer may produce; anything else came from the input.
const ALLOWED_ELEMENTS: &[&str] = &[
    // "html" and "body" are the parser's wrapper for a fragment.
    "html",
    "body",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "input",
];

const ALLOWED_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "alt",
    "title",
    "id",
    "class",
    "start",
    "type",
    "disabled",
    "checked",
    "loading",
    "decoding",
    "rel",
    "aria-label",
];

/// Everything wrong with the page a browser would build from `html`.
pub fn problems(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let document = Html::parse_fragment(html);
    for node in document.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let name = element.name();
        if !ALLOWED_ELEMENTS.contains(&name) {
            found.push(format!("element <{name}>"));
        }
        for (attribute, value) in element.attrs() {
            if !ALLOWED_ATTRIBUTES.contains(&attribute) {
                found.push(format!("attribute {attribute}= on <{name}>"));
            }
            if matches!(attribute, "href" | "src") && runs_script(value) {
                found.push(format!("{attribute}=\"{value}\" on <{name}>"));
            }
            if attribute == "id" && !(value.starts_with("sec-") || value.starts_with("fn-")) {
                found.push(format!("unprefixed id \"{value}\""));
            }
        }
        if name == "input"
            && (element.attr("type") != Some("checkbox") || element.attr("disabled").is_none())
        {
            found.push("an input that is not a disabled checkbox".to_string());
        }
    }
    found
}

/// What a browser does to a URL before looking for its scheme (the parser has
/// already decoded entities).
fn runs_script(url: &str) -> bool {
    let seen: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:"]
        .iter()
        .any(|scheme| seen.starts_with(scheme))
}
