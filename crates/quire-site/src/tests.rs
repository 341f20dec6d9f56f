//! Building a site from content: bundles, feeds, the sitemap and writing them out,
//! on small content folders made on the fly and on the sample blog.

use crate::bundle::{bundles, OutputFile};
use crate::write::{update, Entry, Record, Updated};
use quire_content::content::{load, Post};
use quire_content::fixtures::{content_dir, numbered_posts, post, published, scratch};
use quire_schema::{decode, FeedPage, PopularList, PostBundle};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;

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
fn drafts_are_not_published() {
    let draft = "+++\ntitle = \"Secret\"\ndate = 2026-01-02\ndraft = true\n+++\nHidden\n";
    let dir = content_dir(&[
        ("secret.md", draft),
        ("open.md", &post("Open", "2026-01-01")),
    ]);
    let files = bundles(&published(&dir)).files;
    assert!(files.iter().all(|f| !f.path.contains("secret")));
    let feed: FeedPage = decode(file(&files, "data/feed/1.json")).unwrap();
    assert_eq!(feed.total_posts, 1);
}

#[test]
fn the_feed_is_split_into_fixed_pages() {
    let files = bundles(&published(&numbered_posts(25))).files;
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
    let files = bundles(&published(&content_dir(&[]))).files;
    let first: FeedPage = decode(file(&files, "data/feed/1.json")).unwrap();
    assert!(first.posts.is_empty());
}

#[test]
fn a_post_bundle_keeps_the_markdown_and_a_plain_excerpt() {
    let dir = content_dir(&[(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\n\n## Head\n\nSome *words* here.\n",
    )]);
    let files = bundles(&published(&dir)).files;
    let bundle: PostBundle = decode(file(&files, "data/posts/a.json")).unwrap();
    assert_eq!(bundle.markdown, "## Head\n\nSome *words* here.\n");
    assert_eq!(bundle.summary, "Some words here.");
    assert_eq!(bundle.author, "Ann", "the site author is the default");
}

fn text(path: &str, contents: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        contents: contents.to_string().into(),
    }
}

/// The file system's number for the file at `path`: the same for two names of one
/// file, new for a file written again.
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).unwrap().ino()
}

/// Writes `files` into `root` in place, as if the last build had written `before`.
fn update_with(root: &Path, files: &[OutputFile], before: &[&str]) -> io::Result<Updated> {
    let entries: Vec<Entry> = files.iter().map(Entry::text).collect();
    let before = Record {
        files: before.iter().map(|p| (p.to_string(), 0)).collect(),
        ..Record::default()
    };
    update(root, &entries, &before).map(|(updated, _)| updated)
}

#[test]
fn an_update_of_its_own_folder_goes_by_the_record_and_reads_no_file() {
    use crate::write::update_own;
    let root = scratch();
    let site = [text("a.html", "a"), text("data/b.json", "{}")];
    let entries: Vec<Entry> = site.iter().map(Entry::text).collect();
    let (first, record) = update_own(&root, &entries, Record::default()).unwrap();
    assert_eq!(first.written.len(), 2);
    // Changed behind the updates' back (which nothing does to the preview's folder):
    // the record says the file holds its bytes, so it is neither read nor written.
    fs::write(root.join("a.html"), "changed").unwrap();
    // And a stray file in `data/` is no file of the record's, so not looked for.
    fs::write(root.join("data/stray.json"), "{}").unwrap();
    let edited = [text("a.html", "a"), text("data/b.json", "{\"b\":1}")];
    let entries: Vec<Entry> = edited.iter().map(Entry::text).collect();
    let (second, record) = update_own(&root, &entries, record).unwrap();
    assert_eq!(second.written, ["data/b.json"]);
    assert_eq!(fs::read_to_string(root.join("a.html")).unwrap(), "changed");
    assert!(root.join("data/stray.json").exists());
    // What the record had and the site no longer has goes, as in any update.
    let (third, _) = update_own(&root, &entries[1..], record).unwrap();
    assert_eq!(third.removed, ["a.html"]);
    // `update`, by contrast, reads the file and mends it.
    let (mended, _) = update(&root, &[Entry::text(&edited[0])], &Record::default()).unwrap();
    assert_eq!(mended.written, ["a.html"]);
}

#[test]
fn an_update_of_its_own_folder_takes_the_very_contents_it_wrote_as_unchanged_unhashed() {
    use crate::write::update_own;
    let root = scratch();
    let site = [text("a.html", "a"), text("b.html", "b")];
    let entries: Vec<Entry> = site.iter().map(Entry::text).collect();
    let (_, mut record) = update_own(&root, &entries, Record::default()).unwrap();
    // A hash that no bytes have, and files changed behind the updates' back: only
    // contents shared with the last update, neither hashed again nor compared with
    // the file, can be taken as unchanged now.
    for hash in record.files.values_mut() {
        *hash = 1;
    }
    for name in ["a.html", "b.html"] {
        fs::write(root.join(name), "changed").unwrap();
    }
    let equal = text("b.html", "b");
    let again = [site[0].clone(), equal];
    let entries: Vec<Entry> = again.iter().map(Entry::text).collect();
    let (updated, _) = update_own(&root, &entries, record).unwrap();
    assert_eq!(
        (updated.written, updated.unchanged),
        (vec!["b.html".to_string()], 1),
        "a.html shares its contents with the last update; b.html only equals them"
    );
}

#[test]
fn an_update_of_its_own_folder_moves_a_renamed_folder_and_writes_only_what_differs() {
    use crate::write::update_own;
    let root = scratch();
    let names = ["c0.json", "c1.json", "c2.json", "c3.json"];
    let folder = |dir: &str, changed: &str| -> Vec<OutputFile> {
        names
            .iter()
            .map(|n| {
                let body = if *n == changed { "new" } else { *n };
                text(&format!("data/h/{dir}/{n}"), body)
            })
            .chain([text("data/search.json", dir)])
            .collect()
    };
    let first = folder("sA", "");
    let entries: Vec<Entry> = first.iter().map(Entry::text).collect();
    let (_, record) = update_own(&root, &entries, Record::default()).unwrap();
    let kept = inode(&root.join("data/h/sA/c0.json"));
    // One file changed: the folder's name changes with it (as the search index's do).
    let second = folder("sB", "c2.json");
    let entries: Vec<Entry> = second.iter().map(Entry::text).collect();
    let (updated, record) = update_own(&root, &entries, record).unwrap();
    assert!(!root.join("data/h/sA").exists(), "the old folder was moved");
    for file in &second {
        assert_eq!(
            fs::read_to_string(root.join(&file.path)).unwrap(),
            &*file.contents,
            "{}",
            file.path
        );
    }
    assert_eq!(
        inode(&root.join("data/h/sB/c0.json")),
        kept,
        "an unchanged file was moved with its folder, not written again"
    );
    // Whoever follows the changes hears of every new path and every old one.
    let mut written = updated.written.clone();
    written.sort();
    assert_eq!(
        written,
        [
            "data/h/sB/c0.json",
            "data/h/sB/c1.json",
            "data/h/sB/c2.json",
            "data/h/sB/c3.json",
            "data/search.json"
        ]
    );
    assert_eq!(updated.removed.len(), 4);
    assert!(record.files.keys().all(|p| !p.starts_with("data/h/sA/")));
    // An undo brings the old name back, and the folder moves back to it.
    let entries: Vec<Entry> = first.iter().map(Entry::text).collect();
    let (_, record) = update_own(&root, &entries, record).unwrap();
    assert_eq!(inode(&root.join("data/h/sA/c0.json")), kept);
    assert_eq!(
        fs::read_to_string(root.join("data/h/sA/c2.json")).unwrap(),
        "c2.json"
    );
    // A folder that shares too little is written anew, the old one removed.
    let other: Vec<OutputFile> = ["x0.json", "x1.json", "x2.json", "c0.json"]
        .iter()
        .map(|n| text(&format!("data/h/sC/{n}"), n))
        .collect();
    let entries: Vec<Entry> = other.iter().map(Entry::text).collect();
    update_own(&root, &entries, record).unwrap();
    assert!(root.join("data/h/sC/x0.json").exists());
    assert!(!root.join("data/h/sA/c1.json").exists());
}

#[test]
fn an_update_removes_what_the_site_no_longer_has_and_keeps_the_rest() {
    let root = scratch();
    fs::write(root.join("app-0123456789abcdef.js"), "app").unwrap();
    let first = [
        text("data/a.json", "{}"),
        text("data/posts/b.json", "{}"),
        text("posts/b.html", "b"),
    ];
    update_with(&root, &first, &[]).unwrap();
    for twin in ["data/a.json.br", "posts/b.html.gz"] {
        fs::write(root.join(twin), "twin").unwrap();
    }
    let recorded = ["data/a.json", "data/posts/b.json", "posts/b.html"];
    let updated = update_with(&root, &[text("data/c.json", "{}")], &recorded).unwrap();
    assert!(
        root.join("app-0123456789abcdef.js").exists(),
        "what the build never wrote is kept"
    );
    assert!(root.join("data/c.json").exists());
    for gone in [
        "data/a.json",
        "data/a.json.br",
        "posts/b.html",
        "posts/b.html.gz",
    ] {
        assert!(!root.join(gone).exists(), "{gone} is stale");
    }
    assert!(
        !root.join("data/posts").exists(),
        "an emptied folder goes too"
    );
    assert_eq!(
        updated.removed,
        ["data/a.json", "data/posts/b.json", "posts/b.html"],
        "the site paths removed, each once for it and its twins"
    );
}

#[test]
fn without_a_record_only_the_data_folder_is_cleared_of_stale_files() {
    let root = scratch();
    fs::create_dir_all(root.join("data/h")).unwrap();
    fs::write(root.join("data/h/old.json"), "{}").unwrap();
    fs::write(root.join("data/h/old.json.gz"), "{}").unwrap();
    fs::write(root.join("about.html"), "mine").unwrap();
    update_with(&root, &[text("data/h/new.json", "{}")], &[]).unwrap();
    assert!(!root.join("data/h/old.json").exists());
    assert!(!root.join("data/h/old.json.gz").exists());
    assert!(root.join("data/h/new.json").exists());
    assert!(root.join("about.html").exists());
}

#[test]
fn a_rebuild_writes_only_what_changed_and_a_changed_file_loses_its_twins() {
    let root = scratch();
    let site = [text("a.html", "same"), text("b.html", "old")];
    assert_eq!(update_with(&root, &site, &[]).unwrap().written.len(), 2);
    let before = inode(&root.join("a.html"));
    fs::write(root.join("b.html.br"), "old twin").unwrap();
    let site = [text("a.html", "same"), text("b.html", "new")];
    let updated = update_with(&root, &site, &["a.html", "b.html"]).unwrap();
    assert_eq!(
        (updated.written, updated.unchanged),
        (vec!["b.html".to_string()], 1)
    );
    assert_eq!(
        inode(&root.join("a.html")),
        before,
        "an unchanged file is not written again"
    );
    assert_eq!(fs::read_to_string(root.join("b.html")).unwrap(), "new");
    assert!(
        !root.join("b.html.br").exists(),
        "no host may serve the old twin of a changed file"
    );
}

#[test]
fn a_new_file_is_written_over_what_a_stopped_build_left_of_it() {
    // A build stopped between writing a file's twins and its next build: the file
    // is gone (removed by hand), its twins and a temporary name are left.
    let root = scratch();
    fs::create_dir_all(root.join("posts")).unwrap();
    fs::write(root.join("posts/a.html.br"), "old twin").unwrap();
    fs::write(root.join("posts/a.html.gz"), "old twin").unwrap();
    fs::write(root.join("posts/b.html.quire-tmp"), "half").unwrap();
    let site = [text("posts/a.html", "a"), text("posts/b.html", "b")];
    let updated = update_with(&root, &site, &[]).unwrap();
    assert_eq!(updated.written.len(), 2);
    assert_eq!(fs::read_to_string(root.join("posts/b.html")).unwrap(), "b");
    for stale in [
        "posts/a.html.br",
        "posts/a.html.gz",
        "posts/b.html.quire-tmp",
    ] {
        assert!(!root.join(stale).exists(), "{stale} is left over");
    }
}

#[test]
fn a_page_that_replaces_another_is_written_only_after_every_new_file_is_whole() {
    // The home page names a new post's page; the new page cannot be written (its
    // source is gone). The old home page must stay, or a reader would follow its
    // link to a page that is not there, or not whole.
    let root = scratch();
    fs::write(root.join("index.html"), "old home").unwrap();
    let home = text("index.html", "new home, naming posts/new.html");
    let missing = (
        root.join("no-such-source.html"),
        "posts/new.html".to_string(),
    );
    let entries = [Entry::text(&home), Entry::copy(&missing)];
    let before = Record {
        files: [("index.html".to_string(), 0)].into_iter().collect(),
        ..Record::default()
    };
    assert!(update(&root, &entries, &before).is_err());
    assert_eq!(
        fs::read_to_string(root.join("index.html")).unwrap(),
        "old home"
    );
}

/// A folder whose last build wrote only its home page.
fn a_folder_with_an_old_home() -> (std::path::PathBuf, Record) {
    let root = scratch();
    fs::write(root.join("index.html"), "old home").unwrap();
    let before = Record {
        files: [("index.html".to_string(), 0)].into_iter().collect(),
        ..Record::default()
    };
    (root, before)
}

#[test]
fn a_site_written_in_parts_replaces_no_page_until_every_part_is_whole() {
    use crate::write::Writer;
    let (root, before) = a_folder_with_an_old_home();
    let mut writer = Writer::new(&root, &before);
    // The first part replaces the home page, which names a post of the second.
    let home = text("index.html", "new home, naming posts/b.html");
    let a = text("posts/a.html", "post a");
    writer.part(&[Entry::text(&home), Entry::text(&a)]).unwrap();
    assert_eq!(
        fs::read_to_string(root.join("index.html")).unwrap(),
        "old home",
        "the page a reader reaches by the site's links waits for the last part"
    );
    assert_eq!(
        fs::read_to_string(root.join("posts/a.html")).unwrap(),
        "post a"
    );
    let b = text("posts/b.html", "post b");
    writer.part(&[Entry::text(&b)]).unwrap();
    let (updated, record) = writer.finish().unwrap();
    assert_eq!(
        fs::read_to_string(root.join("index.html")).unwrap(),
        "new home, naming posts/b.html"
    );
    assert_eq!(updated.written.len(), 3);
    assert_eq!(record.files.len(), 3);
    let left: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".quire-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_part_that_fails_undoes_every_part_before_it() {
    use crate::write::Writer;
    let (root, before) = a_folder_with_an_old_home();
    let mut writer = Writer::new(&root, &before);
    let home = text("index.html", "new home");
    let a = text("posts/a", "a file where the next part needs a folder");
    writer.part(&[Entry::text(&home), Entry::text(&a)]).unwrap();
    // Across parts: a file where another needs a folder, and one path with two
    // contents, are each refused, and undo what was written.
    let inside = text("posts/a/index.html", "inside");
    let err = writer.part(&[Entry::text(&inside)]).unwrap_err();
    assert!(err.to_string().contains("posts/a is a file"), "{err}");
    assert!(!root.join("posts/a").exists(), "the new file is gone");
    assert_eq!(
        fs::read_to_string(root.join("index.html")).unwrap(),
        "old home"
    );
    assert!(!root.join("index.html.quire-tmp").exists());

    let mut writer = Writer::new(&root, &before);
    writer.part(&[Entry::text(&a)]).unwrap();
    let other = text("posts/a", "other bytes");
    let err = writer.part(&[Entry::text(&other)]).unwrap_err();
    assert!(
        err.to_string()
            .contains("two files would be published as posts/a"),
        "{err}"
    );
    assert!(!root.join("posts/a").exists());
    // The same path with the same bytes again is the same file, once.
    let mut writer = Writer::new(&root, &before);
    writer.part(&[Entry::text(&a)]).unwrap();
    writer.part(&[Entry::text(&a)]).unwrap();
    let (updated, _) = writer.finish().unwrap();
    assert_eq!(updated.written, ["posts/a"]);
}

#[test]
fn a_plain_bundle_is_a_link_to_its_content_named_twin() {
    let root = scratch();
    let site = [
        text("data/h/0123456789abcdef.json", "{\"a\":1}"),
        text("data/posts/a.json", "{\"a\":1}"),
    ];
    update_with(&root, &site, &[]).unwrap();
    assert_eq!(
        inode(&root.join("data/posts/a.json")),
        inode(&root.join("data/h/0123456789abcdef.json")),
        "the same bytes are written once"
    );
    assert_eq!(
        fs::read_to_string(root.join("data/posts/a.json")).unwrap(),
        "{\"a\":1}"
    );
}

#[test]
fn a_file_the_last_build_had_under_another_name_is_linked_not_written() {
    let root = scratch();
    // The search index moves to a new folder on every build; most files keep their bytes.
    let first = [
        text("data/h/s-1/f0.json", "same"),
        text("data/h/s-1/f1.json", "old"),
    ];
    let entries: Vec<Entry> = first.iter().map(Entry::text).collect();
    let (_, record) = update(&root, &entries, &Record::default()).unwrap();
    let record_path = root.parent().unwrap().join("record.txt");
    record.write(&record_path, &root).unwrap();
    let before = inode(&root.join("data/h/s-1/f0.json"));

    let second = [
        text("data/h/s-2/f0.json", "same"),
        text("data/h/s-2/f1.json", "new"),
    ];
    let entries: Vec<Entry> = second.iter().map(Entry::text).collect();
    assert_eq!(
        Record::read(&record_path, &scratch()),
        Record::default(),
        "another site's record is not this one's"
    );
    let (updated, _) = update(&root, &entries, &Record::read(&record_path, &root)).unwrap();
    assert_eq!(updated.written.len(), 2);
    assert_eq!(
        inode(&root.join("data/h/s-2/f0.json")),
        before,
        "the same bytes are the same file"
    );
    assert_eq!(
        fs::read_to_string(root.join("data/h/s-2/f1.json")).unwrap(),
        "new"
    );
    assert!(!root.join("data/h/s-1").exists(), "the old folder is gone");
    assert_eq!(
        fs::read_to_string(root.join("data/h/s-2/f0.json")).unwrap(),
        "same"
    );
}

#[test]
fn a_file_published_as_it_is_is_copied_again_only_when_its_size_or_time_changes() {
    let root = scratch();
    let photo = scratch().join("photo.jpg");
    fs::write(&photo, "jpeg-1").unwrap();
    let copies = [(photo.clone(), "posts/trip/photo.jpg".to_string())];
    let entries: Vec<Entry> = copies.iter().map(Entry::copy).collect();
    let (first, _) = update(&root, &entries, &Record::default()).unwrap();
    assert_eq!(first.written.len(), 1);
    let (second, _) = update(&root, &entries, &Record::default()).unwrap();
    assert_eq!((second.written.len(), second.unchanged), (0, 1));
    // The same size, saved later: a new photo all the same.
    fs::write(&photo, "jpeg-2").unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    fs::File::options()
        .write(true)
        .open(&photo)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (third, _) = update(&root, &entries, &Record::default()).unwrap();
    assert_eq!(third.written, ["posts/trip/photo.jpg"]);
    assert_eq!(
        fs::read_to_string(root.join("posts/trip/photo.jpg")).unwrap(),
        "jpeg-2"
    );
}

#[test]
fn the_same_file_published_twice_is_written_once_and_two_different_ones_are_refused() {
    let root = scratch();
    let source = scratch();
    fs::write(source.join("a.jpg"), "one photo").unwrap();
    fs::write(source.join("b.jpg"), "another").unwrap();
    let twice = [
        (source.join("a.jpg"), "data/img/k-480.jpg".to_string()),
        (source.join("a.jpg"), "data/img/k-480.jpg".to_string()),
    ];
    let entries: Vec<Entry> = twice.iter().map(Entry::copy).collect();
    let (updated, _) = update(&root, &entries, &Record::default()).unwrap();
    assert_eq!(updated.written, ["data/img/k-480.jpg"]);
    let clash = [
        (source.join("a.jpg"), "posts/x/photo.jpg".to_string()),
        (source.join("b.jpg"), "posts/x/photo.jpg".to_string()),
    ];
    let entries: Vec<Entry> = clash.iter().map(Entry::copy).collect();
    let error = update(&root, &entries, &Record::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("two files would be published as posts/x/photo.jpg"),
        "{error}"
    );
    assert!(!root.join("posts/x").exists());
}

#[test]
fn a_site_whose_paths_clash_or_leave_the_root_is_refused_with_nothing_written() {
    let root = scratch();
    update_with(&root, &[text("data/a.json", "old")], &[]).unwrap();
    // A file and a folder of the same name cannot both be written.
    let clash = [
        text("data/x", "file"),
        text("data/x/y.json", "in folder"),
        text("data/a.json", "new"),
    ];
    let error = update_with(&root, &clash, &["data/a.json"]).unwrap_err();
    assert!(error.to_string().contains("data/x"), "{error}");
    for outside in ["../evil.html", "/etc/evil", "data/../../evil", "a//b"] {
        let error = update_with(&root, &[text(outside, "x")], &[]).unwrap_err();
        assert!(error.to_string().contains("not a path inside"), "{error}");
    }
    assert_eq!(fs::read_to_string(root.join("data/a.json")).unwrap(), "old");
    assert!(!root.join("data/x").exists());
    assert!(!root.parent().unwrap().join("evil.html").exists());
}

#[test]
fn code_blocks_are_highlighted_at_bundle_time() {
    let dir = content_dir(&[(
        "code.md",
        "+++\ntitle = \"C\"\ndate = 2026-01-01\n+++\n\n```rust\nfn x() {}\n```\n\n```klingon\nqapla\n```\n",
    )]);
    let files = bundles(&published(&dir)).files;
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
    let files = bundles(&published(&dir)).files;
    assert!(!file(&files, "data/posts/a.json").contains("\"code\""));
}

#[test]
fn the_atom_feed_parses_and_holds_every_post_in_full() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let content = published(&dir);
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
    let content = published(&dir);
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
    let content = published(&dir);
    let files = crate::feeds::files(&content);
    let xml = file(&files, "sitemap.xml");
    let doc = roxmltree::Document::parse(xml).expect("valid XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let published: Vec<&quire_content::content::Post> =
        content.posts.iter().map(|post| &**post).collect();
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
    let files = crate::feeds::files(&published(&dir));
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
    let built = bundles(&published(&dir));
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
    let rebuilt = bundles(&published(&dir));
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
    let built = bundles(&published(&dir));
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
    let built = bundles(&published(&dir)).files;
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
    let built = bundles(&published(&dir)).files;
    let bundle: PostBundle = decode(file(&built, "data/posts/a.json")).unwrap();
    assert_eq!(bundle.comments.len(), 2);
    assert_eq!(bundle.comments[0].author, "Bo");
    assert_eq!(bundle.comments[0].replies[0].markdown, "Thanks!");
    assert_eq!(bundle.comments[0].replies[0].id, "comment-1-1");
    let feed: FeedPage = decode(file(&built, "data/feed/1.json")).unwrap();
    assert_eq!(feed.posts[0].comments, 3);
}

#[test]
fn pages_post_folders_and_old_addresses_reach_the_site() {
    let dir = content_dir(&[("old-post.md", &post("Old", "2026-01-01"))]);
    let put = |path: &str, text: &str| {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    put(
        "pages/about.md",
        "+++\ntitle = \"About\"\n+++\nWho we are.\n",
    );
    put(
        "pages/hidden.md",
        "+++\ntitle = \"Hidden\"\nnav = false\n+++\nx\n",
    );
    put(
        "pages/later.md",
        "+++\ntitle = \"Later\"\ndraft = true\n+++\nx\n",
    );
    put(
        "posts/trip/index.md",
        "+++\ntitle = \"Trip\"\ndate = 2026-01-02\n+++\n![Fjord](fjord.jpg)\n",
    );
    put("posts/trip/fjord.jpg", "jpg");
    put(
        "redirects.toml",
        "[[redirect]]\nfrom = \"/2019/04/old-post.html\"\nto = \"/posts/old-post\"\n\n\
         [[redirect]]\nfrom = \"/p/about.html\"\nto = \"/about\"\n",
    );
    let content = published(&dir);
    let built = bundles(&content);
    let site: quire_schema::SiteBundle = decode(file(&built.files, "data/site.json")).unwrap();
    let nav: Vec<_> = site.pages.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(
        nav,
        ["about"],
        "hidden and draft pages are not in the navigation"
    );
    let about: quire_schema::PageBundle =
        decode(file(&built.files, "data/pages/about.json")).unwrap();
    assert_eq!(about.title, "About");
    assert!(built
        .files
        .iter()
        .all(|f| f.path != "data/pages/later.json"));
    let trip: PostBundle = decode(file(&built.files, "data/posts/trip.json")).unwrap();
    assert!(trip.folder);
    // Pages stay out of the feeds and the archive.
    let feeds = crate::feeds::files(&content);
    assert!(!file(&feeds, "atom.xml").contains("Who we are"));
    assert!(file(&feeds, "sitemap.xml").contains("https://example.org/about</loc>"));
    assert!(!file(&built.files, "data/archive.json").contains("about"));

    let old = crate::redirects::files(&content);
    let rules = file(&old, "_redirects");
    assert!(
        rules.contains("/2019/04/old-post.html /posts/old-post 301\n"),
        "{rules}"
    );
    assert!(rules.contains("/p/about.html /about 301\n"), "{rules}");
    assert!(rules.contains("/feed /atom.xml 301\n"), "{rules}");
    let page = file(&old, "2019/04/old-post.html");
    for part in [
        r#"<link rel="canonical" href="https://example.org/posts/old-post">"#,
        r#"<meta name="robots" content="noindex">"#,
        r#"<meta http-equiv="refresh" content="0; url=/posts/old-post">"#,
        r#"<a href="/posts/old-post">"#,
    ] {
        assert!(page.contains(part), "{part} in {page}");
    }
    assert!(!page.contains("<script"));

    let files = crate::assets::post_files(&content);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].1, "posts/trip/fjord.jpg");
    let out = scratch();
    let entries: Vec<Entry> = files.iter().map(Entry::copy).collect();
    update(&out, &entries, &Record::default()).unwrap();
    assert_eq!(fs::read(out.join("posts/trip/fjord.jpg")).unwrap(), b"jpg");
}

#[test]
fn the_search_index_is_a_manifest_and_chunks_and_fragments_in_folders_it_names() {
    let dir = content_dir(&[
        (
            "a.md",
            "+++\ntitle = \"Nicolás in Zürich\"\ndate = 2025-03-01\nlabels = [\"europe\"]\n+++\n\nThe talks on security guarantees went on.\n",
        ),
        ("b.md", &post("B", "2026-01-02")),
    ]);
    let built = bundles(&published(&dir));
    let manifest: quire_schema::SearchManifest =
        decode(file(&built.files, "data/search.json")).unwrap();
    assert_eq!(manifest.posts, 2);
    assert_eq!(manifest.chunk_folders.len(), 1);
    assert_eq!(manifest.fragment_folders.len(), 1);
    let in_index: Vec<&OutputFile> = built
        .files
        .iter()
        .filter(|f| f.path.starts_with("data/h/s"))
        .collect();
    assert_eq!(
        in_index.len(),
        2 * manifest.chunks.len() + 2,
        "the chunks, their positions and a fragment per post"
    );
    let chunks: Vec<quire_schema::SearchChunk> = (0..manifest.chunks.len())
        .map(|n| decode(file(&built.files, &manifest.chunk_path(n).unwrap())).unwrap())
        .collect();
    let query =
        quire_search::Query::parse("nicolas \"security guarantees\" label:europe year:2025");
    let positions: Vec<quire_schema::SearchChunk> = quire_search::positions_for(&manifest, &query)
        .into_iter()
        .map(|n| decode(file(&built.files, &manifest.positions_path(n).unwrap())).unwrap())
        .collect();
    let found = quire_search::search(
        &manifest,
        &chunks.iter().collect::<Vec<_>>(),
        &positions.iter().collect::<Vec<_>>(),
        &query,
    )
    .unwrap();
    assert_eq!(found.posts, [1], "the older post is the second");
    let fragment: quire_schema::SearchFragment =
        decode(file(&built.files, &manifest.fragment_path(1).unwrap())).unwrap();
    assert_eq!(fragment.title, "Nicolás in Zürich");
    assert_eq!(fragment.bundle, built.hashed["data/posts/a.json"]);
    assert!(fragment.text.contains("security guarantees"));
    assert_eq!(manifest.fragment_path(2), None, "there is no third post");
    // Another build of the same content names the same folders; a change, others.
    let again = bundles(&published(&dir));
    let same: quire_schema::SearchManifest =
        decode(file(&again.files, "data/search.json")).unwrap();
    assert_eq!(same, manifest);
    fs::write(
        dir.join("posts/b.md"),
        post("B", "2026-01-02") + "\nMore.\n",
    )
    .unwrap();
    let changed: quire_schema::SearchManifest =
        decode(file(&bundles(&published(&dir)).files, "data/search.json")).unwrap();
    assert_ne!(changed.chunk_folders, manifest.chunk_folders);
    assert_ne!(changed.fragment_folders, manifest.fragment_folders);
}

#[test]
fn a_kept_post_bundle_is_known_equal_without_making_it_again() {
    use crate::bundle::{post_bundle, would_make};
    let dir = numbered_posts(4);
    let content = load(&dir).content.unwrap();
    let posts: Vec<&Post> = content.posts.iter().map(|post| &**post).collect();
    for (post, relations) in posts.iter().zip(crate::relations::relations(&posts)) {
        let comments = [quire_schema::Comment {
            id: "c1".into(),
            author: "A reader".into(),
            date: post.date,
            markdown: "Agreed.".into(),
            replies: vec![],
        }];
        let bundle = post_bundle(post, relations.clone(), comments.to_vec());
        assert!(
            would_make(&bundle, post, &relations, &comments),
            "{}",
            post.slug
        );
        let mut other = bundle.clone();
        other.markdown.push('.');
        assert!(!would_make(&other, post, &relations, &comments));
        let mut other = bundle.clone();
        other.newer = other.older.clone().or(Some(quire_schema::PostLink {
            slug: "elsewhere".into(),
            title: "Elsewhere".into(),
        }));
        assert!(!would_make(&other, post, &relations, &comments));
        assert!(!would_make(&bundle, post, &relations, &[]));
    }
}

#[test]
fn kept_relations_are_found_again_when_a_title_labels_or_the_posts_change() {
    use crate::relations::{relations, Kept};
    let dir = numbered_posts(6);
    let mut content = load(&dir).content.unwrap();
    let mut kept = Kept::default();
    let posts: Vec<&Post> = content.posts.iter().map(|post| &**post).collect();
    kept.update(&posts);
    let before = kept.found().to_vec();
    assert_eq!(before, relations(&posts));
    Arc::make_mut(&mut content.posts[2]).title = "Renamed".into();
    Arc::make_mut(&mut content.posts[3])
        .labels
        .push("rare".into());
    Arc::make_mut(&mut content.posts[5])
        .labels
        .push("rare".into());
    let posts: Vec<&Post> = content.posts.iter().map(|post| &**post).collect();
    kept.update(&posts);
    let now = kept.found();
    assert_eq!(now, relations(&posts));
    assert_ne!(now, before);
    assert!(now[1].older.as_ref().is_some_and(|l| l.title == "Renamed"));
    assert_eq!(now[3].related[0].slug, content.posts[5].slug);
    // A post gone: every neighbour after it moves.
    let posts: Vec<&Post> = content.posts.iter().skip(1).map(|post| &**post).collect();
    kept.update(&posts);
    assert_eq!(kept.found(), relations(&posts));
}

#[test]
fn kept_bundles_and_lists_are_encoded_again_only_when_they_changed() {
    let dir = numbered_posts(30);
    let mut kept = crate::bundle::Kept::default();
    let made = |kept: Option<&mut crate::bundle::Kept>| {
        crate::bundle::bundles_with(&load(&dir).content.unwrap(), None, kept)
    };
    let file = |bundles: &crate::bundle::Bundles, path: &str| {
        let hashed = bundles.hashed_name(path).unwrap().to_string();
        (hashed, file(&bundles.files, path).to_string())
    };
    let first = made(Some(&mut kept));
    let again = made(Some(&mut kept));
    let shared = |bundles: &crate::bundle::Bundles, slug: &str| {
        Arc::ptr_eq(&first.posts[slug], &bundles.posts[slug])
    };
    assert!(
        shared(&again, "p1") && shared(&again, "p2"),
        "nothing changed"
    );
    let contents = |bundles: &crate::bundle::Bundles, path: &str| {
        let found = bundles.files.iter().find(|f| f.path == path);
        found.map(|f| f.contents.clone()).unwrap()
    };
    let list = quire_schema::feed_page_path(1);
    assert!(
        Arc::ptr_eq(&contents(&first, &list), &contents(&again, &list)),
        "an unchanged list page is not encoded again either"
    );
    fs::write(
        dir.join("posts/p1.md"),
        post("P1", "2026-01-01") + "\nA sentence more.\n",
    )
    .unwrap();
    let edited = made(Some(&mut kept));
    assert!(!shared(&edited, "p1"), "p1 is encoded again");
    assert!(shared(&edited, "p3"), "p3 is not");
    let fresh = made(None);
    for path in ["data/posts/p1.json", "data/posts/p3.json", list.as_str()] {
        assert_eq!(
            file(&edited, path),
            file(&fresh, path),
            "{path} as a build makes it"
        );
    }
    assert!(file(&edited, "data/posts/p1.json")
        .1
        .contains("A sentence more."));
}

#[test]
fn the_search_index_indexes_again_only_the_runs_of_posts_an_edit_changed() {
    let dir = numbered_posts(1100);
    let mut runs = crate::search::Runs::default();
    let index = |runs: Option<&mut crate::search::Runs>| {
        // Every post, loaded: most of them are dated after the fixtures' clock.
        let content = load(&dir).content.unwrap();
        let built = crate::bundle::bundles_with(&content, runs, None);
        built
            .files
            .into_iter()
            .filter(|f| f.path.starts_with("data/h/s") || f.path == "data/search.json")
            .map(|f| (f.path, f.contents))
            .collect::<BTreeMap<String, Arc<str>>>()
    };
    index(Some(&mut runs));
    assert_eq!(runs.last_indexed(), 3, "1,100 posts are three runs");
    index(Some(&mut runs));
    assert_eq!(runs.last_indexed(), 0);
    // The oldest post is in the last run.
    fs::write(
        dir.join("posts/p1.md"),
        post("P1", "2026-01-01") + "\nA word no other post has: zeugma.\n",
    )
    .unwrap();
    let again = index(Some(&mut runs));
    assert_eq!(runs.last_indexed(), 1);
    assert_eq!(again, index(None), "the index a build makes from scratch");
    assert!(again.values().any(|file| file.contains("zeugma")));
}

#[test]
fn editing_one_post_of_many_moves_only_the_search_folders_it_changed() {
    let dir = numbered_posts(2 * quire_schema::FRAGMENTS_PER_FOLDER + 10);
    let folders = |dir: &Path| {
        // Every post, loaded: most of them are dated after the fixtures' clock.
        let built = bundles(&load(dir).content.unwrap());
        let manifest: quire_schema::SearchManifest =
            decode(file(&built.files, "data/search.json")).unwrap();
        let in_index: BTreeMap<String, Arc<str>> = built
            .files
            .into_iter()
            .filter(|f| f.path.starts_with("data/h/s"))
            .map(|f| (f.path, f.contents))
            .collect();
        (manifest, in_index)
    };
    let (before, files_before) = folders(&dir);
    assert_eq!(before.fragment_folders.len(), 3);
    // The oldest post is the last: its fragment is in the last folder.
    fs::write(
        dir.join("posts/p1.md"),
        post("P1", "2026-01-01") + "\nEdited.\n",
    )
    .unwrap();
    let (after, files_after) = folders(&dir);
    assert_eq!(after.fragment_folders[..2], before.fragment_folders[..2]);
    assert_ne!(after.fragment_folders[2], before.fragment_folders[2]);
    let moved = files_after
        .keys()
        .filter(|path| !files_before.contains_key(*path))
        .count();
    let chunks = 2 * after.chunks.len().min(quire_schema::CHUNKS_PER_FOLDER);
    assert_eq!(
        moved,
        10 + chunks,
        "the last folder of fragments, and the chunks' folder the edit changed"
    );
}
