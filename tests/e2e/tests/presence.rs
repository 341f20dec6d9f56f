//! The app for every reader who is there: any sign of a present reader starts it, a
//! click before it is ready stays an ordinary navigation, intent on a link fetches
//! that route ahead so the click paints from memory, and the theme toggle works
//! from the first paint without the app (and is not there without JavaScript).

use quire_e2e::{json, Reader, Value};

const POST_PATH: &str = "/posts/trump-greenland-gambit";
const POST_TITLE: &str =
    "Trump's Renewed Greenland Gambit: A Threat to European Sovereignty and Transatlantic Trust";

/// The app has not been asked for: the loader has not started it.
fn app_not_started(reader: &Reader) -> bool {
    reader.browser.eval(
        "return document.documentElement.dataset.app === undefined
            && !performance.getEntriesByType('resource').some(e => e.name.endsWith('.wasm'))",
        json!([]),
    ) == json!(true)
}

fn wait_for_takeover(reader: &Reader, sign: &str) {
    reader.browser.wait_for(
        &format!("the app, started by {sign}"),
        "return document.documentElement.dataset.app === 'running' && !document.getElementById('prerendered')",
    );
}

/// The centre of the first line of the first element matching `css`, in the
/// viewport (a link that wraps has a gap where its box's centre is).
fn centre(reader: &Reader, css: &str) -> (f64, f64) {
    let at = reader.browser.eval(
        "const r = document.querySelector(arguments[0]).getClientRects()[0];
         return [r.left + r.width / 2, r.top + r.height / 2]",
        json!([css]),
    );
    (
        at[0].as_f64().unwrap_or_default(),
        at[1].as_f64().unwrap_or_default(),
    )
}

fn mouse(reader: &Reader, kind: &str, (x, y): (f64, f64), extra: Value) {
    let mut params = json!({"type": kind, "x": x, "y": y});
    if let (Some(params), Some(extra)) = (params.as_object_mut(), extra.as_object()) {
        params.extend(extra.clone());
    }
    reader.browser.cdp("Input.dispatchMouseEvent", params);
}

/// Something a reader does, named.
type Sign<'a> = (&'a str, &'a dyn Fn(&Reader));

#[test]
fn every_sign_of_a_reader_starts_the_app() {
    let reader = Reader::new();
    // A reader's window has the system's focus. Headless Chromium's may not, and
    // then it moves focus without any focus event (`document.hasFocus()` was false
    // after a navigation here), which no reader's browser does.
    reader.browser.cdp(
        "Emulation.setFocusEmulationEnabled",
        json!({"enabled": true}),
    );
    let signs: [Sign; 5] = [
        ("the pointer moving", &|r| {
            mouse(r, "mouseMoved", (200.0, 300.0), json!({}))
        }),
        ("the wheel", &|r| {
            mouse(
                r,
                "mouseWheel",
                (200.0, 300.0),
                json!({"deltaX": 0, "deltaY": 120}),
            )
        }),
        ("a scroll", &|r| {
            r.browser.eval("window.scrollBy(0, 300)", json!([]));
        }),
        ("a key", &|r| r.browser.press_tab(1)),
        ("focus", &|r| {
            r.browser
                .eval("document.querySelector('main a').focus()", json!([]));
        }),
    ];
    for (sign, act) in signs {
        reader.open_page(POST_PATH);
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(app_not_started(&reader), "started before {sign}");
        act(&reader);
        wait_for_takeover(&reader, sign);
        reader.assert_no_panic();
    }
}

#[test]
fn a_touch_starts_the_app_on_a_phone() {
    let reader = Reader::on_phone(390);
    reader.browser.cdp(
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": true, "maxTouchPoints": 1}),
    );
    reader.open_page(POST_PATH);
    assert!(app_not_started(&reader));
    for kind in ["touchStart", "touchEnd"] {
        let points = if kind == "touchEnd" {
            json!([])
        } else {
            json!([{"x": 20, "y": 400}])
        };
        reader.browser.cdp(
            "Input.dispatchTouchEvent",
            json!({"type": kind, "touchPoints": points}),
        );
    }
    wait_for_takeover(&reader, "a touch");
}

#[test]
fn a_click_before_the_app_is_ready_is_an_ordinary_navigation() {
    let reader = Reader::new();
    reader.open_page("/");
    reader.mark_page();
    // The click's own pointer events start the app, but the link is followed at
    // once, as a plain link: a whole page, not a dead click.
    reader
        .browser
        .click(&format!(".feed-entry h2 a[href='{POST_PATH}']"));
    assert_eq!(reader.article_title(), POST_TITLE);
    assert!(
        !reader.page_was_kept(),
        "the click was swallowed by a starting app"
    );
    assert!(reader.browser.url().ends_with(POST_PATH));
    reader.assert_no_panic();
}

/// The `/data/` requests the page has made so far.
fn bundle_requests(reader: &Reader) -> Vec<String> {
    reader.browser.strings(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
            .filter(p => p.startsWith('/data/'))",
        json!([]),
    )
}

#[test]
fn a_pointer_resting_on_a_link_fetches_its_route_and_the_click_needs_no_request() {
    let reader = Reader::new();
    reader.open("/");
    let before = bundle_requests(&reader).len();
    let link = format!(".page-root .feed-entry h2 a[href='{POST_PATH}']");
    mouse(&reader, "mouseMoved", centre(&reader, &link), json!({}));
    reader.browser.wait_for(
        "the post's bundle, fetched ahead",
        &format!(
            "return performance.getEntriesByType('resource')
                .filter(e => new URL(e.name).pathname.startsWith('/data/')).length > {before}"
        ),
    );
    // Let the prefetch finish (the post and its sidebar's list).
    std::thread::sleep(std::time::Duration::from_millis(500));
    let fetched = bundle_requests(&reader);
    reader.mark_page();
    reader.browser.click(&link);
    assert_eq!(reader.article_title(), POST_TITLE);
    assert!(reader.page_was_kept(), "the app routed the click");
    assert_eq!(
        bundle_requests(&reader),
        fetched,
        "the click fetched nothing more"
    );
    reader.assert_no_panic();
}

#[test]
fn a_finger_on_a_link_fetches_its_route() {
    let reader = Reader::on_phone(390);
    reader.browser.cdp(
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": true, "maxTouchPoints": 1}),
    );
    reader.open("/");
    let link = format!(".page-root .feed-entry h2 a[href='{POST_PATH}']");
    reader.browser.eval(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
        json!([link]),
    );
    let before = bundle_requests(&reader);
    let (x, y) = centre(&reader, &link);
    reader.browser.cdp(
        "Input.dispatchTouchEvent",
        json!({"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}),
    );
    reader.browser.wait_for(
        "the post's bundle, fetched on touch",
        &format!(
            "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.startsWith('/data/')).length > {}",
            before.len()
        ),
    );
    reader.browser.cdp(
        "Input.dispatchTouchEvent",
        json!({"type": "touchEnd", "touchPoints": []}),
    );
    assert_eq!(reader.article_title(), POST_TITLE);
    reader.assert_no_panic();
}

#[test]
fn the_theme_toggle_works_from_the_first_paint_without_the_app() {
    let reader = Reader::new();
    reader.open_page(POST_PATH);
    let state = "const b = document.querySelector('.theme-toggle');
        return [getComputedStyle(b).display !== 'none', b.getAttribute('aria-pressed'),
                document.documentElement.dataset.theme || null]";
    assert_eq!(
        reader.browser.eval(state, json!([])),
        json!([true, "false", null])
    );
    // A click event alone (no pointer): the app does not start, the theme changes.
    reader
        .browser
        .eval("document.querySelector('.theme-toggle').click()", json!([]));
    assert_eq!(
        reader.browser.eval(state, json!([])),
        json!([true, "true", "dark"])
    );
    assert!(app_not_started(&reader), "the toggle needed the app");
    reader.screenshot("theme-toggle-without-app");
    // Remembered, and the app's toggle agrees once it has taken over.
    reader.open(POST_PATH);
    assert_eq!(
        reader.browser.eval(state, json!([])),
        json!([true, "true", "dark"])
    );
    reader.browser.click(".theme-toggle");
    assert_eq!(
        reader.browser.eval(state, json!([])),
        json!([true, "false", "light"])
    );
    reader.assert_no_panic();
}

#[test]
fn without_javascript_there_is_no_dead_toggle() {
    let reader = Reader::without_javascript();
    reader.open_page(POST_PATH);
    assert_eq!(
        reader.browser.eval(
            "return getComputedStyle(document.querySelector('.theme-toggle')).display",
            json!([])
        ),
        json!("none")
    );
}
