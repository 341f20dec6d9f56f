//! A post's Markdown parsed once, for a builder that needs several things from it:
//! its code blocks (to highlight), its article HTML, its excerpt and its plain
//! text. Parsing is most of the cost of each; the events are kept and read again.
//! The browser renders a post once and streams instead ([`crate::render_with_code`]).

use crate::{excerpt, too_large, writer, CodeBlock, Options, Rendered};
use pulldown_cmark::{Event, Parser};
use std::ops::Range;

/// The events of an article's Markdown, with their places in the text.
pub struct Parsed<'a> {
    events: Vec<(Event<'a>, Range<usize>)>,
    len: usize,
    /// Past the size cap: nothing is parsed, and the article is a message.
    too_large: bool,
}

impl<'a> Parsed<'a> {
    /// Parses `markdown` as an article ([`Options::ARTICLE`]).
    pub fn new(markdown: &'a str) -> Parsed<'a> {
        let too_large = too_large(markdown).is_some();
        let events = if too_large {
            Vec::new()
        } else {
            Parser::new_ext(markdown, crate::extensions(&Options::ARTICLE))
                .into_offset_iter()
                .collect()
        };
        Parsed {
            events,
            len: markdown.len(),
            too_large,
        }
    }

    fn events(&self) -> impl Iterator<Item = Event<'a>> + '_ {
        self.events.iter().map(|(event, _)| event.clone())
    }

    /// As [`crate::code_blocks`].
    pub fn code_blocks(&self) -> Vec<CodeBlock> {
        crate::code_blocks_of(self.events())
    }

    /// As [`crate::render_in`] with [`Options::ARTICLE`]; `markdown` is the text
    /// this was parsed from (for the size cap's message).
    pub fn render(
        &self,
        markdown: &str,
        code: &[Vec<u32>],
        place: crate::Place<'_>,
        pictures: &[quire_schema::Picture],
    ) -> Rendered {
        if self.too_large {
            return crate::render_in(markdown, &Options::ARTICLE, code, place, pictures);
        }
        writer::write(
            self.events.iter().cloned(),
            &Options::ARTICLE,
            code,
            self.len,
            place,
            pictures,
        )
    }

    /// As [`crate::excerpt`].
    pub fn excerpt(&self, max_chars: usize) -> String {
        excerpt::excerpt_of(self.events(), max_chars)
    }

    /// As [`crate::plain_text`].
    pub fn plain_text(&self) -> String {
        excerpt::plain_text_of(self.events())
    }
}

#[cfg(test)]
mod tests {
    use super::Parsed;
    use crate::Options;

    #[test]
    fn one_parse_gives_what_each_separate_call_gives() {
        let markdown = "Intro with *emphasis* and a [link](/posts/x).\n\n## Part\n\n\
                        ```rust\nfn main() {}\n```\n\n![A map](/static/map.png)\n\nEnd.\n";
        let parsed = Parsed::new(markdown);
        let code = vec![vec![0, 12]];
        assert_eq!(parsed.code_blocks(), crate::code_blocks(markdown));
        assert_eq!(
            parsed.render(markdown, &code, crate::Place::AS_WRITTEN, &[]),
            crate::render_with_code(markdown, &Options::ARTICLE, &code)
        );
        assert_eq!(parsed.excerpt(20), crate::excerpt(markdown, 20));
        assert_eq!(parsed.plain_text(), crate::plain_text(markdown));
        let huge = "a".repeat(crate::MAX_MARKDOWN_BYTES + 1);
        let parsed = Parsed::new(&huge);
        assert_eq!(
            parsed.render(&huge, &[], crate::Place::AS_WRITTEN, &[]),
            crate::render(&huge, &Options::ARTICLE)
        );
        assert!(parsed.code_blocks().is_empty());
    }
}
