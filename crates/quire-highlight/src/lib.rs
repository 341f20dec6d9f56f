//! Syntax highlighting for code blocks, run by the bundler, never in the browser.
//!
//! A small lexer per language family (comments, strings, numbers, keywords,
//! literals, type names) is enough to make code readable; [`highlight`] returns runs
//! of [`Kind`] that the renderer turns into classed spans. Unknown languages get
//! `None` and stay plain.

mod languages;

use languages::Language;

/// What a run of code is. The numbers are the bundle format: keep them stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Plain = 0,
    Keyword = 1,
    String = 2,
    Comment = 3,
    Number = 4,
    Literal = 5,
    Type = 6,
}

/// Runs of `(kind, byte length)` that together cover `code` exactly, or `None` for a
/// language we do not know.
pub fn highlight(language: &str, code: &str) -> Option<Vec<(Kind, usize)>> {
    let language = languages::find(language)?;
    Some(Lexer::new(language, code).runs())
}

struct Lexer<'a> {
    language: &'static Language,
    code: &'a str,
    at: usize,
    runs: Vec<(Kind, usize)>,
}

impl<'a> Lexer<'a> {
    fn new(language: &'static Language, code: &'a str) -> Lexer<'a> {
        Lexer {
            language,
            code,
            at: 0,
            runs: Vec::new(),
        }
    }

    fn runs(mut self) -> Vec<(Kind, usize)> {
        while self.at < self.code.len() {
            let rest = &self.code[self.at..];
            let (kind, len) = self.token(rest);
            // Never stall, and never split a character.
            let len = len.max(rest.chars().next().map_or(1, char::len_utf8));
            self.push(kind, len);
        }
        self.runs
    }

    fn push(&mut self, kind: Kind, len: usize) {
        self.at += len;
        match self.runs.last_mut() {
            Some((last, n)) if *last == kind => *n += len,
            _ => self.runs.push((kind, len)),
        }
    }

    fn previous_char(&self) -> Option<char> {
        self.code[..self.at].chars().next_back()
    }

    fn token(&self, rest: &str) -> (Kind, usize) {
        let lang = self.language;
        let at_word_start = self
            .previous_char()
            .is_none_or(|c| c.is_whitespace() || "([{;|&".contains(c));
        for marker in lang.line_comments {
            let hash_needs_space = *marker == "#" && lang.hash_comment_needs_word_start;
            if rest.starts_with(marker) && (!hash_needs_space || at_word_start) {
                return (Kind::Comment, rest.find('\n').unwrap_or(rest.len()));
            }
        }
        for (open, close) in lang.block_comments {
            if let Some(body) = rest.strip_prefix(open) {
                let len = body
                    .find(close)
                    .map_or(rest.len(), |i| open.len() + i + close.len());
                return (Kind::Comment, len);
            }
        }
        for delimiter in lang.long_strings {
            if let Some(body) = rest.strip_prefix(delimiter) {
                let len = body
                    .find(delimiter)
                    .map_or(rest.len(), |i| 2 * delimiter.len() + i);
                return (Kind::String, len);
            }
        }
        let first = rest.chars().next().unwrap_or(' ');
        if lang.quotes.contains(&first) {
            if first == '\'' && lang.apostrophe_lifetimes && !is_char_literal(rest) {
                return (Kind::Plain, 1);
            }
            return (Kind::String, string_len(rest, first));
        }
        let ident_prev = self
            .previous_char()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if first.is_ascii_digit() && !ident_prev {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            return (Kind::Number, len);
        }
        if (first.is_alphabetic() || first == '_') && !ident_prev {
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || lang.word_chars.contains(c)))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            let kind = if lang.keywords.contains(&word) {
                Kind::Keyword
            } else if lang.literals.contains(&word) {
                Kind::Literal
            } else if lang.capitalised_types && first.is_uppercase() {
                Kind::Type
            } else {
                Kind::Plain
            };
            return (kind, len);
        }
        (Kind::Plain, first.len_utf8())
    }
}

/// A quoted string with backslash escapes, ending at its quote or, for strings that
/// never close, at the end of the line.
fn string_len(rest: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == quote => return i + c.len_utf8(),
            '\n' if quote != '`' => return i,
            _ => {}
        }
    }
    rest.len()
}

/// In Rust `'a'` and `'\n'` are characters but `'a` is a lifetime.
fn is_char_literal(rest: &str) -> bool {
    let mut chars = rest.chars().skip(1);
    matches!(
        (chars.next(), chars.next()),
        (Some('\\'), _) | (Some(_), Some('\''))
    )
}

#[cfg(test)]
mod tests;
