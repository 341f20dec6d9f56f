//! GitHub Flavored Markdown's extension examples (tables, strikethrough, extended
//! autolinks; `gfm_spec/extensions.txt`, from cmark-gfm's spec), run through the
//! renderer with the extensions an article has and without its decorations, and
//! compared after the spec's HTML normalisation. Authors paste from GitHub: what
//! they paste must come out as GitHub shows it, but for the differences listed.

#[path = "commonmark_spec/normalize.rs"]
mod normalize;
#[path = "commonmark_spec/examples.rs"]
mod spec_examples;

use quire_markdown::{render, Author, Options};

/// Articles turn on smart punctuation, which the spec does not: quotes, dashes
/// and ellipses are compared as typed.
fn plain_quotes(html: &str) -> String {
    html.replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .replace('—', "---")
        .replace('–', "--")
        .replace('…', "...")
}

/// Examples that differ on purpose, by number within the extension examples.
const DIFFERENT: &[(u32, &str)] = &[
    (
        2,
        "table alignment is a class (align-center …), not the obsolete `align` attribute",
    ),
    (
        18,
        "ftp:// is not a link: only http, https and mailto addresses are (the safety rules)",
    ),
];

#[test]
fn gfm_extension_examples_come_out_as_github_shows_them() {
    let spec = include_str!("gfm_spec/extensions.txt");
    let options = Options {
        extensions: true,
        decorations: false,
        author: Author::Owner,
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for kind in ["table", "strikethrough", "autolink"] {
        let examples = spec_examples::examples(spec, kind);
        assert!(!examples.is_empty(), "no {kind} examples");
        for example in examples {
            let number = checked + 1;
            checked += 1;
            let ours = plain_quotes(&render(&example.markdown, &options).html);
            let same = normalize::html(&ours) == normalize::html(&example.html);
            let different = DIFFERENT.iter().any(|(n, _)| *n == number);
            if same == different {
                failures.push(format!(
                    "{kind} example {} (#{number} here, {}): {}\n--- markdown\n{}--- expected\n{}--- ours\n{}",
                    example.number,
                    example.section,
                    if same { "now passes: take it off DIFFERENT" } else { "differs" },
                    example.markdown,
                    example.html,
                    ours
                ));
            }
        }
    }
    assert_eq!(
        checked, 21,
        "8 table, 2 strikethrough and 11 autolink examples"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
