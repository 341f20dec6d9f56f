//! Making the index: each post's words are worked out on their own (on any thread,
//! [`PostWords::of`]), then added in post order to a [`Builder`], which splits the
//! sorted terms into chunks of about [`CHUNK_BYTES`].

use crate::postings::{self, Posting, IN_LABELS, IN_TITLE, MAX_POSITIONS};
use crate::text::{fold_into, words};
use quire_schema::{SearchChunk, FORMAT_VERSION};
use rustc_hash::FxHashMap;

/// About how large a chunk's JSON grows before the next begins: a few KB over the
/// wire, so that a query costs little more than the chunks of its words.
pub const CHUNK_BYTES: usize = 24 * 1024;

/// What the index needs of a post.
pub struct Post<'a> {
    pub title: &'a str,
    pub labels: &'a [String],
    pub year: i32,
    /// The post's plain text.
    pub text: &'a str,
}

/// The filter term for posts with `label`: no word has a `#`, so filters and words
/// never meet, and filters sort first.
pub fn label_filter(label: &str) -> String {
    format!("#label:{}", label.to_lowercase())
}

/// The filter term for posts of `year`.
pub fn year_filter(year: i32) -> String {
    format!("#year:{year}")
}

/// A word's uses in one post: fields, count, positions.
type Uses = (u32, u32, Vec<u32>);

/// The uses of `word` in `found`, made if new. The word is folded into `folded`, a
/// buffer: only a word's first use in the post allocates.
fn use_of<'a>(
    found: &'a mut FxHashMap<String, Uses>,
    folded: &mut String,
    word: &str,
) -> Option<&'a mut Uses> {
    fold_into(folded, word);
    if !found.contains_key(folded.as_str()) {
        found.insert(folded.clone(), Uses::default());
    }
    found.get_mut(folded.as_str())
}

/// One post's words with where they are, and its filters.
pub struct PostWords {
    words: u32,
    terms: Vec<(String, u32, u32, Vec<u32>)>,
    filters: Vec<String>,
}

impl PostWords {
    /// The title's words come first, then one position left empty so that no phrase
    /// runs from the title into the text.
    pub fn of(post: &Post) -> PostWords {
        let mut found: FxHashMap<String, Uses> = FxHashMap::default();
        let mut folded = String::new();
        let mut position = 0u32;
        for (_, word) in words(post.title) {
            if let Some(e) = use_of(&mut found, &mut folded, word) {
                e.0 |= IN_TITLE;
                e.1 += 1;
                e.2.push(position);
            }
            position += 1;
        }
        position += 1;
        for label in post.labels {
            for (_, word) in words(label) {
                if let Some(e) = use_of(&mut found, &mut folded, word) {
                    e.0 |= IN_LABELS;
                }
            }
        }
        for (_, word) in words(post.text) {
            if let Some(e) = use_of(&mut found, &mut folded, word) {
                e.1 += 1;
                if e.2.len() < MAX_POSITIONS {
                    e.2.push(position);
                }
            }
            position += 1;
        }
        let mut filters: Vec<String> = post.labels.iter().map(|l| label_filter(l)).collect();
        filters.push(year_filter(post.year));
        // A label given twice is one filter.
        filters.sort_unstable();
        filters.dedup();
        PostWords {
            words: position,
            terms: found
                .into_iter()
                .map(|(term, (fields, count, positions))| (term, fields, count, positions))
                .collect(),
            filters,
        }
    }
}

/// Numbers as LEB128 bytes: a large blog's index is held in memory while it is
/// built, and most of its numbers fit in one byte.
#[derive(Default)]
struct Packed(Vec<u8>);

impl Packed {
    fn extend(&mut self, numbers: &[u32]) {
        for &n in numbers {
            let mut n = n;
            while n >= 0x80 {
                self.0.push((n as u8) | 0x80);
                n >>= 7;
            }
            self.0.push(n as u8);
        }
    }

    fn numbers(&self) -> Vec<u32> {
        let mut numbers = Vec::with_capacity(self.0.len());
        let (mut n, mut shift) = (0u32, 0);
        for &b in &self.0 {
            n |= u32::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                numbers.push(n);
                (n, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
        numbers
    }
}

/// A term's postings and positions so far.
#[derive(Default)]
struct Postings {
    last: Option<u32>,
    postings: Packed,
    positions: Packed,
}

/// The index in the making; posts are added newest first.
#[derive(Default)]
pub struct Builder {
    posts: u32,
    words: u64,
    /// Sorted only once, when finished: a sorted map's lookups for every word of
    /// every post were most of the time a large blog's index took.
    terms: FxHashMap<String, Postings>,
}

/// The finished index: its chunks and their positions, with what the manifest
/// says of them.
pub struct Index {
    pub chunks: Vec<SearchChunk>,
    /// For each chunk, where its words stand in their posts.
    pub positions: Vec<SearchChunk>,
    /// The first term of each chunk.
    pub firsts: Vec<String>,
    pub posts: u32,
    pub mean_words: u32,
}

impl Builder {
    pub fn add(&mut self, post: PostWords) {
        let number = self.posts;
        self.posts += 1;
        self.words += u64::from(post.words);
        let mut numbers = Vec::new();
        for (term, fields, count, positions) in post.terms {
            let entry = self.terms.entry(term).or_default();
            numbers.clear();
            let posting = Posting {
                post: number,
                fields,
                words: post.words,
                count,
            };
            postings::push(&mut numbers, entry.last, &posting);
            entry.postings.extend(&numbers);
            numbers.clear();
            postings::push_positions(&mut numbers, &positions);
            entry.positions.extend(&numbers);
            entry.last = Some(number);
        }
        for filter in post.filters {
            let entry = self.terms.entry(filter).or_default();
            let delta = number - entry.last.map_or(0, |p| p + 1);
            entry.postings.extend(&[delta]);
            entry.last = Some(number);
        }
    }

    pub fn finish(self) -> Index {
        let chunk = || SearchChunk {
            format: FORMAT_VERSION,
            terms: Vec::new(),
        };
        let mut index = Index {
            chunks: Vec::new(),
            positions: Vec::new(),
            firsts: Vec::new(),
            posts: self.posts,
            mean_words: u32::try_from(self.words / u64::from(self.posts.max(1)))
                .unwrap_or(u32::MAX),
        };
        let mut terms: Vec<(String, Postings)> = self.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut size = 0;
        for (term, entry) in terms {
            let numbers = postings::pack(&entry.postings.numbers());
            let term_size = term.len() + 8 + numbers.len();
            if index.chunks.is_empty() || size + term_size > CHUNK_BYTES {
                size = 0;
                index.firsts.push(term.clone());
                index.chunks.push(chunk());
                index.positions.push(chunk());
            }
            size += term_size;
            let positions = postings::pack(&entry.positions.numbers());
            if let (Some(chunk), Some(at)) = (index.chunks.last_mut(), index.positions.last_mut()) {
                if !positions.is_empty() {
                    at.terms.push((term.clone(), positions));
                }
                chunk.terms.push((term, numbers));
            }
        }
        index
    }
}
