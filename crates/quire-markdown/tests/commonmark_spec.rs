//! The CommonMark 0.31.2 spec examples, run through the renderer's COMMONMARK preset
//! and compared after the spec's HTML normalisation. Every example must pass except
//! the ones listed in `EXPECTED_FAILURES`, each with the safety rule that makes our
//! output differ on purpose. The spec comes from npm (`commonmark-spec@0.31.2`),
//! which `cargo xtask test` installs; it is not committed.

#[path = "commonmark_spec/normalize.rs"]
mod normalize;
#[path = "commonmark_spec/examples.rs"]
mod spec_examples;

use quire_markdown::{render, Options};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Examples whose expected output breaks a safety rule, by the rule. Each was read
/// one by one: in every case the spec wants markup or a URL that we refuse.
const EXPECTED_FAILURES: &[(&str, &[u32])] = &[
    (
        "an HTML block is shown as text, not emitted as markup",
        &[
            21, 31, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163,
            164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180,
            181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 308, 309,
        ],
    ),
    (
        "inline HTML is shown as text, not emitted as markup",
        &[
            201, 344, 475, 476, 477, 491, 494, 524, 536, 613, 614, 615, 616, 617, 623, 630, 631,
            642, 643,
        ],
    ),
    (
        "autolinks with schemes other than http, https and mailto are not links",
        &[596, 598, 599, 601],
    ),
];

fn spec_path() -> PathBuf {
    std::env::var_os("QUIRE_COMMONMARK_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../target/tools/commonmark-spec/node_modules/commonmark-spec/spec.txt"
            ))
        })
}

#[test]
fn commonmark_spec_examples_pass_except_the_listed_unsafe_ones() {
    let path = spec_path();
    let spec = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the CommonMark spec at {}: {e}\n\
             `cargo xtask test` installs it (npm commonmark-spec@0.31.2)",
            path.display()
        )
    });
    let examples = spec_examples::examples(&spec, "");
    assert_eq!(examples.len(), 652, "spec 0.31.2 has 652 examples");

    let expected: BTreeMap<u32, &str> = EXPECTED_FAILURES
        .iter()
        .flat_map(|(why, numbers)| numbers.iter().map(move |n| (*n, *why)))
        .collect();
    let mut passed = 0;
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    for example in &examples {
        let ours = render(&example.markdown, &Options::COMMONMARK).html;
        let ok = normalize::html(&ours) == normalize::html(&example.html);
        match (ok, expected.contains_key(&example.number)) {
            (true, false) => passed += 1,
            (false, true) => {}
            (true, true) => fixed.push(example.number),
            (false, false) => unexpected.push(format!(
                "example {} ({}):\n--- markdown\n{}--- expected\n{}--- ours\n{}",
                example.number, example.section, example.markdown, example.html, ours
            )),
        }
    }
    println!(
        "CommonMark 0.31.2: {passed} of {} examples pass; {} differ on purpose (safety rules)",
        examples.len(),
        expected.len()
    );
    for (why, numbers) in EXPECTED_FAILURES {
        println!("  {:>3} × {why}", numbers.len());
    }
    assert!(
        unexpected.is_empty(),
        "{} examples fail that are not expected to:\n\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "these examples now pass: remove them from EXPECTED_FAILURES: {fixed:?}"
    );
}
