//! Comments that work, as a reader and the author meet them: the real comment
//! service behind the blog's host at /api/ (as the deploy guide sets it up), a
//! reader who writes, the author who approves from the terminal, and everyone who
//! sees it after a reload: with the app, and with JavaScript off through the form,
//! a `quire comments pull` and a build.

use quire_e2e::authoring::copy_dir;
use quire_e2e::{binary, json, CommentService, Reader, ADMIN_TOKEN};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const POST: &str = "europe-ukraine-security-guarantees-defense-boost";
const SENT: &str = "Thank you — your comment will appear once approved.";

fn post_path() -> String {
    format!("/posts/{POST}")
}

/// Types into the comment form as a reader does.
fn fill(reader: &Reader, name: &str, text: &str) {
    reader.browser.eval(
        "const set = (sel, v) => { const e = document.querySelector(sel); e.value = v;
             e.dispatchEvent(new Event('input', {bubbles: true})); };
         set('#comment-name', arguments[0]); set('#comment-text', arguments[1]);",
        json!([name, text]),
    );
}

/// Screenshots of the page on the desktop and on a 320 px phone, with the element
/// `css` (if any) scrolled into view at each width.
fn phone_and_desktop(reader: &Reader, name: &str, css: Option<&str>) {
    let scroll = || {
        if let Some(css) = css {
            reader.browser.eval(
                "document.querySelector(arguments[0]).scrollIntoView()",
                json!([css]),
            );
        }
    };
    scroll();
    reader.screenshot(name);
    reader.browser.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 320, "height": 720, "deviceScaleFactor": 2, "mobile": true}),
    );
    scroll();
    reader.screenshot(&format!("{name}-phone"));
    reader
        .browser
        .cdp("Emulation.clearDeviceMetricsOverride", json!({}));
}

fn authors(reader: &Reader) -> Vec<String> {
    reader.browser.texts(".comment-list .comment-author")
}

#[test]
fn a_reader_comments_the_author_approves_and_the_reader_sees_it_after_a_reload() {
    let reader = Reader::new();
    let service = CommentService::start(&reader.site, &reader.host.url(), 1);
    reader.host.pass_to("/api/", service.addr);
    reader.open(&post_path());
    assert!(authors(&reader).is_empty());

    // Markup in a comment is shown as text, never run.
    let text = "Well *argued*. <img src=x onerror=\"document.title='owned'\">";
    fill(&reader, "Dee", text);
    // A person takes longer than the service's minimum to write.
    std::thread::sleep(Duration::from_millis(1200));
    reader.browser.click(".comment-form button");
    reader.browser.wait_for(
        "the thank-you",
        &format!("return document.querySelector('.form-status').innerText === {SENT:?}"),
    );
    let cleared = reader.browser.eval(
        "return document.querySelector('#comment-text').value",
        json!([]),
    );
    assert_eq!(cleared, json!(""));

    // Pending: nobody sees it yet.
    reader.open(&post_path());
    std::thread::sleep(Duration::from_millis(500));
    assert!(authors(&reader).is_empty());
    let pending = service.pending();
    assert_eq!(pending.len(), 1, "{}", service.moderate(&["pending"]));
    assert!(service.moderate(&["pending"]).contains("by Dee"));

    service.moderate(&["approve", &pending[0]]);
    // The service answers each post's list from a copy at most a second old.
    std::thread::sleep(Duration::from_millis(1100));
    reader.browser.refresh();
    reader.wait_for_app();
    reader.browser.wait_for(
        "the approved comment",
        "return document.querySelectorAll('.comment-list .comment').length === 1",
    );
    assert_eq!(authors(&reader), ["Dee"]);
    assert_eq!(reader.browser.texts("#comments-heading"), ["1 comment"]);
    let body = reader.browser.texts(".comment-body");
    assert_eq!(
        body,
        ["Well argued. <img src=x onerror=\"document.title='owned'\">"]
    );
    let safe = reader.browser.eval(
        "return [document.querySelectorAll('.comment-body img').length, document.title]",
        json!([]),
    );
    assert_ne!(safe[1], json!("owned"));
    assert_eq!(safe[0], json!(0));
    // Its Markdown rendered, though the page it came to was taken over with the
    // post's own rendering: a comment the page did not show brings the renderer.
    assert_eq!(reader.browser.texts(".comment-body em"), ["argued"]);
    phone_and_desktop(&reader, "comments-live", Some(".comments"));
    reader.assert_no_panic();
}

#[test]
fn the_service_refusal_is_shown_and_the_text_kept() {
    let reader = Reader::new();
    // A service that wants a minute before a form may be sent.
    let service = CommentService::start(&reader.site, &reader.host.url(), 60);
    reader.host.pass_to("/api/", service.addr);
    reader.open(&post_path());
    fill(&reader, "Eve", "Quick!");
    reader.browser.click(".comment-form button");
    reader.browser.wait_for(
        "the service's reason",
        "return document.querySelector('.form-status').innerText.includes('faster than anyone can write')",
    );
    let kept = reader.browser.eval(
        "return document.querySelector('#comment-text').value",
        json!([]),
    );
    assert_eq!(kept, json!("Quick!"));
    assert!(service.pending().is_empty());
}

/// Precompressed twins would show the page as it was before the rebuild.
fn remove_twins(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_twins(&path);
        } else if path.extension().is_some_and(|e| e == "br" || e == "gz") {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quire-e2e-nojs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn without_javascript_the_form_sends_and_a_pull_and_a_build_show_the_comment() {
    let dist = quire_e2e::dist();
    let root = scratch();
    let (site, content) = (root.join("site"), root.join("content"));
    copy_dir(&dist, &site);
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content")),
        &content,
    );
    let reader = Reader::without_javascript_of(site.clone());
    let service = CommentService::start(&site, &reader.host.url(), 1);
    reader.host.pass_to("/api/", service.addr);

    reader.open_page(&post_path());
    fill(&reader, "Fay", "Sent *without* JavaScript.");
    reader.browser.click(".comment-form button");
    // The service shows the comment back on a form that carries a token.
    reader.browser.wait_for(
        "the comment to look over",
        "return document.title === 'Your comment'",
    );
    assert_eq!(
        reader
            .browser
            .eval("return document.querySelector('textarea').value", json!([])),
        json!("Sent *without* JavaScript.")
    );
    assert!(
        service.pending().is_empty(),
        "nothing is stored before it is sent"
    );
    phone_and_desktop(&reader, "comments-check-page", None);
    std::thread::sleep(Duration::from_millis(1200));
    reader.browser.click("button[type=submit]");
    reader.browser.wait_for(
        "the post again, with the notice",
        "return location.hash === '#comment-sent' && document.querySelector('article.post h1') !== null",
    );
    assert_eq!(reader.browser.texts(".comment-sent"), [SENT]);
    phone_and_desktop(
        &reader,
        "comments-sent-without-javascript",
        Some(".comments"),
    );

    let pending = service.pending();
    assert_eq!(pending.len(), 1);
    service.moderate(&["approve", &pending[0]]);

    // The author pulls the approved comments into content/ and builds.
    let quire = binary("QUIRE_BIN", "quire");
    let pull = Command::new(&quire)
        .args([
            "comments",
            "pull",
            "--from",
            &format!("http://{}", service.addr),
            "--content",
        ])
        .arg(&content)
        .env("QUIRE_COMMENTS_ADMIN_TOKEN", ADMIN_TOKEN)
        .output()
        .expect("quire runs");
    assert!(
        pull.status.success(),
        "{}",
        String::from_utf8_lossy(&pull.stderr)
    );
    let shell = std::env::var("QUIRE_SHELL").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/shells/dist.html").to_string()
    });
    let build = Command::new(&quire)
        .args(["build", "--content"])
        .arg(&content)
        .arg("--out")
        .arg(&site)
        .arg("--shell")
        .arg(&shell)
        .output()
        .expect("quire runs");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    remove_twins(&site);

    reader.open_page(&post_path());
    assert_eq!(authors(&reader), ["Fay"]);
    assert_eq!(
        reader.browser.texts(".comment-body"),
        ["Sent without JavaScript."]
    );
    assert_eq!(reader.browser.texts("#comments-heading"), ["1 comment"]);
    drop(reader);
    let _ = std::fs::remove_dir_all(&root);
}
