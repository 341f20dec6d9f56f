//! Every input a fuzzing run ever flagged (`cargo xtask fuzz` copies them into
//! tests/fuzz-regressions/) is rendered again and checked like the hostile corpus.

mod safety;

use quire_markdown::{render, Options};
use std::path::Path;

#[test]
fn inputs_found_by_fuzzing_render_safely() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the regression folder exists") {
        let path = entry.expect("a readable entry").path();
        if path.extension().is_some_and(|e| e == "md")
            || path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("crash-"))
        {
            let bytes = std::fs::read(&path).expect("a readable input");
            let input = String::from_utf8_lossy(&bytes);
            for options in [Options::ARTICLE, Options::COMMENT, Options::COMMONMARK] {
                let html = render(&input, &options).html;
                let problems = safety::problems(&html);
                assert!(problems.is_empty(), "{}: {problems:?}", path.display());
            }
            checked += 1;
        }
    }
    println!("fuzz regressions: {checked} inputs re-checked");
    assert!(
        checked > 0,
        "the seed regression inputs are missing from {}",
        dir.display()
    );
}
