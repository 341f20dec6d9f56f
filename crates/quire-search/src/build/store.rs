//! Where the postings of each term collect while posts are added.
//!
//! Writing each use of a word straight into a list of its own touched a different
//! place in memory for every use (the list's end, and where it was kept), and cost
//! more than everything else indexing does. Uses are therefore logged in order, a
//! batch of posts at a time. Each batch is sorted by term (a counting sort, which
//! keeps post order) and written, packed as the chunks hold it, to the end of three
//! long texts (the two columns of the postings, and the positions): one run per
//! term the batch has. A term's postings are its runs, joined when the index is
//! finished ([`Finished::pack`]).

use crate::postings::{self, Posting};

/// The numbers before a logged use's positions: term, post, fields, count, and
/// how many positions follow.
const HEAD: usize = 5;

/// Posts logged before they are written: every batch is a run for each term it
/// has, so longer batches make fewer, longer runs to join at the end. (At about
/// 8 MB a batch: on 10,000 posts, 512 indexed a tenth faster than 64, and 1,024 or
/// 2,048 little faster again, for more memory.)
const BATCH_POSTS: u32 = 512;

/// The `fields` of a logged filter, which is written as its post alone.
const FILTER: u32 = u32::MAX;

/// Where the three texts stand: where a run ends, or the next begins.
#[derive(Clone, Copy, Default)]
struct Ends {
    deltas: usize,
    counts: usize,
    positions: usize,
}

/// One term's postings from one batch. It starts where the run before it ends.
#[derive(Clone, Copy)]
struct Run {
    term: u32,
    end: Ends,
    /// Not 0 when the run was written by a builder of later posts, joined to this
    /// one, and is the first that builder had of the term: its first post was
    /// written as a distance from post 0, and is a distance from this, the number
    /// after this builder's last post of the term.
    rebase: u32,
}

/// Every term's postings, as runs, and the batch of uses not yet written.
#[derive(Default)]
pub struct Store {
    /// Per term, the number after the last post written (0: none yet), from which
    /// the next is written as a distance.
    after: Vec<u32>,
    deltas: String,
    counts: String,
    positions: String,
    runs: Vec<Run>,
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
        self.after.push(0);
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

    /// Logs that filter `term` has `post`.
    pub fn filter(&mut self, term: u32, post: u32) {
        self.batch.extend_from_slice(&[term, post, FILTER, 0, 0]);
    }

    /// Ends a post: every [`BATCH_POSTS`], the batch is written.
    pub fn end_post(&mut self) {
        self.batch_posts += 1;
        if self.batch_posts == BATCH_POSTS {
            self.flush();
        }
    }

    fn ends(&self) -> Ends {
        Ends {
            deltas: self.deltas.len(),
            counts: self.counts.len(),
            positions: self.positions.len(),
        }
    }

    /// Writes the batch, term by term, each in post order: the batch is copied
    /// grouped by term (a counting sort, whose scattered writes cost less than
    /// scattered reads would), then read straight through.
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
        let mut at = 0;
        while let Some(&[term, post, fields, count, n]) = self.grouped.get(at..at + HEAD) {
            let after = &mut self.after[term as usize];
            if fields == FILTER {
                postings::pack_post(&mut self.deltas, *after, post);
            } else {
                let posting = Posting {
                    post,
                    fields,
                    count,
                };
                postings::pack_posting(&mut self.deltas, &mut self.counts, *after, &posting);
                let places = &self.grouped[at + HEAD..at + HEAD + n as usize];
                postings::pack_positions(&mut self.positions, places);
            }
            *after = post + 1;
            at += HEAD + n as usize;
            // The term's run ends where the next use is of another term.
            if self.grouped.get(at) != Some(&term) {
                let end = self.ends();
                self.runs.push(Run {
                    term,
                    end,
                    rebase: 0,
                });
            }
        }
        for &term in &self.touched {
            self.sizes[term as usize] = 0;
        }
        self.touched.clear();
        self.grouped.clear();
        self.batch.clear();
    }

    /// Writes out the batch and lets go of the room it took (8 MB or so), for a
    /// store that waits to be joined or is kept.
    pub fn release(&mut self) {
        self.flush();
        self.batch = Vec::new();
        self.grouped = Vec::new();
    }

    /// Takes in the store of the builder of the posts that follow this one's (both
    /// flushed), whose term `n` is term `mine[n]` here.
    pub fn join(&mut self, later: &Store, mine: &[u32]) {
        let base = self.ends();
        self.deltas.push_str(&later.deltas);
        self.counts.push_str(&later.counts);
        self.positions.push_str(&later.positions);
        let mut seen = vec![false; later.after.len()];
        for run in &later.runs {
            let term = mine[run.term as usize];
            let first = !std::mem::replace(&mut seen[run.term as usize], true);
            self.runs.push(Run {
                term,
                end: Ends {
                    deltas: base.deltas + run.end.deltas,
                    counts: base.counts + run.end.counts,
                    positions: base.positions + run.end.positions,
                },
                rebase: if first {
                    self.after[term as usize]
                } else {
                    run.rebase
                },
            });
        }
        for (n, &after) in later.after.iter().enumerate() {
            if after != 0 {
                self.after[mine[n] as usize] = after;
            }
        }
    }

    /// The store, flushed, with each term's runs found.
    pub fn finish(mut self) -> Finished {
        self.flush();
        // Each term's runs in order, by a counting sort of them by term.
        let mut starts = vec![0u32; self.after.len() + 1];
        for run in &self.runs {
            starts[run.term as usize + 1] += 1;
        }
        for n in 0..self.after.len() {
            starts[n + 1] += starts[n];
        }
        let mut next = starts.clone();
        let mut order = vec![0u32; self.runs.len()];
        for (n, run) in self.runs.iter().enumerate() {
            let at = &mut next[run.term as usize];
            order[*at as usize] = n as u32;
            *at += 1;
        }
        Finished {
            store: self,
            starts,
            order,
        }
    }
}

/// Every term's postings, ready to be packed for the chunks.
pub struct Finished {
    store: Store,
    /// Term `t`'s runs are `order[starts[t]..starts[t + 1]]`.
    starts: Vec<u32>,
    order: Vec<u32>,
}

impl Finished {
    /// Term `term`'s postings and positions, packed as the chunks hold them (a
    /// filter has no positions, and only one column).
    pub fn pack(&self, term: u32) -> (String, String) {
        let term = term as usize;
        let runs: Vec<(Ends, &Run)> = self.order
            [self.starts[term] as usize..self.starts[term + 1] as usize]
            .iter()
            .map(|&n| self.span(n))
            .collect();
        let size = |of: fn(&Ends) -> usize| -> usize {
            runs.iter().map(|(from, run)| of(&run.end) - of(from)).sum()
        };
        let text = &self.store;
        let mut postings = String::with_capacity(size(|e| e.deltas) + size(|e| e.counts));
        let mut positions = String::with_capacity(size(|e| e.positions));
        for (from, run) in &runs {
            let deltas = &text.deltas[from.deltas..run.end.deltas];
            // (A run holds at least one post, so its first is there to re-base.)
            let rebased = (run.rebase != 0).then(|| postings::split_first(deltas));
            match rebased {
                Some(Ok((first, rest))) => {
                    postings::pack_into(&mut postings, first - run.rebase);
                    postings.push_str(rest);
                }
                _ => postings.push_str(deltas),
            }
            positions.push_str(&text.positions[from.positions..run.end.positions]);
        }
        for (from, run) in &runs {
            postings.push_str(&text.counts[from.counts..run.end.counts]);
        }
        (postings, positions)
    }

    /// Run `n`, and where it starts: where the run written before it ends.
    fn span(&self, n: u32) -> (Ends, &Run) {
        let runs = &self.store.runs;
        let from = match n.checked_sub(1) {
            Some(before) => runs[before as usize].end,
            None => Ends::default(),
        };
        (from, &runs[n as usize])
    }
}
