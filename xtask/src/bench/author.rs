//! The author's loop: `cargo xtask build` on real-sized synthetic blogs (the first
//! build, an unchanged one, and one after editing a post), and the live preview's
//! time from saving a post to the open tab showing it.

use super::median;
use super::scale::measured;
use crate::run::{cargo, root, step, Result};
use crate::site;
use crate::synthetic::{write_blog_shaped, Shape};
use quire_e2e::{json, Reader};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Builds, each measured: how many of each.
const RUNS: usize = 3;

pub fn measure() -> Result<(String, Value)> {
    // This run's folders are named apart from earlier runs' (whose removal waits
    // for the bench's end: see `super::trash`).
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let figures = measure_in(stamp);
    for count in SIZES {
        super::discard(&root().join(format!("target/bench/author-{count}")));
        let caches = root().join("target/quire-cache");
        for entry in fs::read_dir(&caches).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&format!("dist-author-{count}-")) {
                super::discard(&entry.path());
            }
        }
    }
    figures
}

/// Blogs of these sizes are built.
const SIZES: [usize; 2] = [750, 10_000];

fn measure_in(stamp: u64) -> Result<(String, Value)> {
    let mut table = String::from(
        "| posts | first build, median (s) | unchanged, median (s) | one post edited, median (s) |\n\
         |---:|---:|---:|---:|\n",
    );
    let mut builds = Vec::new();
    for count in SIZES {
        step(&format!("cargo xtask build on {count} real-sized posts"));
        let figures = builds_of(count, stamp)?;
        let _ = writeln!(
            table,
            "| {count} | {:.2} | {:.2} | {:.2} |",
            figures["first_s"].as_f64().unwrap_or(f64::NAN),
            figures["unchanged_s"].as_f64().unwrap_or(f64::NAN),
            figures["edited_s"].as_f64().unwrap_or(f64::NAN),
        );
        builds.push(figures);
    }
    let mut live = Vec::new();
    table.push_str(
        "\n| live preview | posts | save → open tab shows it, median (ms) | each save (ms) | a save as soon as the last shows, median (ms) | each (ms) |\n\
         |---|---:|---:|---|---:|---|\n",
    );
    for (name, content) in [
        ("the sample blog", root().join("content")),
        (
            "a real-sized synthetic blog",
            blog_dir(10_000, stamp).join("content"),
        ),
    ] {
        step(&format!("live preview: saving a post of {name}"));
        let figures = save_to_screen(&content)?;
        let each = |key: &str| {
            figures[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|v| format!("{:.0}", v.as_f64().unwrap_or(f64::NAN)))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        };
        let _ = writeln!(
            table,
            "| {name} | {} | {:.0} | {} | {:.0} | {} ({} of {SAVES} made while the site was still being made for the save before) |",
            figures["posts"],
            figures["median_ms"].as_f64().unwrap_or(f64::NAN),
            each("each_ms"),
            figures["hurried_median_ms"].as_f64().unwrap_or(f64::NAN),
            each("hurried_each_ms"),
            figures["hurried_during_rebuild"],
        );
        live.push(figures);
    }
    Ok((table, json!({"builds": builds, "live": live})))
}

fn blog_dir(count: usize, stamp: u64) -> PathBuf {
    root().join(format!("target/bench/author-{count}/{stamp}"))
}

/// `cargo xtask build` on a blog of `count` posts, with the app already built.
fn builds_of(count: usize, stamp: u64) -> Result<Value> {
    let dir = blog_dir(count, stamp);
    let content = dir.join("content");
    // Each out folder's name keeps its compressed twins (in a cache named after
    // it) apart from dist/'s and from other runs'.
    let out = |run: usize| dir.join(format!("dist-author-{count}-{stamp}-{run}"));
    write_blog_shaped(&content, count, Shape::RealSized)?;
    let build = |out: &Path| {
        let mut command = cargo();
        command
            .current_dir(root())
            .args(["xtask", "build", "--content"])
            .arg(&content)
            .arg("--out")
            .arg(out);
        measured(&mut command).map(|(seconds, _)| seconds)
    };
    // Each first build into a new folder, with no twins kept for it yet.
    let firsts = (0..RUNS)
        .map(|run| build(&out(run)))
        .collect::<Result<Vec<f64>>>()?;
    let build = || build(&out(0));
    let mut unchanged = Vec::new();
    let mut edited = Vec::new();
    for run in 0..RUNS {
        unchanged.push(build()?);
        let post = content.join(format!("posts/post-{}.md", run + 1));
        let mut text = fs::read_to_string(&post).map_err(|e| format!("{}: {e}", post.display()))?;
        text.push_str("\nA sentence the author added.\n");
        fs::write(&post, text).map_err(|e| format!("{}: {e}", post.display()))?;
        edited.push(build()?);
    }
    Ok(json!({
        "posts": count, "first_s": median(firsts), "unchanged_s": median(unchanged),
        "edited_s": median(edited), "runs": RUNS,
    }))
}

/// The preview of a copy of `content` open on its newest post in Chromium; each
/// save appends a paragraph, timed from the write to the paragraph on screen.
fn save_to_screen(content: &Path) -> Result<Value> {
    let dir = root().join("target/bench/live");
    super::discard(&dir);
    let copy = dir.join("content");
    site::copy_dir(content, &copy)?;
    let out = dir.join("preview");
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let reader = Reader::of_site(out.clone());
    let options = quire_serve::Options {
        content: copy.clone(),
        out,
        app: site::dist_dir(),
        shell: site::shell_of(&site::dist_dir()),
        clock: quire_content::publish::Clock::from_env()?,
        verbose: false,
    };
    // The copy's files were all written just now, and the preview's first build
    // does not keep a post whose file's time is that close to its reading (a file
    // system may keep times to the second: `quire_content::remembered`), so the
    // first save would read every post again. An author's files are older than
    // that: the copy is left to age first.
    std::thread::sleep(quire_content::remembered::RACY + Duration::from_millis(500));
    let watching = quire_serve::start(&options, &reader.host)?;
    let loaded = quire_content::content::load(&copy)
        .content
        .ok_or("the copied content does not load")?;
    let newest = loaded.posts.first().ok_or("a blog without posts")?;
    let file = newest.source.clone();
    reader.open_page(&format!("/posts/{}", newest.slug));
    reader.browser.wait_for(
        "the preview to listen",
        "return document.documentElement.dataset.previewConnected === 'yes'",
    );
    let mut each = Vec::new();
    for run in 0..SAVES {
        each.push(save_and_see(
            &reader,
            &file,
            &format!("Marker paragraph {run} of the benchmark."),
        )?);
        // Each save is made to a quiet preview, as an author saves and looks: the
        // rest of the site is still being made when the page shows, and a save
        // before that is ended is measured next.
        watching.wait_for_rebuild();
        std::thread::sleep(Duration::from_millis(300));
    }
    // A save made as soon as the tab shows the one before, while the rest of the
    // site is still being made for it: the author who fixes a typo at once.
    let mut hurried = Vec::new();
    let mut during = 0;
    for run in 0..SAVES {
        save_and_see(&reader, &file, &format!("A paragraph {run} saved first."))?;
        during += usize::from(watching.is_rebuilding());
        hurried.push(save_and_see(
            &reader,
            &file,
            &format!("Its fix {run}, saved at once."),
        )?);
        watching.wait_for_rebuild();
        std::thread::sleep(Duration::from_millis(300));
    }
    let (shown, hurried_shown) = (each.clone(), hurried.clone());
    Ok(json!({
        "posts": loaded.posts.len(), "median_ms": median(each), "each_ms": shown,
        "hurried_median_ms": median(hurried), "hurried_each_ms": hurried_shown,
        "hurried_during_rebuild": during,
    }))
}

/// Saves measured each way.
const SAVES: usize = 5;

/// Appends a paragraph `marker` to the post `file` that the tab of `reader` is open
/// on, and returns the milliseconds from the write to the paragraph in the tab.
fn save_and_see(reader: &Reader, file: &Path, marker: &str) -> Result<f64> {
    // Watches for the paragraph from before the save, and notes the moment.
    reader.browser.eval(
        "window.seenAt = null; const m = arguments[0]; const o = new MutationObserver(() => \
         { if (document.body.textContent.includes(m)) { window.seenAt = Date.now(); o.disconnect(); } }); \
         o.observe(document.body, {childList: true, subtree: true, characterData: true});",
        json!([marker]),
    );
    let mut text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.push_str(&format!("\n{marker}\n"));
    let saved = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?;
    // Longer than the test harness waits: a big blog's rebuild may take a while.
    let deadline = std::time::Instant::now() + Duration::from_secs(180);
    loop {
        let seen = reader.browser.eval("return window.seenAt", json!([]));
        if let Some(at) = seen.as_f64() {
            return Ok(at - saved);
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the saved paragraph never showed ({marker})"));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
