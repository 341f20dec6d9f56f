//! Lighthouse 12.2.3 (npm) with Debian's Chromium, mobile preset (its default: a
//! mid-range phone on a slow 4G link, CPU slowed 4×), on the home page and a post
//! served by quire-host exactly as the tests serve it.

use crate::run::{root, Result};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

pub fn measure(cli: &Path, base: &str) -> Result<(String, Value)> {
    let mut table = String::from(
        "| page | Performance | Accessibility | Best Practices | SEO | LCP (s) | TBT (ms) | CLS |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut figures = Vec::new();
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, path) in [("home", "/"), ("a post", super::wire::POST)] {
        let report = report(cli, &format!("{base}{path}"), name)?;
        let score = |category: &str| {
            report["categories"][category]["score"]
                .as_f64()
                .map(|s| (s * 100.0).round())
                .unwrap_or(f64::NAN)
        };
        let audit = |id: &str| {
            report["audits"][id]["numericValue"]
                .as_f64()
                .unwrap_or(f64::NAN)
        };
        let row = json!({
            "page": path,
            "performance": score("performance"),
            "accessibility": score("accessibility"),
            "best_practices": score("best-practices"),
            "seo": score("seo"),
            "lcp_ms": audit("largest-contentful-paint"),
            "tbt_ms": audit("total-blocking-time"),
            "cls": audit("cumulative-layout-shift"),
        });
        let _ = writeln!(
            table,
            "| {name} | {} | {} | {} | {} | {:.2} | {:.0} | {:.3} |",
            row["performance"],
            row["accessibility"],
            row["best_practices"],
            row["seo"],
            row["lcp_ms"].as_f64().unwrap_or(f64::NAN) / 1000.0,
            row["tbt_ms"].as_f64().unwrap_or(f64::NAN),
            row["cls"].as_f64().unwrap_or(f64::NAN),
        );
        figures.push(row);
    }
    Ok((table, Value::Array(figures)))
}

/// Lighthouse's whole report on `url` (mobile preset), kept in target/bench under
/// `name`.
pub fn report(cli: &Path, url: &str, name: &str) -> Result<Value> {
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let report_path = dir.join(format!("lighthouse-{}.json", name.replace(' ', "-")));
    let profile = dir.join(format!("lighthouse-profile-{}", std::process::id()));
    let status = Command::new("node")
        .arg(cli)
        .arg(url)
        .args([
            "--quiet",
            "--output=json",
            "--only-categories=performance,accessibility,best-practices,seo",
        ])
        .arg(format!("--output-path={}", report_path.display()))
        .arg(format!(
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu \
             --disable-background-networking --no-first-run --user-data-dir={}",
            profile.display()
        ))
        .env("CHROME_PATH", crate::tools::CHROMIUM)
        .status()
        .map_err(|e| format!("cannot run lighthouse: {e}"))?;
    let _ = std::fs::remove_dir_all(&profile);
    if !status.success() {
        return Err(format!("lighthouse failed on {url}"));
    }
    serde_json::from_str(
        &std::fs::read_to_string(&report_path)
            .map_err(|e| format!("{}: {e}", report_path.display()))?,
    )
    .map_err(|e| format!("lighthouse's report: {e}"))
}
