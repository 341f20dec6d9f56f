//! Moving in, as an author does it and a reader then sees it: each fixture (both
//! Blogger exports, a Zola site, a Hugo site) goes through `quire import`, `quire
//! check` and `quire build` around the built app, and a browser reads the result:
//! posts, pages, comments and labels, a post folder's image, and old addresses
//! arriving at the right post on a host with `_redirects` and on one without.

use quire_e2e::authoring::{check_and_build, quire, run};
use quire_e2e::{json, Reader};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/quire-import/tests/fixtures")
        .join(name)
}

/// Imports `from` as `kind` into a fresh content folder, checks and builds it
/// around the app; returns the built site.
fn moved_in(kind: &str, from: &Path) -> PathBuf {
    // Tests run in parallel in one process, and several import the same export:
    // each call gets a folder of its own, or they overwrite each other's sites.
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let root = std::env::temp_dir().join(format!(
        "quire-e2e-import-{kind}-{}-{call}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let (content, site) = (root.join("content"), root.join("site"));
    let report = run(Command::new(quire())
        .args(["import", kind])
        .arg(from)
        .arg("--content")
        .arg(&content));
    assert!(report.contains("imported"), "{report}");
    check_and_build(&content, &site);
    site
}

fn nav(reader: &Reader) -> Vec<String> {
    reader.browser.texts("nav[aria-label=Main] a")
}

fn assert_no_script_ran(reader: &Reader) {
    assert_eq!(
        reader
            .browser
            .eval("return window.__pwned === undefined", json!([])),
        json!(true),
        "script from the export ran"
    );
}

#[test]
fn a_takeout_export_reads_as_the_blog_it_was() {
    let site = moved_in("blogger", &fixture("blogger/feed.atom"));
    let reader = Reader::of_site(site.clone());
    reader.open("/");
    reader.browser.wait_for(
        "the imported feed",
        "return document.querySelectorAll('.feed-entry').length === 3",
    );
    assert_eq!(
        reader.browser.texts(".feed-entry h2"),
        [
            "Untitled",
            "Café Société",
            "Ships & Harbours of the North: a Long Title Blogger Shortened"
        ]
    );
    assert_eq!(
        nav(&reader),
        ["Home", "Archive", "Popular", "Search", "About this blog"]
    );

    reader.open("/posts/ships-harbours-north");
    assert_eq!(
        reader.article_title(),
        "Ships & Harbours of the North: a Long Title Blogger Shortened"
    );
    assert_eq!(
        reader
            .browser
            .texts(".prose figure, .prose em")
            .last()
            .map(String::as_str),
        Some("The harbour at dawn")
    );
    assert_eq!(
        reader.browser.texts(".comment .comment-author"),
        ["Bea Reader", "Ann Harbour", "Cy Deep"]
    );
    assert_eq!(reader.browser.texts("#comments-heading"), ["3 comments"]);
    assert_eq!(
        reader.browser.eval("return document.querySelectorAll('main script, main iframe, main form[action*=evil]').length", json!([])),
        json!(0)
    );
    assert_no_script_ran(&reader);
    reader.screenshot("import-blogger-post-desktop");
    reader.assert_no_panic();

    reader.open("/labels/world-news");
    reader.browser.wait_for(
        "the label's posts",
        "return document.querySelectorAll('.feed-entry').length === 1",
    );
    reader.open("/about");
    assert_eq!(reader.article_title(), "About this blog");
    assert_eq!(
        reader.browser.texts("nav a[aria-current=page]"),
        ["About this blog"]
    );

    // Old addresses, on a host that reads `_redirects`: a 301 to the post, the
    // mobile view's `?m=1` ignored.
    for old in [
        "/2019/04/ships-harbours-north.html",
        "/2019/04/ships-harbours-north.html?m=1",
    ] {
        reader.open_page(old);
        reader.browser.wait_for("the post", "return location.pathname === '/posts/ships-harbours-north' && document.querySelector('article.post h1') !== null");
    }
    reader.open_page("/search/label/World%20News");
    reader.browser.wait_for(
        "the label",
        "return location.pathname === '/labels/world-news'",
    );
    reader.open_page("/p/about.html");
    reader
        .browser
        .wait_for("the page", "return location.pathname === '/about'");
    reader.assert_no_panic();
}

#[test]
fn old_blogger_addresses_arrive_on_a_host_without_redirect_rules() {
    let site = moved_in("blogger", &fixture("blogger/feed.atom"));
    // GitHub Pages and S3 read no `_redirects`: the page at the old path sends the
    // reader on.
    std::fs::remove_file(site.join("_redirects")).expect("a _redirects to remove");
    let reader = Reader::of_site(site.clone());
    reader.open_page("/2019/04/ships-harbours-north.html?m=1");
    reader.browser.wait_for(
        "the post, through the old address's page",
        "return location.pathname === '/posts/ships-harbours-north' && document.querySelector('article.post h1') !== null",
    );
    assert_eq!(
        reader.article_title(),
        "Ships & Harbours of the North: a Long Title Blogger Shortened"
    );
    let old_page = std::fs::read_to_string(site.join("2019/04/ships-harbours-north.html"))
        .expect("the old address's page");
    assert!(old_page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(
        old_page.contains(
            r#"<link rel="canonical" href="http://127.0.0.1:8080/posts/ships-harbours-north">"#
        ),
        "{old_page}"
    );
    reader.open_page("/search/label/World%20News");
    reader.browser.wait_for(
        "the label",
        "return location.pathname === '/labels/world-news'",
    );
}

#[test]
fn an_old_blogger_export_reads_with_its_comments_and_page() {
    let site = moved_in("blogger", &fixture("blogger/blog-04-01-2019.xml"));
    let reader = Reader::of_site(site);
    reader.open("/posts/first-trip");
    assert_eq!(reader.article_title(), "First trip");
    assert_eq!(
        reader.browser.texts(".comment .comment-author"),
        ["Eve", "Dee Old"]
    );
    assert_eq!(nav(&reader).last().map(String::as_str), Some("Contact"));
    reader.open("/archive");
    reader.browser.wait_for(
        "the archive",
        "return document.querySelectorAll('.archive a[href^=\"/posts/\"]').length === 1",
    );
    assert!(reader
        .browser
        .texts(".archive")
        .concat()
        .contains("First trip"));
    assert!(!reader.browser.texts("main").concat().contains("A draft"));
}

/// Waits until every image of the article has loaded, and returns their widths.
fn image_widths(reader: &Reader) -> Value {
    reader.browser.wait_for(
        "the article's images",
        "const imgs = [...document.querySelectorAll('.prose img')]; return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0) && imgs.map(i => i.naturalWidth)",
    )
}

use quire_e2e::Value;

#[test]
fn a_zola_site_reads_with_its_post_folder_image_and_old_addresses() {
    let site = moved_in("zola", &fixture("zola"));
    let reader = Reader::of_site(site);
    reader.open("/posts/photos-from-bergen");
    assert_eq!(reader.article_title(), "Photos from Bergen");
    assert_eq!(image_widths(&reader), json!([64]));
    reader.screenshot("import-zola-post-folder-desktop");
    reader.open("/posts/first-voyage");
    assert_eq!(
        image_widths(&reader),
        json!([16]),
        "the site's static/ image"
    );
    reader.open("/about");
    assert_eq!(reader.article_title(), "About the log");
    reader.open_page("/blog/first-voyage/");
    reader.browser.wait_for(
        "the post",
        "return location.pathname === '/posts/first-voyage'",
    );
    reader.open_page("/old/first-voyage.html");
    reader.browser.wait_for(
        "the post",
        "return location.pathname === '/posts/first-voyage'",
    );
    reader.assert_no_panic();
}

#[test]
fn a_hugo_site_reads_on_a_phone() {
    let site = moved_in("hugo", &fixture("hugo"));
    let reader = Reader::of_site(site);
    reader.browser.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 360, "height": 720, "deviceScaleFactor": 2, "mobile": true}),
    );
    reader.open("/posts/summit-day");
    assert_eq!(reader.article_title(), "Summit day");
    assert_eq!(image_widths(&reader), json!([40]));
    reader.screenshot("import-hugo-post-folder-phone");
    reader.open("/labels/first-steps");
    reader.browser.wait_for(
        "the label's posts",
        "return document.querySelectorAll('.feed-entry').length === 1",
    );
    reader.open_page("/2020/05/hello.html");
    reader.browser.wait_for(
        "the post",
        "return location.pathname === '/posts/hello-world'",
    );
    assert_eq!(reader.article_title(), "Hello, world");
    // Hugo's own address for a post ends in a slash: this host, like GitHub Pages,
    // has no file there and serves its not-found page, where the app shows the post.
    reader.open_page("/posts/summit-day/");
    assert_eq!(reader.article_title(), "Summit day");
    // The post's links to old addresses were pointed at the new ones by the import.
    let links = reader.browser.eval(
        "return [...document.querySelectorAll('article.post p a')].map(a => a.getAttribute('href')).filter(h => !h.startsWith('#'))",
        json!([]),
    );
    assert_eq!(
        links,
        json!([
            "/posts/summit-day/files/route.gpx",
            "/posts/hello-world",
            "/posts/with-url#top",
            "/posts/summit-day"
        ])
    );
    reader.assert_no_panic();
}
