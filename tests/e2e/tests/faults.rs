//! The fault matrix, in Chromium: for each way a bundle can fail to arrive, the
//! reader sees a specific message, the rest of the page keeps working, nothing
//! panics, and "Try again" recovers without reloading the page once the fault clears.
//!
//! The reader arrives at the failing route from another one, inside the running app:
//! a page opened at that address already holds its content, prerendered, and keeps
//! it when the app's own load fails (tested in prerendered.rs).

use quire_e2e::{json, Answer, Canned, Reader};
use std::time::Duration;

const POST_PATH: &str = "/posts/trump-greenland-gambit";
const POST_BUNDLE: &str = "/data/posts/trump-greenland-gambit.json";
const POST_TITLE: &str =
    "Trump's Renewed Greenland Gambit: A Threat to European Sovereignty and Transatlantic Trust";
const OTHER_TITLE: &str = "The Abduction of Nicolás Maduro: America's Audacious Raid and the Shattering of Diplomatic Norms";

/// Waits for the failure message and returns its headline and explanation.
fn failure(reader: &Reader) -> (String, String) {
    let failure = reader.failure();
    (failure.headline, failure.explanation)
}

/// Opens the post with `answer` on its bundle, checks the message, clears the fault
/// and checks that "Try again" brings the post without a reload.
fn post_fault(answer: Answer, headline: &str, explanation_contains: &str, screenshot: &str) {
    let reader = Reader::new();
    reader.break_bundle(POST_BUNDLE, answer);
    reader.arrive_at(POST_PATH);
    let (seen, explanation) = failure(&reader);
    assert_eq!(seen, headline);
    assert!(
        explanation.contains(explanation_contains),
        "{explanation:?} should mention {explanation_contains:?}"
    );
    assert_eq!(
        reader.browser.texts("main .load-failed button"),
        ["Try again"]
    );
    // The rest of the page still works while the article failed.
    reader.browser.wait_for(
        "the popular posts beside the failure",
        "return document.querySelectorAll('.sidebar .popular-list li').length === 3",
    );
    reader.screenshot(screenshot);
    reader.mark_page();
    reader.host.clear_overrides();
    reader.browser.click("main .load-failed button");
    assert_eq!(reader.article_title(), POST_TITLE);
    assert!(reader.page_was_kept(), "retrying reloaded the page");
    reader.assert_no_panic();
}

#[test]
fn a_refused_connection_says_offline() {
    post_fault(
        Answer::HangUp,
        "You seem to be offline",
        "Check your connection",
        "fault-offline",
    );
}

#[test]
fn a_server_error_names_its_status() {
    post_fault(
        Canned::new(500, "text/plain", "boom").into(),
        "The blog's server had a problem",
        "HTTP 500",
        "fault-500",
    );
}

#[test]
fn an_unavailable_server_names_its_status_after_retrying() {
    post_fault(
        Canned::new(503, "text/plain", "busy").into(),
        "The blog's server had a problem",
        "HTTP 503",
        "fault-503",
    );
}

#[test]
fn a_stalled_answer_times_out() {
    post_fault(
        Answer::Slowly(Duration::from_secs(30)),
        "The blog is taking too long to answer",
        "within 8 seconds",
        "fault-timeout",
    );
}

#[test]
fn truncated_json_is_damaged() {
    post_fault(
        Canned::new(200, "application/json", r#"{"format":3,"slug":"trump-gr"#).into(),
        "This content is damaged",
        "could not be read",
        "fault-truncated",
    );
}

#[test]
fn malformed_json_is_damaged() {
    post_fault(
        Canned::new(200, "application/json", "this is not json").into(),
        "This content is damaged",
        "could not be read",
        "fault-malformed",
    );
}

/// A captive portal (or a proxy's error page) answers a bundle the blog lists with
/// its own web page and status 200: that is not "not found".
#[test]
fn a_login_page_instead_of_a_listed_bundle_is_not_called_not_found() {
    post_fault(
        Canned::new(
            200,
            "text/html",
            "<!doctype html><title>Sign in to Cafe Wi-Fi</title><form>…</form>",
        )
        .into(),
        "What arrived is not the blog's content",
        "sign in",
        "fault-captive-portal",
    );
}

/// A host that answers every unknown path with a page (single-page app rewrites):
/// for an address the blog does not list, that is a plain "not found".
#[test]
fn a_page_instead_of_a_bundle_the_blog_does_not_list_is_not_found() {
    let reader = Reader::new();
    reader.host.set_override(
        "/data/posts/no-such-post.json",
        Canned::new(200, "text/html", "<!doctype html><title>Quire</title>"),
    );
    reader.open("/no-such-page");
    reader.browser.eval(
        "history.pushState(null, '', '/posts/no-such-post'); dispatchEvent(new PopStateEvent('popstate'))",
        json!([]),
    );
    reader.browser.wait_for(
        "the not-found view",
        "const h = document.querySelector('main h1'); return h && location.pathname === '/posts/no-such-post' && h.innerText === 'Page not found' && document.querySelector('main .not-found p').innerText.includes('no post at this address')",
    );
    reader.assert_no_panic();
}

#[test]
fn a_post_of_several_megabytes_is_not_shown() {
    let huge = format!(
        r#"{{"format":3,"slug":"x","title":"x","date":"2026-01-01","author":"a","labels":[],"summary":"","excerpt_only":false,"markdown":"{}"}}"#,
        "a".repeat(5 << 20)
    );
    post_fault(
        Canned::new(200, "application/json", huge).into(),
        "This is too large to show",
        "5.0 MB",
        "fault-too-large",
    );
}

#[test]
fn a_bundle_from_another_version_asks_for_a_reload() {
    let reader = Reader::new();
    reader.break_bundle(
        POST_BUNDLE,
        Canned::new(200, "application/json", r#"{"format":99,"anything":"new"}"#),
    );
    reader.arrive_at(POST_PATH);
    let (headline, explanation) = failure(&reader);
    assert_eq!(headline, "The blog has been updated");
    assert!(explanation.contains("Reload the page"), "{explanation}");
    assert_eq!(
        reader.browser.texts("main .load-failed button"),
        ["Reload the page"]
    );
    reader.host.clear_overrides();
    reader.browser.click("main .load-failed button");
    assert_eq!(reader.article_title(), POST_TITLE);
    reader.assert_no_panic();
}

#[test]
fn a_transient_failure_is_retried_without_bothering_the_reader() {
    let reader = Reader::new();
    reader.break_bundle(
        POST_BUNDLE,
        Answer::First {
            times: 2,
            canned: Canned::new(503, "text/plain", "busy"),
        },
    );
    reader.arrive_at(POST_PATH);
    assert_eq!(reader.article_title(), POST_TITLE);
    reader.assert_no_panic();
}

#[test]
fn a_late_answer_never_replaces_the_page_the_reader_moved_to() {
    let reader = Reader::new();
    reader.break_bundle(POST_BUNDLE, Answer::Slowly(Duration::from_secs(3)));
    reader.arrive_at(POST_PATH);
    reader.browser.wait_for(
        "the popular list while the post loads",
        "return document.querySelectorAll('.sidebar .popular-title a').length === 3",
    );
    // The third popular post is another article; go there while the first is slow.
    reader
        .browser
        .click(".sidebar .popular-list li:nth-child(3) h3 a");
    assert_eq!(reader.article_title(), OTHER_TITLE);
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(reader.browser.texts("article.post h1"), [OTHER_TITLE]);
    assert!(reader.browser.title().starts_with(OTHER_TITLE));
    reader.assert_no_panic();
}

#[test]
fn the_feed_and_popular_routes_show_the_same_messages() {
    let reader = Reader::new();
    reader.break_bundle("/data/feed/1.json", Answer::Slowly(Duration::from_secs(30)));
    reader.arrive_at("/");
    assert_eq!(failure(&reader).0, "The blog is taking too long to answer");
    reader.break_bundle(
        "/data/popular.json",
        Canned::new(200, "application/json", "[1,2"),
    );
    reader.browser.click("nav a[href='/popular']");
    reader.browser.wait_for(
        "the damaged popular list",
        "const e = document.querySelector('.popular .load-failed h2'); return e && e.innerText === 'This content is damaged'",
    );
    reader.assert_no_panic();
}

#[test]
fn text_from_a_bundle_is_never_markup() {
    let reader = Reader::new();
    // In the current format, so that the app reads it and shows its text.
    let hostile = format!(
        r#"{{"format":{},"posts":[{{"slug":"x","title":"<img src=x onerror=\"window.__pwned=1\">Title","excerpt":"<script>window.__pwned=1</script>"}}]}}"#,
        quire_schema::FORMAT_VERSION
    );
    reader.break_bundle(
        "/data/popular.json",
        Canned::new(200, "application/json", hostile),
    );
    reader.open("/popular");
    reader.browser.wait_for(
        "the popular list",
        "return document.querySelectorAll('.popular-list li').length === 1",
    );
    let title = reader.browser.texts(".popular-title");
    assert_eq!(title, [r#"<img src=x onerror="window.__pwned=1">Title"#]);
    let markup = reader.browser.eval(
        "return [document.querySelectorAll('.popular-list img, .popular-list script').length, window.__pwned === undefined]",
        json!([]),
    );
    assert_eq!(markup, json!([0, true]));
    // The address is never markup either.
    reader.open("/posts/%3Cimg%20src=x%20onerror=window.__pwned=1%3E");
    reader.browser.wait_for(
        "the not-found view",
        "const h = document.querySelector('main h1'); return h && h.innerText === 'Page not found'",
    );
    assert_eq!(
        reader
            .browser
            .eval("return window.__pwned === undefined", json!([])),
        json!(true)
    );
    reader.assert_no_panic();
}

#[test]
fn the_feed_and_popular_routes_name_every_fault() {
    let huge = format!(
        r#"{{"format":3,"posts":[],"pad":"{}"}}"#,
        "a".repeat(5 << 20)
    );
    let cases: Vec<(Answer, &str)> = vec![
        (Answer::HangUp, "You seem to be offline"),
        (
            Canned::new(404, "text/html", "<!doctype html>gone").into(),
            "Not found",
        ),
        (
            Canned::new(500, "text/plain", "boom").into(),
            "The blog's server had a problem",
        ),
        (
            Canned::new(503, "text/plain", "busy").into(),
            "The blog's server had a problem",
        ),
        (
            Canned::new(200, "application/json", r#"{"format":3,"po"#).into(),
            "This content is damaged",
        ),
        // Every build writes these bundles: a page in their place is somebody else's.
        (
            Canned::new(200, "application/json", "<<<>>>").into(),
            "What arrived is not the blog's content",
        ),
        (
            Canned::new(200, "application/json", "nonsense").into(),
            "This content is damaged",
        ),
        (
            Canned::new(200, "application/json", r#"{"format":99}"#).into(),
            "The blog has been updated",
        ),
        (
            Canned::new(200, "application/json", huge).into(),
            "This is too large to show",
        ),
    ];
    for (route, bundle, ready) in [
        (
            "/",
            "/data/feed/1.json",
            "return document.querySelectorAll('.feed-entry').length === 4",
        ),
        (
            "/popular",
            "/data/popular.json",
            "return document.querySelectorAll('.popular-list li').length === 3",
        ),
    ] {
        let reader = Reader::new();
        for (answer, headline) in &cases {
            reader.break_bundle(bundle, answer.clone());
            reader.arrive_at(route);
            assert_eq!(failure(&reader).0, *headline, "{route} with {answer:?}");
        }
        reader.host.clear_overrides();
        reader.open(route);
        reader.browser.wait_for(route, ready);
        reader.assert_no_panic();
    }
}
