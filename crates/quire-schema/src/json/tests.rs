//! The reader against `serde_json`: the same answer, value or refusal, for every
//! bundle type the app reads.

use super::{parse, read, Unreadable, Value};
use crate::comments::{CommentAnswer, CommentList, CommentToken};
use crate::*;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// `text` read both ways: the same value, or both refusing it.
fn agrees<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> Option<T> {
    let ours = read::<T>(text).ok();
    let theirs = serde_json::from_str::<T>(text).ok();
    assert_eq!(ours, theirs, "{text}");
    ours
}

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).expect("a real date")
}

fn comment(id: &str, replies: Vec<Comment>) -> Comment {
    Comment {
        id: id.into(),
        author: "Ånn \"the reader\"".into(),
        date: date(2026, 2, 28),
        markdown: "Line one\nline\ttwo \\ </script> \u{1F600} \u{7}".into(),
        replies,
    }
}

fn post() -> PostBundle {
    PostBundle {
        format: FORMAT_VERSION,
        slug: "über-uns".into(),
        title: "Titre « cité » 漢字".into(),
        date: date(2026, 1, 27),
        author: "Zythi".into(),
        labels: vec!["europe".into(), "défense".into()],
        summary: "A greeting.".into(),
        excerpt_only: false,
        folder: true,
        unpublished: Some(Unpublished::Scheduled),
        markdown: "# Hello\n\n```rust\nfn main() {}\n```\n".into(),
        code: vec![vec![1, 2, 0, 3], vec![]],
        pictures: vec![Picture {
            src: "/posts/x/map.jpg".into(),
            width: 1600,
            height: 900,
            stem: "/data/img/abc".into(),
            widths: vec![480, 960],
            own: "jpg".into(),
        }],
        newer: None,
        older: Some(PostLink {
            slug: "before".into(),
            title: "Before".into(),
        }),
        related: vec![],
        comments: vec![comment("c1", vec![comment("c2", vec![])])],
    }
}

#[test]
fn every_bundle_the_app_reads_comes_back_as_it_was_written() {
    let post = post();
    assert_eq!(agrees::<PostBundle>(&encode(&post)), Some(post.clone()));
    let bare = PostBundle {
        unpublished: None,
        folder: false,
        code: vec![],
        pictures: vec![],
        comments: vec![],
        ..post.clone()
    };
    assert_eq!(agrees::<PostBundle>(&encode(&bare)), Some(bare));
    let site = SiteBundle {
        format: FORMAT_VERSION,
        title: "Zythi".into(),
        description: "".into(),
        author: "Z".into(),
        base_url: "https://example.org/blog/".into(),
        language: "en".into(),
        comments_endpoint: Some("https://c.example.org/api".into()),
        pages: vec![PostLink {
            slug: "about".into(),
            title: "About".into(),
        }],
    };
    assert_eq!(agrees::<SiteBundle>(&encode(&site)), Some(site));
    let summary = PostSummary {
        slug: "a".into(),
        title: "A".into(),
        date: date(2025, 12, 31),
        author: "Z".into(),
        labels: vec![],
        excerpt: "…".into(),
        bundle: "data/immutable/a-0123.json".into(),
        comments: u32::MAX,
    };
    let feed = FeedPage {
        format: FORMAT_VERSION,
        page: 2,
        total_pages: 3,
        total_posts: 21,
        posts: vec![summary.clone(), summary],
    };
    assert_eq!(agrees::<FeedPage>(&encode(&feed)), Some(feed));
    let popular = PopularList {
        format: FORMAT_VERSION,
        posts: vec![PopularEntry {
            slug: "a".into(),
            title: "A".into(),
            excerpt: "e".into(),
            thumbnail: Some(Image {
                src: "/a.jpg".into(),
                alt: "".into(),
            }),
        }],
    };
    assert_eq!(agrees::<PopularList>(&encode(&popular)), Some(popular));
    let labels = LabelList {
        format: FORMAT_VERSION,
        labels: vec![LabelCount {
            name: "europe".into(),
            count: 3,
        }],
    };
    assert_eq!(agrees::<LabelList>(&encode(&labels)), Some(labels));
    let comments = CommentList::new(vec![comment("9", vec![])]);
    assert_eq!(agrees::<CommentList>(&encode(&comments)), Some(comments));
    agrees::<CommentAnswer>(r#"{"message":"Thank you","id":"17"}"#).expect("an answer");
    agrees::<CommentToken>(r#"{"token":"1.2.abc"}"#).expect("a token");
    agrees::<Vec<String>>(r#"["a","b"]"#).expect("a list");
}

#[test]
fn json_written_by_hand_reads_as_serde_json_reads_it() {
    for text in [
        " { \"token\" :\t\"x\" } \n",
        r#"{"token":"\u00e9\ud83d\ude00\/\b\f\n\r\t\"\\"}"#,
        r#"{"message":"m","id":null}"#,
        r#"{"message":"m"}"#,
        r#"{"message":"m","message":"n"}"#,
        r#"{"message":"m","unknown":[1,{"a":[]}]}"#,
        r#"{"message":"m","id":"1"} x"#,
        r#"{"message":"m",}"#,
        r#"{"message":"m""id":"1"}"#,
        r#"{'message':"m"}"#,
        r#"{"message":m}"#,
        r#"{"message":"m\x"}"#,
        r#"{"message":"\ud83d"}"#,
        r#"{"message":"\ude00"}"#,
        r#"{"message":"\ud83dx"}"#,
        r#"{"message":"\u12"}"#,
        "{\"message\":\"raw\ttab\"}",
        r#"{"message":1}"#,
        r#"{"message":["m"]}"#,
        "",
        "null",
        "[]",
    ] {
        agrees::<CommentAnswer>(text);
    }
    for text in [
        r#"{"name":"n","count":0}"#,
        r#"{"name":"n","count":4294967295}"#,
        r#"{"name":"n","count":4294967296}"#,
        r#"{"name":"n","count":-1}"#,
        r#"{"name":"n","count":-0}"#,
        r#"{"name":"n","count":01}"#,
        r#"{"name":"n","count":1.5}"#,
        r#"{"name":"n","count":"1"}"#,
        r#"{"name":"n","count":true}"#,
        r#"{"name":"n","count":99999999999999999999999}"#,
        r#"{"name":"n"}"#,
    ] {
        agrees::<LabelCount>(text);
    }
    let post = encode(&post());
    for (from, to) in [
        ("\"scheduled\"", "\"draft\""),
        ("\"scheduled\"", "\"Draft\""),
        ("\"scheduled\"", "null"),
        ("\"scheduled\"", "1"),
        ("\"2026-01-27\"", "\"2026-02-30\""),
        ("\"folder\":true", "\"folder\":1"),
        ("\"newer\":null", "\"newer\":{}"),
        ("\"code\":[[1,2,0,3],[]]", "\"code\":[[1,2,0,3],null]"),
    ] {
        assert!(post.contains(from), "{from}");
        agrees::<PostBundle>(&post.replacen(from, to, 1));
    }
}

#[test]
fn a_cut_off_bundle_is_refused_at_every_length_without_a_panic() {
    let text = encode(&post());
    for end in (0..text.len()).filter(|&end| text.is_char_boundary(end)) {
        assert_eq!(agrees::<PostBundle>(&text[..end]), None, "cut at {end}");
    }
}

#[test]
fn nesting_too_deep_for_any_bundle_is_refused_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    assert_eq!(parse(&deep), Err(Unreadable));
    let fine = format!("{}{}", "[".repeat(60), "]".repeat(60));
    assert!(parse(&fine).is_ok());
}

#[test]
fn a_value_knows_its_members() {
    let value = parse(r#"{"format":11,"posts":[]}"#).expect("json");
    assert_eq!(value.get("format"), Some(&Value::Unsigned(11)));
    assert_eq!(value.get("missing"), None);
    assert_eq!(Value::Null.get("format"), None);
}

#[test]
fn the_fuzzers_inputs_are_refused_or_read_as_serde_json_reads_them() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    for entry in std::fs::read_dir(dir).expect("the regression folder") {
        let bytes = std::fs::read(entry.expect("an entry").path()).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        agrees::<PostBundle>(&text);
        agrees::<FeedPage>(&text);
        agrees::<SiteBundle>(&text);
    }
}
