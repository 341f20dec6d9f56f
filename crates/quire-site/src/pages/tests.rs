use super::{pages, Made};
use crate::bundle::{bundles, OutputFile};
use crate::tests::file;
use quire_content::content::load;
use quire_content::fixtures::{content_dir, numbered_posts, post, published};
use scraper::{Html, Selector};
use std::fs;

const SHELL: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>Quire</title>\
<script type=module>import init, * as bindings from '/app.js';\n\
const wasm = await init({ module_or_path: '/app_bg.wasm' });</script>\
<link href=/atom.xml rel=alternate type=application/atom+xml>\
<link crossorigin href=/app.js rel=modulepreload>\
</head><body><noscript>needs JS</noscript></body></html>";

fn built(posts: &[(&str, &str)]) -> Vec<OutputFile> {
    let content = published(&content_dir(posts));
    let bundles = bundles(&content);
    pages(&content, &bundles, SHELL, &mut Made::default()).unwrap()
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn text(page: &Html, css: &str) -> String {
    select(page, css)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("|")
}

fn attr(page: &Html, css: &str, name: &str) -> String {
    select(page, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .unwrap_or_else(|| panic!("no {css}[{name}]"))
        .to_string()
}

#[test]
fn every_route_is_a_page_with_its_content() {
    let files = built(&[
        (
            "a.md",
            &(post("First post", "2026-01-01") + "\n## Part\n\nMore text.\n"),
        ),
        ("b.md", &post("Second post", "2026-01-02")),
    ]);
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "404.html",
            "archive.html",
            "index.html",
            "labels/news.html",
            "popular.html",
            "posts/a.html",
            "posts/b.html",
            "search.html"
        ]
    );

    let home = Html::parse_document(file(&files, "index.html"));
    assert_eq!(text(&home, "title"), "T");
    assert_eq!(text(&home, ".feed-entry h2"), "Second post|First post");
    assert_eq!(attr(&home, ".feed-entry h2 a", "href"), "/posts/b");

    let article = Html::parse_document(file(&files, "posts/a.html"));
    assert_eq!(text(&article, "title"), "First post · T");
    assert_eq!(text(&article, "main article h1"), "First post");
    assert_eq!(text(&article, ".byline"), "By Ann");
    assert_eq!(text(&article, "time"), "January 1, 2026");
    assert!(text(&article, ".prose").contains("More text."));
    assert_eq!(text(&article, ".prose h2"), "Part");
    assert_eq!(text(&article, "#comments-heading"), "Comments");
    // The app waits for the reader; the no-JS notice is gone: the page is whole.
    let loader = text(&article, "head script");
    assert!(
        loader.contains("import('/app.js')") && !loader.contains("start();}"),
        "{loader}"
    );
    assert!(select(&article, "link[rel=modulepreload]").is_empty());
    assert!(select(&article, "noscript").is_empty());
    let not_found = Html::parse_document(file(&files, "404.html"));
    assert!(
        text(&not_found, "head script").contains("start();}"),
        "started at once"
    );
}

#[test]
fn a_post_page_has_what_crawlers_and_link_previews_read() {
    let files = built(&[(
        "a.md",
        "+++\ntitle = \"A & B\"\ndate = 2026-01-01\nlabels = [\"news\"]\n+++\n\nThe summary.\n\n![A chart](https://img.example.org/chart.png)\n",
    )]);
    let page = Html::parse_document(file(&files, "posts/a.html"));
    let canonical = attr(&page, "link[rel=canonical]", "href");
    assert_eq!(canonical, "https://example.org/posts/a");
    assert!(attr(&page, "meta[name=description]", "content").starts_with("The summary."));
    assert_eq!(
        attr(&page, "meta[property='og:type']", "content"),
        "article"
    );
    assert_eq!(attr(&page, "meta[property='og:title']", "content"), "A & B");
    assert_eq!(attr(&page, "meta[property='og:url']", "content"), canonical);
    assert_eq!(
        attr(&page, "meta[property='og:image']", "content"),
        "https://img.example.org/chart.png"
    );
    assert_eq!(
        super::head::absolute("/images/chart.png", "https://example.org/blog/"),
        "https://example.org/blog/images/chart.png"
    );
    assert_eq!(
        attr(&page, "meta[name='twitter:card']", "content"),
        "summary_large_image"
    );
    assert_eq!(
        attr(&page, "meta[name='twitter:image']", "content"),
        "https://img.example.org/chart.png"
    );
    let json = text(&page, "script[type='application/ld+json']");
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["@type"], "BlogPosting");
    assert_eq!(data["headline"], "A & B");
    assert_eq!(data["datePublished"], "2026-01-01T00:00:00Z");
    assert_eq!(data["author"]["name"], "Ann");
    assert_eq!(data["mainEntityOfPage"], canonical.as_str());
}

#[test]
fn each_page_names_the_hashed_bundles_its_view_needs() {
    let content = load(&content_dir(&[("a.md", &post("A", "2026-01-01"))]))
        .content
        .unwrap();
    let bundles = bundles(&content);
    let files = pages(&content, &bundles, SHELL, &mut Made::default()).unwrap();
    let page = Html::parse_document(file(&files, "posts/a.html"));
    let named: Vec<String> = select(&page, "meta[name=quire-bundle]")
        .iter()
        .filter_map(|m| m.value().attr("content").map(str::to_string))
        .collect();
    let expect = |plain: &str| format!("{plain} {}", bundles.hashed[plain]);
    assert_eq!(
        named,
        [
            expect("data/site.json"),
            expect("data/posts/a.json"),
            expect("data/popular.json")
        ]
    );
}

#[test]
fn the_not_found_page_is_not_indexed() {
    let files = built(&[("a.md", &post("A", "2026-01-01"))]);
    let page = Html::parse_document(file(&files, "404.html"));
    assert_eq!(attr(&page, "meta[name=robots]", "content"), "noindex");
    assert!(select(&page, "link[rel=canonical]").is_empty());
    assert_eq!(text(&page, "main h1"), "Page not found");
    assert_eq!(text(&page, "title"), "Page not found · T");
}

#[test]
fn author_text_stays_text_everywhere_in_a_page() {
    let files = built(&[(
        "a.md",
        "+++\ntitle = \"</script><script>alert(1)</script>\"\ndate = 2026-01-01\n+++\n\n<b>x</b> \"quoted\"\n",
    )]);
    let raw = file(&files, "posts/a.html");
    assert!(!raw.contains("<script>alert"), "{raw}");
    let page = Html::parse_document(raw);
    assert_eq!(
        text(&page, "main article h1"),
        "</script><script>alert(1)</script>"
    );
    // Only the app's loader and the JSON-LD block.
    assert_eq!(select(&page, "script").len(), 2);
    let json = text(&page, "script[type='application/ld+json']");
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["headline"], "</script><script>alert(1)</script>");
}

#[test]
fn a_sub_path_site_links_under_its_path() {
    let dir = content_dir(&[("a.md", &post("A", "2026-01-01"))]);
    let mut content = published(&dir);
    content.site.base_url = "https://example.org/blog/".to_string();
    let files = pages(&content, &bundles(&content), SHELL, &mut Made::default()).unwrap();
    let home = Html::parse_document(file(&files, "index.html"));
    assert_eq!(attr(&home, ".feed-entry h2 a", "href"), "/blog/posts/a");
    assert_eq!(attr(&home, ".site-title", "href"), "/blog/");
    assert_eq!(attr(&home, "link[rel=alternate]", "href"), "/blog/atom.xml");
    assert_eq!(attr(&home, "meta[name=quire-base]", "content"), "/blog/");
    assert_eq!(
        attr(&home, "link[rel=canonical]", "href"),
        "https://example.org/blog/"
    );
}

#[test]
fn a_shell_without_a_body_is_refused_with_a_reason() {
    let content = published(&content_dir(&[]));
    let err = pages(
        &content,
        &bundles(&content),
        "<title>x</title></head>",
        &mut Made::default(),
    )
    .unwrap_err();
    assert!(err.contains("<body>"), "{err}");
}

#[test]
fn a_long_summary_is_shortened_for_the_description_at_a_word() {
    let long = "word ".repeat(100);
    let body =
        format!("+++\ntitle = \"A\"\ndate = 2026-01-01\nsummary = \"{long}\"\n+++\n\nText.\n");
    let files = built(&[("a.md", &body)]);
    let page = Html::parse_document(file(&files, "posts/a.html"));
    let description = attr(&page, "meta[name=description]", "content");
    assert!(description.chars().count() <= 160, "{description}");
    assert!(description.ends_with("word…"), "{description}");
}

#[test]
fn every_feed_page_is_a_page_linked_to_its_neighbours() {
    let content = published(&numbered_posts(25));
    let files = pages(&content, &bundles(&content), SHELL, &mut Made::default()).unwrap();
    let first = Html::parse_document(file(&files, "index.html"));
    assert_eq!(text(&first, ".pager"), "Page 1 of 3Older posts");
    assert_eq!(attr(&first, ".pager a[rel=next]", "href"), "/page/2");
    let second = Html::parse_document(file(&files, "page/2.html"));
    assert_eq!(text(&second, "title"), "Page 2 · T");
    assert_eq!(attr(&second, ".pager a[rel=prev]", "href"), "/");
    assert_eq!(attr(&second, ".pager a[rel=next]", "href"), "/page/3");
    assert_eq!(
        text(&second, ".feed-entry h2").split('|').next(),
        Some("P15")
    );
    let last = Html::parse_document(file(&files, "page/3.html"));
    assert_eq!(attr(&last, ".pager a[rel=prev]", "href"), "/page/2");
    assert!(select(&last, ".pager a[rel=next]").is_empty());
    assert_eq!(
        attr(&last, "link[rel=canonical]", "href"),
        "https://example.org/page/3"
    );
}

#[test]
fn label_pages_and_the_archive_are_pages_too() {
    let files = built(&[
        ("a.md", &post("First", "2025-12-31")),
        (
            "b.md",
            "+++\ntitle = \"Second\"\ndate = 2026-01-02\nlabels = [\"other\"]\n+++\n\nB.\n",
        ),
    ]);
    let news = Html::parse_document(file(&files, "labels/news.html"));
    assert_eq!(text(&news, "title"), "Posts labelled news · T");
    assert_eq!(text(&news, "main h1"), "Posts labelled news");
    assert_eq!(text(&news, ".feed-entry h2"), "First");
    assert_eq!(
        attr(&news, "link[rel=canonical]", "href"),
        "https://example.org/labels/news"
    );
    // Labels under a post link to their pages.
    let post = Html::parse_document(file(&files, "posts/a.html"));
    assert_eq!(attr(&post, ".labels a", "href"), "/labels/news");
    let archive = Html::parse_document(file(&files, "archive.html"));
    assert_eq!(text(&archive, "main h2"), "Labels|2026|2025");
    assert_eq!(text(&archive, "main h3"), "January|December");
    assert_eq!(text(&archive, ".label-cloud li"), "news (1)|other (1)");
    assert_eq!(text(&archive, ".archive-list a"), "Second|First");
    assert_eq!(attr(&archive, ".archive-list a", "href"), "/posts/b");
}

#[test]
fn an_article_has_its_extras_and_comments_as_the_app_shows_them() {
    let dir = content_dir(&[
        ("a.md", &post("First", "2026-01-01")),
        ("b.md", &post("Second", "2026-01-02")),
        ("c.md", &post("Third", "2026-01-03")),
    ]);
    std::fs::create_dir_all(dir.join("comments")).unwrap();
    std::fs::write(
        dir.join("comments/b.toml"),
        "[[comment]]\nauthor = \"Bo <b>\"\ndate = 2026-01-04\ntext = \"A [link](https://x.org) and <script>x</script>\"\n\
         [[comment.reply]]\nauthor = \"Ann\"\ndate = 2026-01-05\ntext = \"Thanks\"\n",
    )
    .unwrap();
    let content = published(&dir);
    let files = pages(&content, &bundles(&content), SHELL, &mut Made::default()).unwrap();
    let page = Html::parse_document(file(&files, "posts/b.html"));
    assert_eq!(text(&page, ".post-nav .prev .post-nav-title"), "First");
    assert_eq!(text(&page, ".post-nav .next .post-nav-title"), "Third");
    assert_eq!(text(&page, ".related li"), "Third|First");
    assert_eq!(text(&page, "#comments-heading"), "2 comments");
    assert_eq!(text(&page, ".comment-author"), "Bo <b>|Ann");
    assert_eq!(
        attr(&page, ".comment-body a", "rel"),
        "nofollow ugc noopener noreferrer"
    );
    assert!(select(&page, ".comment-body script").is_empty());
    assert_eq!(text(&page, ".comments-closed"), "Comments are closed.");
    let email = attr(&page, ".share-links a", "href");
    assert!(
        email.starts_with("mailto:?subject=Second&body=https%3A%2F%2Fexample.org%2Fposts%2Fb"),
        "{email}"
    );
    assert!(
        select(&page, ".copy-link[hidden]").len() == 1,
        "a control that needs JavaScript"
    );
    assert_eq!(text(&page, ".back-to-top a"), "Back to top");
    let home = Html::parse_document(file(&files, "index.html"));
    assert_eq!(text(&home, ".comment-count"), "2 comments");
}

#[test]
fn a_page_is_made_again_only_when_what_it_is_made_from_changed() {
    let dir = content_dir(&[
        ("a.md", &post("A", "2026-01-01")),
        ("b.md", &post("B", "2026-01-02")),
        ("c.md", &post("C", "2026-01-03").replace("news", "other")),
    ]);
    let build = |made: &mut Made| {
        let content = published(&dir);
        pages(&content, &bundles(&content), SHELL, made).unwrap()
    };
    let by_path =
        |files: Vec<OutputFile>| -> std::collections::BTreeMap<String, std::sync::Arc<str>> {
            files.into_iter().map(|f| (f.path, f.contents)).collect()
        };
    let mut made = Made::default();
    let mut before = by_path(build(&mut made));
    let site = fs::read_to_string(dir.join("site.toml")).unwrap();
    // Each kind of edit, and the pages that show it.
    let edits = [
        (
            "posts/a.md",
            post("A", "2026-01-01") + "\nMore words.\n",
            "posts/a.html",
        ),
        ("posts/b.md", post("B retitled", "2026-01-02"), "index.html"),
        (
            "popularity.toml",
            "[views]\nc = 5\n".to_string(),
            "posts/a.html",
        ),
        (
            "site.toml",
            site.replace("\"T\"", "\"Renamed\""),
            "404.html",
        ),
        // Only a post's head shows its time of day.
        (
            "posts/a.md",
            post("A", "2026-01-01T08:30:00Z"),
            "posts/a.html",
        ),
    ];
    for (file, text, shows) in edits {
        fs::write(dir.join(file), text).unwrap();
        let after = by_path(build(&mut made));
        assert_eq!(
            after,
            by_path(build(&mut Made::default())),
            "after editing {file}"
        );
        assert_ne!(after[shows], before[shows], "{shows} shows {file}'s edit");
        before = after;
    }
    // A post's edit leaves the pages that do not show it as they were made: the
    // oldest post is not the newest's neighbour, nor in its label.
    fs::write(
        dir.join("posts/a.md"),
        post("A", "2026-01-01T08:30:00Z") + "\nAn afterthought.\n",
    )
    .unwrap();
    let after = by_path(build(&mut made));
    let same = |path: &str| std::sync::Arc::ptr_eq(&after[path], &before[path]);
    assert!(!same("posts/a.html"));
    assert!(same("posts/c.html"));
    assert!(same("labels/other.html"));
    // Nor does an edit to the text of a popular post change the pages that list it
    // only as popular: every post page does.
    // (Past the opening that lists show.)
    let long = post("C", "2026-01-03").replace("news", "other") + &"Words. ".repeat(60);
    fs::write(dir.join("posts/c.md"), &long).unwrap();
    let before = by_path(build(&mut made));
    fs::write(dir.join("posts/c.md"), long + "\n\nAn afterthought.\n").unwrap();
    let after = by_path(build(&mut made));
    let same = |path: &str| std::sync::Arc::ptr_eq(&after[path], &before[path]);
    assert!(!same("posts/c.html"));
    assert!(same("posts/a.html"));
    assert_eq!(made.len(), after.len());
}

/// `site::make_into` of the fixture in `dir` around [`SHELL`], with no images.
fn make_in_parts(
    content: &quire_content::content::Content,
    dir: &std::path::Path,
    made: Option<&mut crate::site::Made>,
    part: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), String>,
) -> Result<(), String> {
    let images = crate::images::Images::default();
    crate::site::make_into(content, dir, Some(SHELL), dir, &images, made, part).map(|_| ())
}

#[test]
fn a_big_site_is_made_and_handed_on_a_few_hundred_posts_at_a_time() {
    use crate::site::{make, POSTS_PER_PART};
    let count = POSTS_PER_PART + 1;
    let dir = quire_content::fixtures::numbered_posts(count as u32);
    // (Loaded, not selected: the fixture's later posts are dated after any fixed
    // day, and every one is wanted here.)
    let content = quire_content::content::load(&dir).content.unwrap();
    let images = crate::images::Images::default();
    let mut parts: Vec<Vec<String>> = Vec::new();
    make_in_parts(&content, &dir, None, &mut |files| {
        parts.push(files.iter().map(|f| f.path.clone()).collect());
        Ok(())
    })
    .unwrap();
    // Two runs of posts; the lists' bundles; the search index, a folder at a time;
    // the lists' pages; then the rest. No part holds more than a run's posts.
    let post_pages = |part: &[String]| {
        part.iter()
            .filter(|p| p.starts_with("posts/") && p.ends_with(".html"))
            .count()
    };
    let counted: Vec<usize> = parts.iter().map(|part| post_pages(part)).collect();
    assert_eq!(counted[..2], [POSTS_PER_PART, 1]);
    assert!(counted[2..].iter().all(|n| *n == 0));
    // Each post's page comes with its bundle (the page names it); the lists that
    // name every post's bundle come after them, and the lists' pages after those.
    for part in &parts[..2] {
        let bundles = part.iter().filter(|p| p.starts_with("data/posts/")).count();
        assert_eq!(bundles, post_pages(part));
    }
    assert!(parts[2].iter().any(|p| p == "data/feed/1.json"));
    let search_folders = &parts[3..parts.len() - 2];
    // (One folder of the terms' chunks, and one of fragments for each 256 posts.)
    assert_eq!(search_folders.len(), 1 + 3);
    for folder in search_folders {
        let dir = folder[0].rsplit_once('/').unwrap().0;
        assert!(dir.starts_with("data/h/s"), "{dir}");
        assert!(folder.iter().all(|p| p.rsplit_once('/').unwrap().0 == dir));
    }
    assert!(parts[parts.len() - 2].iter().any(|p| p == "index.html"));
    let last = &parts[parts.len() - 1];
    assert!(last.iter().any(|p| p == "_headers"));
    assert!(last.iter().any(|p| p == "data/search.json"));
    // The same site as made whole.
    let whole = make(&content, &dir, Some(SHELL), &dir, &images, None).unwrap();
    let mut all: Vec<String> = parts.concat();
    let mut made: Vec<String> = whole.files.iter().map(|f| f.path.clone()).collect();
    all.sort();
    made.sort();
    assert_eq!(all, made);
}

#[test]
fn a_site_stopped_midway_keeps_its_pages_for_the_next_build() {
    use crate::site::{make, Made as SiteMade};
    let dir = quire_content::fixtures::numbered_posts(40);
    let content = quire_content::content::load(&dir).content.unwrap();
    let images = crate::images::Images::default();
    let make_kept =
        |made: &mut SiteMade| make(&content, &dir, Some(SHELL), &dir, &images, Some(made)).unwrap();
    let mut made = SiteMade::default();
    let first = make_kept(&mut made);
    let pages = made.pages_kept();
    assert!(pages > 40, "{pages} pages kept");
    let mut parts = 0;
    make_in_parts(&content, &dir, None, &mut |_| {
        parts += 1;
        Ok(())
    })
    .unwrap();
    assert!(parts >= 5, "{parts} parts");
    // Stopped at each part in turn, as a newer save in the preview stops it.
    for stop_at in 0..parts {
        let mut handed = 0;
        let stopped = make_in_parts(&content, &dir, Some(&mut made), &mut |_| {
            handed += 1;
            if handed > stop_at {
                Err("a newer save".to_string())
            } else {
                Ok(())
            }
        });
        assert_eq!(stopped.err().as_deref(), Some("a newer save"));
        assert_eq!(made.pages_kept(), pages, "stopped at part {stop_at}");
    }
    // And what it kept makes the same site, every page as it was.
    let again = make_kept(&mut made);
    assert_eq!(again.files.len(), first.files.len());
    for (a, b) in first.files.iter().zip(&again.files) {
        assert_eq!(a.path, b.path);
        if a.path.ends_with(".html") {
            assert!(
                std::sync::Arc::ptr_eq(&a.contents, &b.contents),
                "{}",
                a.path
            );
        }
    }
}
