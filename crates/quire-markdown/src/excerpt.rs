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
    cut_at_word(prose(events, false, Some(max_chars + 1)), max_chars)
}

/// [`plain_text`] of events already parsed.
pub(crate) fn plain_text_of<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    prose(events, true, None)
}

/// The text of the post's prose, each run of white space one space, up to about
/// `limit` characters.
fn prose<'a>(
    events: impl Iterator<Item = Event<'a>>,
    with_headings: bool,
    limit: Option<usize>,
) -> String {
    let mut text = Collapsed::default();
    let mut skip_depth = 0usize;
    // Characters counted so far, in the text's first `counted` bytes: the text
    // only grows, so each piece is counted once.
    let (mut counted, mut chars) = (0, 0);
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) if with_headings => {}
            Event::End(TagEnd::Heading(_)) if with_headings => text.space(),
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::FootnoteDefinition(_)) => {
                skip_depth += 1
            }
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::FootnoteDefinition) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            Event::Text(t) | Event::Code(t) if skip_depth == 0 => text.push(&t),
            Event::SoftBreak | Event::HardBreak if skip_depth == 0 => text.space(),
            Event::End(TagEnd::Paragraph | TagEnd::Item) if skip_depth == 0 => text.space(),
            _ => {}
        }
        // Bytes first: no more characters than bytes, and counting is the slow part.
        if let Some(limit) = limit.filter(|limit| text.text.len() > *limit) {
            chars += text.text.get(counted..).unwrap_or_default().chars().count();
            counted = text.text.len();
            if chars > limit {
                break;
            }
        }
    }
    text.text
}

/// Text gathered a piece at a time with each run of white space, within a piece
/// or across pieces, as one space, and none at either end: as if the pieces were
/// joined, then split at white space and joined with single spaces. Done as the
/// text is gathered, not after: that second pass, with its list of words, was
/// most of the cost of a post's plain text.
#[derive(Default)]
struct Collapsed {
    text: String,
    /// White space since the last word: a space before the next one.
    space: bool,
}

impl Collapsed {
    fn push(&mut self, piece: &str) {
        // (See `words` for why not `split_whitespace`.)
        let (mut word, mut at) = (0, 0);
        while let Some((c, width)) = crate::words::char_at(piece, at) {
            if c.is_whitespace() {
                // (Both ends are where characters start.)
                self.word(piece.get(word..at).unwrap_or_default());
                self.space = true;
                word = at + width;
            }
            at += width;
        }
        self.word(piece.get(word..).unwrap_or_default());
    }

    /// Adds `word` (no white space in it, maybe empty): joined to the word
    /// before unless there was white space between them.
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push_str(word);
    }

    fn space(&mut self) {
        self.space = true;
    }
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

#[cfg(test)]
mod tests {
    use super::Collapsed;

    #[test]
    fn collapsing_as_text_is_gathered_is_splitting_and_joining_after() {
        let cases: &[&[&str]] = &[
            &["one", "two"],
            &["one ", "two"],
            &[" one", " ", "two ", ""],
            &["", "  \t\n", "word\u{a0}\u{2003}next", "\u{3000}", "last"],
            &["a\r\nb", "c", " d  e "],
            &["né", "é", "\u{85}x"],
            &[],
        ];
        for pieces in cases {
            let mut collapsed = Collapsed::default();
            for piece in *pieces {
                collapsed.push(piece);
            }
            let joined = pieces.concat();
            let expected = joined.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapsed.text, expected, "{pieces:?}");
        }
        let mut spaced = Collapsed::default();
        spaced.push("end");
        spaced.space();
        spaced.push("next");
        spaced.space();
        assert_eq!(spaced.text, "end next");
    }
}
