//! The search index as files (the layout is `quire_schema::search`'s): the
//! manifest, which is a bundle like the others, and the chunks and fragments in
//! folders of a few, each named by a hash of its files.

use crate::bundle::{content_hash, OutputFile};
use quire_content::content::Post;
use quire_schema::{
    encode, SearchFragment, SearchManifest, CHUNKS_PER_FOLDER, FORMAT_VERSION, FRAGMENTS_PER_FOLDER,
};
use quire_search::{Builder, Index};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// How much of a post's text its fragment holds, to show the words around a match
/// (about its first 300 words): a result costs a reader about a kilobyte, and a
/// first page of them, fetched together, a sixth of a second on a slow phone
/// network. A match further in shows the summary.
pub const FRAGMENT_TEXT_BYTES: usize = 2000;

/// How many posts a run of the index has when the runs are kept. Each run is
/// indexed apart, on any core, and the runs are joined in order; the live preview
/// keeps them ([`Runs`]) and indexes again only the runs whose posts a save
/// changed. (A run is about 30 ms of a core's time on real-sized posts; joining
/// more of them costs more.)
const RUN_POSTS: usize = 512;

/// Runs of posts as an earlier build indexed them, by their first post: the key of
/// what they indexed, and the builder.
#[derive(Default)]
pub struct Runs {
    runs: HashMap<usize, (u64, Builder)>,
    /// How many runs the last index indexed, rather than reused.
    indexed: usize,
}

impl Runs {
    /// How many runs of posts the last index indexed, rather than reused.
    pub fn last_indexed(&self) -> usize {
        self.indexed
    }
}

/// The manifest and the files it names, for `posts` (newest first): see
/// [`index_into`].
pub fn index(
    posts: &[&Post],
    bundle_of: &(dyn Fn(&Post) -> String + Sync),
    runs: Option<&mut Runs>,
) -> (SearchManifest, Vec<OutputFile>) {
    let mut files = Vec::new();
    let manifest = index_into(posts, bundle_of, runs, &mut |folder| files.extend(folder));
    (manifest, files)
}

/// The manifest for `posts` (newest first), and the files it names handed to
/// `folder` a folder at a time, so that a big site's index (some 40 MB of JSON
/// for ten thousand posts) is never held whole. `bundle_of`
/// gives a post bundle's hashed name. With `runs`, the runs indexed before whose
/// posts are unchanged are not indexed again, and `runs` becomes this index's.
/// (Not generic: a generic function is compiled in the crate that calls it, and a
/// caller built without optimisation, such as the bench, made indexing three
/// times slower.)
pub fn index_into(
    posts: &[&Post],
    bundle_of: &(dyn Fn(&Post) -> String + Sync),
    mut runs: Option<&mut Runs>,
    folder: &mut dyn FnMut(Vec<OutputFile>),
) -> SearchManifest {
    // Each run's builder from before, taken out to be joined and kept again.
    let mut before = match &mut runs {
        Some(runs) => std::mem::take(&mut runs.runs),
        None => HashMap::new(),
    };
    // Runs that are not kept are as long as the posts shared between the cores:
    // each run has its own table of terms, and more of them held more memory.
    let run = match runs {
        Some(_) => RUN_POSTS,
        None => posts.len().div_ceil(rayon::current_num_threads()).max(1),
    };
    let kept: Vec<Option<(u64, Builder)>> = (0..posts.len().div_ceil(run))
        .map(|n| before.remove(&(n * run)))
        .collect();
    let keeping = runs.is_some();
    let mut indexed: Vec<(usize, u64, Builder, bool)> = posts
        .par_chunks(run)
        .zip(kept)
        .enumerate()
        .map(|(n, (run_posts, kept))| {
            let first = n * run;
            let key = if keeping {
                run_key(first, run_posts)
            } else {
                0
            };
            if let Some((_, builder)) = kept.filter(|(was, _)| *was == key) {
                return (first, key, builder, false);
            }
            let mut builder = Builder::starting_at(first as u32);
            for post in run_posts {
                builder.add(&as_indexed(post));
            }
            builder.settle();
            (first, key, builder, true)
        })
        .collect();
    let fresh = indexed.iter().filter(|(.., fresh)| *fresh).count();
    let mut builder = Builder::default();
    match runs {
        Some(runs) => {
            for (_, _, run, _) in &mut indexed {
                builder.join(run);
            }
            runs.indexed = fresh;
            runs.runs = indexed
                .into_iter()
                .map(|(first, key, builder, _)| (first, (key, builder)))
                .collect();
        }
        // Not kept: each run goes once joined, so that the index is not held twice.
        None => {
            for (_, _, mut run, _) in indexed {
                builder.join(&mut run);
            }
        }
    }
    let terms = builder.into_terms();
    let packed = terms
        .terms
        .par_iter()
        .map(|term| terms.pack(term))
        .collect();
    let index = Index::of(terms, packed);
    let Index {
        chunks,
        positions,
        firsts,
        posts: indexed_posts,
        mean_words,
        lengths,
    } = index;
    // Each folder is named by its files' hashes, so that one edit moves only the
    // folders it changed, and a query's files always come from one build: the
    // manifest names every folder, and a folder's files never change. Each
    // folder's files are made, named and handed on before the next's.
    let mut manifest = SearchManifest {
        format: FORMAT_VERSION,
        posts: indexed_posts,
        mean_words,
        lengths,
        chunks: firsts,
        chunk_folders: Vec::new(),
        fragment_folders: Vec::new(),
    };
    let mut chunks = chunks.into_iter().zip(positions).enumerate().peekable();
    while chunks.peek().is_some() {
        let run: Vec<_> = chunks.by_ref().take(CHUNKS_PER_FOLDER).collect();
        let encoded: Vec<(usize, String, String)> = run
            .par_iter()
            .map(|(n, (chunk, positions))| (*n, encode(chunk), encode(positions)))
            .collect();
        drop(run);
        let hashes: Vec<String> = encoded
            .par_iter()
            .map(|(_, chunk, _)| content_hash(chunk))
            .chain(
                encoded
                    .par_iter()
                    .map(|(_, _, positions)| content_hash(positions)),
            )
            .collect();
        manifest.chunk_folders.push(folder_name(hashes.iter()));
        let mut files = Vec::with_capacity(2 * encoded.len());
        for (n, chunk, positions) in encoded {
            // Every path is the manifest's own: the folder was made for these files.
            if let (Some(at), Some(positions_at)) =
                (manifest.chunk_path(n), manifest.positions_path(n))
            {
                files.push(OutputFile {
                    path: at,
                    contents: chunk.into(),
                });
                files.push(OutputFile {
                    path: positions_at,
                    contents: positions.into(),
                });
            }
        }
        folder(files);
    }
    for (run, first) in posts
        .chunks(FRAGMENTS_PER_FOLDER as usize)
        .zip((0u32..).step_by(FRAGMENTS_PER_FOLDER as usize))
    {
        let fragments: Vec<String> = run
            .par_iter()
            .map(|post| {
                encode(&SearchFragment {
                    format: FORMAT_VERSION,
                    slug: post.slug.clone(),
                    title: post.title.clone(),
                    date: post.date,
                    labels: post.labels.clone(),
                    summary: post.summary.clone(),
                    text: start_of(&post.plain_text, FRAGMENT_TEXT_BYTES).to_string(),
                    bundle: bundle_of(post),
                })
            })
            .collect();
        let hashes: Vec<String> = fragments.par_iter().map(|f| content_hash(f)).collect();
        manifest.fragment_folders.push(folder_name(hashes.iter()));
        let mut files = Vec::with_capacity(fragments.len());
        for (contents, n) in fragments.into_iter().zip(first..) {
            if let Some(path) = manifest.fragment_path(n) {
                files.push(OutputFile {
                    path,
                    contents: contents.into(),
                });
            }
        }
        folder(files);
    }
    manifest
}

/// A folder's name from its files' hashes, in order.
fn folder_name<'a>(hashes: impl Iterator<Item = &'a String>) -> String {
    let mut hasher = Sha256::new();
    for hash in hashes {
        hasher.update(hash);
    }
    hex(&hasher.finalize()[..8])
}

/// What the index reads of a post.
fn as_indexed(post: &Post) -> quire_search::Post<'_> {
    quire_search::Post {
        title: &post.title,
        labels: &post.labels,
        year: i32::from(post.date.year),
        text: &post.plain_text,
    }
}

/// A key of everything the index reads of a run of posts, and where it starts.
fn run_key(first: usize, posts: &[&Post]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&first.to_le_bytes());
    for post in posts {
        let indexed = as_indexed(post);
        for part in [indexed.title, indexed.text]
            .into_iter()
            .chain(indexed.labels.iter().map(String::as_str))
        {
            hasher.update(&part.len().to_le_bytes());
            hasher.update(part.as_bytes());
        }
        hasher.update(&indexed.year.to_le_bytes());
        hasher.update(&indexed.labels.len().to_le_bytes());
    }
    hasher.digest()
}

/// The start of `text`, at most `bytes` long, ending at a word's end.
fn start_of(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    cut.rfind(char::is_whitespace).map_or(cut, |i| &cut[..i])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::start_of;

    #[test]
    fn a_fragment_text_ends_at_a_word() {
        assert_eq!(start_of("short", 10), "short");
        assert_eq!(start_of("one two three", 9), "one two");
        assert_eq!(start_of("Zürich Zürich", 2), "Z", "never inside a letter");
    }
}
