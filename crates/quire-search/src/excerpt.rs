//! Showing a result: its text cut into runs, each marked when it is a match, for
//! the view to write as text (never markup); and the few words around the first
//! match in a post's text.

use crate::query::Query;
use crate::text::{fold, tokens, Token};

/// How many words an excerpt shows, and how many of them come before the match.
pub const EXCERPT_WORDS: usize = 30;
const WORDS_BEFORE: usize = 8;

/// A piece of text with its matches marked, and whether it was cut from a longer
/// text at either end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt<'a> {
    pub runs: Vec<(bool, &'a str)>,
    pub cut_before: bool,
    pub cut_after: bool,
}

/// How many bytes of `token` (a word of `text`) the query marks: the whole word,
/// or, for a word being typed, only the part typed.
fn marked_len(text: &str, token: &Token, marks: &[(&str, bool)]) -> Option<usize> {
    let word = &text[token.start..token.end];
    marks
        .iter()
        .filter_map(|&(mark, prefix)| {
            if token.folded == mark {
                Some(word.len())
            } else if prefix && token.folded.starts_with(mark) {
                // The shortest start of the word that folds to at least the prefix.
                word.char_indices()
                    .map(|(i, c)| i + c.len_utf8())
                    .find(|&end| fold(&word[..end]).len() >= mark.len())
            } else {
                None
            }
        })
        .max()
}

/// Runs of `text[from..to]`, with the marked words among `words` marked.
fn runs<'a>(
    text: &'a str,
    words: &[Token],
    marks: &[(&str, bool)],
    from: usize,
    to: usize,
) -> Vec<(bool, &'a str)> {
    let mut runs = Vec::new();
    let mut plain_from = from;
    for token in words {
        if let Some(len) = marked_len(text, token, marks) {
            if plain_from < token.start {
                runs.push((false, &text[plain_from..token.start]));
            }
            runs.push((true, &text[token.start..token.start + len]));
            plain_from = token.start + len;
        }
    }
    if plain_from < to {
        runs.push((false, &text[plain_from..to]));
    }
    runs
}

/// All of `text` with the query's words marked: a title, a summary.
pub fn marked<'a>(text: &'a str, query: &Query) -> Vec<(bool, &'a str)> {
    let words: Vec<Token> = tokens(text).collect();
    runs(text, &words, &query.marks(), 0, text.len())
}

/// About [`EXCERPT_WORDS`] words of `text` around its first match, or `None` when
/// the text has none.
pub fn excerpt<'a>(text: &'a str, query: &Query) -> Option<Excerpt<'a>> {
    let marks = query.marks();
    let words: Vec<Token> = tokens(text).collect();
    let first = words
        .iter()
        .position(|t| marked_len(text, t, &marks).is_some())?;
    let start = first.saturating_sub(WORDS_BEFORE);
    let end = (start + EXCERPT_WORDS).min(words.len());
    let shown = &words[start..end];
    let from = if start == 0 { 0 } else { shown[0].start };
    let to = match words.get(end) {
        // Up to the end of the last word shown, with its closing punctuation.
        Some(_) => text[shown[shown.len() - 1].end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| shown[shown.len() - 1].end + i),
        None => text.len(),
    };
    Some(Excerpt {
        runs: runs(text, shown, &marks, from, to),
        cut_before: start > 0,
        cut_after: to < text.trim_end().len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_whatever_their_case_and_accents() {
        let q = Query::parse("nicolas defend");
        assert_eq!(
            marked("Nicolás defends the DEFEND line", &q),
            [
                (true, "Nicolás"),
                (false, " "),
                (true, "defend"),
                (false, "s the "),
                (true, "DEFEND"),
                (false, " line")
            ]
        );
        assert_eq!(marked("plain", &Query::parse("")), [(false, "plain")]);
        let typing = Query::parse("zür");
        assert_eq!(marked("Zürich", &typing), [(true, "Zür"), (false, "ich")]);
    }

    #[test]
    fn an_excerpt_shows_the_words_around_the_first_match() {
        let text = (1..=100)
            .map(|n| format!("w{n}"))
            .collect::<Vec<_>>()
            .join(" ")
            + ".";
        let q = Query::parse("w50 ");
        let excerpt = excerpt(&text, &q).expect("a match");
        assert!(excerpt.cut_before && excerpt.cut_after);
        let shown: String = excerpt.runs.iter().map(|r| r.1).collect();
        assert!(shown.starts_with("w42 "), "{shown}");
        assert!(shown.ends_with("w71"), "{shown}");
        assert!(excerpt.runs.contains(&(true, "w50")));
        let start = excerpt_of("Short text, match here.", "match");
        assert!(!start.cut_before && !start.cut_after);
        assert!(super::excerpt("nothing", &Query::parse("other")).is_none());
    }

    fn excerpt_of<'a>(text: &'a str, q: &str) -> Excerpt<'a> {
        super::excerpt(text, &Query::parse(q)).expect("a match")
    }
}
