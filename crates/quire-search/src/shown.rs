//! What a search shows, worked out where the query is read: each result's title
//! and excerpt as runs of text, the matches marked. The app's search module sends
//! this to the view, so the view never needs the tokeniser (and the app's wasm
//! never carries it: see `crates/quire-search-module`).

use crate::excerpt::{excerpt, marked};
use crate::query::Query;
use quire_schema::{Date, SearchFragment};
use serde::{Deserialize, Serialize};

/// A run of text, marked when the query matched it. Written as text, never markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub marked: bool,
    pub text: String,
}

/// One result as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownHit {
    pub slug: String,
    pub date: Date,
    pub title: Vec<Run>,
    /// The words around the first match in the post's text; the summary, whole,
    /// when the text holds none.
    pub excerpt: Vec<Run>,
    pub cut_before: bool,
    pub cut_after: bool,
    /// The post bundle's hashed name, for the app to fetch it by.
    pub bundle: String,
}

/// What a query found: how many posts match, and the first of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    /// The query as typed.
    pub query: String,
    pub found: usize,
    pub hits: Vec<ShownHit>,
}

/// What a query ranked: how many posts match, and the fragment files of the first
/// of them, best first, for the app to fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub found: usize,
    pub fragments: Vec<String>,
}

/// The version of the interface between the app and its search module (the calls
/// and these types), which each checks of the other: a tab opened before a new
/// build may meet the new module. Raise it with any change to either.
pub const MODULE_API: u32 = 2;

fn owned(runs: Vec<(bool, &str)>) -> Vec<Run> {
    runs.into_iter()
        .map(|(marked, text)| Run {
            marked,
            text: text.to_string(),
        })
        .collect()
}

/// `fragments` (the first results of `found`) with what `typed` matches marked.
pub fn show(typed: &str, found: usize, fragments: Vec<SearchFragment>) -> Shown {
    let query = Query::parse(typed);
    let hits = fragments
        .into_iter()
        .map(|hit| {
            let (excerpt, cut_before, cut_after) = match excerpt(&hit.text, &query) {
                Some(cut) => (owned(cut.runs), cut.cut_before, cut.cut_after),
                None => (owned(marked(&hit.summary, &query)), false, false),
            };
            ShownHit {
                title: owned(marked(&hit.title, &query)),
                excerpt,
                cut_before,
                cut_after,
                slug: hit.slug,
                date: hit.date,
                bundle: hit.bundle,
            }
        })
        .collect();
    Shown {
        query: typed.to_string(),
        found,
        hits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragment(title: &str, summary: &str, text: &str) -> SearchFragment {
        SearchFragment {
            format: quire_schema::FORMAT_VERSION,
            slug: "a-post".into(),
            title: title.into(),
            date: "2026-01-27".parse().expect("a date"),
            labels: vec![],
            summary: summary.into(),
            text: text.into(),
            bundle: "data/h/1.json".into(),
        }
    }

    fn text(runs: &[Run]) -> String {
        runs.iter()
            .map(|r| {
                if r.marked {
                    format!("[{}]", r.text)
                } else {
                    r.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn results_come_marked_with_the_summary_when_the_text_has_no_match() {
        let long = format!(
            "{}Ports of Europe. {}",
            "Before. ".repeat(12),
            "After. ".repeat(30)
        );
        let shown = show(
            "europe",
            7,
            vec![
                fragment("Europe at sea", "A summary.", &long),
                fragment("Quiet", "Europe, briefly.", "No match here."),
            ],
        );
        assert_eq!((shown.query.as_str(), shown.found), ("europe", 7));
        let [cut, whole] = &shown.hits[..] else {
            panic!("two hits: {shown:?}")
        };
        assert_eq!(text(&cut.title), "[Europe] at sea");
        assert!(cut.cut_before && cut.cut_after);
        assert!(text(&cut.excerpt).contains("Ports of [Europe]."));
        assert_eq!(text(&whole.excerpt), "[Europe], briefly.");
        assert!(!whole.cut_before && !whole.cut_after);
        assert_eq!(whole.bundle, "data/h/1.json");
    }
}
