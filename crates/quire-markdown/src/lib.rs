//! Markdown → HTML for Quire, in plain Rust so that it is tested natively and runs
//! unchanged in the browser.
//!
//! The output is meant for `innerHTML`, so it must be safe whatever the author (or
//! whoever tampered with a bundle) wrote: raw HTML is shown as text, never emitted as
//! markup, and link and image URLs are limited to [`url::is_safe`] ones.

mod excerpt;
mod url;

pub use excerpt::excerpt;
pub use url::is_safe as is_safe_url;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// What a link or image with a refused URL points at instead: nowhere.
const NEUTRALISED_URL: &str = "#";

/// The Markdown dialect Quire accepts: CommonMark plus the extensions authors expect.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders an author's Markdown to HTML that is safe to insert into the page.
pub fn render_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).map(make_safe);
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut out, events);
    out
}

/// Rewrites the events that could carry markup or script into harmless ones.
fn make_safe(event: Event<'_>) -> Event<'_> {
    match event {
        // A raw HTML block becomes a paragraph showing the HTML as text, so the
        // author sees what was not rendered instead of losing it silently.
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if url::is_safe(&url) {
        url
    } else {
        CowStr::Borrowed(NEUTRALISED_URL)
    }
}

#[cfg(test)]
mod tests;
