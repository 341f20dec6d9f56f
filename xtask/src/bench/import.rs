//! Moving in: a Takeout export of about 100 MB (2,000 posts of 52 KB, made by
//! `quire_import::synthetic`) imported by the release `quire`, three times into
//! fresh folders; the median time and the peak memory of the import, and of the
//! `quire check` that an import runs after it by default.

use super::scale::measured;
use crate::run::{root, Result};
use serde_json::{json, Value};

const POSTS: usize = 2_000;
const POST_BYTES: usize = 52_500;

pub fn measure() -> Result<(String, Value)> {
    let quire = super::scale::release_quire()?;
    let dir = root().join("target/bench/import");
    super::discard(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let export = dir.join("feed.atom");
    quire_import::synthetic::takeout_export(&export, POSTS, POST_BYTES)
        .map_err(|e| format!("cannot write the export: {e}"))?;
    let bytes = std::fs::metadata(&export).map(|m| m.len()).unwrap_or(0);
    let (mut times, mut checks) = (Vec::new(), Vec::new());
    let (mut peak_kb, mut check_peak_kb) = (0, 0);
    for run in 0..3 {
        let content = dir.join(format!("content-{run}"));
        let mut command = std::process::Command::new(&quire);
        command
            .args(["import", "blogger"])
            .arg(&export)
            .arg("--no-check")
            .arg("--content")
            .arg(&content);
        let (took, peak) = measured(&mut command).map_err(|e| format!("quire import: {e}"))?;
        times.push(took);
        peak_kb = peak_kb.max(peak);
        let mut check = std::process::Command::new(&quire);
        check.arg("check").arg("--content").arg(&content);
        let (took, peak) = measured(&mut check).map_err(|e| format!("quire check: {e}"))?;
        checks.push(took);
        check_peak_kb = check_peak_kb.max(peak);
    }
    super::discard(&dir);
    times.sort_by(f64::total_cmp);
    checks.sort_by(f64::total_cmp);
    let (seconds, check_seconds) = (times[1], checks[1]);
    let table = format!(
        "| export | posts | import, median of 3 (s) | its peak memory (MB) | then `quire check` (s) | its peak memory (MB) |\n\
         |---:|---:|---:|---:|---:|---:|\n\
         | {:.1} MB | {POSTS} | {seconds:.2} | {:.1} | {check_seconds:.2} | {:.1} |\n",
        bytes as f64 / 1_048_576.0,
        peak_kb as f64 / 1024.0,
        check_peak_kb as f64 / 1024.0
    );
    Ok((
        table,
        json!({"export_bytes": bytes, "posts": POSTS, "seconds": seconds, "peak_memory_kb": peak_kb,
               "check_seconds": check_seconds, "check_peak_memory_kb": check_peak_kb}),
    ))
}
