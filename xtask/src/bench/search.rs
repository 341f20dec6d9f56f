//! Search at any size, beside Pagefind: blogs of 750 and 10,000 real-sized posts
//! whose words follow Zipf's law (as every language's do), built by `quire build`
//! and indexed by Pagefind 1.6 (npm) over the same post pages; then, in Chromium
//! on a throttled network (150 ms round trip), the bytes and the time from typing a
//! query to its results, cold, and the bytes of a further query. What each engine
//! loads as the search page opens (Quire's manifest and search module; Pagefind's script,
//! wasm and metadata) counts in the first query's bytes, not its time.

use super::{median, throttle, SLOW_LATENCY_MS};
use crate::run::{root, step, Result};
use quire_e2e::{json, Reader, Value};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SIZES: [usize; 2] = [750, 10_000];
const RUNS: usize = 3;
const PAGEFIND_VERSION: &str = "1.6.0";
/// Words in the blogs' language; the post's words are drawn from them by rank.
const VOCABULARY: usize = 30_000;
/// The first query: a word of middling frequency, in about half the posts. The
/// further one: a rarer word, in a few in a hundred.
const FIRST_RANK: usize = 150;
const FURTHER_RANK: usize = 2_000;
/// Results whose display data both engines fetch, as a results page shows them.
const SHOWN: usize = quire_search::RESULTS_PAGE;

/// A small deterministic generator: the same blog on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Word `rank` of the language: made of syllables, so that every rank is a
/// distinct, pronounceable word.
fn word(rank: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ba", "ke", "li", "mo", "nu", "ra", "se", "ti", "vo", "za", "dan", "fel", "gor", "hin",
        "jus", "kem", "lor", "mar", "nel", "pos", "quin", "sul", "tor", "wen",
    ];
    let mut n = rank + SYLLABLES.len();
    let mut w = String::new();
    while n > 0 {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    w
}

/// Draws ranks by Zipf's law (the chance of rank r is proportional to 1/(r+1)).
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        Zipf(
            (0..n)
                .map(|r| {
                    total += 1.0 / (r as f64 + 1.0);
                    total
                })
                .collect(),
        )
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let last = self.0.last().copied().unwrap_or(1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * last;
        self.0.partition_point(|&c| c < x).min(self.0.len() - 1)
    }
}

fn sentence(rng: &mut Rng, zipf: &Zipf, words: usize) -> String {
    let mut s: Vec<String> = (0..words).map(|_| word(zipf.draw(rng))).collect();
    if let Some(first) = s.first_mut() {
        *first = first[..1].to_uppercase() + &first[1..];
    }
    s.join(" ") + "."
}

/// A content folder of `count` posts of 900 to 1,400 words, with headings, lists,
/// code and links; one post in twenty says "security guarantees".
fn write_blog(dir: &Path, count: usize) -> Result {
    super::discard(dir);
    let posts = dir.join("posts");
    fs::create_dir_all(&posts).map_err(|e| format!("{}: {e}", posts.display()))?;
    fs::write(
        dir.join("site.toml"),
        "title = \"Prose\"\ndescription = \"A generated blog.\"\nauthor = \"Ann Example\"\n\
         base_url = \"http://127.0.0.1:8080/\"\n",
    )
    .map_err(|e| format!("site.toml: {e}"))?;
    let zipf = Zipf::new(VOCABULARY);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..count {
        let day = n % 28 + 1;
        let month = (n / 28) % 12 + 1;
        let year = 2025 - (n / 336) as i32;
        let mut text = format!(
            "+++\ntitle = \"{}\"\ndate = {year}-{month:02}-{day:02}\nlabels = [\"topic-{}\", \"topic-{}\"]\n+++\n\n",
            sentence(&mut rng, &zipf, 6).trim_end_matches('.'),
            n % 12,
            (n / 12) % 12
        );
        let paragraphs = 10 + rng.below(6);
        for p in 0..paragraphs {
            if p % 4 == 3 {
                let _ = writeln!(
                    text,
                    "## {}\n",
                    sentence(&mut rng, &zipf, 4).trim_end_matches('.')
                );
            }
            let mut paragraph: Vec<String> = (0..5)
                .map(|_| {
                    let words = 8 + rng.below(12);
                    sentence(&mut rng, &zipf, words)
                })
                .collect();
            if p == 2 && n % 20 == 0 {
                paragraph.push("The security guarantees held.".into());
            }
            if p == 4 && n + 1 < count {
                paragraph.push(format!("See [an earlier post](/posts/post-{}).", n + 1));
            }
            let _ = writeln!(text, "{}\n", paragraph.join(" "));
            if p == 5 {
                let _ = writeln!(
                    text,
                    "- {}\n- {}\n",
                    sentence(&mut rng, &zipf, 5),
                    sentence(&mut rng, &zipf, 5)
                );
            }
            if p == 6 {
                text.push_str("```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n\n");
            }
        }
        fs::write(posts.join(format!("post-{n}.md")), text)
            .map_err(|e| format!("post {n}: {e}"))?;
    }
    Ok(())
}

/// Seconds to build the search index of `content` (what `quire build` spends on it),
/// median of three.
fn index_seconds(content: &Path) -> Result<f64> {
    let loaded = quire_content::content::load(content);
    let content = loaded
        .content
        .ok_or_else(|| format!("{}: the generated blog has problems", content.display()))?;
    let posts: Vec<&quire_content::content::Post> =
        content.posts.iter().map(|post| &**post).collect();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let (_, files) = quire_site::search::index(&posts, &|_| String::new(), None);
        times.push(start.elapsed().as_secs_f64());
        drop(files);
    }
    Ok(median(times))
}

/// What `paths` cost over the wire: Quire's files as their brotli twins (what a
/// CDN sends), Pagefind's as they are (its index files are compressed already).
fn bytes(site: &Path, paths: &[String]) -> u64 {
    paths
        .iter()
        .map(|p| {
            let file = site.join(p.trim_start_matches('/'));
            let twin = PathBuf::from(format!("{}.br", file.display()));
            fs::metadata(&twin)
                .or_else(|_| fs::metadata(&file))
                .map_or(0, |m| m.len())
        })
        .sum()
}

const QUIRE_QUERY: &str = "
    const done = arguments[arguments.length - 1];
    performance.clearResourceTimings();
    const start = performance.now();
    const input = document.querySelector('#search-input');
    input.value = arguments[0];
    input.dispatchEvent(new Event('input', {bubbles: true}));
    const check = () => {
        const s = document.querySelector('.search-status');
        if (s && /match/.test(s.innerText) && s.innerText.includes(arguments[0])) {
            done([performance.now() - start, s.innerText]);
        } else {
            requestAnimationFrame(check);
        }
    };
    check();";

/// What Pagefind loads before its first query (its script, wasm and metadata), as
/// Quire's search page loads the manifest when it opens. On the page's thread, not
/// a worker, so that the page sees what it fetches.
const PAGEFIND_SETUP: &str = "
    const done = arguments[arguments.length - 1];
    performance.clearResourceTimings();
    (async () => {
        window.pf = await import('/pagefind/pagefind.js');
        await window.pf.options({noWorker: true});
        await window.pf.init();
        done('');
    })().catch(e => done(String(e)));";

const PAGEFIND_QUERY: &str = "
    const done = arguments[arguments.length - 1];
    performance.clearResourceTimings();
    const start = performance.now();
    (async () => {
        const found = await window.pf.search(arguments[0]);
        const shown = await Promise.all(found.results.slice(0, arguments[1]).map(r => r.data()));
        done([performance.now() - start, found.results.length + ' results, ' + shown.length + ' shown']);
    })().catch(e => done([-1, String(e)]));";

/// One engine's cold first query and a further one, on a fresh browser.
fn queries(site: &Path, pagefind: bool) -> Result<Value> {
    let reader = Reader::of_site(site.to_path_buf());
    reader.open("/search");
    throttle(&reader);
    let (script, part) = if pagefind {
        (PAGEFIND_QUERY, "/pagefind/")
    } else {
        (QUIRE_QUERY, "/data/")
    };
    // What each loads as the search page opens: counted in the first query's bytes,
    // not its time, for both alike.
    let setup_bytes = if pagefind {
        let failed = reader.browser.eval_async(PAGEFIND_SETUP, json!([]));
        if failed.as_str().is_some_and(|e| !e.is_empty()) {
            return Err(format!("Pagefind did not start: {failed}"));
        }
        bytes(site, &reader.fetched(part))
    } else {
        // As Pagefind's setup is awaited, so is what the search page loads as it
        // opens (the index's manifest, the labels): otherwise the first query's
        // time would count the end of those loads too, or not, as they happened
        // to overlap. Loaded is: the manifest and the search module are in, and
        // nothing new for 600 ms.
        reader.browser.eval_async(
            "const done = arguments[arguments.length - 1];
             let seen = -1, quiet = 0;
             const look = () => {
               const all = performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);
               const manifest = all.some(p => p.endsWith('/data/search.json'));
               const module = all.some(p => p.includes(arguments[0]) && p.endsWith('_bg.wasm'));
               quiet = manifest && module && all.length === seen ? quiet + 1 : 0;
               seen = all.length;
               if (quiet >= 6) done(true); else setTimeout(look, 100);
             };
             look();",
            json!([format!("/{}", quire_schema::SEARCH_MODULE)]),
        );
        // The module's script and wasm too: Pagefind's are counted.
        let mut setup = vec!["/data/search.json".to_string()];
        setup.extend(reader.fetched(&format!("/{}", quire_schema::SEARCH_MODULE)));
        bytes(site, &setup)
    };
    let run = |query: &str| -> Result<(f64, String, u64, usize)> {
        let seen = reader.browser.eval_async(script, json!([query, SHOWN]));
        let ms = seen[0].as_f64().unwrap_or(-1.0);
        let said = seen[1].as_str().unwrap_or_default().to_string();
        if ms < 0.0 {
            return Err(format!("the query {query:?} failed: {said}"));
        }
        let files = reader.fetched(part);
        Ok((ms, said, bytes(site, &files), files.len()))
    };
    let first = run(&word(FIRST_RANK))?;
    let further = run(&word(FURTHER_RANK))?;
    let phrase = run("\"security guarantees\"")?;
    Ok(json!({
        "setup_bytes": setup_bytes,
        "first_ms": first.0, "first_said": first.1, "first_bytes": setup_bytes + first.2, "first_files": first.3,
        "further_ms": further.0, "further_bytes": further.2, "further_files": further.3,
        "phrase_ms": phrase.0, "phrase_said": phrase.1, "phrase_bytes": phrase.2,
    }))
}

/// Both engines, `RUNS` cold runs each; times are medians, bytes the same each run.
fn engines(site: &Path) -> Result<Value> {
    let mut out = json!({});
    for (name, pagefind) in [("quire", false), ("pagefind", true)] {
        let runs: Vec<Value> = (0..RUNS)
            .map(|_| queries(site, pagefind))
            .collect::<Result<_>>()?;
        let mut figures = runs[0].clone();
        for key in ["first_ms", "further_ms", "phrase_ms"] {
            figures[key] = json!(median(
                runs.iter()
                    .map(|r| r[key].as_f64().unwrap_or(f64::NAN))
                    .collect()
            ));
        }
        out[name] = figures;
    }
    Ok(out)
}

pub fn measure() -> Result<(String, Value)> {
    let pagefind_bin =
        crate::tools::ensure_npm_tool("pagefind", PAGEFIND_VERSION, "lib/runner/bin.cjs")?;
    let app = crate::site::dist_dir();
    let mut sizes = Vec::new();
    for count in SIZES {
        let dir = root().join(format!("target/bench/search-{count}"));
        let content = dir.join("content");
        // Named apart, so that the two sizes keep apart compressed twins.
        let site = dir.join(format!("site-{count}"));
        step(&format!(
            "search: a blog of {count} posts, built by quire build"
        ));
        write_blog(&content, count)?;
        crate::site::build_around_app(&app, &content, &site)?;
        // The build just wrote hundreds of MB: the kernel writing them out would
        // slow the timing below, which is of the index alone.
        let _ = Command::new("sync").status();
        let index_s = index_seconds(&content)?;
        step(&format!(
            "search: Pagefind {PAGEFIND_VERSION} over the same {count} post pages"
        ));
        let start = Instant::now();
        let out = Command::new("node")
            .arg(&pagefind_bin)
            .arg("--site")
            .arg(&site)
            .args(["--glob", "posts/*.html"])
            .output()
            .map_err(|e| format!("cannot run pagefind: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "pagefind failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let pagefind_s = start.elapsed().as_secs_f64();
        let manifest: quire_schema::SearchManifest = quire_schema::decode(
            &fs::read_to_string(site.join("data/search.json"))
                .map_err(|e| format!("search.json: {e}"))?,
        )
        .map_err(|e| format!("search.json: {e:?}"))?;
        step(&format!(
            "search: first and further queries in Chromium, {count} posts"
        ));
        let engines = engines(&site)?;
        sizes.push(json!({
            "posts": count, "quire_index_s": index_s, "pagefind_index_s": pagefind_s,
            "chunks": manifest.chunks.len(), "engines": engines,
        }));
    }
    let kb = |v: &Value| format!("{:.1} KB", v.as_f64().unwrap_or(f64::NAN) / 1000.0);
    let ms = |v: &Value| format!("{:.0} ms", v.as_f64().unwrap_or(f64::NAN));
    let mut table = String::from(
        "| what | posts | Quire | Pagefind 1.6 | Quire ÷ Pagefind |\n|---|---:|---:|---:|---:|\n",
    );
    for size in &sizes {
        let (q, p) = (&size["engines"]["quire"], &size["engines"]["pagefind"]);
        let posts = &size["posts"];
        let ratio = |a: &Value, b: &Value| {
            format!(
                "{:.2}",
                a.as_f64().unwrap_or(f64::NAN) / b.as_f64().unwrap_or(f64::NAN)
            )
        };
        for (what, key, show) in [
            (
                "bytes for the first query, everything fetched for it",
                "first_bytes",
                &kb as &dyn Fn(&Value) -> String,
            ),
            (
                "first query to results shown, cold, 150 ms round trip",
                "first_ms",
                &ms,
            ),
            ("bytes for a further query", "further_bytes", &kb),
            ("bytes for a phrase after those", "phrase_bytes", &kb),
        ] {
            let _ = writeln!(
                table,
                "| {what} | {posts} | {} | {} | {} |",
                show(&q[key]),
                show(&p[key]),
                ratio(&q[key], &p[key])
            );
        }
        let _ = writeln!(
            table,
            "| index build time | {posts} | {:.2} s | {:.2} s | {} |",
            size["quire_index_s"].as_f64().unwrap_or(f64::NAN),
            size["pagefind_index_s"].as_f64().unwrap_or(f64::NAN),
            ratio(&size["quire_index_s"], &size["pagefind_index_s"])
        );
    }
    Ok((table, json!({"sizes": sizes})))
}

/// The section of BENCHMARKS.md the search figures make.
pub fn section(table: &str) -> String {
    format!(
        "## Search\n\n`xtask/src/bench/search.rs`: blogs of 750 and 10,000 posts of 900 to \
         1,400 words drawn by Zipf's law from {VOCABULARY} words, built by `quire build`; \
         Pagefind {PAGEFIND_VERSION} (npm) indexes the same post pages (`--glob \"posts/*.html\"`, \
         on the page's thread so the page sees its requests). Headless Chromium at {SLOW_LATENCY_MS} ms \
         round trip and 1.6 Mbps, served by quire-host over HTTP/1.1; each engine shows \
         {SHOWN} results. Bytes are what each fetched for the query: Quire's files as their \
         brotli twins, Pagefind's as they are (compressed already); the first query counts \
         what each loads as the search page opens (Quire's manifest and search module; \
         Pagefind's script, wasm and metadata), whose time it does not count. Times are medians of {RUNS} cold \
         browsers. The first query is a word in about half the posts, typed without a \
         space (so Quire also matches it as a word's start), the further one a word in a few \
         posts in a hundred, then a phrase. Index build time: Quire's index alone (the \
         `quire_site::search::index` step of `quire build`, development profile as \
         `cargo xtask build` runs it; median of {RUNS} runs in one process, after the \
         build's writes are synced to disk), Pagefind's whole run over the built pages. \
         `cargo xtask bench search` measures this section alone.\n\n{table}\n"
    )
}

/// The issue's budgets for search, each with the figure that answers it.
pub fn budgets(search: &Value) -> Vec<(String, String, bool)> {
    let mut rows = Vec::new();
    let sizes = search["sizes"].as_array().cloned().unwrap_or_default();
    // A byte budget over every size: (budget, figure, met).
    let bytes_row = |budget: &str, key: &str, limit_kb: f64| {
        let kb = |s: &Value| s["engines"]["quire"][key].as_f64().unwrap_or(f64::NAN) / 1000.0;
        let figures: Vec<String> = sizes
            .iter()
            .map(|s| format!("{:.1} KB at {}", kb(s), s["posts"]))
            .collect();
        let met = sizes.iter().all(|s| kb(s) <= limit_kb);
        (budget.to_string(), figures.join(", "), met)
    };
    rows.push(bytes_row(
        "search: bytes for the first query ≤ 100 KB, at 750 and at 10,000 posts",
        "first_bytes",
        100.0,
    ));
    rows.push(bytes_row(
        "search: bytes for each further query ≤ 20 KB",
        "further_bytes",
        20.0,
    ));
    let ms = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let times: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "{:.0} ms (Pagefind {:.0} ms) at {}",
                ms(&s["engines"]["quire"]["first_ms"]),
                ms(&s["engines"]["pagefind"]["first_ms"]),
                s["posts"]
            )
        })
        .collect();
    let times_met = sizes.iter().all(|s| {
        let (q, p) = (
            ms(&s["engines"]["quire"]["first_ms"]),
            ms(&s["engines"]["pagefind"]["first_ms"]),
        );
        q <= 500.0 && q < p
    });
    rows.push((
        "search: first query to results, cold, 150 ms round trip ≤ 500 ms and below Pagefind's"
            .to_string(),
        times.join("; "),
        times_met,
    ));
    let large = sizes.iter().find(|s| s["posts"] == json!(10_000));
    let index_s = large.map_or(f64::NAN, |s| {
        s["quire_index_s"].as_f64().unwrap_or(f64::NAN)
    });
    rows.push((
        "search: index build time, 10,000 real-sized posts ≤ 1 s".to_string(),
        format!("{index_s:.2} s"),
        index_s <= 1.0,
    ));
    rows
}

/// Puts a run of the search figures alone into BENCHMARKS.md and results.json.
pub fn record(table: &str, figures: Value) -> Result {
    let rows = budgets(&figures);
    super::record_part("search", figures, &section(table), "## Search\n", &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_say_each_size_and_whether_every_size_met_it() {
        let engine = |first: f64, further: f64, ms: f64| json!({"first_bytes": first, "further_bytes": further, "first_ms": ms});
        let figures = json!({"sizes": [
            {"posts": 750, "quire_index_s": 0.4,
             "engines": {"quire": engine(18_400.0, 16_500.0, 484.0), "pagefind": engine(0.0, 0.0, 1324.0)}},
            {"posts": 10_000, "quire_index_s": 5.47,
             "engines": {"quire": engine(40_900.0, 21_000.0, 638.0), "pagefind": engine(0.0, 0.0, 1781.0)}},
        ]});
        let rows = budgets(&figures);
        assert_eq!(rows[0].1, "18.4 KB at 750, 40.9 KB at 10000");
        assert!(rows[0].2);
        assert_eq!(rows[1].1, "16.5 KB at 750, 21.0 KB at 10000");
        assert!(!rows[1].2, "one size over");
        assert!(!rows[2].2, "638 ms is over 500");
        assert_eq!(rows[3].1, "5.47 s");
        assert!(!rows[3].2);
    }
}
