//! The search index as files: a small manifest, the terms in chunks split by
//! prefix (and, apart, where each stands in its posts, which only phrases need), and one small fragment per post to show it as a result. A query fetches
//! the manifest, the chunks holding its terms and the fragments of the results it
//! shows, nothing else. How terms and postings are made and read is `quire-search`'s.

use crate::{Date, IMMUTABLE_DIR};
use serde::{Deserialize, Serialize};

/// The index's front page: `data/search.json`, and under its hashed name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchManifest {
    pub format: u32,
    /// The folder of this index's chunks and fragments, from the site root.
    pub dir: String,
    /// How many posts are indexed; post `n` is the `n`-th newest.
    pub posts: u32,
    /// How many words a post has on average, which ranking weighs lengths against.
    pub mean_words: u32,
    /// Each post's length in words, which ranking weighs, packed by `quire-search`:
    /// written once here rather than in every list of postings the post is in.
    pub lengths: String,
    /// The first term of each chunk, in order: chunk `i` holds the terms from
    /// `chunks[i]` up to, not including, `chunks[i + 1]`.
    pub chunks: Vec<String>,
}

/// Some terms of the index, each with its postings (encoded by `quire-search`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchChunk {
    pub format: u32,
    /// Each term with its postings, packed into a string of digits.
    pub terms: Vec<(String, String)>,
}

/// What a result shows of one post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchFragment {
    pub format: u32,
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub labels: Vec<String>,
    /// The post's summary, shown when its text does not hold the match.
    pub summary: String,
    /// The start of the post's text, to show the words around a match.
    pub text: String,
    /// The post bundle's hashed name.
    pub bundle: String,
}

/// Chunk `n` of the index in `dir`.
pub fn search_chunk_path(dir: &str, n: usize) -> String {
    format!("{dir}/c{n}.json")
}

/// Where the words of chunk `n` stand in their posts, for phrases.
pub fn search_positions_path(dir: &str, n: usize) -> String {
    format!("{dir}/p{n}.json")
}

/// The fragment of post `n` of the index in `dir`.
pub fn search_fragment_path(dir: &str, n: u32) -> String {
    format!("{dir}/f{n}.json")
}

/// The folder of an index whose files hash to `hash`. It is among the hashed
/// bundles: its files never change under their names, so hosts cache them for a
/// year.
pub fn search_dir(hash: &str) -> String {
    format!("{IMMUTABLE_DIR}/s{hash}")
}
