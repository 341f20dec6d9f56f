//! Answering a query from the chunks it needs: which chunks those are, which posts
//! match every clause and filter, and in what order (BM25, with a word in the title
//! or the labels counting as several in the text).

use crate::postings::{self, Damaged, Posting, IN_LABELS, IN_TITLE};
use crate::query::{Clause, Query};
use quire_schema::{SearchChunk, SearchManifest};
use std::collections::{BTreeSet, HashMap};

/// How many chunks the word being typed may draw on: the one it falls in and the
/// next, so that a short prefix never fetches a good part of the index, and a
/// first query on a slow network waits for no more than two chunks.
pub const MAX_PREFIX_CHUNKS: usize = 2;
/// BM25's usual constants: how fast repeated use stops counting, and how much a
/// post's length does.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A word in the title counts as this many uses in the text; in the labels, as
/// [`LABEL_WEIGHT`].
const TITLE_WEIGHT: f32 = 4.0;
const LABEL_WEIGHT: f32 = 2.0;

/// The chunk that holds `term`, if any may.
fn chunk_of(manifest: &SearchManifest, term: &str) -> Option<usize> {
    manifest
        .chunks
        .partition_point(|first| first.as_str() <= term)
        .checked_sub(1)
}

/// The chunks `query` needs, by number.
pub fn chunks_for(manifest: &SearchManifest, query: &Query) -> BTreeSet<usize> {
    let mut needed = BTreeSet::new();
    let words = query.clauses.iter().flat_map(|clause| match clause {
        Clause::Word(w) | Clause::Prefix(w) => std::slice::from_ref(w),
        Clause::Phrase(words) => words.as_slice(),
    });
    for term in words.chain(&query.filters) {
        needed.extend(chunk_of(manifest, term));
    }
    for clause in &query.clauses {
        if let Clause::Prefix(prefix) = clause {
            // An empty index has no chunks at all.
            let Some(from) =
                chunk_of(manifest, prefix).or((!manifest.chunks.is_empty()).then_some(0))
            else {
                continue;
            };
            let more = manifest.chunks[from + 1..]
                .iter()
                .take_while(|first| first.starts_with(prefix.as_str()))
                .count();
            needed.extend(from..=from + more.min(MAX_PREFIX_CHUNKS - 1));
        }
    }
    needed
}

/// The positions chunks `query` needs, by number: those of its phrases' words.
pub fn positions_for(manifest: &SearchManifest, query: &Query) -> BTreeSet<usize> {
    query
        .clauses
        .iter()
        .filter_map(|clause| match clause {
            Clause::Phrase(words) => Some(words),
            _ => None,
        })
        .flatten()
        .filter_map(|word| chunk_of(manifest, word))
        .collect()
}

/// What a query found: every matching post, best first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub posts: Vec<u32>,
}

/// The posts matching `query`, from `chunks` and `positions` (those
/// [`chunks_for`] and [`positions_for`] named; others may be there too).
pub fn search(
    manifest: &SearchManifest,
    chunks: &[&SearchChunk],
    positions: &[&SearchChunk],
    query: &Query,
) -> Result<Found, Damaged> {
    let terms = lookup(chunks);
    let places = lookup(positions);
    let ranker = Ranker {
        posts: manifest.posts.max(1) as f32,
        mean_words: manifest.mean_words.max(1) as f32,
        lengths: postings::decode_lengths(&manifest.lengths)?,
    };
    let mut allowed: Option<BTreeSet<u32>> = None;
    for filter in &query.filters {
        let posts: BTreeSet<u32> = match terms.get(filter.as_str()) {
            Some(data) => postings::decode_posts(&postings::unpack(data)?)?
                .into_iter()
                .collect(),
            None => BTreeSet::new(),
        };
        allowed = Some(match allowed {
            Some(before) => before.intersection(&posts).copied().collect(),
            None => posts,
        });
    }
    // Scores are kept in post order, as postings are: clauses meet by merging.
    let mut scores: Option<Vec<(u32, f32)>> = None;
    for clause in &query.clauses {
        let clause_scores = match clause {
            Clause::Word(word) => ranker.word(postings_of(&terms, word)?),
            Clause::Prefix(prefix) => {
                // Each post's best score among the words that start so, in an
                // array by post: a map hashed every post of every such word.
                let mut best: Vec<f32> = Vec::new();
                for (term, data) in &terms {
                    if term.starts_with(prefix.as_str()) && !term.starts_with('#') {
                        let numbers = postings::unpack(data)?;
                        for (post, score) in ranker.word(postings::decode(&numbers)?) {
                            let at = post as usize;
                            if at >= ranker.lengths.len() {
                                return Err(Damaged);
                            }
                            if best.is_empty() {
                                best = vec![f32::NAN; ranker.lengths.len()];
                            }
                            best[at] = best[at].max(score);
                        }
                    }
                }
                (0u32..)
                    .zip(best)
                    .filter(|(_, score)| !score.is_nan())
                    .collect()
            }
            Clause::Phrase(words) => {
                let mut each = Vec::new();
                for word in words {
                    let postings = postings_of(&terms, word)?;
                    let at = match places.get(word.as_str()) {
                        Some(data) => postings::decode_positions(&postings::unpack(data)?)?,
                        None => Vec::new(),
                    };
                    if at.len() != postings.len() {
                        return Err(Damaged);
                    }
                    each.push(postings.into_iter().zip(at).collect());
                }
                ranker.phrase(&each)
            }
        };
        scores = Some(match scores {
            None => clause_scores,
            Some(before) => both(&before, &clause_scores),
        });
    }
    let mut ranked: Vec<(u32, f32)> = match (scores, allowed) {
        (Some(scores), Some(allowed)) => scores
            .into_iter()
            .filter(|(post, _)| allowed.contains(post))
            .collect(),
        (Some(scores), None) => scores,
        (None, Some(allowed)) => allowed.into_iter().map(|post| (post, 0.0)).collect(),
        (None, None) => Vec::new(),
    };
    // Best first; between equals, the newer post (the lower number).
    ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Found {
        posts: ranked.into_iter().map(|(post, _)| post).collect(),
    })
}

/// The posts in both `a` and `b` (each in post order), with their scores added.
fn both(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while let (Some(&(pa, sa)), Some(&(pb, sb))) = (a.get(i), b.get(j)) {
        match pa.cmp(&pb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((pa, sa + sb));
                (i, j) = (i + 1, j + 1);
            }
        }
    }
    out
}

fn lookup<'a>(chunks: &[&'a SearchChunk]) -> HashMap<&'a str, &'a str> {
    chunks
        .iter()
        .flat_map(|chunk| &chunk.terms)
        .map(|(term, data)| (term.as_str(), data.as_str()))
        .collect()
}

fn postings_of(terms: &HashMap<&str, &str>, word: &str) -> Result<Vec<Posting>, Damaged> {
    match terms.get(word) {
        Some(data) => postings::decode(&postings::unpack(data)?),
        None => Ok(Vec::new()),
    }
}

struct Ranker {
    posts: f32,
    mean_words: f32,
    /// Each post's length in words.
    lengths: Vec<u32>,
}

impl Ranker {
    /// Rarer words weigh more.
    fn idf(&self, with: usize) -> f32 {
        let with = with as f32;
        (1.0 + (self.posts - with + 0.5) / (with + 0.5)).ln()
    }

    fn bm25(&self, idf: f32, uses: f32, post: u32) -> f32 {
        let words = self
            .lengths
            .get(post as usize)
            .map_or(self.mean_words, |&n| n.max(1) as f32);
        let length = 1.0 - B + B * words / self.mean_words;
        idf * uses * (K1 + 1.0) / (uses + K1 * length)
    }

    /// Each post's score for a word, in post order.
    fn word(&self, postings: Vec<Posting>) -> Vec<(u32, f32)> {
        let idf = self.idf(postings.len());
        postings
            .into_iter()
            .map(|p| {
                let mut uses = p.count as f32;
                if p.fields & IN_TITLE != 0 {
                    uses += TITLE_WEIGHT;
                }
                if p.fields & IN_LABELS != 0 {
                    uses += LABEL_WEIGHT;
                }
                (p.post, self.bm25(idf, uses, p.post))
            })
            .collect()
    }

    /// Posts where the words stand one after another, by how often they do: each
    /// word's postings with where it stands.
    fn phrase(&self, each: &[Vec<(Posting, Vec<u32>)>]) -> Vec<(u32, f32)> {
        let Some((first, rest)) = each.split_first() else {
            return Vec::new();
        };
        let rest: Vec<HashMap<u32, &Vec<u32>>> = rest
            .iter()
            .map(|word| word.iter().map(|(p, at)| (p.post, at)).collect())
            .collect();
        let mut found = Vec::new();
        for (posting, places) in first {
            let others: Option<Vec<&Vec<u32>>> =
                rest.iter().map(|m| m.get(&posting.post).copied()).collect();
            let Some(others) = others else { continue };
            let uses = places
                .iter()
                .filter(|&&at| {
                    others.iter().zip(1u32..).all(|(other, step)| {
                        at.checked_add(step)
                            .is_some_and(|want| other.binary_search(&want).is_ok())
                    })
                })
                .count();
            if uses > 0 {
                found.push((posting.post, uses as f32));
            }
        }
        let idf = self.idf(found.len());
        found
            .into_iter()
            .map(|(post, uses)| (post, self.bm25(idf, uses, post)))
            .collect()
    }
}
