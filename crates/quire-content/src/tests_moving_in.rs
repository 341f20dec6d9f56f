//! Post folders, pages and redirects: what a blog moving in from elsewhere has.

use crate::content::load;
use crate::diagnostic::Diagnostic;
use crate::fixtures::{content_dir, post};
use std::fs;
use std::path::Path;

fn errors(dir: &Path) -> Vec<Diagnostic> {
    load(dir)
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

fn write(dir: &Path, path: &str, text: &[u8]) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn a_post_folder_is_a_post_with_its_own_files() {
    let dir = content_dir(&[("plain.md", &post("Plain", "2026-01-01"))]);
    write(
        &dir,
        "posts/trip-north/index.md",
        b"+++\ntitle = \"Trip\"\ndate = 2026-01-02\n+++\n\n![The fjord](fjord.jpg)\n\n\
          [Route](./maps/route.gpx) and a [plain post](/posts/plain).\n",
    );
    write(&dir, "posts/trip-north/fjord.jpg", b"jpg");
    write(&dir, "posts/trip-north/maps/route.gpx", b"gpx");
    write(&dir, "posts/trip-north/.DS_Store", b"junk");
    let loaded = load(&dir);
    let content = loaded.content.expect("the folder post loads");
    let trip = content
        .posts
        .iter()
        .find(|p| p.slug == "trip-north")
        .unwrap();
    assert!(trip.folder.is_some());
    assert_eq!(
        trip.files,
        [Path::new("fjord.jpg"), Path::new("maps/route.gpx")]
    );
    assert!(
        trip.rendered
            .html
            .contains(r#"src="/posts/trip-north/fjord.jpg""#),
        "{}",
        trip.rendered.html
    );
    assert!(trip
        .rendered
        .html
        .contains(r#"href="/posts/trip-north/maps/route.gpx""#));
    // One-file posts keep working beside it.
    assert!(content
        .posts
        .iter()
        .any(|p| p.slug == "plain" && p.folder.is_none()));
}

#[test]
fn a_post_folder_missing_a_file_is_an_error_at_the_reference() {
    let dir = content_dir(&[]);
    write(
        &dir,
        "posts/trip/index.md",
        b"+++\ntitle = \"Trip\"\ndate = 2026-01-02\n+++\n\n![Gone](gone.jpg)\n\n[Escape](../../site.toml)\n",
    );
    let errs = errors(&dir);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs[0]
            .to_string()
            .contains("index.md:6:1: error: the image `gone.jpg` does not exist"),
        "{}",
        errs[0]
    );
    assert!(
        errs[0].hint.contains("posts/trip/gone.jpg"),
        "{}",
        errs[0].hint
    );
    assert!(errs[1].message.contains("leads to no file"), "{}", errs[1]);
    assert!(errs[1].hint.contains("without `..`"), "{}", errs[1]);
}

#[test]
fn a_folder_without_index_md_is_a_warning_not_a_post() {
    let dir = content_dir(&[("a.md", &post("A", "2026-01-01"))]);
    write(&dir, "posts/stray/photo.jpg", b"jpg");
    let loaded = load(&dir);
    assert_eq!(loaded.content.unwrap().posts.len(), 1);
    assert!(loaded
        .diagnostics
        .iter()
        .any(|d| !d.is_error() && d.message.contains("no index.md")));
}

#[test]
fn pages_load_in_the_authors_order_and_refuse_the_sites_own_addresses() {
    let dir = content_dir(&[("a.md", &post("A", "2026-01-01"))]);
    write(
        &dir,
        "pages/contact.md",
        b"+++\ntitle = \"Contact\"\norder = 2\n+++\nWrite to us.\n",
    );
    write(
        &dir,
        "pages/about.md",
        b"+++\ntitle = \"About\"\norder = 1\n+++\nWho we are. See [A](/posts/a).\n",
    );
    write(
        &dir,
        "pages/colophon.md",
        b"+++\ntitle = \"Colophon\"\nnav = false\n+++\nMade with Quire.\n",
    );
    let content = load(&dir).content.expect("pages load");
    let order: Vec<_> = content
        .pages
        .iter()
        .map(|p| (p.slug.as_str(), p.nav))
        .collect();
    assert_eq!(
        order,
        [("about", true), ("contact", true), ("colophon", false)]
    );

    write(&dir, "pages/archive.md", b"+++\ntitle = \"Mine\"\n+++\nx\n");
    write(
        &dir,
        "pages/broken.md",
        b"+++\ntitle = \"Broken\"\ncolour = 1\n+++\n[x](/posts/nope)\n",
    );
    let errs = errors(&dir);
    let all: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 2, "{all:?}");
    assert!(
        all[0].contains("archive.md") && all[0].contains("one of the site's own addresses"),
        "{}",
        all[0]
    );
    assert!(
        all[1].contains("broken.md:3:1") && errs[1].hint.contains("a page may have"),
        "{}",
        all[1]
    );
}

#[test]
fn redirects_lead_somewhere_real_from_plain_paths() {
    let dir = content_dir(&[("old-post.md", &post("Old", "2026-01-01"))]);
    write(&dir, "pages/about.md", b"+++\ntitle = \"About\"\n+++\nx\n");
    write(
        &dir,
        "redirects.toml",
        br#"[[redirect]]
from = "/2019/04/old-post.html"
to = "/posts/old-post"

[[redirect]]
from = "/p/about.html"
to = "/about"

[[redirect]]
from = "/search/label/World%20News"
to = "/labels/news"

[[redirect]]
from = "/feeds/posts/default"
to = "/atom.xml"

[[redirect]]
from = "/blog/old-post/"
to = "/posts/old-post"
"#,
    );
    let content = load(&dir).content.expect("redirects load");
    assert_eq!(content.redirects.len(), 5);
    let files: Vec<_> = content.redirects.iter().map(|r| r.page_file()).collect();
    assert_eq!(
        files,
        [
            Some("2019/04/old-post.html".to_string()),
            Some("p/about.html".to_string()),
            Some("search/label/World News.html".to_string()),
            Some("feeds/posts/default.html".to_string()),
            Some("blog/old-post/index.html".to_string()),
        ]
    );

    write(
        &dir,
        "redirects.toml",
        br#"[[redirect]]
from = "/../../etc/passwd"
to = "/posts/old-post"

[[redirect]]
from = "/2019/04/x.html"
to = "/posts/missing"

[[redirect]]
from = "/posts/old-post"
to = "/about"

[[redirect]]
from = "relative.html"
to = "/about"
"#,
    );
    let errs = errors(&dir);
    let all: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 4, "{all:#?}");
    assert!(
        all[0].contains("redirects.toml:2:") && all[0].contains("`..` segment"),
        "{}",
        all[0]
    );
    assert!(all[1].contains("leads nowhere"), "{}", all[1]);
    assert!(
        all[2].contains("an address of this site already"),
        "{}",
        all[2]
    );
    assert!(
        all[3].contains("not a path below the site's root"),
        "{}",
        all[3]
    );
}
