//! The app for every reader who is there, measured as readers use it: how many of a
//! reader's clicks (desktop) or taps (phone) the app routes in place, and how long a
//! click takes to paint the new route on a slow network once intent (a pointer
//! resting on the link) has fetched its bundles, beside a whole page load on the
//! same network.

use super::{median, throttle};
use crate::run::Result;
use quire_e2e::{json, Reader, Value};
use std::time::Duration;

const RUNS: usize = 9;

/// The six links a reader follows, from the home page: (link, where it leads).
const WALK: [&str; 6] = [
    "/posts/trump-greenland-gambit",
    "/",
    "/archive",
    "/posts/europe-ukraine-security-guarantees-defense-boost",
    "/popular",
    "/posts/abduction-of-nicolas-maduro",
];

fn link(to: &str) -> String {
    format!(".page-root:not([hidden]) a[href='{to}']")
}

fn centre(reader: &Reader, css: &str) -> Option<(f64, f64)> {
    let at = reader.browser.eval(
        "const e = document.querySelector(arguments[0]); if (!e) return null;
         e.scrollIntoView({block: 'center'});
         // The first line: a link that wraps has a gap where its box's centre is.
         const r = e.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]",
        json!([css]),
    );
    Some((at[0].as_f64()?, at[1].as_f64()?))
}

fn arrived(reader: &Reader, to: &str) {
    reader.browser.wait_for(
        &format!("{to} to show"),
        &format!(
            "return location.pathname === '{to}' && !!document.querySelector('.page-root:not([hidden]) main h1')"
        ),
    );
}

/// Follows the walk, reading a second on each page first; counts the clicks the
/// app routed (the page was not reloaded).
fn walk(reader: &Reader, phone: bool) -> usize {
    reader.open_page("/");
    let mut routed = 0;
    for to in WALK {
        if phone {
            reader.browser.eval("window.scrollBy(0, 60)", json!([]));
        } else {
            reader.browser.cdp(
                "Input.dispatchMouseEvent",
                json!({"type": "mouseMoved", "x": 300, "y": 200}),
            );
        }
        std::thread::sleep(Duration::from_millis(1000));
        reader.mark_page();
        let Some((x, y)) = centre(reader, &link(to)) else {
            continue;
        };
        if phone {
            for (kind, points) in [
                ("touchStart", json!([{"x": x, "y": y}])),
                ("touchEnd", json!([])),
            ] {
                reader.browser.cdp(
                    "Input.dispatchTouchEvent",
                    json!({"type": kind, "touchPoints": points}),
                );
            }
        } else {
            reader.browser.click(&link(to));
        }
        arrived(reader, to);
        if reader.page_was_kept() {
            routed += 1;
        }
    }
    routed
}

/// Click → the new article painted, after the pointer rested on the link.
fn click_to_paint() -> Vec<f64> {
    let reader = Reader::new();
    throttle(&reader);
    reader.open("/");
    let posts = [WALK[0], WALK[3], WALK[5]];
    let mut times = Vec::new();
    for run in 0..RUNS {
        let to = posts[run % posts.len()];
        let Some((x, y)) = centre(&reader, &link(to)) else {
            continue;
        };
        reader.browser.cdp(
            "Input.dispatchMouseEvent",
            json!({"type": "mouseMoved", "x": x, "y": y}),
        );
        // Intent: the pointer rests there while the reader decides.
        std::thread::sleep(Duration::from_millis(1500));
        let took = reader.browser.eval_async(
            "const [css, to, done] = arguments;
             // The article's title, seen as it arrives (the address bar follows later).
             const title = document.querySelector(css).textContent;
             const arrived = () => { const h = document.querySelector('.page-root main article.post h1');
                 return !!h && h.textContent === title; };
             const t0 = performance.now();
             const painted = () => requestAnimationFrame(() => done(performance.now() - t0));
             const observer = new MutationObserver(() => { if (arrived()) { observer.disconnect(); painted(); } });
             observer.observe(document.body, {childList: true, subtree: true});
             document.querySelector(css).click();
             if (arrived()) { observer.disconnect(); painted(); }",
            json!([link(to), to]),
        );
        times.push(took.as_f64().unwrap_or(f64::NAN));
        // Back to the feed for the next run, as a reader would.
        reader.browser.click(&link("/"));
        arrived(&reader, "/");
        reader.browser.cdp(
            "Input.dispatchMouseEvent",
            json!({"type": "mouseMoved", "x": 5, "y": 5}),
        );
    }
    times
}

/// A whole page load of a post on the same network: navigation start → first
/// contentful paint (the page's own assets cached, as for a returning reader).
fn whole_page_load() -> Vec<f64> {
    let reader = Reader::new();
    throttle(&reader);
    reader.open_page("/");
    let posts = [WALK[0], WALK[3], WALK[5]];
    let mut times = Vec::new();
    for run in 0..RUNS {
        reader.open_page(posts[run % posts.len()]);
        let fcp = reader.browser.wait_for(
            "the first contentful paint",
            "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p && p.startTime",
        );
        times.push(fcp.as_f64().unwrap_or(f64::NAN));
    }
    times
}

pub fn measure() -> Result<(String, Value)> {
    let desktop = walk(&Reader::new(), false);
    let phone_reader = Reader::on_phone(390);
    phone_reader.browser.cdp(
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": true, "maxTouchPoints": 1}),
    );
    let phone = walk(&phone_reader, true);
    drop(phone_reader);
    let click = median(click_to_paint());
    let whole = median(whole_page_load());
    let figures = json!({
        "desktop_routed_of_6": desktop,
        "phone_routed_of_6": phone,
        "click_to_paint_after_intent_ms": click,
        "whole_page_load_fcp_ms": whole,
        "latency_ms": super::SLOW_LATENCY_MS,
        "download_bytes_per_s": super::SLOW_THROUGHPUT,
        "runs": RUNS,
    });
    let table = format!(
        "| measure | figure |\n|---|---:|\n\
         | desktop reader (moves the mouse, reads a second, clicks): clicks routed in place | {desktop} of 6 |\n\
         | phone reader (scrolls, reads a second, taps): taps routed in place | {phone} of 6 |\n\
         | click → the new post painted, after the pointer rested on the link (median) | {click:.1} ms |\n\
         | the same post as a whole page load: navigation → first contentful paint (median) | {whole:.1} ms |\n"
    );
    Ok((table, figures))
}
