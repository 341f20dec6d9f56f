//! Where the postings of each term collect while posts are added.
//!
//! Writing each use of a word straight into its term's list touched a different
//! place in memory for every use, and cost more than everything else indexing
//! does. Uses are therefore logged in order, a batch of posts at a time, and each
//! batch is then sorted by term (a counting sort, which keeps post order) and
//! written term by term.

use crate::postings::{self, Posting};

/// The numbers before a logged use's positions: term, post, fields, count, and
/// how many positions follow.
const HEAD: usize = 5;

/// Posts logged before their uses are written to the terms: each flush touches
/// most of a large blog's terms once, so a longer batch writes more uses per
/// touch (256 missed the processor's caches a tenth less often than 64, at about
/// 4 MB a batch).
const BATCH_POSTS: u32 = 256;

/// Numbers as LEB128 bytes: a large blog's index is held in memory while it is
/// built, and most of its numbers fit in one byte.
#[derive(Default)]
pub struct Packed(Vec<u8>);

impl Packed {
    fn push(&mut self, mut n: u32) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn extend(&mut self, numbers: &[u32]) {
        for &n in numbers {
            self.push(n);
        }
    }

    /// The first number, and the bytes of the rest.
    fn split_first(&self) -> Option<(u32, &[u8])> {
        let end = self.0.iter().position(|b| b & 0x80 == 0)?;
        let mut n = 0u32;
        for (i, &b) in self.0[..=end].iter().enumerate() {
            n |= u32::from(b & 0x7F) << (7 * i);
        }
        Some((n, &self.0[end + 1..]))
    }
}

/// A term's postings so far. A word's are, for each post, the numbers of
/// [`postings::push`] followed by those of [`postings::push_positions`]; a
/// filter's are only the post deltas.
#[derive(Default)]
pub struct Postings {
    last: Option<u32>,
    data: Packed,
}

impl Postings {
    /// Appends `later`'s postings, all of posts after this one's: its first post
    /// was written as a distance from post 0, and is written again as one from
    /// this one's last.
    pub fn append(&mut self, later: Postings) {
        let (Some(last), Some((first, rest))) = (self.last, later.data.split_first()) else {
            *self = later;
            return;
        };
        self.data.push(first - (last + 1));
        self.data.0.extend_from_slice(rest);
        self.last = later.last;
    }

    /// The postings and the positions, packed as the chunks hold them (a filter
    /// has no positions), read straight from the bytes.
    pub fn pack(&self, filter: bool) -> (String, String) {
        let mut found = String::with_capacity(self.data.0.len());
        let mut positions = String::with_capacity(if filter { 0 } else { self.data.0.len() });
        // A word's numbers for one post: two postings, then how many positions
        // follow, then those.
        let (mut read, mut positions_left) = (0u32, 0u32);
        let (mut n, mut shift) = (0u32, 0);
        for &b in &self.data.0 {
            n |= u32::from(b & 0x7F) << shift;
            if b & 0x80 != 0 {
                shift += 7;
                continue;
            }
            if filter || read < 2 {
                postings::pack_into(&mut found, n);
                read += 1;
            } else {
                postings::pack_into(&mut positions, n);
                if read == 2 {
                    (read, positions_left) = (3, n);
                } else {
                    positions_left -= 1;
                }
                if positions_left == 0 {
                    read = 0;
                }
            }
            (n, shift) = (0, 0);
        }
        (found, positions)
    }
}

/// Every term's postings, and the batch of uses not yet written to them.
#[derive(Default)]
pub struct Store {
    pub terms: Vec<Postings>,
    /// Uses in post order: `[term, post, fields, count, n, n positions]`.
    batch: Vec<u32>,
    batch_posts: u32,
    /// Per term: the size of its uses in the batch, then where they go in
    /// `grouped`.
    sizes: Vec<u32>,
    touched: Vec<u32>,
    grouped: Vec<u32>,
}

impl Store {
    pub fn new_term(&mut self) {
        self.terms.push(Postings::default());
        self.sizes.push(0);
    }

    /// Logs a post's use of word `term`, with where it stands (ascending).
    pub fn record(&mut self, term: u32, posting: &Posting, positions: &[u32]) {
        self.batch.extend_from_slice(&[
            term,
            posting.post,
            posting.fields,
            posting.count,
            positions.len() as u32,
        ]);
        self.batch.extend_from_slice(positions);
    }

    /// Writes that filter `term` has `post`: filters are few per post, so they
    /// are written at once.
    pub fn filter(&mut self, term: u32, post: u32) {
        let entry = &mut self.terms[term as usize];
        entry.data.push(post - entry.last.map_or(0, |p| p + 1));
        entry.last = Some(post);
    }

    /// Ends a post: every [`BATCH_POSTS`], the batch is written.
    pub fn end_post(&mut self) {
        self.batch_posts += 1;
        if self.batch_posts == BATCH_POSTS {
            self.flush();
        }
    }

    /// Writes the batch to the terms, term by term, each in post order: the
    /// batch is copied grouped by term (a counting sort, whose scattered writes
    /// cost less than scattered reads would), then read straight through.
    pub fn flush(&mut self) {
        self.batch_posts = 0;
        let mut at = 0;
        while let Some(&[term, .., n]) = self.batch.get(at..at + HEAD) {
            let size = &mut self.sizes[term as usize];
            if *size == 0 {
                self.touched.push(term);
            }
            *size += HEAD as u32 + n;
            at += HEAD + n as usize;
        }
        let mut start = 0;
        for &term in &self.touched {
            let size = &mut self.sizes[term as usize];
            (start, *size) = (start + *size, start);
        }
        self.grouped.resize(self.batch.len(), 0);
        let mut at = 0;
        while let Some(&[term, .., n]) = self.batch.get(at..at + HEAD) {
            let len = HEAD + n as usize;
            let next = &mut self.sizes[term as usize];
            let to = *next as usize;
            self.grouped[to..to + len].copy_from_slice(&self.batch[at..at + len]);
            *next += len as u32;
            at += len;
        }
        let mut numbers = Vec::new();
        let mut at = 0;
        while let Some(record) = self.grouped.get(at..at + HEAD) {
            let (term, n) = (record[0] as usize, record[4] as usize);
            let entry = &mut self.terms[term];
            let posting = Posting {
                post: record[1],
                fields: record[2],
                count: record[3],
            };
            numbers.clear();
            postings::push(&mut numbers, entry.last, &posting);
            postings::push_positions(&mut numbers, &self.grouped[at + HEAD..at + HEAD + n]);
            entry.data.extend(&numbers);
            entry.last = Some(posting.post);
            at += HEAD + n;
        }
        for &term in &self.touched {
            self.sizes[term as usize] = 0;
        }
        self.touched.clear();
        self.grouped.clear();
        self.batch.clear();
    }
}
