//! Making the index: posts are added in order to a [`Builder`] (several, for runs
//! of posts on several threads, joined in order), which at the end splits the
//! sorted terms into chunks of about [`CHUNK_BYTES`].

mod store;

use crate::postings::{Posting, IN_LABELS, IN_TITLE, MAX_POSITIONS};
use crate::text::{fold_into, words};
use hashbrown::HashTable;
use quire_schema::{SearchChunk, FORMAT_VERSION};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;
use store::{Finished, Store};

/// About how large a chunk's JSON grows before the next begins: about 5 KB over
/// the wire, so that a query costs little more than the chunks of its words. (A
/// word whose postings alone are larger has a chunk of its own.) Smaller chunks
/// make a longer manifest, which is fetched as the search page opens.
pub const CHUNK_BYTES: usize = 10 * 1024;

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

/// A word's use in the post being added.
#[derive(Clone, Copy)]
struct Use {
    term: u32,
    fields: u32,
    count: u32,
}

/// The index in the making, for a run of posts added in order, newest first.
/// Builders of the runs that follow are [joined](Builder::join) to it, so that a
/// large blog is indexed on every core.
#[derive(Default)]
pub struct Builder {
    /// The number of the first post: the posts before it are another builder's.
    first: u32,
    posts: u32,
    words: u64,
    /// Each post's length in words.
    lengths: Vec<u32>,
    /// Each term's number here: a word is folded and looked up once per use, and
    /// allocated only the first time the blog has it. A term of up to 16 bytes
    /// (nearly every word) is its own key ([`short_key`]), compared without
    /// following a pointer: these lookups are most of what indexing costs. The
    /// table holds only numbers, the keys are in `keys` by number: a table of keys
    /// outgrew the processor's nearer caches, and missed them on most lookups,
    /// where the keys of the common words, numbered first, stay in them together.
    short: HashTable<u32>,
    keys: Vec<u128>,
    long: FxHashMap<Box<str>, u32>,
    /// By number: each term, and (in the store) its postings. Sorted only when
    /// finished.
    names: Vec<Box<str>>,
    store: Store,
    /// Per term, the last post (counted here, from 1) that used it, and where its
    /// use is in `uses`: a post's words are gathered without a map of their own.
    seen_in: Vec<u32>,
    use_of: Vec<u32>,
    /// The post being added: its words' uses, and for each word read (title, then
    /// text), which use it was.
    uses: Vec<Use>,
    read: Vec<u32>,
    folded: String,
    /// Where each use's kept positions start in `kept` (and, while they are being
    /// filled, where the next goes).
    starts: Vec<u32>,
    next: Vec<u32>,
    kept: Vec<u32>,
}

/// `term` as one number when it has at most 16 bytes: its bytes, then zeros. No
/// word has a zero byte, so no two terms share a key.
fn short_key(term: &str) -> Option<u128> {
    let bytes = term.as_bytes();
    let mut key = [0u8; 16];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(key))
}

/// The [`short_key`] of `word` folded, when `word` is ASCII and at most 16 bytes
/// (folding such a word only lowercases it): all sixteen bytes are lowercased at
/// once, as one number, rather than one by one.
fn ascii_key(word: &str) -> Option<u128> {
    const ONES: u128 = u128::MAX / 255;
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut key = [0u8; 16];
    for (k, &b) in key.iter_mut().zip(bytes) {
        *k = b;
    }
    let key = u128::from_le_bytes(key);
    if key & (ONES * 0x80) != 0 {
        return None;
    }
    // Every byte is below 0x80, so no sum carries into the next byte: a byte's
    // top bit says whether it is at least `A`, and at least the byte after `Z`.
    let from_a = key + ONES * (0x80 - u128::from(b'A'));
    let after_z = key + ONES * (0x80 - u128::from(b'Z') - 1);
    let upper = from_a & !after_z & (ONES * 0x80);
    Some(key | (upper >> 2))
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
    /// Each post's length ([`crate::postings::encode_lengths`]).
    pub lengths: String,
}

impl Builder {
    /// A builder for posts numbered from `first` on.
    pub fn starting_at(first: u32) -> Builder {
        Builder {
            first,
            ..Builder::default()
        }
    }

    /// The number of `term`, made if new.
    fn term(&mut self, term: &str) -> u32 {
        match short_key(term) {
            Some(key) => self.short_term(key, || term.into()),
            None => {
                if let Some(&id) = self.long.get(term) {
                    return id;
                }
                let id = self.new_term(term.into());
                self.long.insert(term.into(), id);
                id
            }
        }
    }

    /// The number of the term whose [`short_key`] is `key`, made if new with the
    /// name `name` gives.
    fn short_term(&mut self, key: u128, name: impl FnOnce() -> Box<str>) -> u32 {
        let hash = FxBuildHasher.hash_one(key);
        let keys = &self.keys;
        if let Some(&id) = self.short.find(hash, |&id| keys[id as usize] == key) {
            return id;
        }
        let id = self.new_term(name());
        self.keys[id as usize] = key;
        let keys = &self.keys;
        self.short
            .insert_unique(hash, id, |&id| FxBuildHasher.hash_one(keys[id as usize]));
        id
    }

    fn new_term(&mut self, name: Box<str>) -> u32 {
        let id = self.names.len() as u32;
        self.names.push(name);
        // A long term's key is never looked up: 0 is no word's.
        self.keys.push(0);
        self.store.new_term();
        self.seen_in.push(0);
        self.use_of.push(0);
        id
    }

    /// The use, in the post being added, of `word` (folded here).
    fn use_of(&mut self, word: &str) -> usize {
        // Nearly every word is short and ASCII: its folded key is made straight
        // from its bytes, with no folded copy.
        let id = match ascii_key(word) {
            Some(key) => self.short_term(key, || word.to_ascii_lowercase().into()),
            None => {
                fold_into(&mut self.folded, word);
                let folded = std::mem::take(&mut self.folded);
                let id = self.term(&folded);
                self.folded = folded;
                id
            }
        } as usize;
        if self.seen_in[id] != self.posts {
            self.seen_in[id] = self.posts;
            self.use_of[id] = self.uses.len() as u32;
            self.uses.push(Use {
                term: id as u32,
                fields: 0,
                count: 0,
            });
        }
        self.use_of[id] as usize
    }

    /// Adds the next post. Its title's words come first, then one position left
    /// empty so that no phrase runs from the title into the text.
    pub fn add(&mut self, post: &Post) {
        let number = self.first + self.posts;
        self.posts += 1;
        self.uses.clear();
        self.read.clear();
        for (_, word) in words(post.title) {
            let at = self.use_of(word);
            self.uses[at].fields |= IN_TITLE;
            self.uses[at].count += 1;
            self.read.push(at as u32);
        }
        let title_words = self.read.len() as u32;
        for label in post.labels {
            for (_, word) in words(label) {
                let at = self.use_of(word);
                self.uses[at].fields |= IN_LABELS;
            }
        }
        for (_, word) in words(post.text) {
            let at = self.use_of(word);
            self.uses[at].count += 1;
            self.read.push(at as u32);
        }
        let post_words = self.read.len() as u32 + 1;
        self.words += u64::from(post_words);
        self.lengths.push(post_words);
        self.keep_positions(title_words);
        for (n, u) in self.uses.iter().enumerate() {
            let posting = Posting {
                post: number,
                fields: u.fields,
                count: u.count,
            };
            let kept = &self.kept[self.starts[n] as usize..self.starts[n + 1] as usize];
            self.store.record(u.term, &posting, kept);
        }
        let mut filters: Vec<String> = post.labels.iter().map(|l| label_filter(l)).collect();
        filters.push(year_filter(post.year));
        // A label given twice is one filter.
        filters.sort_unstable();
        filters.dedup();
        for filter in filters {
            let id = self.term(&filter);
            self.store.filter(id, number);
        }
        self.store.end_post();
    }

    /// For each use of the post being added, where its word stands, into `kept`
    /// from `starts[use]`: the first [`MAX_POSITIONS`], ascending. The title's
    /// words are at 0, 1 …, the text's after one left empty.
    fn keep_positions(&mut self, title_words: u32) {
        let uses = self.uses.len();
        self.starts.clear();
        self.starts.resize(uses + 1, 0);
        for &at in &self.read {
            let n = &mut self.starts[at as usize + 1];
            if (*n as usize) < MAX_POSITIONS {
                *n += 1;
            }
        }
        for n in 0..uses {
            self.starts[n + 1] += self.starts[n];
        }
        self.kept.clear();
        self.kept.resize(self.starts[uses] as usize, 0);
        self.next.clear();
        self.next.extend_from_slice(&self.starts[..uses]);
        for (n, &at) in self.read.iter().enumerate() {
            let at = at as usize;
            let next = &mut self.next[at];
            if *next < self.starts[at + 1] {
                let n = n as u32;
                self.kept[*next as usize] = if n < title_words { n } else { n + 1 };
                *next += 1;
            }
        }
    }

    /// Writes out what the builder has not yet, and lets go of the room adding
    /// posts takes: many runs of posts built at once, to be joined or kept, then
    /// hold only their terms and postings. (More posts may still be added.)
    pub fn settle(&mut self) {
        self.store.release();
        self.uses = Vec::new();
        self.read = Vec::new();
        self.starts = Vec::new();
        self.next = Vec::new();
        self.kept = Vec::new();
    }

    /// Takes in the builder of the posts that follow this one's, which is left as
    /// it was (but for writing out what it had not yet): the live preview keeps
    /// each run's builder, and joins them again after a save re-indexes one.
    pub fn join(&mut self, later: &mut Builder) {
        debug_assert_eq!(later.first, self.first + self.posts);
        self.posts += later.posts;
        self.words += later.words;
        self.lengths.extend_from_slice(&later.lengths);
        self.store.flush();
        later.store.flush();
        let mine: Vec<u32> = later.names.iter().map(|term| self.term(term)).collect();
        self.store.join(&later.store, &mine);
    }

    /// The index, packed on this thread (see [`Builder::into_terms`] for more).
    pub fn finish(self) -> Index {
        let terms = self.into_terms();
        let packed = terms.terms.iter().map(|term| terms.pack(term)).collect();
        Index::of(terms, packed)
    }

    /// Every term with its postings, sorted: pack each ([`Terms::pack`], on any
    /// thread), then cut them into chunks ([`Index::of`]).
    pub fn into_terms(self) -> Terms {
        let mut terms: Vec<Term> = self
            .names
            .into_iter()
            .zip(0..)
            .map(|(name, id)| Term { name, id })
            .collect();
        terms.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Terms {
            posts: self.posts,
            mean_words: u32::try_from(self.words / u64::from(self.posts.max(1)))
                .unwrap_or(u32::MAX),
            lengths: self.lengths,
            terms,
            postings: self.store.finish(),
        }
    }
}

/// The index's terms, sorted, before they are packed.
pub struct Terms {
    pub posts: u32,
    pub mean_words: u32,
    /// Each post's length in words.
    pub lengths: Vec<u32>,
    pub terms: Vec<Term>,
    postings: Finished,
}

/// A term, and its number in the builder.
pub struct Term {
    name: Box<str>,
    id: u32,
}

/// A term and its postings and positions as a chunk holds them.
pub struct PackedTerm {
    name: String,
    postings: String,
    positions: String,
}

impl Terms {
    /// `term`'s postings and positions, packed.
    pub fn pack(&self, term: &Term) -> PackedTerm {
        let (postings, positions) = self.postings.pack(term.id);
        PackedTerm {
            name: term.name.to_string(),
            postings,
            positions,
        }
    }
}

impl Index {
    /// The index of `of`'s posts from its terms, sorted and `packed`, in chunks of
    /// about [`CHUNK_BYTES`].
    pub fn of(of: Terms, packed: Vec<PackedTerm>) -> Index {
        let chunk = || SearchChunk {
            format: FORMAT_VERSION,
            terms: Vec::new(),
        };
        let mut index = Index {
            chunks: Vec::new(),
            positions: Vec::new(),
            firsts: Vec::new(),
            posts: of.posts,
            mean_words: of.mean_words,
            lengths: crate::postings::encode_lengths(&of.lengths),
        };
        let mut size = 0;
        for term in packed {
            let term_size = term.name.len() + 8 + term.postings.len();
            if index.chunks.is_empty() || size + term_size > CHUNK_BYTES {
                size = 0;
                index.firsts.push(term.name.clone());
                index.chunks.push(chunk());
                index.positions.push(chunk());
            }
            size += term_size;
            if let (Some(chunk), Some(at)) = (index.chunks.last_mut(), index.positions.last_mut()) {
                if !term.positions.is_empty() {
                    at.terms.push((term.name.clone(), term.positions));
                }
                chunk.terms.push((term.name, term.postings));
            }
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::{ascii_key, short_key};
    use crate::text::fold;

    #[test]
    fn an_ascii_words_key_is_the_key_of_the_word_folded() {
        // Every ASCII byte, at every place in words of every length up to 16 and
        // beyond, so that the bytes around `A`, `Z`, `a`, `z` and 0x7F are all met.
        for byte in 1u8..0x80 {
            for len in 1..=17 {
                for at in 0..len {
                    let mut word = vec![b'q'; len];
                    word[at] = byte;
                    let word = String::from_utf8(word).unwrap_or_default();
                    let expected = (word.len() <= 16)
                        .then(|| short_key(&fold(&word)))
                        .flatten();
                    assert_eq!(ascii_key(&word), expected, "{word:?}");
                }
            }
        }
        assert_eq!(ascii_key("Nicolás"), None);
        assert_eq!(ascii_key("MiXeD-Case_09@"), short_key("mixed-case_09@"));
    }
}
