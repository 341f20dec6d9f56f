//! Plain-text excerpts for the feed and lists, taken from the rendered text so that
//! no Markdown syntax leaks into them.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The first `max_chars` characters of the post's prose, cut at a word and ended with
/// "…" when cut. Headings, code and footnote definitions are left out.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    excerpt_of(article_events(markdown), max_chars)
}

/// All the post's words as plain text, headings included, code blocks left out: what
/// search looks through.
pub fn plain_text(markdown: &str) -> String {
    plain_text_of(article_events(markdown))
}

fn article_events(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, super::extensions(&super::Options::ARTICLE))
}

/// [`excerpt`] of events already parsed.
pub(crate) fn excerpt_of<'a>(events: impl Iterator<Item = Event<'a>>, max_chars: usize) -> String {
    let text = prose(events, false, Some(max_chars + 1));
    cut_at_word(collapse_spaces(&text), max_chars)
}

/// [`plain_text`] of events already parsed.
pub(crate) fn plain_text_of<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    collapse_spaces(&prose(events, true, None))
}

/// The text of the post's prose, up to about `limit` characters.
fn prose<'a>(
    events: impl Iterator<Item = Event<'a>>,
    with_headings: bool,
    limit: Option<usize>,
) -> String {
    let mut text = String::new();
    let mut skip_depth = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) if with_headings => {}
            Event::End(TagEnd::Heading(_)) if with_headings => text.push(' '),
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::FootnoteDefinition(_)) => {
                skip_depth += 1
            }
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::FootnoteDefinition) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Text(t) | Event::Code(t) if skip_depth == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if skip_depth == 0 => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) if skip_depth == 0 => text.push(' '),
            _ => {}
        }
        // Bytes first: counting characters is the slow part.
        if limit.is_some_and(|limit| text.len() > limit && text.chars().count() > limit) {
            break;
        }
    }
    text
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cut_at_word(text: String, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}
