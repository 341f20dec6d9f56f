//! The Markdown module: the renderer, kept out of the app's wasm. A reader on a
//! prerendered post never fetches it (the app takes the page's own rendering); a
//! reader who follows a link to a post fetches it once; and when it cannot come,
//! the reader is told why, as for any bundle.

use quire_e2e::{json, Answer, Canned, Reader};

const ARTICLE: &str = "/posts/europe-ukraine-security-guarantees-defense-boost";
const TITLE: &str = "Europe Pushes for Ukraine Security Guarantees and Defense Boost: A Pivotal Moment in European Security";

/// The module's files the page has fetched so far (its script and its wasm).
fn fetched_module(reader: &Reader) -> Vec<String> {
    reader.fetched(&format!("/{}", quire_schema::MARKDOWN_MODULE))
}

/// The address of the module's script in the built site.
fn module_script(reader: &Reader) -> String {
    let name = std::fs::read_dir(&reader.site)
        .expect("the site")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with(quire_schema::MARKDOWN_MODULE) && name.ends_with(".js"))
        .expect("the Markdown module's script");
    format!("/{name}")
}

#[test]
fn a_prerendered_post_with_comments_is_taken_over_without_the_renderer() {
    // The synthetic blog's post-24 has comments with a reply, whose Markdown the
    // app would otherwise render too. (That the markup stays the same, table of
    // contents and reading time included, is `prerendered.rs`'s to check.)
    let reader = Reader::of_many_posts();
    reader.open("/posts/post-24");
    assert_eq!(fetched_module(&reader), Vec::<String>::new());
    let shown = reader.browser.eval(
        "return [document.querySelectorAll('.page-root .comment-body p').length > 1,
                 document.querySelectorAll('.page-root .prose h2').length > 0,
                 document.querySelector('.page-root .reading-time').innerText]",
        json!([]),
    );
    assert_eq!(shown[0], json!(true), "{shown}");
    assert_eq!(shown[1], json!(true), "{shown}");
    assert!(
        shown[2].as_str().is_some_and(|t| t.ends_with("min read")),
        "{shown}"
    );
    reader.assert_no_panic();
}

#[test]
fn a_post_the_app_shows_itself_brings_the_renderer_once() {
    let reader = Reader::new();
    reader.arrive_at(ARTICLE);
    assert_eq!(reader.article_title(), TITLE);
    assert!(reader.page_was_kept(), "followed in place, by the app");
    // Rendered here: the article's Markdown has headings and paragraphs.
    let headings = reader.browser.eval(
        "return document.querySelectorAll('.page-root .prose h2[id^=\"sec-\"]').length",
        json!([]),
    );
    assert!(headings.as_u64().is_some_and(|n| n > 0), "{headings}");
    let fetched = fetched_module(&reader);
    assert_eq!(fetched.len(), 2, "its script and its wasm: {fetched:?}");
    reader.browser.click("nav a[href='/']");
    reader.wait_for_feed();
    reader
        .browser
        .click(".feed-entry a[href='/posts/trump-greenland-gambit']");
    reader.article_title();
    assert_eq!(fetched_module(&reader).len(), 2, "imported once");
    reader.assert_no_panic();
}

/// Follows a link from the home page to the article with `answer` on the module's
/// script, and returns the failure's headline and button.
fn post_with_module_answering(reader: &Reader, answer: impl Into<Answer>) -> (String, String) {
    reader.host.set_override(&module_script(reader), answer);
    reader.arrive_at(ARTICLE);
    let failure = reader.failure();
    assert!(reader.page_was_kept(), "the failure is shown in place");
    (failure.headline, failure.button)
}

#[test]
fn a_renderer_cut_off_says_offline_and_try_again_recovers() {
    let reader = Reader::new();
    let (headline, button) = post_with_module_answering(&reader, Answer::HangUp);
    assert_eq!(
        (headline.as_str(), button.as_str()),
        ("You seem to be offline", "Try again")
    );
    reader.host.clear_overrides();
    reader.browser.click("main .load-failed button");
    assert_eq!(reader.article_title(), TITLE);
    assert!(reader.page_was_kept(), "trying again reloaded the page");
    reader.assert_no_panic();
}

#[test]
fn a_renderer_the_host_no_longer_has_asks_for_a_reload() {
    // A tab opened before a redeploy names the old build's module, which is gone.
    let reader = Reader::new();
    let (headline, button) = post_with_module_answering(
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
fn a_login_page_instead_of_the_renderer_is_not_the_blogs_content() {
    let reader = Reader::new();
    let (headline, button) = post_with_module_answering(
        &reader,
        Canned::new(
            200,
            "text/html",
            "<!doctype html><title>Sign in to the Wi-Fi</title>",
        ),
    );
    assert_eq!(
        (headline.as_str(), button.as_str()),
        ("What arrived is not the blog's content", "Try again")
    );
    reader.assert_no_panic();
}
