//! Builds the search index of a content folder and says how long it took:
//! `cargo run -p quire-site --example search_index -- CONTENT_DIR`, for profiling.

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: search_index CONTENT_DIR");
        std::process::exit(2);
    };
    let loaded = quire_content::content::load(std::path::Path::new(&dir));
    let Some(content) = loaded.content else {
        eprintln!("{dir}: the content has problems; run quire check");
        std::process::exit(1);
    };
    let posts: Vec<&quire_content::content::Post> =
        content.posts.iter().map(|post| &**post).collect();
    let start = Instant::now();
    let (manifest, files) = quire_site::search::index(&posts, &|_| String::new(), None);
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    println!(
        "{} posts: {} chunks, {} files, {:.1} MB, in {:.2} s, chunks in {}",
        manifest.posts,
        manifest.chunks.len(),
        files.len(),
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        // Each folder is named by a hash of its files: a change to the builder that
        // keeps these names wrote the same index.
        manifest.chunk_folders.join(" ")
    );
}
