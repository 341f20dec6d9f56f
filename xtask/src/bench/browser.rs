//! Timings in headless Chromium, each the median of many runs: the article's text
//! in the page after navigation starts, the app taking over after the first touch,
//! a route change between two posts whose bundles are cached; and our renderer,
//! compiled to wasm, against markdown-it in the same page.

use super::median;
use super::wire::POST;
use crate::run::Result;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;

const OTHER: &str = "/posts/trump-greenland-gambit";
const RUNS: usize = 15;

pub fn timings() -> Result<(String, Value)> {
    let mut text_in_dom = Vec::new();
    let mut takeover = Vec::new();
    for _ in 0..RUNS {
        let reader = quire_e2e::Reader::new();
        reader.open_page(POST);
        // Navigation Timing: the parser has the article (it is in the HTML) by
        // domInteractive.
        let t = reader.browser.eval(
            "const n = performance.getEntriesByType('navigation')[0]; return n.domInteractive",
            json!([]),
        );
        text_in_dom.push(t.as_f64().unwrap_or(f64::NAN));
        let started = reader.browser.eval(
            "window.__touched = performance.now(); return window.__touched",
            json!([]),
        );
        reader.wait_for_app();
        let done = reader.browser.eval("return performance.now()", json!([]));
        takeover.push(done.as_f64().unwrap_or(f64::NAN) - started.as_f64().unwrap_or(0.0));
    }
    // Route changes inside the app, both bundles already fetched once.
    let reader = quire_e2e::Reader::new();
    reader.open(POST);
    let mut route_change = Vec::new();
    for i in 0..(2 * RUNS + 2) {
        let (to, title_start) = if i % 2 == 0 {
            (OTHER, "Trump's Renewed")
        } else {
            (POST, "Europe Pushes")
        };
        let took = reader.browser.eval_async(
            "const [to, start, done] = arguments;
             const link = document.createElement('a'); link.href = to; link.id = 'bench-link';
             document.querySelector('.page-root main').appendChild(link);
             const main = document.querySelector('.page-root main');
             const arrived = () => { const h = document.querySelector('article.post h1');
                 return h && h.textContent.startsWith(start); };
             // The moment the new article is in the DOM, seen as it happens.
             const observer = new MutationObserver(() => {
                 if (arrived()) { observer.disconnect(); done(performance.now() - t0); } });
             observer.observe(main, {childList: true, subtree: true, characterData: true});
             const t0 = performance.now();
             link.click();
             if (arrived()) { observer.disconnect(); done(performance.now() - t0); }",
            json!([to, title_start]),
        );
        // The first two visits fetch the bundles; the rest are cached.
        if i >= 2 {
            route_change.push(took.as_f64().unwrap_or(f64::NAN));
        }
    }
    let figures = json!({
        "article_text_in_dom_ms": median(text_in_dom),
        "app_takeover_after_touch_ms": median(takeover),
        "cached_route_change_ms": median(route_change),
        "runs": RUNS,
    });
    let table = format!(
        "| measure | median (ms) |\n|---|---:|\n\
         | navigation start → the article's text in the DOM (`domInteractive`; prerendered) | {:.1} |\n\
         | first touch → the app has taken the page over (wasm fetched, compiled, first view) | {:.1} |\n\
         | route change between two cached posts (click → the new article in the DOM) | {:.1} |\n",
        figures["article_text_in_dom_ms"].as_f64().unwrap_or(f64::NAN),
        figures["app_takeover_after_touch_ms"].as_f64().unwrap_or(f64::NAN),
        figures["cached_route_change_ms"].as_f64().unwrap_or(f64::NAN),
    );
    Ok((table, figures))
}

/// Our renderer (the Markdown module's wasm, exported as `render_markdown`) against
/// markdown-it, on the same inputs, in the same page.
pub fn markdown(markdown_it: &Path) -> Result<(String, Value)> {
    let script = std::fs::read_to_string(markdown_it)
        .map_err(|e| format!("{}: {e}", markdown_it.display()))?;
    let reader = quire_e2e::Reader::new();
    reader.open(POST);
    reader.browser.eval(
        &format!("{script}\nreturn typeof window.markdownit"),
        json!([]),
    );
    // The module as the app imports it: by the name the page's head gives it.
    reader.browser.eval(
        "const name = document.querySelector('meta[name=' + arguments[0] + ']').content;
         import('/' + name + '.js').then(m => m.default({module_or_path: '/' + name + '_bg.wasm'})
             .then(() => { window.quireMarkdown = m; }));
         return name;",
        json!([quire_schema::MARKDOWN_MODULE]),
    );
    reader
        .browser
        .wait_for("the Markdown module", "return !!window.quireMarkdown");
    let article = std::fs::read_to_string(crate::run::root().join(format!("content{POST}.md")))
        .map_err(|e| format!("the sample article: {e}"))?;
    let body = article
        .splitn(3, "+++")
        .nth(2)
        .unwrap_or(&article)
        .to_string();
    let n = 20_000;
    let cases: Vec<(&str, String)> = vec![
        ("typical post (the sample article)", body.clone()),
        ("long post (sample article x40)", body.repeat(40)),
        ("20,000 nested >", ">".repeat(n) + " x"),
        ("20,000 nested *", "*".repeat(n) + "x" + &"*".repeat(n)),
        ("20,000 [^", "[^".repeat(n)),
        ("20,000 nested [", "[".repeat(n) + "x" + &"](y)".repeat(n)),
        ("200 KB line", "word ".repeat(40_000)),
    ];
    let mut table = String::from(
        "| input | bytes | Quire (wasm) MB/s | markdown-it MB/s | Quire ÷ markdown-it |\n|---|---:|---:|---:|---:|\n",
    );
    let mut figures = Vec::new();
    for (name, input) in cases {
        let result = reader.browser.eval(
            "const [input] = arguments;
             const ours = s => window.quireMarkdown.render_markdown(s);
             const md = window.markdownit({html: false, linkify: true, typographer: true});
             const theirs = s => md.render(s);
             // Batches of at least 25 ms, so the clock's coarse ticks do not count.
             const time = f => { let k = 1;
                 for (;;) { const t0 = performance.now(); for (let i = 0; i < k; i++) f(input);
                     if (performance.now() - t0 >= 25) break; k *= 2; }
                 const runs = [];
                 for (let r = 0; r < 7; r++) { const t0 = performance.now();
                     for (let i = 0; i < k; i++) f(input); runs.push((performance.now() - t0) / k); }
                 runs.sort((a, b) => a - b); return runs[3]; };
             ours(input); theirs(input);
             return [time(ours), time(theirs)];",
            json!([input]),
        );
        let ours_ms = result[0].as_f64().unwrap_or(f64::NAN).max(0.001);
        let theirs_ms = result[1].as_f64().unwrap_or(f64::NAN).max(0.001);
        let mb = input.len() as f64 / 1_000_000.0;
        let (ours, theirs) = (mb / (ours_ms / 1e3), mb / (theirs_ms / 1e3));
        let _ = writeln!(
            table,
            "| {name} | {} | {ours:.1} | {theirs:.1} | {:.2} |",
            input.len(),
            ours / theirs
        );
        figures.push(json!({
            "input": name, "bytes": input.len(), "quire_ms": ours_ms, "markdown_it_ms": theirs_ms,
            "quire_mb_per_s": ours, "markdown_it_mb_per_s": theirs, "ratio": ours / theirs
        }));
    }
    Ok((table, Value::Array(figures)))
}
