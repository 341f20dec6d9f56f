//! The search index as files (the layout is `quire_schema::search`'s): the
//! manifest, which is a bundle like the others, and the chunks and fragments in a
//! folder named by a hash of them all.

use crate::bundle::{content_hash, OutputFile};
use quire_content::content::Post;
use quire_schema::{
    encode, search_chunk_path, search_dir, search_fragment_path, search_positions_path,
    SearchFragment, SearchManifest, FORMAT_VERSION,
};
use quire_search::{Builder, Index};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// How much of a post's text its fragment holds, to show the words around a match
/// (about its first 300 words): a result costs a reader about a kilobyte, and a
/// first page of them, fetched together, a sixth of a second on a slow phone
/// network. A match further in shows the summary.
pub const FRAGMENT_TEXT_BYTES: usize = 2000;

/// The manifest and the files it names, for `posts` (newest first). `bundle_of`
/// gives a post bundle's hashed name. (Not generic: a generic function is compiled
/// in the crate that calls it, and a caller built without optimisation, such as
/// the bench, made indexing three times slower.)
pub fn index(
    posts: &[&Post],
    bundle_of: &(dyn Fn(&Post) -> String + Sync),
) -> (SearchManifest, Vec<OutputFile>) {
    // A run of posts per core, each indexed by a builder of its own, joined in order.
    let run = posts.len().div_ceil(rayon::current_num_threads()).max(1);
    let builders: Vec<Builder> = posts
        .par_chunks(run)
        .enumerate()
        .map(|(n, run_posts)| {
            let mut builder = Builder::starting_at((n * run) as u32);
            for post in run_posts {
                builder.add(&quire_search::Post {
                    title: &post.title,
                    labels: &post.labels,
                    year: i32::from(post.date.year),
                    text: &post.plain_text,
                });
            }
            builder
        })
        .collect();
    let mut builders = builders.into_iter();
    let mut builder = builders.next().unwrap_or_default();
    for later in builders {
        builder.join(later);
    }
    let terms = builder.into_terms();
    let packed = terms
        .terms
        .par_iter()
        .map(|term| terms.pack(term))
        .collect();
    let index = Index::of(terms, packed);
    let chunks: Vec<String> = index.chunks.par_iter().map(encode).collect();
    let positions: Vec<String> = index.positions.par_iter().map(encode).collect();
    let fragments: Vec<String> = posts
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
    // One name for the whole index: a query's chunks and fragments always come from
    // the same build.
    let hashes: Vec<String> = chunks
        .par_iter()
        .chain(&positions)
        .chain(&fragments)
        .map(|file| content_hash(file))
        .collect();
    let mut hasher = Sha256::new();
    for hash in hashes {
        hasher.update(hash);
    }
    let dir = search_dir(&hex(&hasher.finalize()[..8]));
    let mut files: Vec<OutputFile> = chunks
        .into_iter()
        .enumerate()
        .map(|(n, contents)| OutputFile {
            path: search_chunk_path(&dir, n),
            contents: contents.into(),
        })
        .collect();
    files.extend(
        positions
            .into_iter()
            .enumerate()
            .map(|(n, contents)| OutputFile {
                path: search_positions_path(&dir, n),
                contents: contents.into(),
            }),
    );
    files.extend(
        fragments
            .into_iter()
            .zip(0u32..)
            .map(|(contents, n)| OutputFile {
                path: search_fragment_path(&dir, n),
                contents: contents.into(),
            }),
    );
    let manifest = SearchManifest {
        format: FORMAT_VERSION,
        dir,
        posts: index.posts,
        mean_words: index.mean_words,
        lengths: index.lengths,
        chunks: index.firsts,
    };
    (manifest, files)
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
