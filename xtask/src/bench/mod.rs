//! `cargo xtask bench`: measures the built site the way readers meet it, prints each
//! table, and writes `bench/results.json` and `BENCHMARKS.md`. Figures, never
//! pass/fail: CI does not run this, and each budget is reported as met or not.

mod author;
mod browser;
mod comments;
mod images;
mod import;
mod intent;
mod lighthouse;
mod scale;
mod search;
mod wasm_size;
mod wire;

use crate::run::{cargo, root, step, Result};
use crate::{site, tools};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The slow network of the browser measures: Chromium's throttling at 150 ms round
/// trip and 1.6 Mbps (bytes per second).
const SLOW_LATENCY_MS: u32 = 150;
const SLOW_THROUGHPUT: u32 = 1_600_000 / 8;

/// Puts `reader` on the slow network.
fn throttle(reader: &quire_e2e::Reader) {
    reader.browser.cdp("Network.enable", json!({}));
    reader.browser.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": false, "latency": SLOW_LATENCY_MS,
               "downloadThroughput": SLOW_THROUGHPUT, "uploadThroughput": SLOW_THROUGHPUT}),
    );
}

/// Where the bench puts folders it is done with (earlier measures' blogs, sites and
/// twins) until every figure is taken. Deleting them at once slowed the measures
/// after: picking an inode for a new file, ext4 without a journal (this machine's)
/// passes over those of files deleted in the last minute, and in the last six
/// minutes while their inode table is not yet written back (perf: its
/// `recently_deleted`). `quire build` of 10,000 posts took 6 to 8 s after a bench
/// removed such a site, and 4.3 to 4.9 s on a quiet disk: that timed the file
/// system's bookkeeping, not the build, and an author's build never follows such a
/// removal. A rename deletes nothing.
fn trash() -> PathBuf {
    root().join("target/bench/trash")
}

/// Moves `path` (a folder the bench wrote) into the [`trash`], if it is there.
fn discard(path: &Path) {
    static DISCARDED: AtomicUsize = AtomicUsize::new(0);
    if fs::symlink_metadata(path).is_err() {
        return;
    }
    let trash = trash();
    let _ = fs::create_dir_all(&trash);
    let name = format!(
        "{}-{}",
        std::process::id(),
        DISCARDED.fetch_add(1, Ordering::Relaxed)
    );
    if fs::rename(path, trash.join(name)).is_err() {
        // Another file system: removed now, as before.
        let _ = fs::remove_dir_all(path);
    }
}

/// Has the kernel write to disk what earlier measures wrote (`sync`), untimed, so
/// that a timed build does not share the disk with their writeback: a blog just
/// written, or three sites of 10,000 posts built one after another, left gigabytes
/// to write back. A bench run with neither this nor the 40 s pause before each
/// size it replaces timed `quire build` of 1,000 posts at 0.82 s, against 0.46 s
/// in the run before, with the pause.
fn flush_writes() {
    let _ = std::process::Command::new("sync").status();
}

/// Removes what the bench discarded, once its figures are taken.
fn empty_trash() {
    step("removing the blogs and sites the bench built");
    let _ = fs::remove_dir_all(trash());
}

/// The median of `values` (NaN for none).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn command(args: &[String]) -> Result {
    let measured = measure(args);
    empty_trash();
    measured
}

fn measure(args: &[String]) -> Result {
    if args.first().map(String::as_str) == Some("import") {
        // Moving in alone, printed.
        scale::release_quire()?;
        let (table, _) = import::measure()?;
        println!("\n{table}");
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("scale") {
        // Building synthetic blogs of 10 to 10,000 posts alone, printed.
        if !site::shell_of(&site::dist_dir()).is_file() {
            site::build(&site::BuildOptions::default())?;
        }
        let (table, _) = scale::measure()?;
        println!("\n{table}");
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("author") {
        // The author's loop alone, printed.
        tools::ensure_chromium()?;
        site::build(&site::BuildOptions::default())?;
        let (table, _) = author::measure()?;
        println!("\n{table}");
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("images") {
        // Photos alone: printed, and put into BENCHMARKS.md and results.json in
        // place of the last run's image figures.
        tools::ensure_chromium()?;
        site::build(&site::BuildOptions::default())?;
        let lighthouse_cli = tools::ensure_npm_tool("lighthouse", "12.2.3", "cli/index.js")?;
        let (table, figures) = images::measure(&lighthouse_cli)?;
        println!("\n{table}");
        return images::record(&table, figures);
    }
    if args.first().map(String::as_str) == Some("search") {
        // Search beside Pagefind alone: printed, and put into BENCHMARKS.md and
        // results.json in place of the last run's search figures.
        tools::ensure_chromium()?;
        site::build(&site::BuildOptions::default())?;
        let (table, figures) = search::measure()?;
        println!("\n{table}");
        return search::record(&table, figures);
    }
    if args.first().map(String::as_str) == Some("lighthouse") {
        // Lighthouse alone on the home page and a post, printed, for work on what a
        // first visit costs; the full run records it.
        tools::ensure_chromium()?;
        site::build(&site::BuildOptions::default())?;
        let cli = tools::ensure_npm_tool("lighthouse", "12.2.3", "cli/index.js")?;
        let host = quire_host::Host::bind(site::dist_dir(), "127.0.0.1:0")
            .and_then(quire_host::Host::spawn)
            .map_err(|e| format!("cannot serve dist/: {e}"))?;
        let (table, _) = lighthouse::measure(&cli, &host.url())?;
        println!("\n{table}");
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("comments") {
        // The comment service's figures alone, printed, for work on the service.
        if !site::dist_dir().join("data/archive.json").exists() {
            site::build(&site::BuildOptions::default())?;
        }
        let (table, _) = comments::measure()?;
        println!("\n{table}");
        return Ok(());
    }
    tools::ensure_chromium()?;
    site::build(&site::BuildOptions::default())?;

    step("bytes over the wire: a first visit to each route in Chromium (cold cache)");
    let (wire_table, wire) = wire::measure()?;
    println!("\n{wire_table}");

    step("where the wasm's bytes go (twiggy)");
    let (wasm_table, wasm) = wasm_size::measure()?;
    println!("\n{wasm_table}");
    let (wasm_files_table, wasm_files) = wire::wasm_files()?;
    println!("\n{wasm_files_table}");

    step("the app for every reader: clicks and taps routed, click to paint on a slow network");
    let (intent_table, intent) = intent::measure()?;
    println!("\n{intent_table}");

    step("timings in Chromium (medians)");
    let (timing_table, timings) = browser::timings()?;
    println!("\n{timing_table}");

    let markdown_it = tools::ensure_npm_tool("markdown-it", "14.1.0", "dist/markdown-it.min.js")?;
    step("Markdown in the browser: Quire's renderer (wasm) and markdown-it in one page");
    let (md_table, md) = browser::markdown(&markdown_it)?;
    println!("\n{md_table}");

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

    let lighthouse_cli = tools::ensure_npm_tool("lighthouse", "12.2.3", "cli/index.js")?;
    step("Lighthouse, mobile preset, on the home page and a post");
    let host = quire_host::Host::bind(site::dist_dir(), "127.0.0.1:0")
        .and_then(quire_host::Host::spawn)
        .map_err(|e| format!("cannot serve dist/: {e}"))?;
    let (lighthouse_table, lighthouse) = lighthouse::measure(&lighthouse_cli, &host.url())?;
    drop(host);
    println!("\n{lighthouse_table}");

    step("photos: a post of ten phone photos on a phone, and the build's image work");
    let (images_table, images) = images::measure(&lighthouse_cli)?;
    println!("\n{images_table}");

    step("search at any size, beside Pagefind");
    let (search_table, search) = search::measure()?;
    println!("\n{search_table}");

    step("scale: synthetic blogs of 10, 1,000 and 10,000 posts");
    let (scale_table, scale) = scale::measure()?;
    println!("\n{scale_table}");

    step("the author's loop: builds of real-sized blogs, and the live preview");
    let (author_table, author) = author::measure()?;
    println!("\n{author_table}");

    step("moving in: a 100 MB Blogger export imported by the release quire");
    let (import_table, import) = import::measure()?;
    println!("\n{import_table}");

    step("the comment service under load (loopback only, bounded)");
    let (comments_table, comments) = comments::measure()?;
    println!("\n{comments_table}");

    let results = json!({
        "first_visit": wire, "wasm": wasm, "wasm_files": wasm_files, "intent": intent, "timings": timings,
        "markdown_in_browser": md,
        "markdown_native": records, "lighthouse": lighthouse, "scale": scale,
        "comments": comments, "import": import, "author": author, "images": images,
        "search": search,
    });
    let budgets = budgets(&results);
    println!("\nBudgets:\n{budgets}");
    let dir = root().join("bench");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create bench/: {e}"))?;
    fs::write(dir.join("results.json"), results.to_string() + "\n")
        .map_err(|e| format!("bench/results.json: {e}"))?;
    let summary = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` in one run on this machine (2 cores); \
         figures, not tests. Raw figures: `bench/results.json`.\n\n## Budgets\n\n{budgets}\n\
         ## Bytes over the wire, first visit\n\nEvery file Chromium fetched on a cold first \
         visit to each route of the built sample site; raw, and as the `.gz` and `.br` files \
         the build writes beside it (a host serving those sends the brotli column). Pages \
         start the app on the first sign of a present reader (pointer, wheel, scroll, touch, key, \
         focus), so each route is measured \
         twice: reading only, and once the app has come.\n\n{wire_table}\n\
         ## Where the wasm's bytes go\n\nThe wasm files the build ships: the app's own, and \
         the modules it imports only when needed (the Markdown renderer, search).\n\n\
         {wasm_files_table}\nShallow sizes by crate in the app's wasm as cargo \
         built it (before wasm-bindgen and `wasm-opt -Oz`, which shrink it further).\n\n\
         {wasm_table}\n## The app for every reader\n\nHeadless Chromium; the slow network is \
         Chromium's throttling at {latency} ms round trip and 1.6 Mbps, medians of {intent_runs} \
         runs. A click or tap counts as routed when the page was not reloaded.\n\n\
         {intent_table}\n## Timings in Chromium\n\nHeadless Chromium on this machine, no \
         throttling, medians of {runs} runs.\n\n{timing_table}\n## Markdown in the browser\n\n\
         Quire's renderer compiled to wasm (`render_markdown`, exported by the app's Markdown module) and \
         markdown-it 14.1.0 (`html: false, linkify, typographer`), the same inputs in the \
         same page, median of 7 batches.\n\n{md_table}\n## Markdown renderer, native\n\n\
         Median of 5 to 15 runs each.\n\n{table}\n### Linearity\n\nTime for 10 times the \
         input (about 10 means linear).\n\n{linearity}\n## Lighthouse\n\nLighthouse 12.2.3 \
         with Debian's Chromium, mobile preset (simulated slow 4G, CPU slowed 4×), served by \
         quire-host with the site's headers and precompressed files.\n\n{lighthouse_table}\n\
         {images_section}{search_section}\
         ## Scale\n\nSynthetic blogs (`xtask/src/synthetic.rs`) built by the release \
         `quire build` into an empty folder: the bundles and feeds, then again with the \
         page shell, which adds every prerendered page. Peak memory is the larger run's. \
         No folder is deleted until every figure is taken (ext4 slows making files for \
         minutes after many were deleted: `trash` in `xtask/src/bench/mod.rs`).\n\n\
         {scale_table}\n## The author's loop\n\n`cargo xtask build --content … --out …` \
         (a process of its own, as an author runs it, the app already built) on real-sized \
         synthetic blogs (4–10 KB of prose per post, headings, lists, a table, code, links and \
         an image each): {author_runs} first builds, each into a new folder (no compressed twins kept yet), \
         then {author_runs} unchanged builds and {author_runs} each after appending a sentence to one post. Then the \
         live preview (`quire-serve`, as `cargo xtask serve` runs it) with a tab open on the \
         newest post in headless Chromium: a paragraph appended to the post, from the write to \
         the paragraph in the tab's page (a MutationObserver's clock), five saves, each made \
         once the preview has finished the last (an author saving and looking; the copy of \
         the blog is left a few seconds first, as an author's files are older than the \
         preview's racy window); then five saves each made as soon as the tab shows the one \
         before (a typo fixed at once), while the rest of the site is still being made for \
         that one. Hugo is not \
         installed on this machine, so no Hugo figures are run beside these; the figures the \
         issue quotes for Hugo 0.168 with PaperMod (750 and 9,750 real posts, about 3 and 10 \
         times slower than `quire build`) and Zola's published \"10,000 pages in under a \
         second\" are not re-measured here.\n\n\
         {author_table}\n## Moving in\n\nA Takeout export made by \
         `quire_import::synthetic` (posts of paragraphs with markup and links, 30 labels) \
         imported by the release `quire import blogger` into an empty folder, which \
         is then checked as `quire check` does (which an import runs after it unless told \
         `--no-check`).\n\n{import_table}\n\
         ## The comment service\n\nThe service as deployed (the `service` \
         profile) on loopback (`xtask/src/bench/comments.rs`): {writers} writers, each a \
         connection sending one comment after another, all driven from one thread so the load \
         leaves the service a core; the default abuse limits in force, each comment from an \
         address of its own (as when many readers write at once) with a token older than the \
         minimum time; SQLite with WAL and `synchronous = FULL`, and a throwaway PostgreSQL 15 \
         cluster on the same two cores. \"lost\" counts comments that got a 202 and were not in \
         the store afterwards; \"unanswered\" are requests that met a killed service and got no answer. Reads are served from each post's list \
         as kept for one second.\n\n{comments_table}",
        runs = timings["runs"],
        latency = intent["latency_ms"],
        intent_runs = intent["runs"],
        writers = comments["writes"][0]["writers"],
        author_runs = author["builds"][0]["runs"],
        images_section = images::section(&images_table),
        search_section = search::section(&search_table),
    );
    fs::write(root().join("BENCHMARKS.md"), summary).map_err(|e| format!("BENCHMARKS.md: {e}"))?;
    step("wrote bench/results.json and BENCHMARKS.md");
    Ok(())
}

/// Each budget of the issues, the figure that answers it, and whether it is met,
/// from the run's figures (as `bench/results.json` has them).
fn budgets(results: &Value) -> String {
    let (wire, lighthouse, timings) = (
        &results["first_visit"],
        &results["lighthouse"],
        &results["timings"],
    );
    let (md, scale, intent) = (
        &results["markdown_in_browser"],
        &results["scale"],
        &results["intent"],
    );
    let (comments, import) = (&results["comments"], &results["import"]);
    let mut rows = String::from("| budget | measured | met |\n|---|---|:-:|\n");
    let mut row = |budget: &str, measured: String, met: bool| {
        let _ = writeln!(
            rows,
            "| {budget} | {measured} | {} |",
            if met { "yes" } else { "**no**" }
        );
    };
    let reading = wire::post_total(wire, false);
    let with_app = wire::post_total(wire, true);
    row(
        "first visit to a post, reading only, ≤ 15 KB brotli, everything included",
        format!(
            "{:.1} KB reading only; {:.1} KB once a reader's presence brings the app",
            reading as f64 / 1024.0,
            with_app as f64 / 1024.0
        ),
        reading <= 15 * 1024,
    );
    let wasm = wire::app_wasm_brotli(wire);
    row(
        "app wasm ≤ 200 KB brotli",
        format!("{:.1} KB", wasm as f64 / 1024.0),
        wasm > 0 && wasm <= 200 * 1024,
    );
    let count = |key: &str| intent[key].as_u64().unwrap_or(0);
    row(
        "desktop reader, six clicks: ≥ 5 routed in place",
        format!("{} of 6", count("desktop_routed_of_6")),
        count("desktop_routed_of_6") >= 5,
    );
    row(
        "phone reader, scrolls then six taps: 6 routed in place",
        format!("{} of 6", count("phone_routed_of_6")),
        count("phone_routed_of_6") == 6,
    );
    let click = intent["click_to_paint_after_intent_ms"]
        .as_f64()
        .unwrap_or(f64::NAN);
    row(
        "click → new route painted, 150 ms RTT and 1.6 Mbps, after intent: median ≤ 50 ms",
        format!(
            "{click:.1} ms (a whole page load: {:.0} ms to first paint)",
            intent["whole_page_load_fcp_ms"]
                .as_f64()
                .unwrap_or(f64::NAN)
        ),
        click <= 50.0,
    );
    for page in lighthouse.as_array().into_iter().flatten() {
        let name = page["page"].as_str().unwrap_or_default();
        let f = |key: &str| page[key].as_f64().unwrap_or(f64::NAN);
        row(
            &format!("Lighthouse `{name}`: 100 / 100 / 100 / 100"),
            format!(
                "{} / {} / {} / {}",
                f("performance"),
                f("accessibility"),
                f("best_practices"),
                f("seo")
            ),
            f("performance") >= 100.0
                && f("accessibility") >= 100.0
                && f("best_practices") >= 100.0
                && f("seo") >= 100.0,
        );
        row(
            &format!("Lighthouse `{name}`: LCP ≤ 1.2 s, TBT ≤ 50 ms, CLS 0"),
            format!(
                "{:.2} s / {:.0} ms / {:.3}",
                f("lcp_ms") / 1000.0,
                f("tbt_ms"),
                f("cls")
            ),
            f("lcp_ms") <= 1200.0 && f("tbt_ms") <= 50.0 && f("cls") == 0.0,
        );
    }
    let change = timings["cached_route_change_ms"]
        .as_f64()
        .unwrap_or(f64::NAN);
    row(
        "route change between cached posts < 16 ms",
        format!("{change:.1} ms (median)"),
        change < 16.0,
    );
    for case in md.as_array().into_iter().flatten() {
        let ratio = case["ratio"].as_f64().unwrap_or(f64::NAN);
        row(
            &format!(
                "Markdown ≥ 5× markdown-it: {}",
                case["input"].as_str().unwrap_or_default()
            ),
            format!("{ratio:.2}×"),
            ratio >= 5.0,
        );
    }
    let at = |posts: u64, key: &str| {
        scale
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["posts"] == posts)
            .map(|s| s[key].clone())
            .unwrap_or(Value::Null)
    };
    let seconds = at(10_000, "seconds").as_f64().unwrap_or(f64::NAN);
    row(
        "bundling 10,000 posts < 5 s",
        format!(
            "{seconds:.2} s ({:.2} s with every page prerendered too)",
            at(10_000, "seconds_with_pages")
                .as_f64()
                .unwrap_or(f64::NAN)
        ),
        seconds < 5.0,
    );
    let (small, large) = (
        at(10, "first_feed_page_bytes").as_f64().unwrap_or(f64::NAN),
        at(10_000, "first_feed_page_bytes")
            .as_f64()
            .unwrap_or(f64::NAN),
    );
    // Ten posts either way; only their numbers and the page count have more digits.
    row(
        "first feed page the same size at 10 and 10,000 posts (within 2%)",
        format!("{small} B and {large} B"),
        (large - small).abs() <= small * 0.02,
    );
    for v in comments["writes"].as_array().into_iter().flatten() {
        let p99 = v["p99_ms"].as_f64().unwrap_or(f64::NAN);
        row(
            &format!(
                "comments, {}: 200 writers for 60 s, none lost, no 5xx, p99 ≤ 100 ms",
                v["store"].as_str().unwrap_or_default()
            ),
            format!(
                "{} accepted ({:.0}/s), {} lost, {} 5xx, p99 {p99:.1} ms",
                v["accepted"],
                v["per_second"].as_f64().unwrap_or(0.0),
                v["lost"],
                v["server_errors"]
            ),
            v["lost"] == 0 && v["server_errors"] == 0 && p99 <= 100.0,
        );
    }
    for v in comments["killed"].as_array().into_iter().flatten() {
        row(
            &format!(
                "comments, {}: kill -9 mid-run, every 202 kept",
                v["store"].as_str().unwrap_or_default()
            ),
            format!("{} accepted, {} lost", v["accepted"], v["lost"]),
            v["lost"] == 0 && v["accepted"].as_u64().unwrap_or(0) > 0,
        );
    }
    let reads = comments["reads"]["per_second"].as_f64().unwrap_or(0.0);
    row(
        "comments: GET /comments/<slug> ≥ 5,000 requests/s on one core",
        format!("{reads:.0} requests/s"),
        reads >= 5000.0,
    );
    // The issue says "seconds and little memory"; read here as at most 10 s and
    // 256 MB for 100 MB, a quarter of a small machine's memory.
    let seconds = import["seconds"].as_f64().unwrap_or(f64::NAN);
    let peak_mb = import["peak_memory_kb"].as_f64().unwrap_or(f64::NAN) / 1024.0;
    row(
        "moving in: a 100 MB Blogger export imports in seconds (≤ 10 s) with little memory (≤ 256 MB)",
        format!("{seconds:.1} s, {peak_mb:.0} MB"),
        seconds <= 10.0 && peak_mb <= 256.0,
    );
    let author = &results["author"];
    let build = |posts: u64, key: &str| {
        author["builds"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|b| b["posts"] == posts)
            .and_then(|b| b[key].as_f64())
            .unwrap_or(f64::NAN)
    };
    row(
        "`cargo xtask build`, app already built, 750 real-sized posts ≤ 5 s (first build)",
        format!(
            "{:.2} s ({:.2} s unchanged)",
            build(750, "first_s"),
            build(750, "unchanged_s")
        ),
        build(750, "first_s") <= 5.0,
    );
    row(
        "the same after editing one post ≤ 2 s",
        format!("{:.2} s", build(750, "edited_s")),
        build(750, "edited_s") <= 2.0,
    );
    let pages = at(10_000, "seconds_with_pages")
        .as_f64()
        .unwrap_or(f64::NAN);
    let peak = at(10_000, "peak_memory_kb").as_f64().unwrap_or(f64::NAN) / 1024.0;
    row(
        "`quire build`, 10,000 real-sized posts, every page: ≤ 3 s, ≤ 400 MB",
        format!("{pages:.2} s, {peak:.0} MB"),
        pages <= 3.0 && peak <= 400.0,
    );
    row(
        "`cargo xtask build`, app already built, 10,000 real-sized posts ≤ 15 s (first build)",
        format!(
            "{:.2} s ({:.2} s after editing one post)",
            build(10_000, "first_s"),
            build(10_000, "edited_s")
        ),
        build(10_000, "first_s") <= 15.0,
    );
    let live = |i: usize, key: &str| author["live"][i][key].as_f64().unwrap_or(f64::NAN);
    // Met only if it holds for a save made while the last one's site is still being
    // made, too.
    for (i, budget, most) in [
        (
            1,
            "save one post in a 10,000-post blog → the open tab shows it ≤ 200 ms",
            200.0,
        ),
        (
            0,
            "save one post in the sample blog → the open tab shows it ≤ 100 ms",
            100.0,
        ),
    ] {
        let (quiet, hurried) = (live(i, "median_ms"), live(i, "hurried_median_ms"));
        row(
            budget,
            format!(
                "{quiet:.0} ms ({hurried:.0} ms for a save made as soon as the last one shows)"
            ),
            quiet <= most && hurried <= most,
        );
    }
    for (budget, measured, met) in images::budgets(&results["images"]) {
        row(&budget, measured, met);
    }
    for (budget, measured, met) in search::budgets(&results["search"]) {
        row(&budget, measured, met);
    }
    rows
}

/// Puts one part of the benchmark, run alone, into bench/results.json (under `key`)
/// and BENCHMARKS.md: its section in place of the one starting with `heading` (or
/// before the scale section), and its budget rows in place of the rows of the same
/// budgets (or at the end of the budget table).
fn record_part(
    key: &str,
    figures: Value,
    section: &str,
    heading: &str,
    rows: &[(String, String, bool)],
) -> Result {
    let results_path = root().join("bench/results.json");
    let mut results: Value = fs::read_to_string(&results_path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| json!({}));
    results[key] = figures;
    fs::write(&results_path, results.to_string() + "\n")
        .map_err(|e| format!("{}: {e}", results_path.display()))?;
    let path = root().join("BENCHMARKS.md");
    let mut text = fs::read_to_string(&path).map_err(|e| format!("BENCHMARKS.md: {e}"))?;
    match text.find(heading) {
        Some(start) => {
            let end = text[start + 1..]
                .find("\n## ")
                .map_or(text.len(), |i| start + 2 + i);
            text.replace_range(start..end, section);
        }
        None => {
            let at = text.find("## Scale\n").unwrap_or(text.len());
            text.insert_str(at, section);
        }
    }
    let new_rows: String = rows
        .iter()
        .map(|(budget, measured, met)| {
            format!(
                "| {budget} | {measured} | {} |\n",
                if *met { "yes" } else { "**no**" }
            )
        })
        .collect();
    let mut lines: Vec<&str> = text.lines().collect();
    let old: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            rows.iter()
                .any(|(budget, _, _)| l.starts_with(&format!("| {budget} |")))
        })
        .map(|(i, _)| i)
        .collect();
    let at = old.first().copied().or_else(|| {
        let header = lines.iter().position(|l| l.starts_with("| budget |"))?;
        let rest = lines[header..].iter().position(|l| !l.starts_with('|'))?;
        Some(header + rest)
    });
    for i in old.iter().rev() {
        lines.remove(*i);
    }
    let mut rebuilt = String::new();
    for (i, line) in lines.iter().enumerate() {
        if Some(i) == at {
            rebuilt.push_str(&new_rows);
        }
        rebuilt.push_str(line);
        rebuilt.push('\n');
    }
    fs::write(&path, rebuilt).map_err(|e| format!("BENCHMARKS.md: {e}"))?;
    step(&format!(
        "wrote the {key} figures into BENCHMARKS.md and bench/results.json"
    ));
    Ok(())
}
