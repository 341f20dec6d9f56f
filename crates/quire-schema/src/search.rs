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
    /// The hash naming each folder of chunks: chunk `i`, with where its words
    /// stand, is in folder `i / CHUNKS_PER_FOLDER`.
    pub chunk_folders: Vec<String>,
    /// The hash naming each folder of fragments: post `n`'s is in folder
    /// `n / FRAGMENTS_PER_FOLDER`.
    pub fragment_folders: Vec<String>,
}

/// The app's search module, at the site's root as `<SEARCH_MODULE>.js` and
/// `<SEARCH_MODULE>_bg.wasm`: the tokeniser and ranking that read a query, kept out
/// of the app's own wasm and fetched when a reader opens search. It is the name
/// of the module's binary, which Trunk names its files by.
pub const SEARCH_MODULE: &str = "quire-search-module";

/// The app's Markdown module, at the site's root as `<MARKDOWN_MODULE>.js` and
/// `<MARKDOWN_MODULE>_bg.wasm`: the renderer (pulldown-cmark and Quire's writer),
/// kept out of the app's own wasm because a page the app did not render itself
/// never needs it; the app imports it to show a post or a page.
pub const MARKDOWN_MODULE: &str = "quire-markdown-module";

/// How many chunks share a folder, and how many posts' fragments. The index is in
/// folders named by their files' hash, each one immutable, rather than in one
/// folder for the whole index: an edit to one post then moves the folder of its
/// fragment and those of the chunks its words are in, not ten thousand files
/// (to write, upload and have hosts cache again), at the cost of a hash in the
/// manifest per folder, about forty for ten thousand posts.
pub const CHUNKS_PER_FOLDER: usize = 16;
pub const FRAGMENTS_PER_FOLDER: u32 = 256;

impl SearchManifest {
    /// Where chunk `n` is; `None` for a chunk this index does not have.
    pub fn chunk_path(&self, n: usize) -> Option<String> {
        self.chunks.get(n)?;
        let folder = self.chunk_folders.get(n / CHUNKS_PER_FOLDER)?;
        Some(format!("{}/c{n}.json", search_dir(folder)))
    }

    /// Where the words of chunk `n` stand in their posts, for phrases.
    pub fn positions_path(&self, n: usize) -> Option<String> {
        self.chunks.get(n)?;
        let folder = self.chunk_folders.get(n / CHUNKS_PER_FOLDER)?;
        Some(format!("{}/p{n}.json", search_dir(folder)))
    }

    /// Where post `n`'s fragment is; `None` for a post this index does not have.
    pub fn fragment_path(&self, n: u32) -> Option<String> {
        if n >= self.posts {
            return None;
        }
        let folder = self
            .fragment_folders
            .get(usize::try_from(n / FRAGMENTS_PER_FOLDER).ok()?)?;
        Some(format!("{}/f{n}.json", search_dir(folder)))
    }
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

/// The folder of the index's files that hash to `hash`. It is among the hashed
/// bundles: its files never change under their names, so hosts cache them for a
/// year.
pub fn search_dir(hash: &str) -> String {
    format!("{IMMUTABLE_DIR}/s{hash}")
}
