//! Small content folders made on the fly, for the tests of this crate and of the
//! crates that build sites from content (feature `fixtures`).

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

const SITE: &str = r#"title = "T"
description = "D"
author = "Ann"
base_url = "https://example.org/"
popular_count = 2
"#;

/// A fresh, empty folder under the system temp dir.
pub fn scratch() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "quire-cli-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("posts")).unwrap();
    dir
}

pub fn content_dir(posts: &[(&str, &str)]) -> PathBuf {
    let dir = scratch();
    fs::write(dir.join("site.toml"), SITE).unwrap();
    for (name, text) in posts {
        fs::write(dir.join("posts").join(name), text).unwrap();
    }
    dir
}

/// A content folder of `count` posts, `p1.md` ("P1", 2026-01-01) onwards, a day apart.
pub fn numbered_posts(count: u32) -> PathBuf {
    let posts: Vec<(String, String)> = (1..=count)
        .map(|i| (format!("p{i}.md"), post(&format!("P{i}"), &nth_day(i))))
        .collect();
    let refs: Vec<(&str, &str)> = posts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    content_dir(&refs)
}

/// The `n`th day from 2026-01-01 (the first), as `YYYY-MM-DD`.
fn nth_day(n: u32) -> String {
    let (mut year, mut month, mut day) = (2026, 1, n);
    loop {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let length = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day <= length {
            return format!("{year}-{month:02}-{day:02}");
        }
        day -= length;
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
}

pub fn post(title: &str, date: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nlabels = [\"news\"]\n+++\n\nBody of {title}.\n"
    )
}

/// The content of `dir` as `quire build` publishes it, on a fixed day (2026-06-01)
/// so that what is scheduled never depends on when the tests run.
pub fn published(dir: &std::path::Path) -> crate::content::Content {
    use crate::publish::{parse_moment, select, Showing};
    let loaded = crate::content::load(dir);
    let content = loaded
        .content
        .unwrap_or_else(|| panic!("the fixture has problems: {:?}", loaded.diagnostics));
    let now = parse_moment("2026-06-01").expect("a moment");
    select(content, now, Showing::PUBLISHED)
}
