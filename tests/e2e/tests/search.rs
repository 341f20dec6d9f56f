//! Search as a reader uses it, on the sample blog with seventy more posts, so that
//! the index is split into many chunks: a query fetches only its own chunks and the
//! results it shows; phrases, filters, accents and Japanese text are found; and
//! without JavaScript the page says what to do instead.

use quire_e2e::authoring::{check_and_build, copy_dir};
use quire_e2e::{json, Answer, Canned, Reader};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FILLER_POSTS: usize = 70;

/// A made-up word for post `n`, sentence `s`: a large vocabulary, as real blogs
/// have, makes many chunks.
fn word(n: usize, s: usize) -> String {
    const SYLLABLES: [&str; 12] = [
        "ka", "lo", "mi", "ren", "tu", "vas", "quel", "dor", "pi", "sen", "ya", "bro",
    ];
    let mut x = n * 7919 + s * 104_729 + 13;
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYLLABLES[x % SYLLABLES.len()]);
        x /= SYLLABLES.len();
    }
    format!("{w}{}", (n * 31 + s) % 97)
}

fn post(title: &str, date: &str, labels: &[&str], body: &str) -> String {
    let labels: Vec<String> = labels.iter().map(|l| format!("\"{l}\"")).collect();
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nlabels = [{}]\n+++\n\n{body}\n",
        labels.join(", ")
    )
}

fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("quire-e2e-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let content = root.join("content");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"),
            &content,
        );
        let posts = content.join("posts");
        let write = |slug: &str, text: String| {
            std::fs::write(posts.join(format!("{slug}.md")), text).expect("a post")
        };
        write(
            "signed-guarantees",
            post(
                "Signed at last",
                "2025-06-01",
                &["diplomacy"],
                "The security guarantees were signed in the morning.",
            ),
        );
        write(
            "later-security",
            post(
                "Later that year",
                "2025-09-01",
                &["diplomacy"],
                "Guarantees came first; real security for the region came later.",
            ),
        );
        write(
            "tokyo-weather",
            post(
                "東京の天気",
                "2019-04-01",
                &["asia"],
                "今日の東京の天気は晴れです。桜が咲いています。",
            ),
        );
        for n in 0..FILLER_POSTS {
            let body: Vec<String> = (0..12)
                .map(|s| {
                    let words: Vec<String> = (0..14).map(|i| word(n, s * 14 + i)).collect();
                    format!("{}.", words.join(" "))
                })
                .collect();
            write(
                &format!("filler-{n}"),
                post(
                    &format!("Notes {n}"),
                    &format!("2024-{:02}-{:02}", n % 12 + 1, n % 27 + 1),
                    &["notes"],
                    &body.join("\n\n"),
                ),
            );
        }
        let site = root.join("site");
        check_and_build(&content, &site);
        site
    })
}

/// Types `text` into the search box as a reader does, and waits for the status.
fn search_for(reader: &Reader, text: &str, status: &str) {
    reader.browser.eval(
        "const e = document.querySelector('#search-input'); e.focus(); e.value = arguments[0];
         e.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([text]),
    );
    let script = format!(
        "const s = document.querySelector('.search-status'); return s && s.innerText === {}",
        json!(status)
    );
    reader.browser.wait_for(status, &script);
    let seen = reader.browser.eval(
        "return document.querySelector('.search-status').innerText",
        json!([]),
    );
    assert_eq!(seen, json!(status));
}

/// The index files fetched so far: (chunks, positions, fragments).
fn fetched_index_files(reader: &Reader) -> (Vec<String>, Vec<String>, Vec<String>) {
    let names = reader.fetched("/data/h/s");
    let of = |prefix: &str| {
        names
            .iter()
            .filter(|n| n.rsplit('/').next().is_some_and(|f| f.starts_with(prefix)))
            .cloned()
            .collect::<Vec<_>>()
    };
    (of("c"), of("p"), of("f"))
}

#[test]
fn a_query_fetches_only_its_chunks_and_finds_phrases_filters_accents_and_japanese() {
    let reader = Reader::of_site(site().clone());
    reader.open("/search");
    let chunks = reader.browser.eval_async(
        "const done = arguments[arguments.length - 1];
         fetch('/data/search.json').then(r => r.json()).then(m => done(m.chunks.length));",
        json!([]),
    );
    assert!(
        chunks.as_u64().unwrap_or(0) >= 8,
        "the index has many chunks: {chunks}"
    );
    assert_eq!(
        fetched_index_files(&reader),
        (vec![], vec![], vec![]),
        "nothing before a query"
    );

    // An accent the reader did not type.
    search_for(&reader, "nicolas ", "1 post matches “nicolas”.");
    assert_eq!(reader.browser.texts(".search-results h2 mark"), ["Nicolás"]);
    let (chunks_fetched, positions, fragments) = fetched_index_files(&reader);
    assert!(
        positions.is_empty(),
        "a word alone needs no positions: {positions:?}"
    );
    assert_eq!(
        chunks_fetched.len(),
        1,
        "one word, one chunk: {chunks_fetched:?}"
    );
    assert_eq!(
        fragments.len(),
        1,
        "one result, one fragment: {fragments:?}"
    );

    // A phrase, against the same words apart.
    search_for(
        &reader,
        "security guarantees ",
        "3 posts match “security guarantees”.",
    );
    search_for(
        &reader,
        "\"security guarantees\"",
        "2 posts match “\"security guarantees\"”.",
    );
    assert!(
        !fetched_index_files(&reader).1.is_empty(),
        "a phrase needs where its words stand"
    );
    let titles = reader.browser.texts(".search-results h2");
    assert!(titles.contains(&"Signed at last".to_string()), "{titles:?}");
    assert!(
        !titles.contains(&"Later that year".to_string()),
        "{titles:?}"
    );
    assert!(
        reader
            .browser
            .texts(".search-results .excerpt mark")
            .contains(&"security".to_string()),
        "the excerpt marks the match"
    );

    // Filters, alone and with words.
    search_for(
        &reader,
        "label:diplomacy",
        "2 posts match “label:diplomacy”.",
    );
    search_for(
        &reader,
        "label:diplomacy year:2025 region ",
        "1 post matches “label:diplomacy year:2025 region”.",
    );
    assert_eq!(
        reader.browser.texts(".search-results h2"),
        ["Later that year"]
    );

    // Japanese, written without spaces.
    search_for(&reader, "天気", "1 post matches “天気”.");
    assert_eq!(
        reader.browser.texts(".search-results h2 mark"),
        ["天", "気"]
    );
    search_for(&reader, "気天", "No posts match “気天”.");

    // Many results: the first page, then more on asking.
    search_for(&reader, "notes ", "70 posts match “notes”.");
    assert_eq!(
        reader.browser.texts(".search-results h2").len(),
        quire_search::RESULTS_PAGE
    );
    let before = fetched_index_files(&reader).2.len();
    reader.browser.click(".search-more a");
    reader.browser.wait_for(
        "more results",
        &format!(
            "return document.querySelectorAll('.search-results li').length === {}",
            2 * quire_search::RESULTS_PAGE
        ),
    );
    let after = fetched_index_files(&reader).2.len();
    assert_eq!(
        after - before,
        quire_search::RESULTS_PAGE,
        "only the new results' fragments"
    );
    reader.screenshot("search-many-chunks");
    reader.assert_no_panic();
}

#[test]
fn without_javascript_the_search_page_offers_the_archive_and_the_labels() {
    let reader = Reader::without_javascript_of(site().clone());
    reader.open_page("/search");
    let said = reader.browser.texts(".search-needs-js").join(" ");
    assert!(said.contains("needs JavaScript"), "{said}");
    let links = reader.browser.eval(
        "return [...document.querySelectorAll('.search a')].map(a => a.getAttribute('href'))",
        json!([]),
    );
    let links = links.to_string();
    for wanted in [
        "/archive",
        "/labels/diplomacy",
        "/labels/asia",
        "/labels/notes",
    ] {
        assert!(
            links.contains(&format!("\"{wanted}\"")),
            "{wanted} in {links}"
        );
    }
}

/// The app's files of the search module fetched so far (its script and its wasm).
fn fetched_search_module(reader: &Reader) -> Vec<String> {
    reader.fetched(&format!("/{}", quire_schema::SEARCH_MODULE))
}

#[test]
fn the_search_module_is_fetched_only_when_a_reader_searches() {
    let reader = Reader::of_site(site().clone());
    reader.open("/");
    reader.mark_page();
    assert_eq!(
        fetched_search_module(&reader),
        Vec::<String>::new(),
        "a reader who has not searched fetches no search code"
    );
    reader.browser.click("a[href='/search']");
    reader.browser.wait_for(
        "the search page",
        "return !!document.querySelector('#search-input')",
    );
    search_for(&reader, "nicolas ", "1 post matches “nicolas”.");
    assert!(reader.page_was_kept(), "search opened in place, by the app");
    let fetched = fetched_search_module(&reader);
    assert_eq!(
        fetched.len(),
        2,
        "its script and its wasm, once: {fetched:?}"
    );
    assert!(
        fetched.iter().any(|n| n.ends_with(".js"))
            && fetched.iter().any(|n| n.ends_with("_bg.wasm")),
        "{fetched:?}"
    );
    // Content-named, as the app's own files are: cached for a year.
    let headers = std::fs::read_to_string(site().join("_headers")).expect("_headers");
    let script = fetched
        .iter()
        .find(|n| n.ends_with(".js"))
        .and_then(|n| n.rsplit('/').next())
        .expect("the module's script");
    assert!(
        headers.contains(&format!(
            "/{script}\n  Cache-Control: public, max-age=31536000, immutable"
        )),
        "{headers}"
    );
    search_for(
        &reader,
        "security guarantees ",
        "3 posts match “security guarantees”.",
    );
    assert_eq!(fetched_search_module(&reader).len(), 2, "imported once");
    reader.assert_no_panic();
}

/// The address of the search module's script in the built site.
fn search_module_script() -> String {
    let name = std::fs::read_dir(site())
        .expect("the site")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with(quire_schema::SEARCH_MODULE) && name.ends_with(".js"))
        .expect("the search module's script");
    format!("/{name}")
}

/// Opens search inside the running app with `answer` on the module's script, types
/// a query and returns the failure's headline and button.
fn search_with_module_answering(reader: &Reader, answer: impl Into<Answer>) -> (String, String) {
    reader.host.set_override(&search_module_script(), answer);
    reader.open("/");
    reader.mark_page();
    reader.browser.click("a[href='/search']");
    reader.browser.wait_for(
        "the search page",
        "return !!document.querySelector('#search-input')",
    );
    reader.browser.eval(
        "const e = document.querySelector('#search-input'); e.focus(); e.value = 'nicolas ';
         e.dispatchEvent(new Event('input', {bubbles: true}));",
        json!([]),
    );
    let failure = reader.failure();
    (failure.headline, failure.button)
}

#[test]
fn a_search_module_cut_off_says_offline_and_try_again_recovers() {
    let reader = Reader::of_site(site().clone());
    let (headline, button) = search_with_module_answering(&reader, Answer::HangUp);
    assert_eq!(
        (headline.as_str(), button.as_str()),
        ("You seem to be offline", "Try again")
    );
    reader.host.clear_overrides();
    reader.browser.click("main .load-failed button");
    let script = "const s = document.querySelector('.search-status');                   return s && s.innerText === '1 post matches “nicolas”.'";
    reader
        .browser
        .wait_for("the results after trying again", script);
    assert!(reader.page_was_kept(), "trying again reloaded the page");
    reader.assert_no_panic();
}

#[test]
fn a_search_module_the_host_no_longer_has_asks_for_a_reload() {
    // A tab opened before a redeploy names the old build's module, which is gone.
    let reader = Reader::of_site(site().clone());
    let (headline, button) = search_with_module_answering(
        &reader,
        Canned::new(404, "text/html", "<!doctype html><title>Not found</title>"),
    );
    assert_eq!(
        (headline.as_str(), button.as_str()),
        ("The blog has been updated", "Reload the page")
    );
    reader.assert_no_panic();
}

#[test]
fn a_login_page_instead_of_the_search_module_is_not_the_blogs_content() {
    let reader = Reader::of_site(site().clone());
    let (headline, _) = search_with_module_answering(
        &reader,
        Canned::new(
            200,
            "text/html",
            "<!doctype html><title>Sign in to the Wi-Fi</title>",
        ),
    );
    assert_eq!(headline, "What arrived is not the blog's content");
    reader.assert_no_panic();
}
