//! Inputs the bundle fuzzer flagged (`cargo xtask fuzz` keeps them in
//! tests/fuzz-regressions/), plus seeds: each must decode to a value or an error.

use quire_schema::{decode, FeedPage, PopularList, PostBundle, SiteBundle};
use std::path::Path;

#[test]
fn inputs_found_by_fuzzing_are_refused_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the regression folder exists") {
        let bytes = std::fs::read(entry.expect("an entry").path()).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        let _ = decode::<SiteBundle>(&text);
        let _ = decode::<FeedPage>(&text);
        let _ = decode::<PopularList>(&text);
        let _ = decode::<PostBundle>(&text);
        checked += 1;
    }
    assert!(
        checked >= 3,
        "the seed inputs are missing from {}",
        dir.display()
    );
}
