//! What a reader sees of the sample blog, in headless Chromium, from the built dist/
//! on a files-only host.

use quire_e2e::{json, Answer, Canned, Reader};
use std::time::Duration;

const BLOG: &str = "Zythi Geopolitical Insights";
const ARTICLE: &str = "Europe Pushes for Ukraine Security Guarantees and Defense Boost: A Pivotal Moment in European Security";
const ARTICLE_PATH: &str = "/posts/europe-ukraine-security-guarantees-defense-boost";
const FRANCE: &str = "France's Pioneering Step: Banning Social Media for Under-15s – A Bold Move to Safeguard Childhood in the Digital Age";
const GREENLAND: &str =
    "Trump's Renewed Greenland Gambit: A Threat to European Sovereignty and Transatlantic Trust";
const MADURO: &str = "The Abduction of Nicolás Maduro: America's Audacious Raid and the Shattering of Diplomatic Norms";

/// Smart punctuation turns ' into ’ in rendered Markdown; compare wording, not glyphs.
fn plain(text: &str) -> String {
    text.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
}

#[test]
fn the_feed_lists_every_post_newest_first() {
    let reader = Reader::new();
    reader.open("/");
    reader.browser.wait_for(
        "the feed",
        "return document.querySelectorAll('.feed-entry h2').length === 4",
    );
    assert_eq!(
        reader.browser.texts(".feed-entry h2"),
        [ARTICLE, GREENLAND, MADURO, FRANCE]
    );
    let dates = reader.browser.texts(".feed-entry time");
    assert_eq!(dates[0], "January 27, 2026");
    assert_eq!(dates[3], "January 26, 2026");
    for byline in reader.browser.texts(".feed-entry .byline") {
        assert_eq!(byline, format!("By {BLOG}"));
    }
    let excerpts = reader.browser.texts(".feed-entry .excerpt");
    assert!(
        excerpts[0].starts_with("In the crisp winter of early 2026"),
        "{excerpts:?}"
    );
    assert!(reader
        .browser
        .texts(".feed-entry .labels li")
        .contains(&"ukraine".to_string()));
    assert_eq!(reader.browser.texts(".site-title"), [BLOG]);
    assert_eq!(reader.browser.title(), BLOG);
    reader.screenshot("home-desktop");
    reader.assert_no_panic();
}

#[test]
fn following_a_feed_link_opens_the_article_with_its_headings_and_lists() {
    let reader = Reader::new();
    reader.open("/");
    reader.browser.wait_for(
        "the feed",
        "return document.querySelectorAll('.feed-entry h2 a').length",
    );
    reader.mark_page();
    reader.browser.click(".feed-entry h2 a");
    assert_eq!(reader.article_title(), ARTICLE);
    assert!(
        reader.page_was_kept(),
        "following a link reloaded the whole page"
    );
    assert!(reader.browser.url().ends_with(ARTICLE_PATH));

    let headings: Vec<String> = reader
        .browser
        .texts(".prose h2")
        .iter()
        .map(|h| plain(h))
        .collect();
    assert_eq!(
        headings,
        [
            "The Historical Context: Why Security Guarantees Matter for Ukraine",
            "The Paris Summit and the Coalition of the Willing: Europe's Bold Declaration",
            "The Defense Boost: Revitalizing Europe's Military-Industrial Complex",
            "The U.S. Dimension: Partnership with Caveats",
            "Challenges Ahead: Reliability, Russia, and Implementation",
            "Implications for the Future",
        ]
    );
    let lists = reader.browser.texts(".prose ul");
    assert_eq!(lists.len(), 3, "{lists:?}");
    let items = reader.browser.texts(".prose ul li");
    assert_eq!(items.len(), 10);
    assert!(items[0].starts_with("Multinational Peacekeeping and Monitoring:"));
    assert_eq!(
        reader.browser.texts("article.post .byline"),
        [format!("By {BLOG}")]
    );
    assert_eq!(
        reader.browser.texts("article.post time"),
        ["January 27, 2026"]
    );
    let paragraphs = reader.browser.texts(".prose p");
    assert!(plain(paragraphs.last().unwrap()).ends_with("or another lesson in fragility?"));
    assert_eq!(reader.browser.texts(".comments h2"), ["Comments"]);
    reader.browser.wait_for(
        "the popular posts beside the article",
        "return document.querySelectorAll('.sidebar .popular-list li').length === 3",
    );
    assert_eq!(reader.browser.title(), format!("{ARTICLE} · {BLOG}"));
    reader.screenshot("article-desktop");
    reader.assert_no_panic();
}

#[test]
fn a_deep_link_and_a_reload_show_the_article() {
    let reader = Reader::new();
    // The host has no file at this path: it answers with 404.html, which boots the app.
    reader.open(ARTICLE_PATH);
    assert_eq!(reader.article_title(), ARTICLE);
    reader.browser.refresh();
    assert_eq!(reader.article_title(), ARTICLE);
    assert!(reader.browser.url().ends_with(ARTICLE_PATH));
    reader.assert_no_panic();
}

#[test]
fn the_popular_page_ranks_three_posts_with_excerpts() {
    let reader = Reader::new();
    reader.open("/popular");
    reader.browser.wait_for(
        "the popular list",
        "return document.querySelectorAll('.popular-list li').length === 3",
    );
    assert_eq!(reader.browser.texts("h1"), ["Popular posts from this blog"]);
    assert_eq!(
        reader.browser.texts(".popular-title"),
        [FRANCE, GREENLAND, MADURO]
    );
    let excerpts = reader.browser.texts(".popular-list .excerpt");
    assert!(
        excerpts[0].starts_with("On a landmark day in Paris"),
        "{excerpts:?}"
    );
    assert!(excerpts.iter().all(|e| e.ends_with("...")), "{excerpts:?}");
    assert_eq!(reader.browser.title(), format!("Popular posts · {BLOG}"));
    reader.screenshot("popular-desktop");

    // Each title leads to its post, which says it is an excerpt.
    reader.browser.click(".popular-title a");
    assert_eq!(reader.article_title(), FRANCE);
    assert_eq!(
        reader.browser.texts(".excerpt-note"),
        ["This is an excerpt: the rest of the article is not part of this blog."]
    );
    reader.assert_no_panic();
}

#[test]
fn unknown_addresses_show_not_found_with_a_way_home() {
    let reader = Reader::new();
    for path in ["/posts/no-such-post", "/no/such/page"] {
        reader.open(path);
        reader.browser.wait_for(
            "the not-found view",
            "const h = document.querySelector('main h1'); return h && h.innerText === 'Page not found'",
        );
        assert!(reader.browser.title().starts_with("Page not found"));
    }
    reader.screenshot("not-found");
    reader.browser.click(".not-found a");
    reader.wait_for_feed();
    reader.assert_no_panic();
}

#[test]
fn the_skip_link_comes_first_and_leads_to_the_main_content() {
    let reader = Reader::new();
    reader.open("/");
    reader.browser.wait_for(
        "the feed",
        "return document.querySelectorAll('.feed-entry').length",
    );
    reader.browser.press_tab(1);
    let focused = reader.browser.eval(
        "const a = document.activeElement; return [a.innerText, a.getAttribute('href')]",
        json!([]),
    );
    assert_eq!(focused, json!(["Skip to main content", "#main"]));
    let target = reader
        .browser
        .eval("return document.querySelector('#main').tagName", json!([]));
    assert_eq!(target, json!("MAIN"));
    reader.browser.click(".skip-link");
    let focused = reader.browser.wait_for(
        "focus on main",
        "return document.activeElement.id === 'main'",
    );
    assert_eq!(focused, json!(true));
}

#[test]
fn a_damaged_post_says_so_and_try_again_recovers_without_a_reload() {
    let reader = Reader::new();
    let bundle = format!("/data{ARTICLE_PATH}.json");
    reader.break_bundle(
        &bundle,
        Canned::new(200, "application/json", r#"{"format":1,"slug":"europe-ukr"#),
    );
    reader.arrive_at(ARTICLE_PATH);
    reader.browser.wait_for(
        "the damaged-data message",
        "const e = document.querySelector('.load-failed'); return e && e.innerText",
    );
    let message = reader.browser.texts(".load-failed h2");
    assert_eq!(message, ["This content is damaged"]);
    reader.screenshot("damaged-post");

    reader.host.clear_overrides();
    reader.browser.click(".load-failed button");
    assert_eq!(reader.article_title(), ARTICLE);
    assert!(reader.page_was_kept(), "retrying reloaded the page");
    reader.assert_no_panic();
}

#[test]
fn a_slow_post_shows_a_loading_state_then_the_article() {
    let reader = Reader::new();
    let bundle = format!("/data{ARTICLE_PATH}.json");
    reader.break_bundle(&bundle, Answer::Slowly(Duration::from_secs(3)));
    reader.arrive_at(ARTICLE_PATH);
    let loading = reader.browser.wait_for(
        "the loading state",
        "const e = document.querySelector('.article-layout .loading'); return e && e.innerText",
    );
    assert_eq!(loading, json!("Loading the post…"));
    reader.screenshot("loading-post");
    assert_eq!(reader.article_title(), ARTICLE);
    reader.assert_no_panic();
}

#[test]
fn a_dropped_connection_says_offline_and_try_again_recovers() {
    let reader = Reader::new();
    reader.break_bundle("/data/popular.json", Answer::HangUp);
    reader.arrive_at("/popular");
    reader.browser.wait_for(
        "the offline message",
        "const e = document.querySelector('.load-failed h2'); return e && e.innerText",
    );
    assert_eq!(
        reader.browser.texts(".load-failed h2"),
        ["You seem to be offline"]
    );
    reader.host.clear_overrides();
    reader.browser.click(".load-failed button");
    reader.browser.wait_for(
        "the popular list",
        "return document.querySelectorAll('.popular-list li').length === 3",
    );
    reader.assert_no_panic();
}

#[test]
fn a_server_error_on_the_feed_says_so_and_keeps_the_page_usable() {
    let reader = Reader::new();
    reader.break_bundle("/data/feed/1.json", Canned::new(503, "text/plain", "busy"));
    reader.arrive_at("/");
    reader.browser.wait_for(
        "the server-error message",
        "const e = document.querySelector('.load-failed'); return e && e.innerText",
    );
    let text = reader.browser.texts(".load-failed").join(" ");
    assert!(text.contains("The blog's server had a problem"), "{text}");
    assert!(text.contains("HTTP 503"), "{text}");
    // The rest of the page still works: the header leads elsewhere.
    reader.browser.click("nav a[href='/popular']");
    reader.browser.wait_for(
        "the popular list",
        "return document.querySelectorAll('.popular-list li').length === 3",
    );
    reader.assert_no_panic();
}

#[test]
fn on_a_phone_the_article_fits_the_screen() {
    let reader = Reader::with_window(390, 844);
    reader.open(ARTICLE_PATH);
    assert_eq!(reader.article_title(), ARTICLE);
    reader.browser.wait_for(
        "the popular posts below the article",
        "return document.querySelectorAll('.sidebar .popular-list li').length === 3",
    );
    let overflow = reader.browser.eval(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        json!([]),
    );
    assert_eq!(overflow, json!(0), "the page scrolls sideways on a phone");
    reader.screenshot("article-phone");
    reader.open("/");
    reader.wait_for_feed();
    reader.screenshot("home-phone");
}

#[test]
fn a_long_article_has_a_table_of_contents_and_a_reading_time() {
    let reader = Reader::new();
    reader.open(ARTICLE_PATH);
    assert_eq!(reader.article_title(), ARTICLE);
    let minutes = reader.browser.texts(".reading-time");
    assert_eq!(minutes.len(), 1);
    assert!(minutes[0].ends_with(" min read"), "{minutes:?}");
    let entries: Vec<String> = reader
        .browser
        .texts(".toc li")
        .iter()
        .map(|t| plain(t))
        .collect();
    assert_eq!(entries.len(), 6, "{entries:?}");
    assert_eq!(
        entries[4],
        "Challenges Ahead: Reliability, Russia, and Implementation"
    );
    // Every entry leads to a heading of the article.
    let targets = reader.browser.eval(
        "return [...document.querySelectorAll('.toc a')].every(a => {
            const h = document.getElementById(a.getAttribute('href').slice(1));
            return h && h.tagName === 'H2' && h.closest('.prose') !== null;
        })",
        json!([]),
    );
    assert_eq!(targets, json!(true));
    reader.browser.click(".toc li:nth-child(5) a");
    reader.browser.wait_for(
        "the section scrolled into view",
        "const h = document.getElementById('sec-challenges-ahead-reliability-russia-and-implementation');
         const top = h.getBoundingClientRect().top; return top >= 0 && top < 200",
    );
    reader.assert_no_panic();
}

#[test]
fn feed_readers_and_crawlers_find_the_feed_sitemap_and_robots_file() {
    let reader = Reader::new();
    reader.open("/");
    reader.wait_for_feed();
    let discovered = reader.browser.eval(
        "const l = document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]');
         return l && l.getAttribute('href')",
        json!([]),
    );
    assert_eq!(discovered, json!("/atom.xml"));
    let served = reader.browser.eval(
        "return ['/atom.xml', '/sitemap.xml', '/robots.txt', '/labels/europe/atom.xml'].map(path => {
            const r = new XMLHttpRequest(); r.open('GET', path, false); r.send();
            const xml = path.endsWith('.xml')
                ? new DOMParser().parseFromString(r.responseText, 'application/xml')
                    .getElementsByTagName('parsererror').length === 0
                : true;
            return [path, r.status, xml];
        })",
        json!([]),
    );
    assert_eq!(
        served,
        json!([
            ["/atom.xml", 200, true],
            ["/sitemap.xml", 200, true],
            ["/robots.txt", 200, true],
            ["/labels/europe/atom.xml", 200, true]
        ])
    );
}

#[test]
fn labels_lead_to_their_posts_and_the_archive_lists_every_post() {
    let reader = Reader::new();
    reader.open(ARTICLE_PATH);
    reader.mark_page();
    reader
        .browser
        .click(".post-meta .labels a[href='/labels/europe']");
    reader.browser.wait_for(
        "the europe label's posts",
        "const h = document.querySelector('main h1'); return h && h.innerText === 'Posts labelled europe' && document.querySelectorAll('.feed-entry').length > 0",
    );
    let titles = reader.browser.texts(".feed-entry h2");
    assert!(titles.contains(&ARTICLE.to_string()), "{titles:?}");
    assert!(reader
        .browser
        .title()
        .starts_with("Posts labelled europe · "));

    reader.browser.click("nav a[href='/archive']");
    reader.browser.wait_for(
        "the archive",
        "return document.querySelectorAll('.archive-list li').length === 4",
    );
    assert_eq!(reader.browser.texts(".archive > h2"), ["2026"]);
    assert_eq!(reader.browser.texts(".archive h3"), ["January"], "by month");
    let cloud = reader.browser.texts(".label-cloud li");
    assert!(
        cloud.contains(&"europe (3)".to_string()),
        "labels with counts: {cloud:?}"
    );
    let listed = reader.browser.texts(".archive-list a");
    assert_eq!(listed.first().map(String::as_str), Some(ARTICLE));
    reader.screenshot("archive");
    reader.browser.click(".archive-list li:first-child a");
    assert_eq!(reader.article_title(), ARTICLE);
    assert!(reader.page_was_kept(), "all inside the app");

    // A label nobody uses is not found.
    reader.open_page("/labels/no-such-label");
    reader.browser.wait_for(
        "not found",
        "const h = document.querySelector('.page-root main h1'); return h && h.innerText === 'Page not found'",
    );
    reader.assert_no_panic();
}
