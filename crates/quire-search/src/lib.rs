//! Search for a Quire blog, in plain Rust: the builder makes the index with it and
//! the app answers queries with it, so both read words alike.
//!
//! - [`text`]: the one tokeniser (Unicode word boundaries, case and diacritics
//!   folded, ideographs as words of their own);
//! - [`build`]: each post's words, then the index as chunks split by prefix;
//! - [`postings`]: how a term's postings are written in a chunk;
//! - [`query`]: what a reader typed, as words, phrases, filters and a prefix;
//! - [`rank`]: which chunks a query needs, and the posts it finds, best first;
//! - [`excerpt`]: the matches marked, and the words around the first;
//! - [`shown`]: the results as the reader sees them, marked, ready for the view.
//!
//! The file layout is `quire-schema`'s (`SearchManifest`, `SearchChunk`,
//! `SearchFragment`).

pub mod build;
pub mod excerpt;
pub mod postings;
pub mod query;
pub mod rank;
pub mod shown;
pub mod text;

pub use build::{Builder, Index, PackedTerm, Post, Term, Terms};
pub use excerpt::{excerpt, marked, Excerpt};
pub use query::{Clause, Query};
pub use rank::{chunks_for, positions_for, search, Found};
pub use shown::{show, Ranked, Run, Shown, ShownHit, MODULE_API};

/// How many results a search shows at first, and how many more each "More
/// results" adds: each costs a fragment of about a kilobyte, and six is as many
/// requests as a browser makes at once to a host without HTTP/2.
pub const RESULTS_PAGE: usize = 6;
/// The most results one page shows, however many the address asks for.
pub const MAX_RESULTS_SHOWN: usize = 32 * RESULTS_PAGE;

/// How many results to show for the address's `n`: a whole number of
/// [`RESULTS_PAGE`]s, at most [`MAX_RESULTS_SHOWN`].
pub fn results_shown(n: Option<&str>) -> usize {
    let asked = n
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(RESULTS_PAGE);
    asked
        .div_ceil(RESULTS_PAGE)
        .clamp(1, MAX_RESULTS_SHOWN / RESULTS_PAGE)
        * RESULTS_PAGE
}

#[cfg(test)]
mod tests;
