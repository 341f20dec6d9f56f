//! What a reader typed, read as a query: words, phrases in quotes, filters
//! (`label:europe`, `year:2026`), and the last word as a prefix while it is still
//! being typed.

use crate::build::{label_filter, year_filter};
use crate::text::tokens;

/// Clauses past this many are ignored: a longer query is a sentence.
pub const MAX_CLAUSES: usize = 8;
/// The word being typed matches longer words only from this many letters: one
/// letter would match a good part of the index.
pub const MIN_PREFIX_CHARS: usize = 2;

/// One thing every result must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word, folded.
    Word(String),
    /// The start of a word: the last word while the reader is still typing it.
    Prefix(String),
    /// Words one after the other: a quoted phrase, a hyphenated word, or text in a
    /// script written without spaces.
    Phrase(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    /// Filter terms (see [`label_filter`], [`year_filter`]) every result must have.
    pub filters: Vec<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut query = Query::default();
        let mut pieces: Vec<(&str, bool)> = Vec::new();
        for (i, part) in text.split('"').enumerate() {
            // Every other part is inside quotes (an unclosed quote runs to the end).
            if i % 2 == 1 {
                pieces.push((part, true));
            } else {
                pieces.extend(part.split_whitespace().map(|w| (w, false)));
            }
        }
        let typing = !text.ends_with(char::is_whitespace) && !text.ends_with('"');
        let last = pieces.len().saturating_sub(1);
        for (i, (piece, quoted)) in pieces.into_iter().enumerate() {
            if !quoted {
                if let Some(filter) = filter(piece) {
                    query.filters.push(filter);
                    continue;
                }
            }
            let mut words: Vec<String> = tokens(piece).map(|t| t.folded).collect();
            let clause = match words.len() {
                0 => continue,
                1 => {
                    let word = words.remove(0);
                    if typing && !quoted && i == last && word.chars().count() >= MIN_PREFIX_CHARS {
                        Clause::Prefix(word)
                    } else {
                        Clause::Word(word)
                    }
                }
                _ => Clause::Phrase(words),
            };
            if query.clauses.len() < MAX_CLAUSES && !query.clauses.contains(&clause) {
                query.clauses.push(clause);
            }
        }
        query.filters.sort_unstable();
        query.filters.dedup();
        query
    }

    /// Nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty() && self.filters.is_empty()
    }

    /// The folded words a result marks, and whether each may be a word's start.
    pub fn marks(&self) -> Vec<(&str, bool)> {
        self.clauses
            .iter()
            .flat_map(|clause| match clause {
                Clause::Word(w) => vec![(w.as_str(), false)],
                Clause::Prefix(p) => vec![(p.as_str(), true)],
                Clause::Phrase(words) => words.iter().map(|w| (w.as_str(), false)).collect(),
            })
            .collect()
    }
}

/// `label:x` or `year:2026` as its filter term.
fn filter(piece: &str) -> Option<String> {
    let (name, value) = piece.split_once(':')?;
    match name.to_lowercase().as_str() {
        "label" if !value.is_empty() => Some(label_filter(value)),
        "year" => value
            .parse::<i32>()
            .ok()
            .filter(|y| (1..=9999).contains(y))
            .map(year_filter),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Clause::*;

    fn w(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn words_phrases_filters_and_the_word_being_typed() {
        let q = Query::parse(r#"Arctic "security guarantee" label:Europe year:2026 Nicolás"#);
        assert_eq!(
            q.clauses,
            [
                Word(w("arctic")),
                Phrase(vec![w("security"), w("guarantee")]),
                Prefix(w("nicolas"))
            ]
        );
        assert_eq!(q.filters, ["#label:europe", "#year:2026"]);
        assert_eq!(
            Query::parse("greenl ").clauses,
            [Word(w("greenl"))],
            "a finished word"
        );
        assert_eq!(
            Query::parse("a").clauses,
            [Word(w("a"))],
            "too short to expand"
        );
        assert_eq!(
            Query::parse("東京").clauses,
            [Phrase(vec![w("東"), w("京")])]
        );
        assert_eq!(
            Query::parse("year:soon label: x").clauses,
            [Word(w("year:soon")), Word(w("label")), Word(w("x"))],
            "not filters: searched as words"
        );
        assert!(Query::parse("  \"\" ... ").is_empty());
        let long = Query::parse("a b c d e f g h i j k");
        assert_eq!(long.clauses.len(), MAX_CLAUSES);
        assert_eq!(
            Query::parse(r#""unclosed phrase"#).clauses,
            [Phrase(vec![w("unclosed"), w("phrase")])]
        );
    }
}
