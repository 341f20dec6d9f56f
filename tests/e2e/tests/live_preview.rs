//! Writing with the page beside you, as an author does it: `quire serve`'s preview
//! (quire-serve, on the reader's host in live mode) over a copy of the sample blog,
//! a tab open on it, and files saved into the content folder while it is open.

use quire_content::publish::{parse_moment, Clock};
use quire_e2e::authoring::copy_dir;
use quire_e2e::{binary, json, Reader};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const POST: &str = "abduction-of-nicolas-maduro";

struct Preview {
    reader: Reader,
    content: PathBuf,
    // Kept for as long as the test runs: dropping it stops the watching.
    _watching: quire_serve::Watching,
}

/// A fresh copy of the sample blog's content, previewed on the 26th of November 2026.
fn preview(width: u32, height: u32) -> Preview {
    preview_after(width, height, |_| {})
}

/// As [`preview`], with `change` made to the content folder before the preview
/// starts.
fn preview_after(width: u32, height: u32, change: impl FnOnce(&Path)) -> Preview {
    static N: AtomicUsize = AtomicUsize::new(0);
    let root = std::env::temp_dir().join(format!(
        "quire-e2e-preview-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&root);
    let content = root.join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"),
        &content,
    );
    change(&content);
    let out = root.join("preview");
    fs::create_dir_all(&out).expect("a folder");
    let reader = Reader::of_site_in(out.clone(), width, height);
    let options = quire_serve::Options {
        content: content.clone(),
        out,
        app: quire_e2e::dist(),
        shell: shell(),
        clock: Clock::Fixed(parse_moment("2026-11-26").expect("a moment")),
        verbose: false,
    };
    let watching = quire_serve::start(&options, &reader.host).expect("the preview starts");
    Preview {
        reader,
        content,
        _watching: watching,
    }
}

fn shell() -> PathBuf {
    std::env::var("QUIRE_SHELL").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/shells/dist.html"),
        PathBuf::from,
    )
}

impl Preview {
    /// Opens `path` and waits until the page listens for saves.
    fn open(&self, path: &str) {
        self.reader.open_page(path);
        self.reader.browser.wait_for(
            "the preview to listen",
            "return document.documentElement.dataset.previewConnected === 'yes'",
        );
    }

    fn post_file(&self, slug: &str) -> PathBuf {
        self.content.join(format!("posts/{slug}.md"))
    }

    /// Saves `text` as an editor does: into a temporary file, renamed over the post.
    fn save(&self, path: &Path, text: &str) {
        let temporary = path.with_extension("md.tmp~");
        fs::write(&temporary, text).expect("saved");
        fs::rename(&temporary, path).expect("saved");
    }

    fn text(&self) -> String {
        self.reader.browser.texts("main").concat()
    }

    fn eval(&self, script: &str) -> quire_e2e::Value {
        self.reader.browser.eval(script, json!([]))
    }
}

#[test]
fn an_edit_appears_in_the_open_tab_without_a_reload_and_the_scroll_stays() {
    let preview = preview(1280, 900);
    preview.open(&format!("/posts/{POST}"));
    assert!(preview.reader.article_title().contains("Nicolás Maduro"));
    preview.eval("window.scrollTo(0, 700); window.sameTab = 'yes'");
    let scrolled = preview.eval("return window.scrollY");
    assert_eq!(scrolled, json!(700));

    let file = preview.post_file(POST);
    let text = fs::read_to_string(&file).expect("the post");
    preview.save(
        &file,
        &format!("{text}\nA paragraph written while the tab was open.\n"),
    );
    preview.reader.browser.wait_for(
        "the new paragraph",
        "return document.querySelector('.prose').innerText.includes('written while the tab was open')",
    );
    assert_eq!(
        preview.eval("return window.sameTab"),
        json!("yes"),
        "no reload"
    );
    assert_eq!(
        preview.eval("return window.scrollY"),
        scrolled,
        "the scroll stays"
    );
    assert_eq!(
        preview.eval("return document.documentElement.dataset.app === undefined"),
        json!(true),
        "the app stays out of the preview's way"
    );
}

#[test]
fn posts_added_and_deleted_come_and_go_from_the_open_feed() {
    let preview = preview(1280, 900);
    preview.open("/");
    let titles = "return [...document.querySelectorAll('.feed-entry h2')].map(h => h.innerText)";
    let before = preview.eval(titles);
    let fresh = preview.post_file("fresh-from-the-desk");
    preview.save(
        &fresh,
        "+++\ntitle = \"Fresh from the desk\"\ndate = 2026-11-25\n+++\nJust written.\n",
    );
    preview.reader.browser.wait_for(
        "the new post at the top of the feed",
        "return document.querySelector('.feed-entry h2').innerText === 'Fresh from the desk'",
    );
    fs::remove_file(&fresh).expect("deleted");
    preview.reader.browser.wait_for(
        "the feed without it",
        "return document.querySelector('.feed-entry h2').innerText !== 'Fresh from the desk'",
    );
    assert_eq!(preview.eval(titles), before);
}

#[test]
fn a_broken_save_shows_its_problem_over_the_last_good_page_until_it_is_fixed() {
    for (width, height, name) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        let preview = preview(width, height);
        preview.open(&format!("/posts/{POST}"));
        let file = preview.post_file(POST);
        let good = fs::read_to_string(&file).expect("the post");
        preview.save(&file, &good.replacen("title = ", "title = [", 1));
        let shown = preview.reader.browser.wait_for(
            "the problem",
            "const box = document.querySelector('#quire-problems[role=alert]'); return box && box.innerText",
        );
        let shown = shown.as_str().unwrap_or_default();
        assert!(
            shown.contains(&format!("posts/{POST}.md:3:1: error: field `date`")),
            "the located diagnostic of `quire check`: {shown}"
        );
        assert!(shown.contains("hint:"), "and what to do about it: {shown}");
        assert!(
            preview.text().contains("Nicolás Maduro"),
            "the last good page stays underneath"
        );
        preview
            .reader
            .screenshot(&format!("preview-problem-{name}"));

        // A tab opened while the problem lasts shows it too.
        preview.open("/archive");
        preview.reader.browser.wait_for(
            "the problem in a new tab",
            "return document.querySelector('#quire-problems') !== null",
        );
        preview.save(&file, &good);
        preview.reader.browser.wait_for(
            "the problem to go",
            "return document.querySelector('#quire-problems') === null",
        );
    }
}

/// An author who starts the preview on a post that is already broken gets the
/// preview all the same: the problem in the tab, then the site once it is fixed.
#[test]
fn a_preview_started_on_broken_content_shows_the_problem_then_the_site_once_fixed() {
    let mut good = String::new();
    let preview = preview_after(390, 844, |content| {
        let file = content.join(format!("posts/{POST}.md"));
        good = fs::read_to_string(&file).expect("the post");
        fs::write(&file, good.replacen("title = ", "title = [", 1)).expect("saved");
    });
    for path in ["/", &format!("/posts/{POST}")] {
        preview.open(path);
        let shown = preview.reader.browser.wait_for(
            "the problem",
            "const box = document.querySelector('#quire-problems[role=alert]'); return box && box.innerText",
        );
        let shown = shown.as_str().unwrap_or_default();
        assert!(
            shown.contains("there is no page to show yet")
                && shown.contains(&format!("posts/{POST}.md:3:1: error: field `date`")),
            "{path}: the located diagnostic, over a page that says nothing is built: {shown}"
        );
        assert!(preview.text().contains("Nothing to preview yet"), "{path}");
    }
    preview.reader.screenshot("preview-unbuilt-phone");
    preview.save(&preview.post_file(POST), &good);
    preview.reader.browser.wait_for(
        "the post, once fixed",
        "return document.querySelector('#quire-problems') === null
            && document.querySelector('h1') !== null
            && document.querySelector('h1').innerText.includes('Nicolás Maduro')",
    );
}

#[test]
fn drafts_and_scheduled_posts_show_marked_in_the_preview_and_never_in_a_build() {
    let preview = preview(1280, 900);
    let quire = binary("QUIRE_BIN", "quire");
    let made = Command::new(&quire)
        .args(["new", "Notes toward a draft", "--content"])
        .arg(&preview.content)
        .env("QUIRE_NOW", "2026-11-26")
        .output()
        .expect("quire new runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    preview.save(
        &preview.post_file("spring-outlook"),
        "+++\ntitle = \"Spring outlook\"\ndate = 2027-03-01\n+++\nFor March.\n",
    );
    preview.open("/posts/notes-toward-a-draft");
    let note = "return (document.querySelector('.unpublished-note') || {}).innerText";
    let draft = preview.reader.browser.wait_for("the draft's note", note);
    assert!(
        draft.as_str().unwrap_or_default().starts_with("Draft:"),
        "{draft}"
    );
    assert_eq!(preview.reader.article_title(), "Notes toward a draft");
    preview.open("/posts/spring-outlook");
    let scheduled = preview
        .reader
        .browser
        .wait_for("the scheduled post's note", note);
    assert!(
        scheduled
            .as_str()
            .unwrap_or_default()
            .starts_with("Scheduled: goes live on March 1, 2027"),
        "{scheduled}"
    );
    preview.reader.screenshot("preview-scheduled-desktop");

    let build = |now: &str| {
        let out = preview.content.with_file_name(format!("built-{now}"));
        let run = Command::new(&quire)
            .args(["build", "--no-compress", "--content"])
            .arg(&preview.content)
            .arg("--out")
            .arg(&out)
            .arg("--shell")
            .arg(shell())
            .env("QUIRE_NOW", now)
            .output()
            .expect("quire build runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let page = |slug: &str| fs::read_to_string(out.join(format!("posts/{slug}.html"))).ok();
        (page("notes-toward-a-draft"), page("spring-outlook"))
    };
    let (draft, scheduled) = build("2026-11-26");
    assert!(
        draft.is_none() && scheduled.is_none(),
        "a build publishes neither"
    );
    let (draft, scheduled) = build("2027-03-01");
    assert!(draft.is_none(), "a draft stays out");
    let scheduled = scheduled.expect("published on its day");
    assert!(!scheduled.contains("unpublished-note") && !scheduled.contains("_quire"));
}

#[test]
fn a_saved_post_is_found_at_once_by_the_open_search() {
    let preview = preview(1280, 900);
    preview.open("/search?q=zanzibar");
    let status = |said: &str| {
        format!(
            "const s = document.querySelector('.search-status'); return s !== null && s.innerText === {}",
            json!(said)
        )
    };
    preview
        .reader
        .browser
        .wait_for("no match yet", &status("No posts match “zanzibar”."));
    preview.save(
        &preview.post_file("spice-routes"),
        "+++\ntitle = \"Spice routes\"\ndate = 2026-11-20\n+++\nThe dhows still sail to Zanzibar.\n",
    );
    preview
        .reader
        .browser
        .wait_for("the new post found", &status("1 post matches “zanzibar”."));
    assert_eq!(
        preview.reader.browser.texts(".search-results h2"),
        ["Spice routes"]
    );
}
