//! `cargo xtask bench`: measures and writes `bench/results.json` and `BENCHMARKS.md`.
//! Figures, never pass/fail: CI does not run this.
//!
//! Sections so far: the Markdown renderer natively (throughput, pathological inputs,
//! linearity). The browser and bytes-over-the-wire sections are still to come.

use crate::run::{cargo, root, step, Result};
use std::fmt::Write as _;
use std::fs;

pub fn command() -> Result {
    step("benchmarking the Markdown renderer natively (release build; median of several runs)");
    let out = cargo()
        .current_dir(root())
        .args([
            "run",
            "--quiet",
            "--profile",
            "bench-native",
            "--package",
            "quire-markdown",
            "--example",
            "render_bench",
        ])
        .output()
        .map_err(|e| format!("cannot run the renderer benchmark: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the renderer benchmark failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let mut table = String::from("| input | bytes | median ms | MB/s |\n|---|---:|---:|---:|\n");
    let mut linearity = String::from("| input shape | time ×, for 10× the input |\n|---|---:|\n");
    for record in &records {
        if let Some(shape) = record["linearity"].as_str() {
            let _ = writeln!(
                linearity,
                "| {shape} | {} |",
                record["time_ratio_for_10x_input"]
            );
        } else {
            let _ = writeln!(
                table,
                "| {} | {} | {} | {} |",
                record["input"].as_str().unwrap_or_default(),
                record["bytes"],
                record["median_ms"],
                record["mb_per_s"]
            );
        }
    }
    println!("\nMarkdown renderer, native:\n{table}\nLinearity:\n{linearity}");
    let dir = root().join("bench");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create bench/: {e}"))?;
    let json = serde_json::json!({ "markdown_native": records }).to_string() + "\n";
    fs::write(dir.join("results.json"), json).map_err(|e| format!("bench/results.json: {e}"))?;
    let summary = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (figures, not tests). Raw figures: \
         `bench/results.json`.\n\n## Markdown renderer, native\n\nMedian of 5 to 15 runs \
         each, on this machine.\n\n{table}\n### Linearity\n\nTime for 10 times the input \
         (about 10 means linear).\n\n{linearity}\n"
    );
    fs::write(root().join("BENCHMARKS.md"), summary).map_err(|e| format!("BENCHMARKS.md: {e}"))?;
    step("wrote bench/results.json and BENCHMARKS.md");
    Ok(())
}
