//! `cargo xtask bench`: measures and writes `bench/results.json` and `BENCHMARKS.md`.
//! Figures, never pass/fail: CI does not run this.
//!
//! Sections so far: bytes over the wire for a first visit to each route (measured in
//! Chromium on the built site), and the Markdown renderer natively (throughput,
//! pathological inputs, linearity). Lighthouse, in-browser timings, markdown-it and
//! scale runs are still to come.

use crate::run::{cargo, root, step, Result};
use crate::{site, tools};
use std::fmt::Write as _;
use std::fs;

pub fn command() -> Result {
    tools::ensure_chromium()?;
    site::build(&site::BuildOptions::default())?;
    step("measuring a first visit to each route in Chromium (cold cache)");
    let (wire_table, wire_json) = bytes_over_the_wire()?;
    println!("\nBytes over the wire, first visit:\n{wire_table}");
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
    let json = serde_json::json!({ "first_visit": wire_json, "markdown_native": records })
        .to_string()
        + "\n";
    fs::write(dir.join("results.json"), json).map_err(|e| format!("bench/results.json: {e}"))?;
    let summary = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (figures, not tests). Raw figures: \
         `bench/results.json`.\n\n## Bytes over the wire, first visit\n\nEvery file \
         Chromium fetched on a cold first visit to each route of the built sample site; \
         raw, and as the `.gz` and `.br` files the build writes beside it (a host serving \
         those sends the brotli column).\n\n{wire_table}\n## Markdown renderer, native\n\nMedian of 5 to 15 runs \
         each, on this machine.\n\n{table}\n### Linearity\n\nTime for 10 times the input \
         (about 10 means linear).\n\n{linearity}\n"
    );
    fs::write(root().join("BENCHMARKS.md"), summary).map_err(|e| format!("BENCHMARKS.md: {e}"))?;
    step("wrote bench/results.json and BENCHMARKS.md");
    Ok(())
}

const ROUTES: [(&str, &str, &str); 3] = [
    (
        "/",
        "home",
        "return document.querySelectorAll('.feed-entry').length > 0",
    ),
    (
        "/posts/europe-ukraine-security-guarantees-defense-boost",
        "a post",
        "return document.querySelectorAll('.prose h2').length > 0 && document.querySelectorAll('.popular-list li').length > 0",
    ),
    (
        "/popular",
        "popular",
        "return document.querySelectorAll('.popular-list li').length > 0",
    ),
];

/// For each route: every file fetched on a cold visit, with its sizes from dist/.
fn bytes_over_the_wire() -> Result<(String, serde_json::Value)> {
    let dist = site::dist_dir();
    let mut table = String::new();
    let mut json = Vec::new();
    for (path, name, ready) in ROUTES {
        // A new browser each time: nothing cached.
        let reader = quire_e2e::Reader::new();
        reader.open(path);
        reader.browser.wait_for(name, ready);
        let fetched = reader.browser.eval(
            "return [new URL(location.href).pathname,
                     ...performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)]",
            serde_json::json!([]),
        );
        let mut files: Vec<String> = fetched
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        files.dedup();
        let _ = writeln!(
            table,
            "### {name} (`{path}`)\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|"
        );
        let mut totals = [0u64; 3];
        let mut rows = Vec::new();
        for url_path in files {
            let file = served_file(&dist, &url_path);
            let size = |suffix: &str| {
                let mut name = file.clone().into_os_string();
                name.push(suffix);
                fs::metadata(&name).map(|m| m.len()).unwrap_or(0)
            };
            let sizes = [size(""), size(".gz"), size(".br")];
            for (total, size) in totals.iter_mut().zip(sizes) {
                *total += size;
            }
            let shown = file
                .strip_prefix(&dist)
                .unwrap_or(&file)
                .display()
                .to_string();
            let _ = writeln!(
                table,
                "| {shown} | {} | {} | {} |",
                sizes[0], sizes[1], sizes[2]
            );
            rows.push(serde_json::json!({"file": shown, "raw": sizes[0], "gzip": sizes[1], "brotli": sizes[2]}));
        }
        let _ = writeln!(
            table,
            "| **total** | **{}** | **{}** | **{}** |\n",
            totals[0], totals[1], totals[2]
        );
        json.push(serde_json::json!({
            "route": path, "files": rows,
            "total": {"raw": totals[0], "gzip": totals[1], "brotli": totals[2]}
        }));
    }
    Ok((table, serde_json::Value::Array(json)))
}

/// The file in dist/ a URL path was answered with (404.html for app routes).
fn served_file(dist: &std::path::Path, url_path: &str) -> std::path::PathBuf {
    let relative = url_path.trim_start_matches('/');
    let candidate = dist.join(relative);
    if candidate.is_file() {
        candidate
    } else if candidate.join("index.html").is_file() {
        candidate.join("index.html")
    } else {
        dist.join("404.html")
    }
}
