//! Tests on small content folders made on the fly, plus the real sample content.

use crate::bundle::{bundles, OutputFile};
use crate::content::load;
use crate::diagnostic::Diagnostic;
use crate::write::replace_dir;
use quire_schema::is_slug;
use quire_schema::{decode, FeedPage, PopularList, PostBundle};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const SITE: &str = r#"title = "T"
description = "D"
author = "Ann"
base_url = "https://example.org/"
popular_count = 2
"#;

/// A fresh, empty folder under the system temp dir.
fn scratch() -> PathBuf {
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

pub(crate) fn content_dir(posts: &[(&str, &str)]) -> PathBuf {
    let dir = scratch();
    fs::write(dir.join("site.toml"), SITE).unwrap();
    for (name, text) in posts {
        fs::write(dir.join("posts").join(name), text).unwrap();
    }
    dir
}

/// A content folder of `count` posts, `p1.md` ("P1", 2026-01-01) onwards, a day apart.
pub(crate) fn numbered_posts(count: u32) -> PathBuf {
    let posts: Vec<(String, String)> = (1..=count)
        .map(|i| {
            (
                format!("p{i}.md"),
                post(&format!("P{i}"), &format!("2026-01-{i:02}")),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = posts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    content_dir(&refs)
}

pub(crate) fn post(title: &str, date: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nlabels = [\"news\"]\n+++\n\nBody of {title}.\n"
    )
}

fn errors(dir: &Path) -> Vec<Diagnostic> {
    load(dir)
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

pub(crate) fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

#[test]
fn the_sample_content_loads_without_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let loaded = load(&dir);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let content = loaded.content.unwrap();
    let slugs: Vec<_> = content.posts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "europe-ukraine-security-guarantees-defense-boost",
            "trump-greenland-gambit",
            "abduction-of-nicolas-maduro",
            "france-bans-social-media-for-under-15s",
        ]
    );
    let files = bundles(&content).files;
    let popular: PopularList = decode(file(&files, "data/popular.json")).unwrap();
    let ranked: Vec<_> = popular.posts.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(
        ranked,
        [
            "france-bans-social-media-for-under-15s",
            "trump-greenland-gambit",
            "abduction-of-nicolas-maduro"
        ]
    );
    assert!(popular.posts.iter().all(|p| p.excerpt.ends_with("...")));
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
fn drafts_are_not_published() {
    let draft = "+++\ntitle = \"Secret\"\ndate = 2026-01-02\ndraft = true\n+++\nHidden\n";
    let dir = content_dir(&[
        ("secret.md", draft),
        ("open.md", &post("Open", "2026-01-01")),
    ]);
    let files = bundles(&load(&dir).content.unwrap()).files;
    assert!(files.iter().all(|f| !f.path.contains("secret")));
    let feed: FeedPage = decode(file(&files, "data/feed/1.json")).unwrap();
    assert_eq!(feed.total_posts, 1);
}

#[test]
fn the_feed_is_split_into_fixed_pages() {
    let files = bundles(&load(&numbered_posts(25)).content.unwrap()).files;
    let first: FeedPage = decode(file(&files, "data/feed/1.json")).unwrap();
    let last: FeedPage = decode(file(&files, "data/feed/3.json")).unwrap();
    assert_eq!(
        (first.page, first.total_pages, first.total_posts),
        (1, 3, 25)
    );
    assert_eq!(first.posts.len(), 10);
    assert_eq!(first.posts[0].title, "P25");
    assert_eq!(last.posts.len(), 5);
}

#[test]
fn an_empty_blog_still_has_a_first_feed_page() {
    let files = bundles(&load(&content_dir(&[])).content.unwrap()).files;
    let first: FeedPage = decode(file(&files, "data/feed/1.json")).unwrap();
    assert!(first.posts.is_empty());
}

#[test]
fn a_post_bundle_keeps_the_markdown_and_a_plain_excerpt() {
    let dir = content_dir(&[(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\n\n## Head\n\nSome *words* here.\n",
    )]);
    let files = bundles(&load(&dir).content.unwrap()).files;
    let bundle: PostBundle = decode(file(&files, "data/posts/a.json")).unwrap();
    assert_eq!(bundle.markdown, "## Head\n\nSome *words* here.\n");
    assert_eq!(bundle.summary, "Some words here.");
    assert_eq!(bundle.author, "Ann", "the site author is the default");
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
fn replacing_a_folder_leaves_no_stale_files() {
    let root = scratch();
    fs::write(root.join("index.html"), "app").unwrap();
    let out = root.join("data");
    let one = |path: &str| OutputFile {
        path: format!("data/{path}"),
        contents: "{}".into(),
    };
    replace_dir(&root, &[one("a.json"), one("posts/b.json")]).unwrap();
    replace_dir(&root, &[one("c.json")]).unwrap();
    assert!(
        root.join("index.html").exists(),
        "the rest of the site is kept"
    );
    assert!(out.join("c.json").exists());
    assert!(!out.join("a.json").exists());
    assert!(!out.join("posts").exists());
}

#[test]
fn a_failed_write_leaves_the_old_folder_as_it_was() {
    let root = scratch();
    let out = root.join("data");
    let ok = OutputFile {
        path: "data/a.json".into(),
        contents: "old".into(),
    };
    replace_dir(&root, &[ok]).unwrap();
    // A file and a folder of the same name cannot both be written.
    let clash = [
        OutputFile {
            path: "data/x".into(),
            contents: "file".into(),
        },
        OutputFile {
            path: "data/x/y.json".into(),
            contents: "in folder".into(),
        },
    ];
    assert!(replace_dir(&root, &clash).is_err());
    assert_eq!(fs::read_to_string(out.join("a.json")).unwrap(), "old");
    assert!(!out.join("x").exists());
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
fn code_blocks_are_highlighted_at_bundle_time() {
    let dir = content_dir(&[(
        "code.md",
        "+++\ntitle = \"C\"\ndate = 2026-01-01\n+++\n\n```rust\nfn x() {}\n```\n\n```klingon\nqapla\n```\n",
    )]);
    let files = bundles(&load(&dir).content.unwrap()).files;
    let bundle: PostBundle = decode(file(&files, "data/posts/code.json")).unwrap();
    assert_eq!(bundle.code, [vec![1, 2, 0, 8], vec![]]);
    let html = quire_markdown::render_with_code(
        &bundle.markdown,
        &quire_markdown::Options::ARTICLE,
        &bundle.code,
    )
    .html;
    assert!(
        html.contains(r#"<span class="tok-kw">fn</span> x() {}"#),
        "{html}"
    );
    let plain: PostBundle = decode(file(&files, "data/posts/code.json")).unwrap();
    assert!(!plain.code.is_empty());
}

#[test]
fn posts_without_known_code_carry_no_highlighting() {
    let dir = content_dir(&[("a.md", &post("A", "2026-01-01"))]);
    let files = bundles(&load(&dir).content.unwrap()).files;
    assert!(!file(&files, "data/posts/a.json").contains("\"code\""));
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
fn the_atom_feed_parses_and_holds_every_post_in_full() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let content = load(&dir).content.unwrap();
    let files = crate::feeds::files(&content);
    let feed = feed_rs::parser::parse(file(&files, "atom.xml").as_bytes()).expect("valid Atom");
    assert_eq!(feed.title.unwrap().content, "Zythi Geopolitical Insights");
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.clone().unwrap().content)
        .collect();
    assert_eq!(
        titles,
        content
            .posts
            .iter()
            .map(|p| p.title.clone())
            .collect::<Vec<_>>()
    );
    let first = &feed.entries[0];
    assert_eq!(
        first.links[0].href,
        "http://127.0.0.1:8080/posts/europe-ukraine-security-guarantees-defense-boost"
    );
    let body = first.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(
        body.contains("<h2 id=\"sec-the-historical-context"),
        "full content: {}",
        &body[..200]
    );
    assert_eq!(
        first.published.unwrap().to_rfc3339(),
        "2026-01-27T18:00:00+00:00"
    );
    assert!(first.categories.iter().any(|c| c.term == "ukraine"));
}

#[test]
fn each_label_has_a_feed_of_its_posts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let content = load(&dir).content.unwrap();
    let files = crate::feeds::files(&content);
    let feed =
        feed_rs::parser::parse(file(&files, "labels/united-states/atom.xml").as_bytes()).unwrap();
    let slugs: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.links[0].href.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        slugs,
        ["trump-greenland-gambit", "abduction-of-nicolas-maduro"]
    );
    let labels: usize = files
        .iter()
        .filter(|f| f.path.starts_with("labels/"))
        .count();
    assert_eq!(
        labels, 7,
        "europe, ukraine, security, technology, united-states, arctic, latin-america"
    );
}

#[test]
fn the_sitemap_parses_and_lists_every_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let content = load(&dir).content.unwrap();
    let files = crate::feeds::files(&content);
    let xml = file(&files, "sitemap.xml");
    let doc = roxmltree::Document::parse(xml).expect("valid XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let published: Vec<&crate::content::Post> = content.posts.iter().collect();
    let labels = crate::bundle::labels(&published);
    assert_eq!(locs.len(), 3 + labels.len() + content.posts.len());
    assert_eq!(locs[0], "http://127.0.0.1:8080/");
    assert!(locs.contains(&"http://127.0.0.1:8080/archive"));
    for label in &labels {
        assert!(locs.contains(&format!("http://127.0.0.1:8080/labels/{label}").as_str()));
    }
    for post in &content.posts {
        assert!(locs.contains(&format!("http://127.0.0.1:8080/posts/{}", post.slug).as_str()));
    }
    assert!(file(&files, "robots.txt").contains("Sitemap: http://127.0.0.1:8080/sitemap.xml"));
}

#[test]
fn feeds_leave_out_drafts_and_escape_everything() {
    let draft = "+++\ntitle = \"Secret\"\ndate = 2026-01-03\ndraft = true\n+++\nHidden\n";
    let hostile = "+++\ntitle = \"A <b>&</b> \\\"quote\\\"\"\ndate = 2026-01-02\n+++\n<script>x</script> & more\n";
    let dir = content_dir(&[("secret.md", draft), ("open.md", hostile)]);
    let files = crate::feeds::files(&load(&dir).content.unwrap());
    let feed = feed_rs::parser::parse(file(&files, "atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(
        feed.entries[0].title.clone().unwrap().content,
        "A <b>&</b> \"quote\""
    );
    let body = feed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    assert!(body.contains("&lt;script&gt;"), "{body}");
    assert!(!file(&files, "sitemap.xml").contains("secret"));
}

#[test]
fn every_bundle_is_also_written_under_a_name_made_from_its_content() {
    let dir = content_dir(&[
        ("a.md", &post("A", "2026-01-01")),
        ("b.md", &post("B", "2026-01-02")),
    ]);
    let built = bundles(&load(&dir).content.unwrap());
    for (plain, hashed) in &built.hashed {
        assert!(hashed.starts_with("data/h/") && hashed.ends_with(".json"));
        assert_eq!(file(&built.files, plain), file(&built.files, hashed));
    }
    assert_eq!(
        built.hashed.len(),
        9,
        "site, two posts, a feed page, a label's page, popular, archive, labels, search"
    );
    // The feed names each post's immutable bundle, so a click fetches a cacheable file.
    let feed: FeedPage = decode(file(&built.files, "data/feed/1.json")).unwrap();
    assert_eq!(feed.posts[0].bundle, built.hashed["data/posts/b.json"]);
    // A change to one post renames its bundle and the feed's, and nothing else.
    fs::write(
        dir.join("posts/a.md"),
        post("A", "2026-01-01") + "\nA new line.\n",
    )
    .unwrap();
    let rebuilt = bundles(&load(&dir).content.unwrap());
    let changed: Vec<&str> = built
        .hashed
        .iter()
        .filter(|(plain, hashed)| rebuilt.hashed[*plain] != **hashed)
        .map(|(plain, _)| plain.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "data/archive.json",
            "data/feed/1.json",
            "data/labels/news/1.json",
            "data/posts/a.json",
            "data/search.json"
        ]
    );
}

#[test]
fn each_label_has_its_own_pages_and_the_archive_lists_every_post() {
    let dir = content_dir(&[
        (
            "a.md",
            "+++\ntitle = \"A\"\ndate = 2026-01-01\nlabels = [\"x\", \"y\"]\n+++\n\nA.\n",
        ),
        (
            "b.md",
            "+++\ntitle = \"B\"\ndate = 2026-01-02\nlabels = [\"y\"]\n+++\n\nB.\n",
        ),
        ("c.md", "+++\ntitle = \"C\"\ndate = 2026-01-03\n+++\n\nC.\n"),
    ]);
    let built = bundles(&load(&dir).content.unwrap());
    let titles = |page: &FeedPage| {
        page.posts
            .iter()
            .map(|p| p.title.clone())
            .collect::<Vec<_>>()
    };
    let x: FeedPage = decode(file(&built.files, "data/labels/x/1.json")).unwrap();
    let y: FeedPage = decode(file(&built.files, "data/labels/y/1.json")).unwrap();
    assert_eq!(titles(&x), ["A"]);
    assert_eq!(titles(&y), ["B", "A"]);
    assert_eq!(built.label_pages.keys().collect::<Vec<_>>(), ["x", "y"]);
    let archive: quire_schema::Archive = decode(file(&built.files, "data/archive.json")).unwrap();
    let listed: Vec<&str> = archive.posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(listed, ["C", "B", "A"]);
    assert_eq!(archive.posts[0].bundle, built.hashed["data/posts/c.json"]);
}

#[test]
fn a_post_knows_its_neighbours_and_the_posts_sharing_its_labels() {
    let with = |title: &str, date: &str, labels: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\nlabels = [{labels}]\n+++\n\nText.\n")
    };
    let dir = content_dir(&[
        ("a.md", &with("A", "2026-01-01", "\"x\", \"y\"")),
        ("b.md", &with("B", "2026-01-02", "\"y\"")),
        ("c.md", &with("C", "2026-01-03", "\"x\", \"y\"")),
        ("d.md", &with("D", "2026-01-04", "\"z\"")),
    ]);
    let built = bundles(&load(&dir).content.unwrap()).files;
    let c: PostBundle = decode(file(&built, "data/posts/c.json")).unwrap();
    assert_eq!(c.newer.map(|p| p.title), Some("D".to_string()));
    assert_eq!(c.older.map(|p| p.title), Some("B".to_string()));
    let related: Vec<String> = c.related.into_iter().map(|p| p.title).collect();
    assert_eq!(related, ["A", "B"], "two labels shared beat one");
    let d: PostBundle = decode(file(&built, "data/posts/d.json")).unwrap();
    assert!(d.newer.is_none() && d.related.is_empty());
    let labels: quire_schema::LabelList = decode(file(&built, "data/labels.json")).unwrap();
    let counts: Vec<(String, u32)> = labels
        .labels
        .into_iter()
        .map(|l| (l.name, l.count))
        .collect();
    assert_eq!(counts, [("x".into(), 2), ("y".into(), 3), ("z".into(), 1)]);
}

#[test]
fn comments_kept_with_the_content_go_into_the_post_and_count_on_the_feed() {
    let dir = content_dir(&[("a.md", &post("A", "2026-01-01"))]);
    fs::create_dir_all(dir.join("comments")).unwrap();
    fs::write(
        dir.join("comments/a.toml"),
        "[[comment]]\nauthor = \"Bo\"\ndate = 2026-01-02\ntext = \"Good *point*.\"\n\n\
         [[comment.reply]]\nauthor = \"Ann\"\ndate = 2026-01-03\ntext = \"Thanks!\"\n\n\
         [[comment]]\nauthor = \"Cy\"\ndate = 2026-01-04\ntext = \"Hmm.\"\n",
    )
    .unwrap();
    let built = bundles(&load(&dir).content.unwrap()).files;
    let bundle: PostBundle = decode(file(&built, "data/posts/a.json")).unwrap();
    assert_eq!(bundle.comments.len(), 2);
    assert_eq!(bundle.comments[0].author, "Bo");
    assert_eq!(bundle.comments[0].replies[0].markdown, "Thanks!");
    assert_eq!(bundle.comments[0].replies[0].id, "comment-1-1");
    let feed: FeedPage = decode(file(&built, "data/feed/1.json")).unwrap();
    assert_eq!(feed.posts[0].comments, 3);
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
