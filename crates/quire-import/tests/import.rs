//! Imports of real-shaped exports and sites (`tests/fixtures/`, written from each
//! format's documentation), checked the way an author's next step checks them:
//! `quire_content::load`, the same loader `quire check` and `quire build` use.

use quire_content::content::{load, Content};
use quire_import::static_site::Flavour;
use quire_import::{blogger, static_site, Options, Report};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh folder holding `content/` (not made yet), and room around it to see
/// that nothing is written beside it.
fn scratch() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "quire-import-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(
                    path.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    found.sort();
    found
}

fn checked(content: &Path) -> Content {
    let loaded = load(content);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "the import does not check:\n{}",
        errors.join("\n")
    );
    loaded.content.expect("content")
}

/// Nothing an import wrote can run script on a reader's page: every post, page and
/// comment as the reader's browser would render it.
fn assert_no_script(content: &Content) {
    let mut html: Vec<String> = content
        .posts
        .iter()
        .map(|p| p.rendered.html.clone())
        .collect();
    html.extend(content.pages.iter().map(|p| p.rendered.html.clone()));
    for comments in content.comments.values() {
        for comment in comments
            .iter()
            .chain(comments.iter().flat_map(|c| &c.replies))
        {
            html.push(
                quire_markdown::render(&comment.markdown, &quire_markdown::Options::COMMENT).html,
            );
        }
    }
    for page in html {
        let lower = page.to_lowercase();
        for bad in [
            "<script",
            "<iframe",
            "<form",
            "javascript:",
            " onerror=",
            " onclick=",
            "<style",
        ] {
            assert!(!lower.contains(bad), "{bad} in {page}");
        }
    }
}

fn post<'a>(content: &'a Content, slug: &str) -> &'a quire_content::content::Post {
    content
        .posts
        .iter()
        .find(|p| p.slug == slug)
        .unwrap_or_else(|| panic!("no post {slug}"))
}

fn redirects(content: &Content) -> Vec<(String, String)> {
    content
        .redirects
        .iter()
        .map(|r| (r.from.clone(), r.to.clone()))
        .collect()
}

#[test]
fn a_takeout_export_becomes_posts_pages_comments_labels_and_redirects() {
    let root = scratch();
    let content_dir = root.join("content");
    let report = blogger::import(
        &fixture("blogger/feed.atom"),
        &content_dir,
        Options::default(),
    )
    .unwrap();
    assert_eq!(
        (report.posts, report.drafts, report.pages, report.comments),
        (4, 1, 1, 3),
        "{report}"
    );
    let content = checked(&content_dir);
    assert_eq!(content.site.title, "Harbour Notes");

    // The slug is the old address's file name, never the (shortened) title.
    let first = post(&content, "ships-harbours-north");
    assert_eq!(
        first.title,
        "Ships & Harbours of the North: a Long Title Blogger Shortened"
    );
    assert_eq!(first.labels, ["world-news", "europe"]);
    assert_eq!(first.author, "Ann Harbour");
    assert!(first.markdown.contains("![The harbour at dawn](https://blogger.googleusercontent.com/img/b/s320/harbour.jpg)\\\n*The harbour at dawn*"), "{}", first.markdown);
    assert!(
        first.markdown.contains("a bad link and") && !first.markdown.contains("javascript"),
        "{}",
        first.markdown
    );
    assert!(first
        .markdown
        .contains("[Embedded video: https://www.youtube.com/watch?v=xyz789]"));
    assert!(post(&content, "unfinished-thoughts").draft);
    assert!(content.posts.iter().all(|p| p.title != "Thrown away"));
    assert_eq!(post(&content, "passwd-thing").title, "Untitled");
    assert_eq!(content.pages[0].slug, "about");
    // Its link to the first post, by the old blogspot address, leads to the new one.
    assert!(
        post(&content, "cafe-societe")
            .markdown
            .contains("[a link to the first](/posts/ships-harbours-north)"),
        "{}",
        post(&content, "cafe-societe").markdown
    );

    // Comments: one thread, the reply to a reply folded under it and naming whom it answered.
    let thread = &content.comments["ships-harbours-north"];
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].author, "Bea Reader");
    let replies: Vec<_> = thread[0]
        .replies
        .iter()
        .map(|r| (r.author.as_str(), r.markdown.as_str()))
        .collect();
    assert_eq!(
        replies,
        [
            ("Ann Harbour", "Thank you, Bea."),
            (
                "Cy Deep",
                "*In reply to Ann Harbour:*\n\nA reply to a reply."
            )
        ]
    );

    let moved = redirects(&content);
    for expected in [
        (
            "/2019/04/ships-harbours-north.html",
            "/posts/ships-harbours-north",
        ),
        ("/p/about.html", "/about"),
        ("/search/label/World%20News", "/labels/world-news"),
        ("/feeds/posts/default", "/atom.xml"),
    ] {
        assert!(
            moved.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {moved:?}"
        );
    }
    // A label only drafts carry has no page to lead to.
    assert!(!moved.iter().any(|(from, _)| from.contains("Drafty")));

    let text = report.to_string();
    for line in [
        "“Thrown away”: its status is SOFT_TRASHED",
        "post ships-harbours-north: form, iframe (now a link), image with a relative address, link to a script address, onclick attribute, onerror attribute, script",
        "World News → world-news",
        "a comment whose post is not in the import",
        "links: 1 between the old blog's posts and pages now lead to their new addresses",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    assert_no_script(&content);
    assert_eq!(
        files(&root)
            .iter()
            .filter(|f| !f.starts_with("content/"))
            .count(),
        0
    );
}

#[test]
fn an_old_blogger_export_is_read_by_its_kinds_drafts_and_threads() {
    let root = scratch();
    let content_dir = root.join("content");
    let report = blogger::import(
        &fixture("blogger/blog-04-01-2019.xml"),
        &content_dir,
        Options::default(),
    )
    .unwrap();
    assert_eq!(
        (report.posts, report.drafts, report.pages, report.comments),
        (2, 1, 1, 2),
        "{report}"
    );
    let content = checked(&content_dir);
    assert_eq!(content.site.title, "Old Style Blog");
    assert_eq!(post(&content, "first-trip").labels, ["travel"]);
    assert!(post(&content, "a-draft").draft);
    assert_eq!(content.pages[0].slug, "contact");
    let thread = &content.comments["first-trip"];
    assert_eq!(
        (
            thread[0].author.as_str(),
            thread[0].replies[0].author.as_str()
        ),
        ("Eve", "Dee Old")
    );
    // `?m=1` (Blogger's mobile view) is no part of the old address.
    assert!(redirects(&content).contains(&(
        "/2018/03/first-trip.html".into(),
        "/posts/first-trip".into()
    )));
    assert!(report.to_string().contains("post first-trip: style"));
    assert_no_script(&content);
}

#[test]
fn a_zola_site_keeps_its_post_folders_addresses_and_taxonomies() {
    let root = scratch();
    let content_dir = root.join("content");
    let report = static_site::import(
        &fixture("zola"),
        &content_dir,
        Options::default(),
        Flavour::Zola,
    )
    .unwrap();
    let content = checked(&content_dir);
    assert_eq!(content.site.title, "Fjord Log");
    let photos = post(&content, "photos-from-bergen");
    assert!(photos.folder.is_some());
    assert!(photos
        .rendered
        .html
        .contains(r#"src="/posts/photos-from-bergen/quay.png""#));
    assert!(content_dir
        .join("posts/photos-from-bergen/quay.png")
        .is_file());
    assert!(content_dir.join("static/images/logo.png").is_file());
    let voyage = post(&content, "first-voyage");
    assert_eq!(voyage.labels, ["logbook", "sailing", "norway"]);
    assert_eq!(voyage.summary, "Where it began.");
    assert!(voyage
        .markdown
        .contains("[photos are here](/posts/photos-from-bergen)"));
    assert!(!voyage.markdown.contains("<!-- more -->"));
    assert!(post(&content, "unfinished").draft);
    assert_eq!(content.pages[0].slug, "about");
    assert!(content.pages[0].markdown.contains("(/posts/first-voyage)"));
    let moved = redirects(&content);
    for expected in [
        ("/blog/first-voyage/", "/posts/first-voyage"),
        ("/old/first-voyage.html", "/posts/first-voyage"),
        ("/2021/07/old-address/", "/posts/custom-path"),
    ] {
        assert!(
            moved.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {moved:?}"
        );
    }
    let text = report.to_string();
    assert!(
        text.contains("first-voyage.md: youtube") && text.contains("index.md: note"),
        "{text}"
    );
}

#[test]
fn a_hugo_site_with_yaml_front_matter_moves_in() {
    let root = scratch();
    let content_dir = root.join("content");
    let report = static_site::import(
        &fixture("hugo"),
        &content_dir,
        Options::default(),
        Flavour::Hugo,
    )
    .unwrap();
    let content = checked(&content_dir);
    assert_eq!(content.site.title, "Mountain Notes");
    let hello = post(&content, "hello-world");
    assert_eq!(hello.labels, ["first-steps", "meta", "journal"]);
    assert_eq!(hello.author, "Mo Hill");
    // Hugo's `slug` names the post; its bundle's files come along.
    let summit = post(&content, "summit-day");
    assert_eq!(
        summit.files,
        [Path::new("cairn.png"), Path::new("files/route.gpx")]
    );
    assert!(post(&content, "no-date").draft);
    let moved = redirects(&content);
    assert!(moved.contains(&("/2020/05/hello.html".into(), "/posts/hello-world".into())));
    assert!(moved.contains(&("/2020/07/old-url/".into(), "/posts/with-url".into())));
    // Links to old addresses, on the old host or none, lead to the new ones.
    assert!(
        summit.markdown.contains(
            "[the first post](/posts/hello-world) and\n[the old one](/posts/with-url#top); \
             see also [this post](/posts/summit-day)."
        ),
        "{}",
        summit.markdown
    );
    assert_eq!(content.pages[0].order, Some(2));
    let text = report.to_string();
    assert!(
        text.contains("hello-world.md: figure") && text.contains("no-date.md: it had no date"),
        "{text}"
    );
}

#[test]
fn nothing_is_replaced_without_force_and_a_failed_import_writes_nothing() {
    let root = scratch();
    let content_dir = root.join("content");
    blogger::import(
        &fixture("blogger/feed.atom"),
        &content_dir,
        Options::default(),
    )
    .unwrap();
    let mine = content_dir.join("posts/cafe-societe.md");
    fs::write(
        &mine,
        "+++\ntitle = \"Mine\"\ndate = 2020-01-01\n+++\nEdited by hand.\n",
    )
    .unwrap();
    let before = files(&root);
    let failure = blogger::import(
        &fixture("blogger/feed.atom"),
        &content_dir,
        Options::default(),
    )
    .unwrap_err();
    assert!(
        failure.message.contains("would replace")
            && failure.message.contains("posts/cafe-societe.md"),
        "{failure}"
    );
    assert!(failure.to_string().contains("--force"));
    assert_eq!(files(&root), before, "a refused import writes nothing");
    assert!(fs::read_to_string(&mine)
        .unwrap()
        .contains("Edited by hand."));
    let forced = Options {
        force: true,
        ..Options::default()
    };
    blogger::import(&fixture("blogger/feed.atom"), &content_dir, forced).unwrap();
    assert!(!fs::read_to_string(&mine)
        .unwrap()
        .contains("Edited by hand."));
    checked(&content_dir);
}

/// `text` written as an export, imported into a fresh folder: the failure.
fn failing(text: &str) -> (quire_import::Failure, PathBuf) {
    let root = scratch();
    let export = root.join("export.xml");
    fs::write(&export, text).unwrap();
    let failure = blogger::import(&export, &root.join("content"), Options::default()).unwrap_err();
    (failure, root)
}

#[test]
fn a_broken_export_is_a_located_error_and_writes_nothing() {
    let whole = fs::read_to_string(fixture("blogger/feed.atom")).unwrap();
    // Cut in the middle of the comments: every post before it must not be written.
    let cut = &whole[..whole.find("A reply to a reply").unwrap()];
    let (failure, root) = failing(cut);
    assert!(
        failure
            .message
            .contains("ends inside entry 9 (which starts on line 99)"),
        "{failure}"
    );
    assert_eq!(files(&root), ["export.xml"], "nothing but the export");

    let malformed = whole.replacen("Shortened</title>", "Shortened</titel>", 1);
    let (failure, _) = failing(&malformed);
    assert!(
        failure.message.contains(
            "export.xml:13: the export is not well-formed XML (entry 1, which starts on line 8)"
        ),
        "{failure}"
    );

    let (failure, _) = failing("");
    assert!(failure.message.ends_with("is empty"), "{failure}");
    let (failure, _) = failing("<?xml version='1.0'?><rss><channel/></rss>");
    assert!(
        failure
            .message
            .contains("its root is <rss>, not an Atom <feed>"),
        "{failure}"
    );
    let (failure, _) =
        failing("<feed xmlns='http://www.w3.org/2005/Atom'><title>Nothing</title></feed>");
    assert!(failure.message.contains("has no entries"), "{failure}");
    let only_settings = "<feed><entry><category scheme='http://schemas.google.com/g/2005#kind' \
                         term='http://schemas.google.com/blogger/2008/kind#settings'/></entry></feed>";
    let (failure, _) = failing(only_settings);
    assert!(
        failure.message.contains("no posts and no pages"),
        "{failure}"
    );
}

#[test]
fn hostile_names_never_leave_the_content_folder() {
    let root = scratch();
    let site = root.join("hostile-site");
    let content_dir = root.join("content");
    let put = |path: &str, text: &str| {
        let path = site.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    put("content/posts/a.md", "---\ntitle: A\ndate: 2020-01-01\nslug: \"../../../../tmp/quire-pwned\"\naliases: [\"/../../escape\", \"/ok/alias\"]\n---\nHi <script>window.__pwned=1</script>\n");
    put(
        "content/posts/b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-02\npath = \"/../../b\"\n+++\nB\n",
    );
    put(
        "content/posts/bundle/index.md",
        "+++\ntitle = \"Bundle\"\ndate = 2020-01-03\n+++\n![x](we%20ird.png)\n",
    );
    put("content/posts/bundle/we ird.png", "png");
    put("content/posts/bundle/\u{7}bell.txt", "bell");
    let report =
        static_site::import(&site, &content_dir, Options::default(), Flavour::Hugo).unwrap();
    let written = files(&root);
    assert!(
        written
            .iter()
            .all(|f| f.starts_with("content/") || f.starts_with("hostile-site/")),
        "{written:#?}"
    );
    assert!(
        written.contains(&"content/posts/tmp-quire-pwned.md".to_string()),
        "{written:#?}"
    );
    assert!(
        written.contains(&"content/posts/bundle/we-ird.png".to_string()),
        "{written:#?}"
    );
    assert!(
        written.contains(&"content/posts/bundle/-bell.txt".to_string()),
        "{written:#?}"
    );
    assert!(report.to_string().contains("/../../escape"), "{report}");
    // The image was named `we%20ird.png`; the file is now `we-ird.png`, which the
    // check reports for the author to correct rather than publishing a broken image.
    let loaded = load(&content_dir);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(errors, ["the image `we%20ird.png` does not exist"]);
}

#[test]
fn a_100_mb_export_is_read_as_a_stream() {
    let root = scratch();
    let export = root.join("feed.atom");
    let posts = 2000;
    quire_import::synthetic::takeout_export(&export, posts, 50_000).unwrap();
    let size = fs::metadata(&export).unwrap().len();
    assert!(size > 100_000_000, "{size}");
    let report: Report =
        blogger::import(&export, &root.join("content"), Options::default()).unwrap();
    assert_eq!(report.posts, posts);
    assert_eq!(report.labels.len(), 30);
    let _ = fs::remove_file(&export);
    let content = checked(&root.join("content"));
    assert_eq!(content.posts.len(), posts);
    let _ = fs::remove_dir_all(&root);
}

/// Serves `/img/photo.png` on 127.0.0.1 for `requests` requests, 404 for the rest.
fn image_server(requests: usize) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests).flatten() {
            let mut reader = BufReader::new(&stream);
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = &stream;
            let answer: Vec<u8> = if first.starts_with("GET /img/photo.png ") {
                let body = b"\x89PNG fake image bytes";
                let mut head = format!("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
                head.extend_from_slice(body);
                head
            } else {
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
            };
            let _ = stream.write_all(&answer);
        }
    });
    port
}

#[test]
fn download_images_fetches_them_into_the_post_folder_and_lists_failures() {
    let port = image_server(2);
    let root = scratch();
    let export = root.join("feed.atom");
    fs::write(
        &export,
        format!(
            "<feed><title>Pictures</title><entry><id>tag:blogger.com,1999:blog-1.post-1</id>\
             <blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status>\
             <title>With pictures</title><published>2020-01-01T00:00:00Z</published>\
             <blogger:filename>/2020/01/with-pictures.html</blogger:filename>\
             <content type='html'>&lt;p&gt;&lt;img src=\"http://127.0.0.1:{port}/img/photo.png\" alt=\"A photo\"&gt;\
             &lt;img src=\"http://127.0.0.1:{port}/missing.png\" alt=\"Gone\"&gt;&lt;/p&gt;</content></entry></feed>"
        ),
    )
    .unwrap();
    let options = Options {
        download_images: true,
        ..Options::default()
    };
    let report = blogger::import(&export, &root.join("content"), options).unwrap();
    assert_eq!(
        (report.images_downloaded, report.images_remote),
        (1, 1),
        "{report}"
    );
    assert!(
        report.to_string().contains("missing.png: http status: 404"),
        "{report}"
    );
    let content = checked(&root.join("content"));
    let post = post(&content, "with-pictures");
    assert!(post.folder.is_some());
    assert!(
        post.markdown.contains("![A photo](photo.png)"),
        "{}",
        post.markdown
    );
    assert!(post
        .rendered
        .html
        .contains(r#"src="/posts/with-pictures/photo.png""#));
    assert_eq!(
        fs::read(root.join("content/posts/with-pictures/photo.png")).unwrap(),
        b"\x89PNG fake image bytes"
    );
}
