//! Bytes over the wire: every file Chromium fetches on a first visit (cold cache) to
//! each route, as a reader who only reads meets it, and again once the reader's
//! first touch has brought the app.

use crate::run::Result;
use crate::site;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

pub const POST: &str = "/posts/europe-ukraine-security-guarantees-defense-boost";
const ROUTES: [(&str, &str); 3] = [("/", "home"), (POST, "a post"), ("/popular", "popular")];

/// The table for BENCHMARKS.md and the figures for results.json.
pub fn measure() -> Result<(String, Value)> {
    let dist = site::dist_dir();
    let mut table = String::new();
    let mut figures = Vec::new();
    for (path, name) in ROUTES {
        for with_app in [false, true] {
            // A new browser each time: nothing cached.
            let reader = quire_e2e::Reader::new();
            reader.open_page(path);
            if with_app {
                reader.wait_for_app();
            }
            // Whatever else the page fetches by itself would have started by now.
            std::thread::sleep(std::time::Duration::from_millis(1500));
            let files = fetched(&reader);
            let title = if with_app {
                format!("{name} (`{path}`), after the first touch brings the app")
            } else {
                format!("{name} (`{path}`), reading only")
            };
            let (section, totals, rows) = file_table(&dist, &files, &title);
            table.push_str(&section);
            figures.push(json!({
                "route": path, "app": with_app, "files": rows,
                "total": {"raw": totals[0], "gzip": totals[1], "brotli": totals[2]}
            }));
        }
    }
    Ok((table, Value::Array(figures)))
}

/// The brotli total of the first visit to a post, reading only, from `figures`.
pub fn post_total(figures: &Value, with_app: bool) -> u64 {
    figures
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["route"] == POST && f["app"] == with_app)
        .and_then(|f| f["total"]["brotli"].as_u64())
        .unwrap_or(0)
}

/// The brotli size of the app's wasm, as a post's first visit with the app fetched it.
pub fn app_wasm_brotli(figures: &Value) -> u64 {
    figures
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["route"] == POST && f["app"] == true)
        .flat_map(|f| f["files"].as_array().cloned().unwrap_or_default())
        .find(|file| {
            file["file"]
                .as_str()
                .is_some_and(|name| name.ends_with(".wasm") && module_of(name).is_none())
        })
        .and_then(|file| file["brotli"].as_u64())
        .unwrap_or(0)
}

/// The module a shipped file belongs to (`quire-search-module-….js`), if any.
fn module_of(file: &str) -> Option<&'static str> {
    [quire_schema::MARKDOWN_MODULE, quire_schema::SEARCH_MODULE]
        .into_iter()
        .find(|module| file.starts_with(module))
}

/// Every wasm file the build ships, with when a reader fetches it: the app's own
/// on the first sign of a reader, each module only when it is needed.
pub fn wasm_files() -> Result<(String, Value)> {
    let dist = site::dist_dir();
    let mut names: Vec<String> = fs::read_dir(&dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with("_bg.wasm"))
        .collect();
    names.sort();
    let mut table =
        String::from("| file | fetched | raw | gzip | brotli |\n|---|---|---:|---:|---:|\n");
    let mut rows = Vec::new();
    for name in names {
        let when = match module_of(&name) {
            Some(quire_schema::MARKDOWN_MODULE) => {
                "to show a post or page the app renders itself (not the one prerendered)"
            }
            Some(_) => "on the first search",
            None => "on the first sign of a reader",
        };
        let size = |suffix: &str| {
            fs::metadata(dist.join(format!("{name}{suffix}")))
                .map(|m| m.len())
                .unwrap_or(0)
        };
        let sizes = [size(""), size(".gz"), size(".br")];
        let _ = writeln!(
            table,
            "| {name} | {when} | {} | {} | {} |",
            sizes[0], sizes[1], sizes[2]
        );
        rows.push(json!({"file": name, "raw": sizes[0], "gzip": sizes[1], "brotli": sizes[2]}));
    }
    Ok((table, Value::Array(rows)))
}

fn fetched(reader: &quire_e2e::Reader) -> Vec<String> {
    let mut files = reader.browser.strings(
        "return [new URL(location.href).pathname,
                 ...performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)]",
        json!([]),
    );
    files.dedup();
    files
}

fn file_table(dist: &Path, files: &[String], title: &str) -> (String, [u64; 3], Vec<Value>) {
    let mut table =
        format!("### {title}\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n");
    let mut totals = [0u64; 3];
    let mut rows = Vec::new();
    for url_path in files {
        let file = served_file(dist, url_path);
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
            .strip_prefix(dist)
            .unwrap_or(&file)
            .display()
            .to_string();
        let _ = writeln!(
            table,
            "| {shown} | {} | {} | {} |",
            sizes[0], sizes[1], sizes[2]
        );
        rows.push(json!({"file": shown, "raw": sizes[0], "gzip": sizes[1], "brotli": sizes[2]}));
    }
    let _ = writeln!(
        table,
        "| **total** | **{}** | **{}** | **{}** |\n",
        totals[0], totals[1], totals[2]
    );
    (table, totals, rows)
}

/// The file in dist/ a URL path was answered with, as quire-host resolves it.
fn served_file(dist: &Path, url_path: &str) -> PathBuf {
    let relative = url_path.trim_start_matches('/');
    let candidate = dist.join(relative);
    let page = dist.join(format!("{relative}.html"));
    if candidate.is_file() {
        candidate
    } else if page.is_file() {
        page
    } else if candidate.join("index.html").is_file() {
        candidate.join("index.html")
    } else {
        dist.join("404.html")
    }
}
