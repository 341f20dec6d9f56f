//! The headers the built site asks its host for, as a CDN would send them: the
//! app under the Content-Security-Policy that `dist/_headers` gives, served by the
//! test host exactly as a CDN would: every route works and Chromium reports no
//! violation.

use quire_e2e::{json, Canned, Reader};

fn csp_complaints(reader: &Reader) -> Vec<String> {
    reader
        .browser
        .console()
        .into_iter()
        .filter(|m| m.contains("Content Security Policy"))
        .collect()
}

#[test]
fn every_route_works_under_the_shipped_policy_without_a_violation() {
    let reader = Reader::new();
    reader.open("/");
    reader.wait_for_feed();
    let policy = reader.browser.eval(
        "const r = new XMLHttpRequest(); r.open('GET', '/', false); r.send();
         return r.getResponseHeader('content-security-policy')",
        json!([]),
    );
    let policy = policy.as_str().unwrap_or_default().to_string();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{policy}"
    );
    assert!(
        policy.contains("style-src 'self';"),
        "no inline styles: {policy}"
    );
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");

    for (path, ready) in [
        (
            "/posts/europe-ukraine-security-guarantees-defense-boost",
            "return document.querySelectorAll('.prose h2').length === 6",
        ),
        ("/popular", "return document.querySelectorAll('.popular-list li').length === 3"),
        ("/archive", "return document.querySelectorAll('.archive-list li').length === 4"),
        ("/labels/europe", "return document.querySelectorAll('.feed-entry').length >= 1"),
        (
            "/no/such/page",
            "const h = document.querySelector('main h1'); return h && h.innerText === 'Page not found'",
        ),
    ] {
        reader.open(path);
        reader.browser.wait_for(path, ready);
    }
    assert_eq!(csp_complaints(&reader), Vec::<String>::new());
}

#[test]
fn the_policy_check_would_see_a_violation() {
    let reader = Reader::new();
    reader.host.set_override(
        "/probe.html",
        Canned::new(
            200,
            "text/html",
            "<!doctype html><p style=\"color:red\">probe</p><script>window.ran = 1</script>",
        ),
    );
    reader.open_page("/probe.html");
    reader.browser.wait_for(
        "the probe page",
        "return document.body.innerText.includes('probe')",
    );
    assert_eq!(
        reader
            .browser
            .eval("return window.ran === undefined", json!([])),
        json!(true)
    );
    assert!(
        !csp_complaints(&reader).is_empty(),
        "Chromium reported no violation"
    );
}

#[test]
fn assets_come_precompressed_and_hashed_ones_are_cached_for_a_year() {
    let reader = Reader::new();
    reader.open("/");
    reader.wait_for_feed();
    let answers = reader.browser.eval(
        "const wasm = performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
             .find(p => p.endsWith('.wasm'));
         return ['/', wasm, '/data/feed/1.json'].map(path => {
             const r = new XMLHttpRequest(); r.open('GET', path, false); r.send();
             return [r.getResponseHeader('content-encoding'), r.getResponseHeader('cache-control')];
         })",
        json!([]),
    );
    // Chromium asks for br even over plain http on localhost; either twin will do.
    let rows = answers.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 3, "{answers}");
    for row in &rows {
        assert!(
            row[0] == json!("br") || row[0] == json!("gzip"),
            "not precompressed: {answers}"
        );
    }
    let caching: Vec<_> = rows.iter().map(|row| row[1].clone()).collect();
    assert_eq!(
        caching,
        [
            json!("no-cache"),
            json!("public, max-age=31536000, immutable"),
            json!("no-cache")
        ]
    );
}
