//! Searching the index: every word of the query must begin a word of the post's
//! title, labels or text. Plain Rust, so it is tested natively and runs unchanged in
//! the browser.

use crate::{SearchEntry, SearchIndex};

/// The query's words, lowercased; at most 8, since a longer query is a sentence.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect()
}

fn starts_a_word(haystack: &str, term: &str) -> bool {
    haystack
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.to_lowercase().starts_with(term))
}

impl SearchIndex {
    /// The posts matching every term, best first: a term in the title counts most,
    /// then in a label, then in the text; ties keep the newer post first.
    pub fn search(&self, terms: &[String]) -> Vec<&SearchEntry> {
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u32, usize, &SearchEntry)> = self
            .posts
            .iter()
            .enumerate()
            .filter_map(|(i, post)| {
                let mut score = 0;
                for term in terms {
                    let in_title = starts_a_word(&post.title, term);
                    let in_label = post.labels.iter().any(|l| starts_a_word(l, term));
                    let in_text = post.words.split(' ').any(|w| w.starts_with(term.as_str()));
                    if !(in_title || in_label || in_text) {
                        return None;
                    }
                    score += 4 * u32::from(in_title) + 2 * u32::from(in_label) + u32::from(in_text);
                }
                Some((score, i, post))
            })
            .collect();
        hits.sort_by_key(|&(score, i, _)| (std::cmp::Reverse(score), i));
        hits.into_iter().map(|(_, _, post)| post).collect()
    }
}

/// `text` cut into runs, each marked when it is a match: a word's beginning that
/// one of `terms` names. For showing matches highlighted, as text, never markup.
pub fn highlight<'a>(text: &'a str, terms: &[String]) -> Vec<(bool, &'a str)> {
    let mut runs = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < text.len() {
        let at_word_start = text[i..].chars().next().is_some_and(char::is_alphanumeric)
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
        let matched = at_word_start
            .then(|| {
                terms
                    .iter()
                    .filter_map(|term| match_len(&text[i..], term))
                    .max()
            })
            .flatten();
        match matched {
            Some(len) => {
                if plain_from < i {
                    runs.push((false, &text[plain_from..i]));
                }
                runs.push((true, &text[i..i + len]));
                i += len;
                plain_from = i;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < text.len() {
        runs.push((false, &text[plain_from..]));
    }
    runs
}

/// How many bytes of `text` spell `term` (lowercased) at its start.
fn match_len(text: &str, term: &str) -> Option<usize> {
    let mut wanted = term.chars();
    let mut len = 0;
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        loop {
            match (lower.next(), wanted.clone().next()) {
                (Some(l), Some(w)) if l == w => {
                    wanted.next();
                }
                (Some(_), Some(_)) => return None,
                (None, _) => break,
                (Some(_), None) => return Some(len),
            }
        }
        len += c.len_utf8();
        if wanted.clone().next().is_none() {
            return Some(len);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, FORMAT_VERSION};

    fn entry(title: &str, labels: &[&str], words: &str) -> SearchEntry {
        SearchEntry {
            slug: title.to_lowercase().replace(' ', "-"),
            title: title.into(),
            date: Date::new(2026, 1, 1).unwrap(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            excerpt: String::new(),
            words: words.into(),
            bundle: String::new(),
        }
    }

    #[test]
    fn every_term_must_match_and_titles_rank_first() {
        let index = SearchIndex {
            format: FORMAT_VERSION,
            posts: vec![
                entry("Defence budgets", &["europe"], "money tanks"),
                entry("Arctic news", &["greenland"], "defence of the arctic"),
                entry("Cooking", &[], "bread"),
            ],
        };
        let titles = |q: &str| -> Vec<String> {
            index
                .search(&terms(q))
                .iter()
                .map(|e| e.title.clone())
                .collect()
        };
        assert_eq!(titles("defen"), ["Defence budgets", "Arctic news"]);
        assert_eq!(titles("DEFENCE arctic"), ["Arctic news"]);
        assert_eq!(titles("greenl"), ["Arctic news"]);
        assert!(titles("fence").is_empty(), "words match from their start");
        assert!(titles("  ").is_empty());
    }

    #[test]
    fn matches_are_marked_at_word_starts_whatever_the_case() {
        let runs = highlight(
            "Défense and the DEFENDERS, undefended",
            &terms("déf defend"),
        );
        assert_eq!(
            runs,
            [
                (true, "Déf"),
                (false, "ense and the "),
                (true, "DEFEND"),
                (false, "ERS, undefended")
            ]
        );
        assert_eq!(highlight("plain", &[]), [(false, "plain")]);
    }
}
