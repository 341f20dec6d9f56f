//! What an author runs, for tests that build a site of their own: `quire` commands
//! around the app of the built sample blog.

use crate::binary;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `command`, failing the test with its output unless it succeeds; returns
/// what it printed.
pub fn run(command: &mut Command) -> String {
    let output = command.output().expect("quire runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

/// The `quire` command the tests run.
pub fn quire() -> PathBuf {
    binary("QUIRE_BIN", "quire")
}

/// The app's own files from the built sample blog: no pages, bundles or feeds,
/// which a test's build writes.
fn app_only(dist: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(dist).expect("the built site").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let page_or_data = path.is_dir() || name.ends_with(".html") || name.ends_with(".xml");
        let twin = name.ends_with(".br") || name.ends_with(".gz");
        if !page_or_data && !twin {
            std::fs::copy(&path, to.join(&name)).expect("a copy");
        }
    }
}

/// `quire check` and `quire build` of `content` into `site`, around the app;
/// returns what the build printed.
pub fn check_and_build(content: &Path, site: &Path) -> String {
    run(Command::new(quire())
        .arg("check")
        .arg("--content")
        .arg(content));
    app_only(&crate::dist(), site);
    let shell = std::env::var("QUIRE_SHELL").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/shells/dist.html").to_string()
    });
    run(Command::new(quire())
        .args(["build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(site)
        .arg("--shell")
        .arg(&shell))
}

/// Copies the folder `from` to `to`, with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder to copy").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// Writes a post folder `folder` (`index.md` and `photo-<n>.jpg`) showing `photos`
/// (JPEG bytes) in turn, each after a paragraph of prose, as a photo essay is
/// written; it ends with `extra` Markdown.
pub fn photo_post(folder: &Path, title: &str, photos: &[Vec<u8>], extra: &str) {
    std::fs::create_dir_all(folder).expect("a post folder");
    let mut body = format!(
        "+++\ntitle = \"{title}\"\ndate = 2026-01-30\nlabels = [\"europe\"]\n+++\n\
         A morning at the harbour.\n\n"
    );
    for (i, photo) in photos.iter().enumerate() {
        let n = i + 1;
        std::fs::write(folder.join(format!("photo-{n}.jpg")), photo).expect("a photo");
        body.push_str(&format!("![Photo {n} of the harbour](photo-{n}.jpg)\n\n"));
        body.push_str(&"The boats come in as the light rises over the water. ".repeat(12));
        body.push_str("\n\n");
    }
    body.push_str(extra);
    std::fs::write(folder.join("index.md"), body).expect("the post");
}
