//! Scale: synthetic blogs of 10, 1,000 and 10,000 posts built by the release
//! `quire` (bundles, feeds and every prerendered page); the time, the peak memory,
//! and the size of the first feed page.

use crate::run::{cargo, root, Result};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::time::Instant;

/// The release `quire`, built if it needs to be.
pub(super) fn release_quire() -> Result<std::path::PathBuf> {
    crate::tools::ensure_c_tools()?;
    let built = cargo()
        .args(["build", "--quiet", "--release", "--package", "quire-cli"])
        .status()
        .map_err(|e| format!("cannot build quire: {e}"))?;
    if !built.success() {
        return Err("building quire (release) failed".to_string());
    }
    Ok(root().join("target/release/quire"))
}

pub fn measure() -> Result<(String, Value)> {
    let quire = release_quire()?;
    // With the page shell, the build also prerenders every page, as `xtask build` does.
    let shell = root().join("target/shells/dist.html");
    let mut table = String::from(
        "| posts | bundling, median of 3 (s) | with every page too (s) | peak memory (MB) | first feed page (bytes) | all bundles (MB) |\n\
         |---:|---:|---:|---:|---:|---:|\n",
    );
    let mut figures = Vec::new();
    for count in [10usize, 1_000, 10_000] {
        let dir = root().join(format!("target/bench/scale-{count}"));
        let content = dir.join("content");
        let out = dir.join("out");
        super::discard(&content);
        crate::synthetic::write_blog_shaped(&content, count, crate::synthetic::Shape::RealSized)?;
        let mut times = Vec::new();
        let mut with_pages = Vec::new();
        let mut peak_kb = 0;
        // Bundles alone (the budget), then with the pages; each into a new folder.
        // (No folder is deleted before the bench's end: see `super::trash`.)
        super::discard(&out);
        for run in 0..6 {
            let mut command = std::process::Command::new(&quire);
            command
                .args(["build", "--content"])
                .arg(&content)
                .arg("--out")
                .arg(out.join(run.to_string()))
                // The twins are the whole build's part (`bench build`), not bundling's.
                .arg("--no-compress");
            if run >= 3 {
                command.arg("--shell").arg(&shell);
            }
            let (took, peak) =
                measured(&mut command).map_err(|e| format!("quire build on {count} posts: {e}"))?;
            if run < 3 {
                times.push(took);
            } else {
                with_pages.push(took);
            }
            peak_kb = peak_kb.max(peak);
        }
        times.sort_by(f64::total_cmp);
        with_pages.sort_by(f64::total_cmp);
        let seconds = times[1];
        let pages_seconds = with_pages[1];
        let first_page = std::fs::metadata(out.join("0/data/feed/1.json"))
            .map(|m| m.len())
            .unwrap_or(0);
        let all = dir_size(&out.join("0/data"));
        super::discard(&out);
        let _ = writeln!(
            table,
            "| {count} | {seconds:.2} | {pages_seconds:.2} | {:.1} | {first_page} | {:.1} |",
            peak_kb as f64 / 1024.0,
            all as f64 / 1_048_576.0
        );
        figures.push(json!({
            "posts": count, "seconds": seconds, "seconds_with_pages": pages_seconds,
            "peak_memory_kb": peak_kb,
            "first_feed_page_bytes": first_page, "all_bundles_bytes": all
        }));
    }
    Ok((table, Value::Array(figures)))
}

/// Runs `command` to its end: the seconds it took and its peak memory (kB), read
/// from /proc while it runs. A failure is an error. What earlier runs wrote is
/// first on disk (see `super::flush_writes`).
pub(super) fn measured(command: &mut std::process::Command) -> Result<(f64, u64)> {
    super::flush_writes();
    let started = Instant::now();
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run it: {e}"))?;
    let pid = child.id();
    let mut peak = 0;
    // The child's high-water mark, read until it exits.
    loop {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kb);
            }
        }
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(status)) => return Err(format!("it failed ({status})")),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for it: {e}")),
        }
    }
    Ok((started.elapsed().as_secs_f64(), peak))
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                dir_size(&path)
            } else {
                entry.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}
