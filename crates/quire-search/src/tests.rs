//! The index built and searched whole, as the builder and the app use it.

use crate::{chunks_for, positions_for, search, Builder, Post, Query};
use quire_schema::{SearchChunk, SearchManifest, FORMAT_VERSION};

struct Blog {
    manifest: SearchManifest,
    chunks: Vec<SearchChunk>,
    positions: Vec<SearchChunk>,
}

/// Posts `(title, labels, year, text)`, newest first.
fn blog(posts: &[(&str, &[&str], i32, &str)]) -> Blog {
    let mut builder = Builder::default();
    for (title, labels, year, text) in posts {
        let labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
        builder.add(&Post {
            title,
            labels: &labels,
            year: *year,
            text,
        });
    }
    let index = builder.finish();
    Blog {
        manifest: SearchManifest {
            format: FORMAT_VERSION,
            posts: index.posts,
            mean_words: index.mean_words,
            lengths: index.lengths,
            chunks: index.firsts,
            chunk_folders: Vec::new(),
            fragment_folders: Vec::new(),
        },
        chunks: index.chunks,
        positions: index.positions,
    }
}

impl Blog {
    /// The posts `q` finds, best first, fetching only the chunks it needs.
    fn find(&self, q: &str) -> Vec<u32> {
        let query = Query::parse(q);
        let needed = chunks_for(&self.manifest, &query);
        let chunks: Vec<&SearchChunk> = needed.iter().map(|&n| &self.chunks[n]).collect();
        let positions: Vec<&SearchChunk> = positions_for(&self.manifest, &query)
            .iter()
            .map(|&n| &self.positions[n])
            .collect();
        search(&self.manifest, &chunks, &positions, &query)
            .expect("an undamaged index")
            .posts
    }
}

fn sample() -> Blog {
    blog(&[
        (
            "Defence budgets in Europe",
            &["europe"],
            2026,
            "Spending on tanks rises. The security guarantee debate goes on.",
        ),
        (
            "Arctic news",
            &["greenland", "world-news"],
            2025,
            "Defence of the Arctic and the guarantee of security for Nuuk.",
        ),
        (
            "Cooking with Nicolás",
            &[],
            2025,
            "Bread, bread and more bread. Straße food in Zürich. 東京の天気は晴れ。",
        ),
        (
            "Long post",
            &[],
            2024,
            &"filler words that say little about anything ".repeat(40),
        ),
    ])
}

#[test]
fn every_clause_must_match_and_the_title_counts_most() {
    let blog = sample();
    assert_eq!(blog.find("defence "), [0, 1], "in the title ranks first");
    assert_eq!(blog.find("defence arctic "), [1]);
    assert_eq!(blog.find("bread"), [2]);
    assert!(blog.find("fence ").is_empty(), "words match whole");
    assert!(blog.find("").is_empty());
    assert!(blog.find("zzzz").is_empty());
}

#[test]
fn the_word_being_typed_matches_the_start_of_words() {
    let blog = sample();
    assert_eq!(blog.find("greenl"), [1], "a label");
    assert_eq!(blog.find("defen"), [0, 1]);
    assert!(blog.find("greenl ").is_empty(), "a finished word is whole");
}

#[test]
fn phrases_need_their_words_in_order() {
    let blog = sample();
    assert_eq!(blog.find("\"security guarantee\""), [0]);
    assert_eq!(blog.find("\"guarantee of security\""), [1]);
    let mut both = blog.find("security guarantee ");
    both.sort();
    assert_eq!(both, [0, 1], "without quotes the order is free");
    assert!(
        blog.find("\"europe spending\"").is_empty(),
        "no phrase runs from the title into the text"
    );
    assert_eq!(
        positions_for(&blog.manifest, &Query::parse("security guarantee ")).len(),
        0,
        "words alone need no positions"
    );
}

#[test]
fn filters_by_label_and_year_alone_or_with_words() {
    let blog = sample();
    assert_eq!(blog.find("label:europe"), [0]);
    assert_eq!(blog.find("label:World-News"), [1]);
    assert_eq!(blog.find("year:2025"), [1, 2], "newest first");
    assert_eq!(blog.find("year:2025 bread"), [2]);
    assert!(blog.find("label:europe bread").is_empty());
    assert!(blog.find("year:1999").is_empty());
    let twice = self::blog(&[("Twice", &["x", "X", "x"], 2026, "Text.")]);
    assert_eq!(twice.find("label:x"), [0], "a label given twice");
}

#[test]
fn accents_case_and_scripts_without_spaces() {
    let blog = sample();
    assert_eq!(blog.find("nicolas"), [2]);
    assert_eq!(blog.find("NICOLÁS"), [2]);
    assert_eq!(blog.find("zurich strasse"), [2]);
    assert_eq!(blog.find("東京"), [2]);
    assert_eq!(blog.find("天気"), [2]);
    assert!(blog.find("京東").is_empty(), "in order");
}

#[test]
fn a_large_blog_splits_into_chunks_and_a_query_needs_few() {
    let texts: Vec<String> = (0..400)
        .map(|n| {
            (0..200)
                .map(|w| format!("word{}x{}", (n * 7 + w * 13) % 5000, w % 3))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let posts: Vec<(&str, &[&str], i32, &str)> = texts
        .iter()
        .map(|t| ("A title", &[][..], 2026, t.as_str()))
        .collect();
    let blog = blog(&posts);
    assert!(
        blog.manifest.chunks.len() > 20,
        "{}",
        blog.manifest.chunks.len()
    );
    let query = Query::parse("word77x1 ");
    assert_eq!(chunks_for(&blog.manifest, &query).len(), 1);
    assert!(
        chunks_for(&blog.manifest, &Query::parse("wo")).len() <= crate::rank::MAX_PREFIX_CHUNKS
    );
    // What one chunk finds is what the whole index finds.
    let all: Vec<&SearchChunk> = blog.chunks.iter().collect();
    let whole = search(&blog.manifest, &all, &[], &query)
        .expect("undamaged")
        .posts;
    assert!(!whole.is_empty());
    assert_eq!(blog.find("word77x1 "), whole);
}

#[test]
fn longer_posts_rank_below_shorter_with_the_same_uses() {
    let blog = blog(&[
        (
            "One",
            &[],
            2026,
            &format!("tanks {}", "more words ".repeat(300)),
        ),
        ("Two", &[], 2026, "tanks and little else"),
    ]);
    assert_eq!(blog.find("tanks "), [1, 0]);
}

#[test]
fn the_address_asks_for_whole_pages_of_results_within_bounds() {
    use crate::{results_shown, MAX_RESULTS_SHOWN, RESULTS_PAGE};
    assert_eq!(results_shown(None), RESULTS_PAGE);
    let page = |n: usize| Some(n.to_string());
    assert_eq!(
        results_shown(page(2 * RESULTS_PAGE).as_deref()),
        2 * RESULTS_PAGE
    );
    assert_eq!(
        results_shown(page(RESULTS_PAGE + 1).as_deref()),
        2 * RESULTS_PAGE,
        "whole pages"
    );
    assert_eq!(results_shown(Some("0")), RESULTS_PAGE);
    assert_eq!(results_shown(Some("-3")), RESULTS_PAGE);
    assert_eq!(results_shown(Some("99999999999")), MAX_RESULTS_SHOWN);
}

#[test]
fn an_empty_blog_finds_nothing_and_needs_no_chunk() {
    let empty = blog(&[]);
    assert!(empty.manifest.chunks.is_empty());
    for q in ["wo", "word ", "\"a phrase\"", "label:x"] {
        assert!(
            chunks_for(&empty.manifest, &Query::parse(q)).is_empty(),
            "{q}"
        );
        assert!(empty.find(q).is_empty(), "{q}");
    }
}

/// A large blog is indexed in runs of posts on several threads, each run in
/// batches: the index must be the very one a single builder makes.
#[test]
fn runs_of_posts_joined_make_the_same_index_as_one_builder() {
    let labels: Vec<Vec<String>> = (0..300)
        .map(|n| vec![format!("l{}", n % 7), "all".to_string()])
        .collect();
    let texts: Vec<String> = (0..300)
        .map(|n| {
            let words: Vec<String> = (0..40).map(|w| format!("w{}", (n * w + w) % 97)).collect();
            words.join(" ")
        })
        .collect();
    let post = |n: usize| Post {
        title: &texts[(n * 7) % 300][..20],
        labels: &labels[n],
        year: 2000 + (n % 5) as i32,
        text: &texts[n],
    };
    let mut one = Builder::default();
    for n in 0..300 {
        one.add(&post(n));
    }
    let one = one.finish();
    let mut runs = Vec::new();
    for (first, end) in [(0, 1), (1, 130), (130, 131), (131, 300)] {
        let mut run = Builder::starting_at(first as u32);
        for n in first..end {
            run.add(&post(n));
        }
        runs.push(run);
    }
    let mut joined = Builder::default();
    for run in &mut runs {
        joined.join(run);
    }
    let joined = joined.finish();
    // The runs are left as they were: joined again, they make the same index.
    let mut again = Builder::default();
    for run in &mut runs {
        again.join(run);
    }
    let again = again.finish();
    assert_eq!(again.chunks, one.chunks);
    assert_eq!(again.positions, one.positions);
    assert_eq!(joined.firsts, one.firsts);
    assert_eq!(joined.chunks, one.chunks);
    assert_eq!(joined.positions, one.positions);
    assert_eq!(joined.lengths, one.lengths);
    assert_eq!(
        (joined.posts, joined.mean_words),
        (one.posts, one.mean_words)
    );
}

/// A chunk naming a post the manifest does not count was damaged or is of another
/// build: an error the app can explain, not a panic or a huge allocation.
#[test]
fn a_chunk_naming_a_post_beyond_the_blog_is_damaged() {
    let mut blog = sample();
    let query = Query::parse("defen");
    let needed: Vec<usize> = chunks_for(&blog.manifest, &query).into_iter().collect();
    assert!(!needed.is_empty());
    blog.manifest.lengths = crate::postings::encode_lengths(&[100]);
    let chunks: Vec<&SearchChunk> = needed.iter().map(|&n| &blog.chunks[n]).collect();
    assert_eq!(
        search(&blog.manifest, &chunks, &[], &query),
        Err(crate::postings::Damaged)
    );
}
