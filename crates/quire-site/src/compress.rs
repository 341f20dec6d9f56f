//! `.br` and `.gz` beside every text asset, for hosts that serve precompressed files
//! (S3 behind a CDN, quire-host) and so that none has to compress on the fly.
//!
//! A big blog has tens of thousands of such files, so three things keep this fast:
//! the level is chosen per kind of file ([`level_for`]), each distinct content is
//! compressed once however many files hold it (a bundle's plain and hashed names),
//! and the twins of a content compressed by an earlier build are taken from a cache
//! named by that content's hash. The work is spread over every core.

use crate::write::{at, beside, write_whole};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod ahead;
pub use ahead::{Ahead, Known};

/// How hard each kind of file is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    /// Brotli quality, 0–11.
    pub brotli: u32,
    /// Gzip level, 0–9.
    pub gzip: u32,
}

/// The highest settings: a few more bytes saved for many times the work.
pub const MOST: Level = Level {
    brotli: 11,
    gzip: 9,
};

/// How hard a build compresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Effort {
    /// A level per kind of file (see [`level_for`]).
    #[default]
    PerKind,
    /// The most for every file (`--smallest`): for a last deploy, when time does
    /// not matter; the cache makes the builds after it cheap again.
    Smallest,
}

/// The level for a file named with `extension`, or `None` for files that are
/// compressed already (images, fonts) or not worth it.
///
/// The app (wasm, JS, CSS, icons) is a few files, fetched once and cached for a
/// year: it gets the most. Pages, bundles and feeds are a few per post, thousands
/// in a big blog: quality 5. Measured with this encoder on real pages
/// (`cargo run -p quire-site --example levels -- dist`): quality 11 makes HTML
/// about 10% and JSON about 5% smaller than quality 5, at 0.4 MB/s against 17;
/// quality 6 to 9 save next to nothing over 5 and are up to 15 times slower.
///
/// Gzip is only for the few readers whose browser does not take brotli. It is
/// zlib-rs's (flate2's `zlib-rs`), about twice as fast as flate2's default
/// miniz_oxide: on 400 real-sized pages of a synthetic blog, level 3 ran at 156 MB/s
/// for HTML and 221 for JSON, against 85 and 119. Pages and bundles get level 3,
/// which makes them 1.4% (HTML) and 3% (JSON) larger than level 6 at 1.07 and
/// 1.2 times its speed; beside brotli's 39 and 47 MB/s either is small. Feeds keep
/// 6: they are few, and feed readers are the clients least likely to take brotli
/// (level 3 makes them 14% larger).
pub fn level_for(extension: &str, effort: Effort) -> Option<Level> {
    let per_kind = match extension {
        "wasm" | "js" | "css" | "svg" => MOST,
        "html" | "json" | "txt" | "map" => Level { brotli: 5, gzip: 3 },
        "xml" => Level { brotli: 5, gzip: 6 },
        _ => return None,
    };
    Some(match effort {
        Effort::PerKind => per_kind,
        Effort::Smallest => MOST,
    })
}

/// What one kind of file came to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KindTotal {
    pub files: usize,
    pub raw: u64,
    pub brotli: u64,
    pub gzip: u64,
}

/// What [`precompress`] did.
#[derive(Debug, Default)]
pub struct Report {
    /// By extension.
    pub kinds: BTreeMap<String, KindTotal>,
    /// Distinct contents compressed now, and those found in the cache.
    pub compressed: usize,
    pub cached: usize,
    pub effort: Effort,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files: usize = self.kinds.values().map(|k| k.files).sum();
        write!(
            f,
            "compressed {files} files ({} contents compressed, {} from the cache)",
            self.compressed, self.cached
        )?;
        for (kind, total) in &self.kinds {
            let level = level_for(kind, self.effort).unwrap_or(MOST);
            write!(
                f,
                "\n  {kind:>5}: {:>6} files, {:>9} bytes → brotli {} ({}%, quality {}), gzip {} ({}%)",
                total.files,
                total.raw,
                total.brotli,
                percent(total.brotli, total.raw),
                level.brotli,
                total.gzip,
                percent(total.gzip, total.raw),
            )?;
        }
        Ok(())
    }
}

fn percent(part: u64, whole: u64) -> u64 {
    (part * 100).checked_div(whole).unwrap_or(0)
}

/// Where a built app's folder keeps the twins of its own files (see
/// [`keep_app_twins`]).
pub const APP_TWINS_DIR: &str = ".quire-twins";

/// Compresses the app built into `app` (its content-named files: the wasm, its
/// script, the stylesheet, icons) once, into `app`'s [`APP_TWINS_DIR`], for every
/// site built around it to take: the wasm alone takes seconds at quality 11, which
/// a new site's first build would otherwise spend again. Returns how many contents
/// were compressed now.
pub fn keep_app_twins(app: &Path) -> io::Result<usize> {
    let twins = app.join(APP_TWINS_DIR);
    let mut made = 0;
    for entry in fs::read_dir(app).map_err(|e| at(app, e))?.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !entry.file_type().is_ok_and(|t| t.is_file()) || !crate::headers::has_content_hash(&name)
        {
            continue;
        }
        // The app's kinds get the most under every effort, so one key serves both.
        let Some(level) = level_for(extension, Effort::PerKind) else {
            continue;
        };
        let data = fs::read(&path).map_err(|e| at(&path, e))?;
        let key = cache_key(&data, extension, Effort::PerKind);
        let (br, gz) = (cached(&twins, &key, ".br"), cached(&twins, &key, ".gz"));
        if br.is_file() && gz.is_file() {
            continue;
        }
        if let Some(shard) = br.parent() {
            fs::create_dir_all(shard).map_err(|e| at(shard, e))?;
        }
        write_whole(&br, &brotli_bytes(&data, level.brotli)?)?;
        write_whole(&gz, &gzip_bytes(&data, level.gzip)?)?;
        made += 1;
    }
    Ok(made)
}

/// Writes `x.br` and `x.gz` beside every compressible file `x` under `root`. With a
/// `cache` folder, twins are taken from it when their content was compressed before,
/// and it keeps exactly the twins of this build afterwards. A `shared` cache (an
/// app's [`APP_TWINS_DIR`]) is only read: twins found there are taken into `cache`.
pub fn precompress(
    root: &Path,
    cache: Option<&Path>,
    shared: Option<&Path>,
    effort: Effort,
) -> io::Result<Report> {
    precompress_knowing(root, cache, shared, effort, &Known::default())
}

/// [`precompress`], told the content keys of files an [`Ahead`] compressed into
/// `cache` with the same `effort` (they are not read again).
pub fn precompress_knowing(
    root: &Path,
    cache: Option<&Path>,
    shared: Option<&Path>,
    effort: Effort,
    known: &Known,
) -> io::Result<Report> {
    let (mut files, mut twinned) = (Vec::new(), HashSet::new());
    compressible_files(root, &mut files, &mut twinned)?;
    // Read and hash in parallel: a big site is mostly small files.
    let read: Vec<(PathBuf, String, String, u64)> = files
        .into_par_iter()
        .map(|(path, extension)| {
            if let Some((key, length)) = known.keys.get(&path) {
                return Ok((path, extension, key.clone(), *length));
            }
            let data = fs::read(&path).map_err(|e| at(&path, e))?;
            let key = cache_key(&data, extension.as_str(), effort);
            Ok((path, extension, key, data.len() as u64))
        })
        .collect::<io::Result<_>>()?;
    let mut by_key: HashMap<&str, Vec<&Path>> = HashMap::new();
    for (path, _, key, _) in &read {
        by_key.entry(key.as_str()).or_default().push(path);
    }
    // The cache's folders are made, and what it holds listed, once: looking up a
    // twin it does not hold, and making its folder, for every content of a first
    // build was a hundred thousand calls that fail.
    let mut in_cache = HashSet::new();
    if let Some(cache) = cache {
        let mut shards: Vec<&str> = by_key.keys().filter_map(|key| key.get(..2)).collect();
        shards.sort_unstable();
        shards.dedup();
        for shard in shards {
            let dir = cache.join(shard);
            fs::create_dir_all(&dir).map_err(|e| at(&dir, e))?;
            for entry in fs::read_dir(&dir).map_err(|e| at(&dir, e))?.flatten() {
                in_cache.insert(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    let results: Vec<(bool, u64, u64)> = by_key
        .par_iter()
        .map(|(key, paths)| twins_of(key, paths, cache, &in_cache, shared, &twinned, effort))
        .collect::<io::Result<_>>()?;
    let mut report = Report {
        effort,
        ..Report::default()
    };
    let mut sizes: HashMap<&str, (u64, u64)> = HashMap::new();
    for ((key, _), (from_cache, brotli, gzip)) in by_key.iter().zip(&results) {
        sizes.insert(key, (*brotli, *gzip));
        if *from_cache {
            report.cached += 1;
        } else {
            report.compressed += 1;
        }
    }
    // What was compressed ahead was found in the cache, but is this build's work.
    let ahead = known.compressed.min(report.cached);
    report.cached -= ahead;
    report.compressed += ahead;
    for (_, extension, key, raw) in &read {
        let (brotli, gzip) = sizes.get(key.as_str()).copied().unwrap_or_default();
        let total = report.kinds.entry(extension.clone()).or_default();
        total.files += 1;
        total.raw += raw;
        total.brotli += brotli;
        total.gzip += gzip;
    }
    if let Some(cache) = cache {
        let keep: HashSet<&str> = by_key.keys().copied().collect();
        prune(cache, &keep)?;
    }
    Ok(report)
}

/// The cache's name for `data` compressed as a file of `extension` is: its SHA-256
/// and the levels used, so a change of level never serves an old twin.
fn cache_key(data: &[u8], extension: &str, effort: Effort) -> String {
    let level = level_for(extension, effort).unwrap_or(MOST);
    let hash: String = Sha256::digest(data)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{hash}-b{}g{}", level.brotli, level.gzip)
}

/// Writes the twins of the files `paths`, which all hold the same content; returns
/// whether they came from the cache (whose files' names are `in_cache`), and their
/// sizes.
fn twins_of(
    key: &str,
    paths: &[&Path],
    cache: Option<&Path>,
    in_cache: &HashSet<String>,
    shared: Option<&Path>,
    twinned: &HashSet<PathBuf>,
    effort: Effort,
) -> io::Result<(bool, u64, u64)> {
    // The twins of a file found with none are not there, and are not looked up.
    let twin = |path: &Path, suffix: &str| (beside(path, suffix), twinned.contains(path));
    let kept = |suffix: &str| cache.map(|dir| cached(dir, key, suffix));
    let held = [".br", ".gz"]
        .iter()
        .all(|suffix| in_cache.contains(&format!("{key}{suffix}")));
    if let (Some(br), Some(gz), true) = (kept(".br"), kept(".gz"), held) {
        if let (Ok(br_meta), Ok(gz_meta)) = (fs::metadata(&br), fs::metadata(&gz)) {
            // From the cache: twins already linked to its copies are not even read
            // (a rebuild of a big site would read them all again).
            for path in paths {
                link_twin(twin(path, ".br"), &br)?;
                link_twin(twin(path, ".gz"), &gz)?;
            }
            return Ok((true, br_meta.len(), gz_meta.len()));
        }
    }
    if let Some(shared) = shared {
        let (br, gz) = (cached(shared, key, ".br"), cached(shared, key, ".gz"));
        if let (Ok(br_meta), Ok(gz_meta)) = (fs::metadata(&br), fs::metadata(&gz)) {
            // Into this site's cache too, so that it holds every twin of the site
            // (a cache that cannot be written only makes the next build slower).
            if let (Some(br_kept), Some(gz_kept)) = (kept(".br"), kept(".gz")) {
                let _ =
                    link_twin((br_kept, true), &br).and_then(|()| link_twin((gz_kept, true), &gz));
            }
            for path in paths {
                link_twin(twin(path, ".br"), &br)?;
                link_twin(twin(path, ".gz"), &gz)?;
            }
            return Ok((true, br_meta.len(), gz_meta.len()));
        }
    }
    let first = paths
        .first()
        .ok_or_else(|| io::Error::other("a content with no file"))?;
    let data = fs::read(first).map_err(|e| at(first, e))?;
    let extension = first.extension().and_then(|e| e.to_str()).unwrap_or("");
    let level = level_for(extension, effort).unwrap_or(MOST);
    let (br, gz) = (
        brotli_bytes(&data, level.brotli)?,
        gzip_bytes(&data, level.gzip)?,
    );
    if let (Some(br_kept), Some(gz_kept)) = (kept(".br"), kept(".gz")) {
        // A cache that cannot be written only makes the next build slower.
        let _ = write_whole(&br_kept, &br).and_then(|()| write_whole(&gz_kept, &gz));
    }
    for path in paths {
        for (suffix, bytes) in [(".br", &br), (".gz", &gz)] {
            place(twin(path, suffix), bytes, kept(suffix).as_deref())?;
        }
    }
    Ok((false, br.len() as u64, gz.len() as u64))
}

/// Makes `path` the cache's file `kept`: nothing to do when it is that file already;
/// else a hard link to it; else (a file system without links) a copy of its bytes.
/// `there`: whether something may be at `path` (else it is not looked at).
fn link_twin((path, there): (PathBuf, bool), kept: &Path) -> io::Result<()> {
    let path = path.as_path();
    if there {
        if same_file(path, kept) {
            return Ok(());
        }
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(at(path, e)),
            _ => {}
        }
    }
    if fs::hard_link(kept, path).is_ok() {
        return Ok(());
    }
    let bytes = fs::read(kept).map_err(|e| at(kept, e))?;
    write_whole(path, &bytes)
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((fs::read(a), fs::read(b)), (Ok(a), Ok(b)) if a == b)
}

/// Puts `bytes` at `path`: nothing to do when it holds them already (a rebuild
/// in place); else a hard link to the cache's copy `kept`, which writes no data
/// (creating tens of thousands of files is most of a big build's time); else a
/// whole new file. Twins are only ever replaced, never changed in place, so the
/// cache's copy and the site's can be one file.
fn place((path, there): (PathBuf, bool), bytes: &[u8], kept: Option<&Path>) -> io::Result<()> {
    let path = path.as_path();
    if let Some(meta) = there.then(|| fs::metadata(path).ok()).flatten() {
        if meta.len() == bytes.len() as u64 && fs::read(path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        fs::remove_file(path).map_err(|e| at(path, e))?;
    }
    if let Some(kept) = kept {
        if fs::hard_link(kept, path).is_ok() {
            return Ok(());
        }
    }
    write_whole(path, bytes)
}

/// Where the cache keeps the twin `suffix` of the content `key`: in one of 256
/// folders by the key's first two digits. Tens of thousands of files in one folder
/// made every thread of a big build wait on that folder's lock to add each one.
fn cached(cache: &Path, key: &str, suffix: &str) -> PathBuf {
    let shard = key.get(..2).unwrap_or("00");
    cache.join(shard).join(format!("{key}{suffix}"))
}

/// Removes the cache's twins of contents this build no longer has (and nothing
/// else: the build keeps its record of the site's files there too), in its folders
/// and at its top, where earlier builds kept them all.
fn prune(cache: &Path, keep: &HashSet<&str>) -> io::Result<()> {
    let unkept = |dir: &Path| -> io::Result<()> {
        for entry in fs::read_dir(dir).map_err(|e| at(dir, e))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let key = name
                .strip_suffix(".br")
                .or_else(|| name.strip_suffix(".gz"));
            if key.is_some_and(|key| !keep.contains(key)) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    };
    unkept(cache)?;
    for entry in fs::read_dir(cache).map_err(|e| at(cache, e))?.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            unkept(&entry.path())?;
            // Fails, as it should, unless the folder is empty now.
            let _ = fs::remove_dir(entry.path());
        }
    }
    Ok(())
}

/// Every file under `dir` with a compressible extension, and that extension; and
/// into `twinned`, every file under `dir` found with a twin beside it.
fn compressible_files(
    dir: &Path,
    found: &mut Vec<(PathBuf, String)>,
    twinned: &mut HashSet<PathBuf>,
) -> io::Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| at(dir, e))? {
        let entry = entry.map_err(|e| at(dir, e))?;
        let path = entry.path();
        if entry.file_type().map_err(|e| at(&path, e))?.is_dir() {
            compressible_files(&path, found, twinned)?;
            continue;
        }
        if let Some(plain) = crate::write::TWINS
            .iter()
            .find_map(|suffix| path.to_str()?.strip_suffix(suffix))
        {
            twinned.insert(PathBuf::from(plain));
        }
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if level_for(extension, Effort::PerKind).is_some() {
            let extension = extension.to_string();
            found.push((path, extension));
        }
    }
    Ok(())
}

/// What compressing `files` with brotli at `quality` (or, with `gzip`, gzip at that
/// level) comes to: their bytes compressed, and the seconds it took on one core. For
/// choosing levels.
pub fn trial(files: &[PathBuf], quality: u32, gzip: bool) -> io::Result<(u64, f64)> {
    let mut bytes = 0;
    let mut seconds = 0.0;
    for file in files {
        let data = fs::read(file).map_err(|e| at(file, e))?;
        let started = std::time::Instant::now();
        let compressed = if gzip {
            gzip_bytes(&data, quality)?
        } else {
            brotli_bytes(&data, quality)?
        };
        bytes += compressed.len() as u64;
        seconds += started.elapsed().as_secs_f64();
    }
    Ok((bytes, seconds))
}

/// Brotli's window for `len` bytes: the smallest from 2^18 up to 2^22 (4 MB) that
/// holds them all. Most files are a few KB, and the encoder sets up its window
/// for each: at 2^22 for all, JSON compressed at 24 MB/s, at 2^18 at 41 MB/s,
/// to the same bytes. (Below 2^18, quality 5 slowed to a tenth.)
pub(crate) fn window_bits(len: usize) -> i32 {
    (18..22).find(|bits| len + 16 <= 1 << bits).unwrap_or(22)
}

/// How much of a file brotli's encoder is handed at once: a file that comes in one
/// piece smaller than its block (2^16 at the pages' quality) gets a ring buffer of
/// its own size, where one that comes in 4 KB pieces gets the whole window's at
/// the second piece, a third of a megabyte zeroed for every few-KB page.
const INPUT_AT_ONCE: usize = 1 << 16;

pub fn brotli_bytes(data: &[u8], quality: u32) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: window_bits(data.len()),
        ..Default::default()
    };
    if crate::brotli_memory::Reusing::serves(quality, params.lgwin) {
        let mut input = vec![0; data.len().clamp(1, INPUT_AT_ONCE)];
        let mut output = [0; 4096];
        brotli::enc::BrotliCompressCustomAlloc(
            &mut &data[..],
            &mut out,
            &mut input,
            &mut output,
            &params,
            crate::brotli_memory::Reusing,
        )?;
    } else {
        brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    }
    Ok(out)
}

pub fn gzip_bytes(data: &[u8], level: u32) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(data)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("quire-compress-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("data/posts")).unwrap();
        dir
    }

    /// What the brotli file at `path` decompresses to (also for `ahead`'s tests).
    pub(super) fn unbrotli(path: &Path) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &fs::read(path).unwrap()[..], &mut out).unwrap();
        out
    }

    #[test]
    fn each_file_gets_a_window_that_holds_it_whole() {
        assert_eq!(window_bits(0), 18);
        assert_eq!(window_bits((1 << 18) - 16), 18);
        assert_eq!(window_bits((1 << 18) - 15), 19);
        assert_eq!(window_bits(100 << 20), 22);
        // Larger than the smallest window, and larger than the largest.
        for lines in [60_000, 600_000] {
            let text: String = (0..lines).map(|n| format!("line {n}\n")).collect();
            let mut back = Vec::new();
            let packed = brotli_bytes(text.as_bytes(), 5).unwrap();
            brotli::BrotliDecompress(&mut &packed[..], &mut back).unwrap();
            assert_eq!(back, text.as_bytes());
        }
    }

    #[test]
    fn every_text_asset_gets_a_br_and_gz_that_decompress_to_it() {
        let dir = scratch("twins");
        let text = "<p>Hello, readers.</p>".repeat(200);
        fs::write(dir.join("index.html"), &text).unwrap();
        fs::write(dir.join("data/posts/a.json"), &text).unwrap();
        fs::write(dir.join("photo.png"), [137, 80, 78, 71]).unwrap();
        let report = precompress(&dir, None, None, Effort::PerKind).unwrap();

        for file in ["index.html", "data/posts/a.json"] {
            assert_eq!(unbrotli(&dir.join(format!("{file}.br"))), text.as_bytes());
            let mut from_gz = String::new();
            flate2::read::GzDecoder::new(&fs::read(dir.join(format!("{file}.gz"))).unwrap()[..])
                .read_to_string(&mut from_gz)
                .unwrap();
            assert_eq!(from_gz, text, "{file}.gz");
        }
        assert!(
            !dir.join("photo.png.br").exists(),
            "images are compressed already"
        );
        assert_eq!(report.kinds["html"].files, 1);
        assert_eq!(report.kinds["json"].raw, text.len() as u64);
        assert!(report.kinds["json"].brotli < report.kinds["json"].raw / 10);
        assert!(!report.to_string().is_empty());
    }

    #[test]
    fn a_content_is_compressed_once_and_a_second_build_takes_it_from_the_cache() {
        let dir = scratch("cache");
        let cache = dir.join("cache");
        let text = "{\"a\": \"the same bundle under two names\"}".repeat(50);
        fs::write(dir.join("data/posts/a.json"), &text).unwrap();
        fs::write(dir.join("data/posts/hashed.json"), &text).unwrap();
        fs::write(dir.join("index.html"), "<p>old</p>").unwrap();
        let first = precompress(&dir, Some(&cache), None, Effort::PerKind).unwrap();
        assert_eq!((first.compressed, first.cached), (2, 0));

        // The page changes; the bundles do not.
        fs::write(dir.join("index.html"), "<p>new</p>").unwrap();
        let second = precompress(&dir, Some(&cache), None, Effort::PerKind).unwrap();
        assert_eq!((second.compressed, second.cached), (1, 1));
        assert_eq!(unbrotli(&dir.join("index.html.br")), b"<p>new</p>");
        assert_eq!(
            unbrotli(&dir.join("data/posts/hashed.json.br")),
            text.as_bytes()
        );
        // The old page's twins are gone from the cache: it holds this build's only.
        let mut twins = Vec::new();
        for shard in fs::read_dir(&cache).unwrap().flatten() {
            twins.extend(fs::read_dir(shard.path()).unwrap().flatten());
        }
        assert_eq!(twins.len(), 4);
    }

    #[test]
    fn an_apps_twins_kept_with_its_build_are_taken_by_a_site_not_made_again() {
        let dir = scratch("app");
        let (app, site, cache) = (dir.join("app"), dir.join("site"), dir.join("cache"));
        fs::create_dir_all(&app).unwrap();
        fs::create_dir_all(&site).unwrap();
        let wasm = "(module (func))".repeat(400);
        let name = "quire-0123456789abcdef_bg.wasm";
        fs::write(app.join(name), &wasm).unwrap();
        fs::write(app.join("index.html"), "<p>the shell</p>").unwrap();
        assert_eq!(
            keep_app_twins(&app).unwrap(),
            1,
            "the content-named file only"
        );
        assert_eq!(keep_app_twins(&app).unwrap(), 0, "once");

        fs::write(site.join(name), &wasm).unwrap();
        fs::write(site.join("index.html"), "<p>a page</p>").unwrap();
        let shared = app.join(APP_TWINS_DIR);
        let first = precompress(&site, Some(&cache), Some(&shared), Effort::PerKind).unwrap();
        assert_eq!(
            (first.compressed, first.cached),
            (1, 1),
            "the page alone is compressed"
        );
        assert_eq!(unbrotli(&site.join(format!("{name}.br"))), wasm.as_bytes());
        let mut from_gz = String::new();
        flate2::read::GzDecoder::new(&fs::read(site.join(format!("{name}.gz"))).unwrap()[..])
            .read_to_string(&mut from_gz)
            .unwrap();
        assert_eq!(from_gz, wasm);
        // The site's own cache took them: the next build needs no app's twins.
        fs::remove_dir_all(&shared).unwrap();
        let next = precompress(&site, Some(&cache), None, Effort::PerKind).unwrap();
        assert_eq!((next.compressed, next.cached), (0, 2));
        assert_eq!(unbrotli(&site.join(format!("{name}.br"))), wasm.as_bytes());
    }

    #[test]
    fn the_app_gets_the_most_the_many_pages_and_bundles_less_unless_asked() {
        let per_kind = |e| level_for(e, Effort::PerKind);
        assert_eq!(per_kind("wasm"), Some(MOST));
        assert!(per_kind("html").is_some_and(|l| l.brotli < MOST.brotli));
        assert!(per_kind("json").is_some_and(|l| l.brotli < MOST.brotli));
        assert_eq!(level_for("json", Effort::Smallest), Some(MOST));
        assert_eq!(per_kind("png"), None);
        assert_eq!(per_kind("br"), None);
    }
}
