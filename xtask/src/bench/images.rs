//! Photos: a post of ten 4032×3024 phone photos read on a phone (bytes over the
//! wire, and Lighthouse's mobile audit of it), and the build's image work on 100
//! such photos, first with an empty cache and then with the cache.
//!
//! The photos are made by `quire_images::fixtures` (photo-like, about 3 MB each as
//! JPEG at quality 90) and kept in target/bench/photos between runs.

use super::scale::measured;
use crate::run::{root, step, Result};
use quire_e2e::authoring::{check_and_build, copy_dir, photo_post, quire};
use quire_e2e::{json, Reader};
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const POST: &str = "/posts/harbour-in-ten-photos";
const PHONE_PHOTO: (u32, u32) = (4032, 3024);
/// Builds with the cache, measured: the median is reported.
const RUNS: usize = 3;

pub fn measure(lighthouse_cli: &Path) -> Result<(String, Value)> {
    step("images: making 100 phone-sized photos (kept for later runs)");
    let photos = photos(100)?;
    let dir = root().join("target/bench/images");
    super::discard(&dir);

    step("images: the sample blog with a post of ten photos, read on a phone");
    let content = dir.join("content");
    copy_dir(&root().join("content"), &content);
    let ten: Vec<Vec<u8>> = photos[..10]
        .iter()
        .map(|p| fs::read(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect::<Result<_>>()?;
    photo_post(
        &content.join("posts/harbour-in-ten-photos"),
        "The harbour in ten photos",
        &ten,
        "",
    );
    let site = dir.join("site");
    check_and_build(&content, &site);
    let original_bytes: usize = ten.iter().map(Vec::len).sum();
    let mut table = format!(
        "A post of ten {}×{} photos ({:.1} MB of JPEG as the phone wrote them), first visit \
         (cold cache), reading only; bytes as Chromium received them (resource timing):\n\n\
         | reader | window | density | bytes over the wire | of which images | images fetched |\n\
         |---|---|---:|---:|---:|---:|\n",
        PHONE_PHOTO.0,
        PHONE_PHOTO.1,
        original_bytes as f64 / 1e6
    );
    let mut visits = Vec::new();
    for (name, width, height, density, mobile) in [
        ("a phone", 390, 844, 2.0, true),
        ("a phone, 3× screen", 390, 844, 3.0, true),
        ("a desktop", 1280, 900, 1.0, false),
    ] {
        let visit = first_visit(&site, width, height, density, mobile)?;
        let _ = writeln!(
            table,
            "| {name} | {width}×{height} | {density} | {} | {} | {} |",
            visit["bytes"], visit["image_bytes"], visit["images"]
        );
        visits.push(json!({"reader": name, "width": width, "density": density, "figures": visit}));
    }

    step("images: Lighthouse, mobile preset, on the post of ten photos");
    let host = quire_host::Host::bind(&site, "127.0.0.1:0")
        .and_then(quire_host::Host::spawn)
        .map_err(|e| format!("cannot serve the photo site: {e}"))?;
    let report = super::lighthouse::report(
        lighthouse_cli,
        &format!("{}{POST}", host.url()),
        "ten-photos",
    )?;
    drop(host);
    let score = |id: &str| report["audits"][id]["score"].as_f64();
    let audits = json!({
        "performance": report["categories"]["performance"]["score"].as_f64().map(|s| (s * 100.0).round()),
        "uses-responsive-images": score("uses-responsive-images"),
        "modern-image-formats": score("modern-image-formats"),
        "unsized-images": score("unsized-images"),
        "lcp_ms": report["audits"]["largest-contentful-paint"]["numericValue"],
        "cls": report["audits"]["cumulative-layout-shift"]["numericValue"],
    });
    let pass = |v: &Value| match v.as_f64() {
        Some(s) if s >= 0.9 => "passed".to_string(),
        Some(s) => format!("failed ({s})"),
        None => "not applicable".to_string(),
    };
    let _ = write!(
        table,
        "\nLighthouse (mobile) on that post: Performance **{}**, LCP {:.2} s, CLS {:.3}; \
         \"Properly size images\" {}, \"Serve images in modern formats\" {}, \
         \"Image elements have explicit width and height\" {}.\n",
        audits["performance"],
        audits["lcp_ms"].as_f64().unwrap_or(f64::NAN) / 1000.0,
        audits["cls"].as_f64().unwrap_or(f64::NAN),
        pass(&audits["uses-responsive-images"]),
        pass(&audits["modern-image-formats"]),
        pass(&audits["unsized-images"]),
    );

    step("images: building 100 photos, with an empty cache and then with it");
    let builds = hundred(&dir, &photos)?;
    let _ = write!(
        table,
        "\n| 100 photos ({} posts of 10), `quire build` | seconds | peak memory (MB) |\n\
         |---|---:|---:|\n\
         | first build, empty image cache, 2 cores | {:.1} | {} |\n\
         | rebuild, with the cache (median of {RUNS}) | {:.2} | {} |\n",
        100 / 10,
        builds["first_s"].as_f64().unwrap_or(f64::NAN),
        builds["first_peak_mb"],
        builds["cached_s"].as_f64().unwrap_or(f64::NAN),
        builds["cached_peak_mb"],
    );
    Ok((
        table,
        json!({"visits": visits, "lighthouse": audits, "builds": builds}),
    ))
}

/// `count` distinct phone photos, made once and kept.
fn photos(count: usize) -> Result<Vec<PathBuf>> {
    let dir = root().join("target/bench/photos");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let paths: Vec<PathBuf> = (1..=count)
        .map(|n| dir.join(format!("photo-{n}.jpg")))
        .collect();
    let missing: Vec<(usize, &PathBuf)> = paths
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.exists())
        .collect();
    // Two at a time: the machine has two cores.
    std::thread::scope(|scope| {
        for half in missing.chunks(missing.len().div_ceil(2).max(1)) {
            scope.spawn(move || {
                for (n, path) in half {
                    let photo =
                        quire_images::fixtures::photo(PHONE_PHOTO.0, PHONE_PHOTO.1, *n as u32 + 1);
                    let bytes = quire_images::fixtures::with_exif(
                        &quire_images::fixtures::jpeg(&photo, 90),
                        1,
                    );
                    let _ = fs::write(path, bytes);
                }
            });
        }
    });
    match paths.iter().find(|p| !p.exists()) {
        Some(p) => Err(format!("cannot write {}", p.display())),
        None => Ok(paths),
    }
}

/// What a first visit to the post fetches, as Chromium saw it.
fn first_visit(site: &Path, width: u32, height: u32, density: f64, mobile: bool) -> Result<Value> {
    let reader = Reader::of_site_in(site.to_path_buf(), width, height);
    reader.browser.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": density, "mobile": mobile}),
    );
    reader.open_page(POST);
    // What the page fetches by itself (the first photo, those near the screen)
    // has started by now.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let figures = reader.browser.eval(
        "const nav = performance.getEntriesByType('navigation')[0]; \
         const res = performance.getEntriesByType('resource'); \
         const images = res.filter(r => r.initiatorType === 'img' || /\\.(webp|jpg|png)$/.test(r.name)); \
         const sum = list => list.reduce((n, r) => n + r.encodedBodySize, 0); \
         return {bytes: nav.encodedBodySize + sum(res), image_bytes: sum(images), images: images.length, \
                 chosen: images.map(r => new URL(r.name).pathname.split('-').pop())};",
        json!([]),
    );
    Ok(figures)
}

/// `quire build` of 100 photos in ten posts: the first build with an empty image
/// cache, then rebuilds that find every image in it.
fn hundred(dir: &Path, photos: &[PathBuf]) -> Result<Value> {
    let content = dir.join("hundred/content");
    fs::create_dir_all(content.join("posts")).map_err(|e| format!("{e}"))?;
    fs::write(
        content.join("site.toml"),
        "title = \"Photos\"\ndescription = \"A blog of photos\"\nauthor = \"Ann\"\n\
         base_url = \"https://example.org/\"\n",
    )
    .map_err(|e| format!("{e}"))?;
    for (post, ten) in photos.chunks(10).enumerate() {
        let bytes: Vec<Vec<u8>> = ten
            .iter()
            .map(|p| fs::read(p).map_err(|e| format!("{}: {e}", p.display())))
            .collect::<Result<_>>()?;
        photo_post(
            &content.join(format!("posts/photos-{}", post + 1)),
            &format!("Photos, part {}", post + 1),
            &bytes,
            "",
        );
    }
    let out = dir.join("hundred/site");
    let cache = dir.join("hundred/cache");
    let build = || {
        let mut command = std::process::Command::new(quire());
        command
            .args(["build", "--content"])
            .arg(&content)
            .arg("--out")
            .arg(&out)
            .arg("--cache")
            .arg(&cache);
        command
    };
    let (first_s, first_peak) = measured(&mut build()).map_err(|e| format!("quire build: {e}"))?;
    let mut cached = Vec::new();
    for _ in 0..RUNS {
        cached.push(measured(&mut build()).map_err(|e| format!("quire build: {e}"))?);
    }
    cached.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (cached_s, cached_peak) = cached[RUNS / 2];
    Ok(json!({
        "first_s": first_s, "first_peak_mb": first_peak / 1024,
        "cached_s": cached_s, "cached_peak_mb": cached_peak / 1024,
    }))
}

/// The section of BENCHMARKS.md the image figures make.
pub fn section(table: &str) -> String {
    format!(
        "## Photos\n\n`xtask/src/bench/images.rs`: photos made by `quire_images::fixtures` \
         (photo-like, about 3 MB each as a phone's JPEG), built by the development `quire \
         build` as `cargo xtask build` runs it (two cores). `cargo xtask bench images` \
         measures this section alone and rewrites only it and its budget rows; `cargo xtask \
         bench` measures it with the rest.\n\n{table}\n"
    )
}

/// The budgets for photos, each with the figure that answers it.
pub fn budgets(images: &Value) -> Vec<(String, String, bool)> {
    let phone = &images["visits"][0]["figures"];
    let bytes = phone["bytes"].as_f64().unwrap_or(f64::NAN);
    let lighthouse = &images["lighthouse"];
    let passed = |id: &str| lighthouse[id].as_f64().is_none_or(|s| s >= 0.9);
    let performance = lighthouse["performance"].as_f64().unwrap_or(f64::NAN);
    let first = images["builds"]["first_s"].as_f64().unwrap_or(f64::NAN);
    let cached = images["builds"]["cached_s"].as_f64().unwrap_or(f64::NAN);
    vec![
        (
            "a post with ten 4032×3024 photos, first visit on a phone (390 px, 2×): ≤ 400 KB"
                .to_string(),
            format!(
                "{:.0} KB ({:.0} KB on a 3× screen)",
                bytes / 1024.0,
                images["visits"][1]["figures"]["bytes"]
                    .as_f64()
                    .unwrap_or(f64::NAN)
                    / 1024.0
            ),
            bytes <= 400.0 * 1024.0,
        ),
        (
            "that post, Lighthouse mobile: Performance 100; image size, format and \
             width/height audits pass"
                .to_string(),
            format!(
                "{performance}; {}",
                [
                    "uses-responsive-images",
                    "modern-image-formats",
                    "unsized-images"
                ]
                .iter()
                .map(|id| format!("{id} {}", if passed(id) { "passed" } else { "failed" }))
                .collect::<Vec<_>>()
                .join(", ")
            ),
            performance >= 100.0
                && passed("uses-responsive-images")
                && passed("modern-image-formats")
                && passed("unsized-images"),
        ),
        (
            "100 such photos, first build on 2 cores ≤ 60 s".to_string(),
            format!(
                "{first:.1} s, peak {} MB",
                images["builds"]["first_peak_mb"]
            ),
            first <= 60.0,
        ),
        (
            "100 such photos, rebuild with the cache ≤ 1 s".to_string(),
            format!("{cached:.2} s"),
            cached <= 1.0,
        ),
    ]
}

/// Puts a run of the image figures alone into BENCHMARKS.md (its section and its
/// budget rows) and bench/results.json, in place of the last run's.
pub fn record(table: &str, figures: Value) -> Result {
    let rows = budgets(&figures);
    super::record_part("images", figures, &section(table), "## Photos\n", &rows)
}
