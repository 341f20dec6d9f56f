//! Content before JavaScript: every route is a whole HTML page on a files-only host,
//! readable with JavaScript off, and the app takes it over without anything moving.

use quire_e2e::{json, Canned, Reader};

const ARTICLE_PATH: &str = "/posts/europe-ukraine-security-guarantees-defense-boost";
const ARTICLE: &str = "Europe Pushes for Ukraine Security Guarantees and Defense Boost: A Pivotal Moment in European Security";
const POSTS: [&str; 4] = [
    "europe-ukraine-security-guarantees-defense-boost",
    "trump-greenland-gambit",
    "abduction-of-nicolas-maduro",
    "france-bans-social-media-for-under-15s",
];

/// The status, headers and body the host sends for `path`, without a browser.
fn fetch(reader: &Reader, path: &str) -> (u16, Vec<(String, String)>, String) {
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let response = match agent.get(&format!("{}{path}", reader.host.url())).call() {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(e) => panic!("GET {path}: {e}"),
    };
    let headers = response
        .headers_names()
        .into_iter()
        .map(|name| {
            let value = response.header(&name).unwrap_or_default().to_string();
            (name.to_ascii_lowercase(), value)
        })
        .collect();
    let status = response.status();
    let body = response.into_string().unwrap_or_default();
    (status, headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

#[test]
fn every_route_answers_200_with_its_content_in_the_raw_html() {
    let reader = Reader::new();
    let mut routes: Vec<(String, String)> = vec![
        ("/".into(), "Trump's Renewed Greenland Gambit".into()),
        ("/popular".into(), "Popular posts from this blog".into()),
        ("/archive".into(), "<h2>2026</h2>".into()),
        ("/labels/europe".into(), "Posts labelled europe".into()),
    ];
    for slug in POSTS {
        let bundle = std::fs::read_to_string(reader.site.join(format!("data/posts/{slug}.json")))
            .expect("the post's bundle");
        let bundle: serde_json::Value = serde_json::from_str(&bundle).expect("a bundle");
        let title = bundle["title"].as_str().unwrap_or_default();
        // As the page writes it: HTML-escaped.
        let title = title.replace('&', "&amp;");
        routes.push((format!("/posts/{slug}"), format!("<h1>{title}</h1>")));
    }
    for (path, expected) in &routes {
        let (status, headers, body) = fetch(&reader, path);
        assert_eq!(status, 200, "{path}");
        assert!(
            header(&headers, "content-type").starts_with("text/html"),
            "{path}"
        );
        assert!(
            body.contains(expected.as_str()),
            "{path} lacks {expected:?}"
        );
        assert!(body.contains("id=\"main\""), "{path}");
    }
    let (_, _, article) = fetch(&reader, ARTICLE_PATH);
    for part in [
        "By Zythi Geopolitical Insights",
        "Comments",
        "<script type=\"application/ld+json\">",
        "<link rel=\"canonical\" href=\"http://127.0.0.1:8080",
        "property=\"og:title\"",
    ] {
        assert!(article.contains(part), "the article's HTML lacks {part:?}");
    }
    let (status, _, missing) = fetch(&reader, "/posts/no-such-post");
    assert_eq!(status, 404);
    assert!(missing.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(missing.contains("Page not found"));
}

#[test]
fn with_javascript_off_a_post_is_readable_and_its_links_work() {
    let reader = Reader::without_javascript();
    reader.open_page(ARTICLE_PATH);
    assert_eq!(reader.browser.texts("article.post h1"), [ARTICLE]);
    let prose = reader.browser.texts("article .prose").join("");
    assert!(prose.len() > 2000, "the whole article is there: {prose}");
    assert_eq!(
        reader.browser.texts(".post-meta .byline"),
        ["By Zythi Geopolitical Insights"]
    );
    assert_eq!(reader.browser.texts(".sidebar .popular-title").len(), 3);
    // Proof that no script ran: the app would have replaced the prerendered page.
    let ran = reader.browser.eval(
        "return [!!document.getElementById('prerendered'), document.querySelectorAll('.page-root').length]",
        json!([]),
    );
    assert_eq!(ran, json!([true, 1]));
    reader.screenshot("no-javascript-article");
    reader.browser.click("nav a[href='/']");
    reader.browser.wait_for(
        "the home page",
        "return document.querySelectorAll('.feed-entry').length === 4",
    );
}

/// The markup of the page as prerendered (fetched again, as the host sent it) and
/// as the app shows it once it has taken over, normalised: every element with its
/// tag and attributes (sorted), text with whitespace collapsed; comments and the
/// boundaries between adjacent text nodes are not markup. The one difference the
/// views mean to make is removed first: controls that need the app (Copy link) are
/// `hidden` until it runs.
const COMPARE: &str = "
    const done = arguments[arguments.length - 1];
    const norm = node => {
        let out = '', text = '';
        const flush = () => { const t = text.replace(/\\s+/g, ' ').trim(); if (t) out += JSON.stringify(t); text = ''; };
        for (const c of node.childNodes) {
            if (c.nodeType === 3) { text += c.data; continue; }
            if (c.nodeType !== 1) continue;
            flush();
            const attrs = [...c.attributes].map(a => a.name + '=' + JSON.stringify(a.value)).sort().join(' ');
            out += '\\n<' + c.localName + (attrs ? ' ' + attrs : '') + '>' + norm(c) + '</' + c.localName + '>';
        }
        flush();
        return out;
    };
    fetch(location.href).then(r => r.text()).then(html => {
        const page = new DOMParser().parseFromString(html, 'text/html');
        page.querySelectorAll('button.copy-link').forEach(b => b.removeAttribute('hidden'));
        done([norm(page.querySelector('#prerendered')), norm(document.querySelector('.page-root')),
              document.querySelectorAll('main').length, document.querySelectorAll('main h1').length]);
    });";

/// Fails with the first line where the two markups part.
fn assert_same_markup(path: &str, prerendered: &str, app: &str) {
    if prerendered == app {
        return;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (prerendered.lines().collect(), app.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    panic!(
        "{path}: the app's markup differs from the prerendered page at element {at}:\n  page: {:?}\n  app:  {:?}",
        a.get(at),
        b.get(at)
    );
}

/// Opens each of `paths`, lets the app take over, and compares the markup.
fn takeover_keeps_the_markup(reader: &Reader, paths: &[&str]) {
    for path in paths {
        reader.open(path);
        let seen = reader.browser.eval_async(COMPARE, json!([]));
        let (prerendered, app) = (
            seen[0].as_str().unwrap_or_default(),
            seen[1].as_str().unwrap_or_default(),
        );
        assert!(prerendered.len() > 100, "{path}: {seen}");
        assert_same_markup(path, prerendered, app);
        assert_eq!(
            (&seen[2], &seen[3]),
            (&json!(1), &json!(1)),
            "{path}: one main, one h1"
        );
        let shift = reader.layout_shift();
        assert!(shift <= 0.01, "{path}: cumulative layout shift {shift}");
        reader.assert_no_panic();
    }
}

#[test]
fn the_app_takes_each_page_over_without_a_change_to_its_markup_or_a_shift() {
    let reader = Reader::new();
    takeover_keeps_the_markup(
        &reader,
        &[
            "/",
            "/popular",
            "/archive",
            "/labels/europe",
            "/search",
            ARTICLE_PATH,
            "/posts/trump-greenland-gambit",
            "/no/such/page",
        ],
    );
}

/// The synthetic blog has what the sample blog lacks: comments with replies, a
/// comment form (it names an endpoint), thumbnails, several pages of each list.
#[test]
fn the_takeover_keeps_comments_forms_and_pagers_as_they_were() {
    let reader = Reader::of_many_posts();
    takeover_keeps_the_markup(
        &reader,
        &[
            "/",
            "/page/2",
            "/page/3",
            "/popular",
            "/archive",
            "/posts/post-1",
            "/posts/post-24",
        ],
    );
    // What was compared on the last page included these.
    assert_eq!(
        reader.browser.texts(".comment-form h3"),
        ["Leave a comment"]
    );
    assert_eq!(reader.browser.texts(".replies .comment-author").len(), 1);
}

#[test]
fn a_deep_link_keeps_its_content_when_the_app_cannot_load_it() {
    let reader = Reader::new();
    reader.break_bundle(
        &format!("/data{ARTICLE_PATH}.json"),
        Canned::new(500, "text/plain", "boom"),
    );
    reader.open_page(ARTICLE_PATH);
    reader.touch();
    // The app gives up and leaves the page as it came.
    reader.browser.wait_for(
        "the app to stand down",
        "return document.documentElement.dataset.app === 'stood-down' && document.querySelectorAll('.page-root').length === 1",
    );
    assert_eq!(reader.browser.texts("article.post h1"), [ARTICLE]);
    assert!(reader.browser.texts(".load-failed").is_empty());
    // Its links are plain links again, to pages that are whole.
    reader.host.clear_overrides();
    reader.browser.click("nav a[href='/popular']");
    reader.browser.wait_for(
        "the popular page, loaded whole",
        "return location.pathname === '/popular' && document.querySelectorAll('.popular-list li').length === 3",
    );
    reader.wait_for_app();
    reader.assert_no_panic();
}

#[test]
fn an_open_tab_survives_a_redeploy_that_removed_its_bundles() {
    let reader = Reader::new();
    reader.open("/");
    reader.mark_page();
    // The new build renamed every bundle; the tab still has the old names.
    let post = "/data/posts/trump-greenland-gambit.json";
    let old = reader.hashed_name(post).expect("a hashed twin");
    reader
        .host
        .set_override(&old, Canned::new(404, "text/html", "<!doctype html>gone"));
    reader
        .browser
        .click(".page-root a[href='/posts/trump-greenland-gambit']");
    assert!(reader
        .article_title()
        .starts_with("Trump's Renewed Greenland Gambit"));
    assert!(
        reader.page_was_kept(),
        "the app carried on without a reload"
    );
    reader.assert_no_panic();
}

#[test]
fn hashed_files_are_cached_for_a_year_and_pages_are_revalidated() {
    let reader = Reader::new();
    let hashed = reader
        .hashed_name("/data/site.json")
        .expect("a hashed site bundle");
    let (status, headers, _) = fetch(&reader, &hashed);
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    for path in ["/", ARTICLE_PATH, "/data/site.json"] {
        let (_, headers, _) = fetch(&reader, path);
        assert!(
            !header(&headers, "cache-control").contains("immutable"),
            "{path}"
        );
    }
    let (status, headers, _) = fetch(&reader, "/feed.xml");
    assert_eq!((status, header(&headers, "location")), (301, "/atom.xml"));
}

#[test]
fn a_reader_who_only_reads_never_downloads_the_app() {
    let reader = Reader::new();
    reader.open_page(ARTICLE_PATH);
    let app_files = "return performance.getEntriesByType('resource')
        .map(e => new URL(e.name).pathname).filter(p => p.endsWith('.wasm') || /quire-.*\\.js$/.test(p))";
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(reader.browser.eval(app_files, json!([])), json!([]));
    assert_eq!(reader.browser.texts("article.post h1"), [ARTICLE]);
    // The first touch brings it, and it takes the page over.
    reader.wait_for_app();
    let fetched = reader.browser.eval(app_files, json!([]));
    assert_eq!(fetched.as_array().map(Vec::len), Some(2), "{fetched}");
    // Pages that need it start it at once: a route the build did not know.
    reader.open_page("/labels/europe/page/1");
    reader.browser.wait_for(
        "the app, unasked",
        "return document.documentElement.dataset.app !== undefined",
    );
    reader.assert_no_panic();
}

#[test]
fn what_the_reader_typed_before_the_app_started_is_kept() {
    let reader = Reader::of_many_posts();
    reader.open_page("/posts/post-24");
    // Typing is the first interaction: it starts the app, which takes the page over.
    reader.browser.eval(
        "const area = document.getElementById('comment-text'); area.focus(); area.value = 'Typed early';",
        json!([]),
    );
    reader.wait_for_app();
    let kept = reader.browser.eval(
        "const area = document.getElementById('comment-text');
         return [area.value, document.activeElement === area, !!area.closest('.page-root:not(#prerendered)')]",
        json!([]),
    );
    assert_eq!(kept, json!(["Typed early", true, true]));
}
