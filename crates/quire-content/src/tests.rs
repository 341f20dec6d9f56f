//! Reading and checking content: small folders made on the fly, and the sample blog.

use crate::content::load;
use crate::diagnostic::Diagnostic;
use crate::fixtures::{content_dir, post};
use quire_schema::is_slug;
use std::fs;
use std::path::Path;

fn errors(dir: &Path) -> Vec<Diagnostic> {
    load(dir)
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[test]
fn posts_are_ordered_newest_first_with_times_breaking_ties() {
    let dir = content_dir(&[
        ("old.md", &post("Old", "2025-12-01")),
        ("morning.md", &post("Morning", "2026-01-27T08:00:00Z")),
        ("evening.md", &post("Evening", "2026-01-27T20:00:00Z")),
    ]);
    let content = load(&dir).content.unwrap();
    let titles: Vec<_> = content.posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Evening", "Morning", "Old"]);
}

#[test]
fn an_unknown_field_is_named_with_its_line_and_column() {
    let dir = content_dir(&[(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\ncolour = \"red\"\n+++\nBody\n",
    )]);
    let errs = errors(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = &errs[0];
    assert_eq!(e.field.as_deref(), Some("colour"));
    assert_eq!((e.line, e.column), (4, 1), "{e}");
    assert!(e.to_string().contains("a.md:4:1"), "{e}");
    assert!(e.hint.contains("remove `colour`"), "{e}");
}

#[test]
fn a_bad_date_points_at_the_date_line() {
    let dir = content_dir(&[("a.md", "+++\ntitle = \"A\"\ndate = 2026-02-30\n+++\nBody\n")]);
    let errs = errors(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field.as_deref(), Some("date"));
    assert_eq!(errs[0].line, 3, "{}", errs[0]);
}

#[test]
fn a_date_that_is_not_a_date_is_a_field_error() {
    let dir = content_dir(&[(
        "a.md",
        "+++\ntitle = \"A\"\ndate = \"yesterday\"\n+++\nBody\n",
    )]);
    let errs = errors(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field.as_deref(), Some("date"), "{}", errs[0]);
    assert_eq!(errs[0].line, 3, "{}", errs[0]);
}

#[test]
fn a_missing_title_is_named() {
    let dir = content_dir(&[("a.md", "+++\ndate = 2026-01-01\n+++\nBody\n")]);
    let errs = errors(&dir);
    assert_eq!(errs[0].field.as_deref(), Some("title"), "{}", errs[0]);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let dir = content_dir(&[
        ("no-front-matter.md", "Just text\n"),
        ("unclosed.md", "+++\ntitle = \"A\"\n"),
        (
            "bad-label.md",
            "+++\ntitle = \"A\"\ndate = 2026-01-01\nlabels = [\"Not A Slug\"]\n+++\n",
        ),
        ("Bad Name.md", &post("B", "2026-01-01")),
        ("empty.md", ""),
        ("fine.md", &post("Fine", "2026-01-01")),
    ]);
    fs::write(
        dir.join("posts/latin1.md"),
        b"+++\ntitle = \"caf\xe9\"\n+++\n",
    )
    .unwrap();
    let loaded = load(&dir);
    assert!(loaded.content.is_none());
    let text: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    let all = text.join("\n");
    for expected in [
        "no-front-matter.md:1:1: error: the post does not start with front matter",
        "unclosed.md:1:1: error: the front matter is never closed",
        "bad-label.md:4:1: error: field `labels`: the label \"Not A Slug\"",
        "Bad Name.md:1:1: error: the file name `Bad Name`",
        "empty.md:1:1: error: the post is empty",
        "latin1.md:2:13: error: the file is not valid UTF-8 text",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in\n{all}");
    }
    assert_eq!(text.len(), 6, "{all}");
}

#[test]
fn a_duplicate_slug_names_both_files_at_the_slug_field() {
    let dir = content_dir(&[
        ("hello.md", &post("A", "2026-01-01")),
        (
            "second.md",
            "+++\ntitle = \"B\"\ndate = 2026-01-02\nslug = \"hello\"\n+++\nBody\n",
        ),
    ]);
    let errs = errors(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let text = errs[0].to_string();
    assert!(
        text.contains("second.md:4:1: error: the slug `hello` is already the address of"),
        "{text}"
    );
    assert!(text.contains("hello.md"), "{text}");
}

#[test]
fn a_slug_field_gives_the_address_and_is_checked() {
    let dir = content_dir(&[(
        "Old Blogger Name.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\nslug = \"kept-address\"\n+++\nBody\n",
    )]);
    let content = load(&dir).content.unwrap();
    assert_eq!(content.posts[0].slug, "kept-address");
    let bad = content_dir(&[(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\nslug = \"Not Valid\"\n+++\n",
    )]);
    let errs = errors(&bad);
    assert_eq!(errs[0].field.as_deref(), Some("slug"), "{}", errs[0]);
    assert_eq!(errs[0].line, 4);
}

#[test]
fn popularity_for_an_unknown_post_is_a_warning_not_an_error() {
    let dir = content_dir(&[("a.md", &post("A", "2026-01-01"))]);
    fs::write(dir.join("popularity.toml"), "[views]\na = 5\ngone = 9\n").unwrap();
    let loaded = load(&dir);
    assert!(loaded.content.is_some());
    let warning = &loaded.diagnostics[0];
    assert!(!warning.is_error());
    assert_eq!(warning.line, 3, "{warning}");
}

#[test]
fn slugs_are_lowercase_words_joined_by_single_hyphens() {
    for good in ["a", "a-b", "post-2026", "x1"] {
        assert!(is_slug(good), "{good}");
    }
    for bad in ["", "A", "a--b", "-a", "a-", "a b", "é", "a_b", "../x"] {
        assert!(!is_slug(bad), "{bad}");
    }
}

#[test]
fn a_post_over_the_size_cap_is_an_error_at_its_body() {
    let body = "word ".repeat(quire_markdown::MAX_MARKDOWN_BYTES / 5 + 1);
    let dir = content_dir(&[(
        "long.md",
        &format!("+++\ntitle = \"L\"\ndate = 2026-01-01\n+++\n{body}"),
    )]);
    let errs = errors(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.starts_with("the post is too long"),
        "{}",
        errs[0]
    );
    assert_eq!(errs[0].line, 5);
}

#[test]
fn an_image_without_alt_text_is_a_warning_at_its_place() {
    let dir = content_dir(&[(
        "pics.md",
        "+++\ntitle = \"P\"\ndate = 2026-01-01\n+++\n\nIntro.\n\nSee ![](map.png) and ![A chart](chart.png).\n",
    )]);
    fs::create_dir_all(dir.join("static")).unwrap();
    fs::write(dir.join("static/map.png"), b"png").unwrap();
    fs::write(dir.join("static/chart.png"), b"png").unwrap();
    let loaded = load(&dir);
    assert!(
        loaded.content.is_some(),
        "a warning does not stop the build"
    );
    assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    let warning = &loaded.diagnostics[0];
    assert!(!warning.is_error());
    assert_eq!((warning.line, warning.column), (8, 5), "{warning}");
    assert!(warning
        .to_string()
        .contains("pics.md:8:5: warning: the image `map.png` has no alt text"));
}

#[test]
fn a_link_to_a_missing_post_is_an_error_at_the_link() {
    let dir = content_dir(&[
        ("a.md", "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\n\nSee [b](/posts/b) and\n[gone](/posts/gone#part).\n"),
        ("b.md", &post("B", "2026-01-02")),
    ]);
    let errs = errors(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].line, errs[0].column), (7, 1), "{}", errs[0]);
    assert!(
        errs[0].message.contains("/posts/gone leads nowhere"),
        "{}",
        errs[0]
    );
}

#[test]
fn a_missing_image_is_an_error_and_a_present_one_is_not() {
    let dir = content_dir(&[(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\n![Map](/images/map.png) ![Chart](images/chart.png) ![Far](https://x.org/y.png)\n",
    )]);
    fs::create_dir_all(dir.join("static/images")).unwrap();
    fs::write(dir.join("static/images/map.png"), b"png").unwrap();
    let errs = errors(&dir);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].line, errs[0].column), (5, 25), "{}", errs[0]);
    assert!(
        errs[0]
            .message
            .contains("`images/chart.png` does not exist"),
        "{}",
        errs[0]
    );
    assert!(
        errs[0].hint.contains("static/images/chart.png"),
        "{}",
        errs[0]
    );
}

#[test]
fn a_bad_comment_is_an_error_at_its_table_and_field() {
    let dir = content_dir(&[("a.md", &post("A", "2026-01-01"))]);
    fs::create_dir_all(dir.join("comments")).unwrap();
    fs::write(
        dir.join("comments/a.toml"),
        "[[comment]]\nauthor = \"Bo\"\ndate = 2026-01-02\ntext = \"ok\"\n\n\
         [[comment]]\nauthor = \" \"\ndate = 2026-01-02\ntext = \"no name\"\n",
    )
    .unwrap();
    fs::write(dir.join("comments/gone.toml"), "").unwrap();
    let errs = errors(&dir);
    let shown: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    assert_eq!(errs.len(), 2, "{shown:#?}");
    assert!(
        shown[0].contains("comments/a.toml:6:1") && shown[0].contains("author"),
        "{shown:#?}"
    );
    assert!(
        shown[1].contains("comments/gone.toml") && shown[1].contains("no post `gone`"),
        "{shown:#?}"
    );
    // Replies of replies are refused by name.
    fs::remove_file(dir.join("comments/gone.toml")).unwrap();
    fs::write(
        dir.join("comments/a.toml"),
        "[[comment]]\nauthor = \"Bo\"\ndate = 2026-01-02\ntext = \"ok\"\n\
         [[comment.reply]]\nauthor = \"A\"\ndate = 2026-01-02\ntext = \"r\"\n\
         [[comment.reply.reply]]\nauthor = \"B\"\ndate = 2026-01-02\ntext = \"rr\"\n",
    )
    .unwrap();
    let shown: Vec<String> = errors(&dir).iter().map(|d| d.to_string()).collect();
    assert!(shown.len() == 1 && shown[0].contains("reply"), "{shown:#?}");
}

#[test]
fn a_remembering_load_reads_only_changed_posts_and_finds_what_a_fresh_load_finds() {
    use crate::content::load_remembering;
    use crate::remembered::Remembered;
    let dir = content_dir(&[
        ("a.md", &post("A", "2026-01-01")),
        ("b.md", &(post("B", "2026-01-02") + "\n![Map](/map.png)\n")),
        ("c.md", &post("C", "2026-01-03")),
    ]);
    fs::create_dir_all(dir.join("posts/d")).unwrap();
    fs::write(
        dir.join("posts/d/index.md"),
        post("D", "2026-01-04") + "\n![Photo](photo.png)\n",
    )
    .unwrap();
    // Every file as if saved an hour ago: a file saved within seconds of its
    // reading is read again next time (its time may not tell a later save).
    // (Always the same time: each change below changes a file's size, or which
    // files there are.)
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let age = |dir: &Path| {
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in fs::read_dir(&folder).unwrap().flatten() {
                if entry.path().is_dir() {
                    pending.push(entry.path());
                } else {
                    let file = fs::File::options().write(true).open(entry.path()).unwrap();
                    file.set_modified(an_hour_ago).unwrap();
                }
            }
        }
    };
    age(&dir);
    let mut remembered = Remembered::default();
    // What the load found, in a form two loads can be compared by.
    let summary = |loaded: crate::content::Loaded| {
        let posts = loaded.content.map(|c| format!("{:?}", c.posts));
        (posts, loaded.diagnostics)
    };
    let first = summary(load_remembering(&dir, &mut remembered));
    assert_eq!(remembered.last_read(), 4);
    assert!(first.0.is_none(), "the map and the photo are missing");
    // Each change, with how many posts it makes the load read again.
    let changes: [(&str, &dyn Fn(), usize); 7] = [
        ("nothing", &|| {}, 0),
        (
            "a post's text",
            &|| {
                fs::write(
                    dir.join("posts/a.md"),
                    post("A", "2026-01-01") + "\nMore.\n",
                )
                .unwrap()
            },
            1,
        ),
        (
            "an image a post names appears",
            &|| {
                fs::create_dir_all(dir.join("static")).unwrap();
                fs::write(dir.join("static/map.png"), b"png").unwrap();
            },
            1,
        ),
        (
            "a file in a post folder",
            &|| fs::write(dir.join("posts/d/photo.png"), b"png").unwrap(),
            1,
        ),
        (
            "a post deleted",
            &|| fs::remove_file(dir.join("posts/c.md")).unwrap(),
            0,
        ),
        (
            "the image goes again",
            &|| fs::remove_file(dir.join("static/map.png")).unwrap(),
            1,
        ),
        (
            "the author every post is by",
            &|| {
                let site = fs::read_to_string(dir.join("site.toml")).unwrap();
                fs::write(dir.join("site.toml"), site.replace("Ann", "Bea")).unwrap();
            },
            3,
        ),
    ];
    for (change, make, reads) in changes {
        make();
        age(&dir);
        let again = summary(load_remembering(&dir, &mut remembered));
        assert_eq!(again, summary(load(&dir)), "after {change}");
        assert_eq!(remembered.last_read(), reads, "posts read after {change}");
    }
    assert_eq!(remembered.len(), 3);
    // A post saved just now is read again on the next load, whatever its time.
    fs::write(dir.join("posts/a.md"), post("A", "2026-01-01")).unwrap();
    for _ in 0..2 {
        let again = summary(load_remembering(&dir, &mut remembered));
        assert_eq!(again, summary(load(&dir)), "a post saved just now");
        assert_eq!(
            remembered.last_read(),
            1,
            "read again: saved within seconds"
        );
    }
}

#[test]
fn lines_found_once_locate_every_offset_as_counting_from_the_top_does() {
    use crate::diagnostic::{line_and_column, Lines};
    // Counting from the top, as `line_and_column` once did for each offset.
    let counted = |text: &str, offset: usize| {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    };
    for text in [
        "",
        "one line",
        "\n",
        "+++\ntitle = \"é\"\n+++\n\nA ![map](m.png) and [a post](/posts/x).\r\n\nLast — é ü\n",
        "\n\nno break at the end",
    ] {
        let lines = Lines::new(text);
        for offset in
            (0..=text.len() + 2).filter(|&at| at >= text.len() || text.is_char_boundary(at))
        {
            assert_eq!(
                lines.at(offset),
                counted(text, offset),
                "{text:?} at {offset}"
            );
            assert_eq!(line_and_column(text, offset), counted(text, offset));
        }
    }
}
