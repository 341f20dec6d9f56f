//! The home feed a page at a time, on a synthetic blog of 25 posts: ten a page,
//! newest first, each page at its own address, whole with or without the app.

use quire_e2e::Reader;

fn titles(reader: &Reader) -> Vec<String> {
    reader.browser.texts(".feed-entry h2")
}

fn wait_for_first(reader: &Reader, title: &str) {
    reader.browser.wait_for(
        title,
        &format!(
            "const h = document.querySelector('.page-root .feed-entry h2'); return h && h.innerText === '{title}'"
        ),
    );
}

#[test]
fn older_posts_are_a_page_away_and_each_page_has_an_address() {
    let reader = Reader::of_many_posts();
    reader.open("/");
    let first = titles(&reader);
    assert_eq!(first.len(), 10);
    assert_eq!(
        (first[0].as_str(), first[9].as_str()),
        ("Post 25", "Post 16")
    );
    assert_eq!(reader.browser.texts(".pager span"), ["Page 1 of 3"]);
    assert!(reader.browser.texts(".pager a[rel=prev]").is_empty());

    reader.mark_page();
    reader.browser.click(".pager a[rel=next]");
    wait_for_first(&reader, "Post 15");
    assert!(reader.browser.url().ends_with("/page/2"));
    assert!(reader.browser.title().starts_with("Page 2 · "));
    assert_eq!(titles(&reader).len(), 10);
    reader.browser.click(".pager a[rel=next]");
    wait_for_first(&reader, "Post 5");
    assert_eq!(titles(&reader).len(), 5);
    assert!(reader.browser.texts(".pager a[rel=next]").is_empty());
    reader.browser.click(".pager a[rel=prev]");
    wait_for_first(&reader, "Post 15");
    reader.browser.click(".pager a[rel=prev]");
    wait_for_first(&reader, "Post 25");
    assert!(reader.page_was_kept(), "paging stayed inside the app");
    reader.screenshot("feed-pager");

    // A page's address works on its own, and back goes back.
    reader.open("/page/3");
    assert_eq!(titles(&reader).first().map(String::as_str), Some("Post 5"));
    reader.browser.back();
    wait_for_first(&reader, "Post 25");
    reader.assert_no_panic();
}

#[test]
fn a_page_past_the_last_says_so() {
    let reader = Reader::of_many_posts();
    reader.open_page("/page/9");
    reader.browser.wait_for(
        "a not-found message",
        "const h = document.querySelector('.page-root main h1, .page-root main h2'); return h && /not found/i.test(h.innerText)",
    );
    reader.assert_no_panic();
}
