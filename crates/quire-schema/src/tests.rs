use super::*;

fn sample_post() -> PostBundle {
    PostBundle {
        format: FORMAT_VERSION,
        slug: "hello".into(),
        title: "Hello".into(),
        date: Date::new(2026, 1, 27).unwrap(),
        author: "Zythi Geopolitical Insights".into(),
        labels: vec!["europe".into()],
        summary: "A greeting.".into(),
        excerpt_only: false,
        folder: false,
        unpublished: None,
        markdown: "# Hello\n".into(),
        code: vec![vec![1, 2, 0, 3]],
        pictures: vec![],
        newer: None,
        older: Some(PostLink {
            slug: "before".into(),
            title: "Before".into(),
        }),
        related: vec![],
        comments: vec![Comment {
            id: "c1".into(),
            author: "Ann".into(),
            date: Date::new(2026, 1, 28).unwrap(),
            markdown: "Nice *post*.".into(),
            replies: vec![],
        }],
    }
}

#[test]
fn a_post_survives_a_round_trip() {
    let post = sample_post();
    let back: PostBundle = decode(&encode(&post)).unwrap();
    assert_eq!(back, post);
}

#[test]
fn dates_are_written_as_iso_strings() {
    let json = encode(&sample_post());
    assert!(json.contains(r#""date":"2026-01-27""#), "{json}");
}

#[test]
fn a_bundle_of_another_version_is_refused_with_both_versions_named() {
    let json =
        encode(&sample_post()).replace(&format!(r#""format":{FORMAT_VERSION}"#), r#""format":99"#);
    let err = decode::<PostBundle>(&json).unwrap_err();
    assert_eq!(
        err,
        DecodeError::WrongVersion {
            found: 99,
            expected: FORMAT_VERSION
        }
    );
    assert!(err.to_string().contains("format 99"));
}

#[test]
fn truncated_json_is_malformed_not_a_panic() {
    let json = encode(&sample_post());
    let err = decode::<PostBundle>(&json[..json.len() / 2]).unwrap_err();
    assert!(matches!(err, DecodeError::Malformed(_)), "{err:?}");
}

#[test]
fn unknown_fields_are_refused() {
    let json = encode(&sample_post()).replacen('{', r#"{"surprise":1,"#, 1);
    assert!(matches!(
        decode::<PostBundle>(&json),
        Err(DecodeError::Malformed(_))
    ));
}

#[test]
fn missing_version_is_malformed() {
    assert!(matches!(
        decode::<PopularList>(r#"{"posts":[]}"#),
        Err(DecodeError::Malformed(_))
    ));
}

#[test]
fn dates_parse_and_print_long_form() {
    let d: Date = "2026-01-27".parse().unwrap();
    assert_eq!(d.long(), "January 27, 2026");
    assert_eq!(d.iso(), "2026-01-27");
}

#[test]
fn impossible_dates_are_refused() {
    for bad in [
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "26-01-01",
        "2026-1-1",
        "soon",
    ] {
        assert!(bad.parse::<Date>().is_err(), "{bad} should be refused");
    }
    assert!("2024-02-29".parse::<Date>().is_ok());
    assert!("2100-02-29".parse::<Date>().is_err());
}

#[test]
fn paths_are_relative_to_the_site_root() {
    assert_eq!(site_path(), "data/site.json");
    assert_eq!(feed_page_path(2), "data/feed/2.json");
    assert_eq!(post_path("a-b"), "data/posts/a-b.json");
    assert_eq!(popular_path(), "data/popular.json");
}

#[test]
fn the_archive_groups_posts_by_year() {
    let entry = |title: &str, year| ArchiveEntry {
        slug: title.to_lowercase(),
        title: title.into(),
        date: Date::new(year, 6, 1).unwrap(),
        bundle: String::new(),
    };
    let archive = Archive {
        format: FORMAT_VERSION,
        posts: vec![entry("C", 2026), entry("B", 2025), entry("A", 2025)],
    };
    let years: Vec<(u16, usize)> = archive
        .by_year()
        .iter()
        .map(|(y, p)| (*y, p.len()))
        .collect();
    assert_eq!(years, [(2026, 1), (2025, 2)]);
    let months: Vec<(&str, usize)> = by_month(&archive.posts)
        .iter()
        .map(|(m, p)| (*m, p.len()))
        .collect();
    assert_eq!(months, [("June", 1), ("June", 2)], "a month of each year");
    let empty = Archive {
        format: FORMAT_VERSION,
        posts: vec![],
    };
    assert!(empty.by_year().is_empty());
}

mod comments {
    use crate::comments::*;
    use crate::{Comment, Date};

    fn comment(id: &str, replies: Vec<Comment>) -> Comment {
        Comment {
            id: id.to_string(),
            author: "Ann".to_string(),
            date: Date {
                year: 2026,
                month: 1,
                day: 2,
            },
            markdown: "Hi".to_string(),
            replies,
        }
    }

    #[test]
    fn live_comments_join_the_bundled_ones_without_duplicates() {
        let bundled = vec![comment("comment-1", vec![]), comment("c7", vec![])];
        let live = vec![
            comment("c7", vec![comment("c9", vec![])]),
            comment("c8", vec![]),
        ];
        let merged = merge_comments(bundled, live.clone());
        let ids: Vec<_> = merged.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["comment-1", "c7", "c8"]);
        assert_eq!(merged[1].replies[0].id, "c9");
        // Merging the same again changes nothing.
        assert_eq!(merge_comments(merged.clone(), live), merged);
    }

    #[test]
    fn service_ids_never_look_like_hand_written_ones() {
        assert_eq!(service_id(12), "c12");
        assert_eq!(service_number("c12"), Some(12));
        assert_eq!(service_number("comment-1"), None);
        assert_eq!(service_number("c"), None);
        assert_eq!(service_number("c1x"), None);
    }

    #[test]
    fn links_are_counted_however_they_are_written() {
        assert_eq!(count_links("no links here"), 0);
        assert_eq!(
            count_links("see [this](https://a.example) and http://b.example, www.c.example"),
            3
        );
        assert_eq!(count_links("(www.d.example)"), 1);
    }

    #[test]
    fn the_service_addresses_are_made_one_way() {
        assert_eq!(list_url("/api/comments/", "a-post"), "/api/comments/a-post");
        assert_eq!(
            token_url("https://c.example/comments", "a-post"),
            "https://c.example/comments/a-post/token"
        );
    }
}

#[test]
fn the_search_index_files_are_found_through_their_folders_in_the_manifest() {
    let manifest = SearchManifest {
        format: FORMAT_VERSION,
        posts: FRAGMENTS_PER_FOLDER + 1,
        mean_words: 1,
        lengths: String::new(),
        chunks: (0..=CHUNKS_PER_FOLDER).map(|n| format!("w{n}")).collect(),
        chunk_folders: vec!["c0".into(), "c1".into()],
        fragment_folders: vec!["f0".into(), "f1".into()],
    };
    let last_chunk = CHUNKS_PER_FOLDER;
    assert_eq!(
        manifest.chunk_path(0).as_deref(),
        Some("data/h/sc0/c0.json")
    );
    assert_eq!(
        manifest.positions_path(last_chunk),
        Some(format!("data/h/sc1/p{last_chunk}.json"))
    );
    assert_eq!(manifest.chunk_path(last_chunk + 1), None);
    let last_post = FRAGMENTS_PER_FOLDER;
    assert_eq!(
        manifest.fragment_path(last_post),
        Some(format!("data/h/sf1/f{last_post}.json"))
    );
    assert_eq!(manifest.fragment_path(last_post + 1), None);
    // A manifest that names too few folders is damaged, not a panic.
    let short = SearchManifest {
        fragment_folders: vec!["f0".into()],
        ..manifest
    };
    assert_eq!(short.fragment_path(last_post), None);
}
