//! What a reader expects of a first-rate blog, feature by feature: the extras around
//! an article, comments, search, themes, focus and announcements on route changes,
//! the document head, phones, print, and an accessibility check on every route.

use quire_e2e::{json, Canned, Reader};

const ARTICLE_PATH: &str = "/posts/europe-ukraine-security-guarantees-defense-boost";
const ARTICLE: &str = "Europe Pushes for Ukraine Security Guarantees and Defense Boost: A Pivotal Moment in European Security";
const GREENLAND: &str =
    "Trump's Renewed Greenland Gambit: A Threat to European Sovereignty and Transatlantic Trust";
const ROUTES: [&str; 8] = [
    "/",
    ARTICLE_PATH,
    "/posts/trump-greenland-gambit",
    "/popular",
    "/archive",
    "/labels/europe",
    "/search?q=europe",
    "/no/such/page",
];

#[test]
fn an_article_offers_sharing_its_neighbours_related_posts_and_a_way_back_up() {
    let reader = Reader::new();
    reader.open(ARTICLE_PATH);
    let networks = reader.browser.texts(".share-links a");
    assert_eq!(
        networks,
        ["Email", "X", "Bluesky", "Mastodon", "Facebook", "LinkedIn", "Reddit"]
    );
    let email = reader.browser.eval(
        "return document.querySelector('.share-links a').getAttribute('href')",
        json!([]),
    );
    let email = email.as_str().unwrap_or_default().to_string();
    assert!(
        email.contains("body=http%3A%2F%2F127.0.0.1%3A8080%2Fposts%2Feurope-ukraine"),
        "{email}"
    );
    reader.browser.click(".copy-link");
    let said = reader.browser.wait_for(
        "word on copying",
        "const s = document.querySelector('.copy-status'); return s && s.innerText",
    );
    let said = said.as_str().unwrap_or_default();
    assert!(
        said == "Link copied." || said.starts_with("Copy this link: http://127.0.0.1:8080/posts/"),
        "{said}"
    );
    assert!(
        reader.browser.texts(".post-nav .next").is_empty(),
        "the newest post"
    );
    assert_eq!(
        reader.browser.texts(".post-nav .prev .post-nav-title"),
        [GREENLAND]
    );
    assert_eq!(
        reader
            .browser
            .texts(".related li")
            .first()
            .map(String::as_str),
        Some(GREENLAND)
    );

    reader
        .browser
        .eval("window.scrollTo(0, document.body.scrollHeight)", json!([]));
    reader.browser.click(".back-to-top a");
    let top = reader.browser.wait_for(
        "the top of the page",
        "return window.scrollY < 400 && document.activeElement.id === 'main'",
    );
    assert_eq!(top, json!(true));
    reader.screenshot("article-extras");

    reader.mark_page();
    reader.browser.click(".post-nav .prev");
    assert_eq!(reader.article_title(), GREENLAND);
    assert!(reader.page_was_kept());
    assert_eq!(
        reader.browser.texts(".post-nav .next .post-nav-title"),
        [ARTICLE]
    );
    reader.assert_no_panic();
}

#[test]
fn the_sample_blog_has_no_comments_yet_and_takes_them() {
    // The sample blog names its comment service (/api/comments), which
    // `cargo xtask serve` runs beside it; with no endpoint a post says "Comments
    // are closed." (the views' snapshot of an article with comments closed).
    let reader = Reader::new();
    reader.open(ARTICLE_PATH);
    assert_eq!(reader.browser.texts("#comments-heading"), ["Comments"]);
    assert_eq!(
        reader.browser.texts(".comments > p:first-of-type"),
        ["No comments yet."]
    );
    assert!(reader.browser.texts(".comments-closed").is_empty());
    assert_eq!(
        reader.browser.texts(".comment-form h3"),
        ["Leave a comment"]
    );
    // The notice for a form sent without the app waits, unseen, for #comment-sent.
    let notice = reader.browser.eval(
        "return getComputedStyle(document.querySelector('.comment-sent')).display",
        json!([]),
    );
    assert_eq!(notice, json!("none"));
}

#[test]
fn stored_comments_show_with_replies_and_counts_and_the_form_posts_new_ones() {
    let reader = Reader::of_many_posts();
    reader.open("/");
    let counts = reader.browser.eval(
        "return [...document.querySelectorAll('.feed-entry')].map(e =>
             e.querySelector('h2').innerText + ': ' + ((e.querySelector('.comment-count') || {}).innerText || '-'))
             .slice(0, 3)",
        json!([]),
    );
    assert_eq!(
        counts,
        json!(["Post 25: -", "Post 24: 3 comments", "Post 23: -"])
    );

    reader.browser.click(".page-root a[href='/posts/post-24']");
    reader.browser.wait_for(
        "the comments",
        "return document.querySelectorAll('.comment').length === 3",
    );
    assert_eq!(reader.browser.texts("#comments-heading"), ["3 comments"]);
    assert_eq!(
        reader
            .browser
            .texts(".comment-list > .comment > article .comment-author"),
        ["Bo Reader", "Cy"]
    );
    assert_eq!(
        reader.browser.texts(".replies .comment-author"),
        ["Ann Example"]
    );
    let safety = reader.browser.eval(
        "return [document.querySelectorAll('.comment-body script').length,
                 document.querySelector('.comment-body a').rel]",
        json!([]),
    );
    assert_eq!(safety, json!([0, "nofollow ugc noopener noreferrer"]));
    let cy = reader
        .browser
        .texts(".comment-list > .comment:nth-child(2) .comment-body");
    assert_eq!(cy, ["<script>alert(1)</script> is text here."]);

    // The form checks what was typed before sending.
    reader.browser.click(".comment-form button");
    let status = |reader: &Reader, expected: &str| {
        reader.browser.wait_for(
            expected,
            &format!(
                "const s = document.querySelector('.form-status'); return s && s.innerText === {expected:?}"
            ),
        );
    };
    status(&reader, "Please give your name.");
    reader.browser.eval(
        "const set = (sel, v) => { const e = document.querySelector(sel); e.value = v;
             e.dispatchEvent(new Event('input', {bubbles: true})); };
         set('#comment-name', 'Dee'); set('#comment-text', 'Well *argued*.');",
        json!([]),
    );
    reader
        .host
        .set_override("/api/comments", Canned::new(500, "text/plain", "down"));
    reader.browser.click(".comment-form button");
    status(
        &reader,
        "Your comment could not be sent (the server answered HTTP 500). What you wrote is still here: try again in a moment.",
    );
    let kept = reader.browser.eval(
        "return document.querySelector('#comment-text').value",
        json!([]),
    );
    assert_eq!(kept, json!("Well *argued*."));
    reader
        .host
        .set_override("/api/comments", Canned::new(201, "application/json", "{}"));
    reader.browser.click(".comment-form button");
    status(
        &reader,
        "Thank you — your comment will appear once approved.",
    );
    let sent: Vec<serde_json::Value> = reader
        .host
        .posted("/api/comments")
        .iter()
        .map(|body| serde_json::from_str(body).expect("JSON"))
        .collect();
    assert_eq!(
        sent.last(),
        // No service stands behind this host, so the form had no token to send.
        Some(&json!({"post": "post-24", "author": "Dee", "text": "Well *argued*.", "token": ""}))
    );
    reader.screenshot("comments");
    reader.assert_no_panic();
}

#[test]
fn the_popular_list_shows_a_thumbnail_when_a_post_has_an_image() {
    let reader = Reader::of_many_posts();
    reader.open("/popular");
    let thumbnails = reader.browser.eval(
        "return [...document.querySelectorAll('.popular-list li')].map(li => {
             const img = li.querySelector('img.thumbnail'); return img ? img.getAttribute('src') : null; })",
        json!([]),
    );
    assert_eq!(thumbnails, json!(["/images/chart.svg", null, null]));
    let loaded = reader.browser.wait_for(
        "the thumbnail",
        "const img = document.querySelector('img.thumbnail'); return img.complete && img.naturalWidth > 0",
    );
    assert_eq!(loaded, json!(true));
}

#[test]
fn search_finds_posts_as_the_reader_types_and_loads_its_index_only_then() {
    let reader = Reader::new();
    reader.open("/search");
    // The index's chunks and results load with a query (only its manifest before).
    let loaded_before = reader.browser.eval(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/data/')).length",
        json!([]),
    );
    reader.browser.click("#search-input");
    reader.browser.eval(
        "const e = document.querySelector('#search-input'); e.value = 'greenl';
         e.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([]),
    );
    reader.browser.wait_for(
        "results",
        "const s = document.querySelector('.search-status'); return s && s.innerText === '1 post matches “greenl”.'",
    );
    let loaded_after = reader.browser.eval(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/data/')).length",
        json!([]),
    );
    assert!(
        loaded_after.as_u64() > loaded_before.as_u64(),
        "the index loaded on the first search"
    );
    assert_eq!(reader.browser.texts(".search-results h2"), [GREENLAND]);
    assert_eq!(reader.browser.texts(".search-results h2 mark"), ["Greenl"]);
    assert!(reader.browser.url().ends_with("/search?q=greenl"));
    // Every word must match, in titles, labels or text.
    reader.open("/search?q=europe%20arctic");
    reader.browser.wait_for(
        "results from the address",
        "return document.querySelectorAll('.search-results li').length === 1",
    );
    reader.open("/search?q=zzzz");
    reader.browser.wait_for(
        "no results",
        "const s = document.querySelector('.search-status'); return s && s.innerText === 'No posts match “zzzz”.'",
    );
    // The keyboard reaches the results from the search box.
    reader.open("/search?q=europe");
    reader.browser.wait_for(
        "results",
        "return document.querySelectorAll('.search-results li').length === 3",
    );
    reader.browser.click("#search-input");
    reader.browser.press_tab(1);
    let focused = reader.browser.eval(
        "return document.activeElement.closest('.search-results') !== null",
        json!([]),
    );
    assert_eq!(focused, json!(true));
    reader.screenshot("search");
    reader.assert_no_panic();
}

#[test]
fn the_theme_toggle_switches_and_is_remembered() {
    let reader = Reader::new();
    reader.open("/");
    let background = |reader: &Reader| {
        reader.browser.eval(
            "return getComputedStyle(document.body).backgroundColor",
            json!([]),
        )
    };
    let light = background(&reader);
    assert_eq!(
        reader.browser.eval(
            "return document.querySelector('.theme-toggle').getAttribute('aria-pressed')",
            json!([])
        ),
        json!("false")
    );
    reader.browser.click(".theme-toggle");
    assert_eq!(
        reader
            .browser
            .eval("return document.documentElement.dataset.theme", json!([])),
        json!("dark")
    );
    let dark = background(&reader);
    assert_ne!(light, dark);
    reader.screenshot("theme-dark-home");
    // Remembered, and applied before the app starts: no flash of the other theme.
    reader.open_page(ARTICLE_PATH);
    assert_eq!(
        reader
            .browser
            .eval("return document.documentElement.dataset.theme", json!([])),
        json!("dark")
    );
    assert_eq!(background(&reader), dark);
    reader.wait_for_app();
    reader.screenshot("theme-dark-article");
    reader.browser.click(".theme-toggle");
    assert_eq!(background(&reader), light);
}

#[test]
fn a_route_change_moves_focus_to_the_content_and_announces_the_new_title() {
    let reader = Reader::new();
    reader.open("/");
    reader
        .browser
        .click(".page-root .feed-entry h2 a[href='/posts/trump-greenland-gambit']");
    assert_eq!(reader.article_title(), GREENLAND);
    let state = reader.browser.wait_for(
        "the announcement",
        "const a = document.getElementById('route-announcer').innerText;
         return a === document.title && document.activeElement.id === 'main' && a",
    );
    assert!(state.as_str().unwrap_or_default().starts_with(GREENLAND));
}

#[test]
fn the_document_head_follows_the_route() {
    let reader = Reader::new();
    reader.open("/");
    reader
        .browser
        .click(".page-root .feed-entry h2 a[href='/posts/trump-greenland-gambit']");
    assert_eq!(reader.article_title(), GREENLAND);
    let head = reader.browser.wait_for(
        "the post's head",
        "const get = (s, a) => document.querySelector(s).getAttribute(a);
         const canonical = get('link[rel=canonical]', 'href');
         return canonical.endsWith('/posts/trump-greenland-gambit') && [canonical,
             get('meta[name=description]', 'content'), get('meta[property=\"og:title\"]', 'content')]",
    );
    assert_eq!(
        head[0],
        json!("http://127.0.0.1:8080/posts/trump-greenland-gambit")
    );
    assert!(head[1]
        .as_str()
        .is_some_and(|d| d.starts_with("By Zythi") && d.chars().count() <= 160));
    assert!(head[2].as_str().is_some_and(|t| t.starts_with(GREENLAND)));
    assert_eq!(
        reader.browser.eval(
            "return document.querySelectorAll('link[rel=canonical]').length",
            json!([])
        ),
        json!(1)
    );
}

#[test]
fn every_route_fits_a_320_pixel_phone() {
    let reader = Reader::on_phone(320);
    for path in ROUTES {
        reader.open(path);
        let fit = reader.browser.eval(
            "return [window.innerWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth]",
            json!([]),
        );
        assert_eq!(fit, json!([320, 0]), "{path} scrolls sideways");
        reader.screenshot(&format!("phone-320-{}", shot_name(path)));
    }
    reader.open(ARTICLE_PATH);
    reader.screenshot("phone-320-article");
    reader.open("/");
    reader.screenshot("phone-320-home");
    reader.browser.click(".theme-toggle");
    reader.screenshot("phone-320-home-dark");
}

#[test]
fn printing_an_article_leaves_out_everything_but_the_article() {
    let reader = Reader::new();
    reader.open(ARTICLE_PATH);
    reader
        .browser
        .cdp("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let hidden = reader.browser.eval(
        "return ['.site-header nav', '.sidebar', '.share', '.post-nav', '.back-to-top']
             .map(s => getComputedStyle(document.querySelector(s)).display)",
        json!([]),
    );
    assert_eq!(hidden, json!(["none", "none", "none", "none", "none"]));
    let shown = reader.browser.eval(
        "return getComputedStyle(document.querySelector('article.post .prose')).display",
        json!([]),
    );
    assert_eq!(shown, json!("block"));
}

#[test]
fn axe_finds_no_accessibility_violation_on_any_route_in_either_theme() {
    let reader = Reader::new();
    let mut problems = Vec::new();
    for theme in ["light", "dark"] {
        for path in ROUTES {
            reader.open(path);
            reader.browser.eval(
                &format!("document.documentElement.dataset.theme = '{theme}'"),
                json!([]),
            );
            for violation in reader.accessibility_violations() {
                problems.push(format!("{path} ({theme}): {violation}"));
            }
            reader.screenshot(&format!("desktop-{theme}-{}", shot_name(path)));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A file name for a screenshot of `path`: `/posts/x` → `posts-x`, `/` → `home`.
fn shot_name(path: &str) -> String {
    let name: String = path
        .trim_matches('/')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    if name.is_empty() {
        "home".to_string()
    } else {
        name
    }
}
