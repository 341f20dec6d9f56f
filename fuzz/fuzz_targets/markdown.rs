//! Random Markdown through every preset: no panic, and nothing executable in what a
//! real HTML5 parser builds from the output (the hostile corpus's check).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire_markdown::{render, Options};

#[path = "../../crates/quire-markdown/tests/safety/mod.rs"]
mod safety;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for options in [Options::ARTICLE, Options::COMMENT, Options::COMMONMARK] {
        let html = render(text, &options).html;
        let problems = safety::problems(&html);
        assert!(problems.is_empty(), "{text:?} rendered as {html:?}: {problems:?}");
    }
});
