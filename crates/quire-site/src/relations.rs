//! How posts relate to each other: the next newer and older post, and the posts
//! that share most labels with each one.

use quire_content::content::Post;
use quire_schema::PostLink;
use std::collections::HashMap;

/// How many related posts a post lists.
const RELATED: usize = 3;
/// How far along each label's list (in time) related posts are looked for, so that
/// a label every post carries costs the same as a rare one.
const NEIGHBOURHOOD: usize = 12;

#[derive(Debug, Clone, PartialEq)]
pub struct Relations {
    pub newer: Option<PostLink>,
    pub older: Option<PostLink>,
    pub related: Vec<PostLink>,
}

fn link(post: &Post) -> PostLink {
    PostLink {
        slug: post.slug.clone(),
        title: post.title.clone(),
    }
}

/// For each of `posts` (newest first), in the same order.
pub fn relations(posts: &[&Post]) -> Vec<Relations> {
    // Each label's posts, as positions in `posts` (so newest first).
    let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        for label in &post.labels {
            by_label.entry(label).or_default().push(i);
        }
    }
    let positions: Vec<usize> = (0..posts.len()).collect();
    quire_content::parallel::map(&positions, |&i| Relations {
        newer: i.checked_sub(1).map(|j| link(posts[j])),
        older: posts.get(i + 1).map(|p| link(p)),
        related: related(i, posts, &by_label),
    })
}

/// The relations of the posts as last found, with what they were found from: the
/// preview's, so that a save that changes no post's slug, title or labels, nor
/// their order (an edit of the text, the common save), does not find them all
/// again (70 ms of every save in a blog of ten thousand posts).
#[derive(Default)]
pub struct Kept {
    /// Each post's slug, title and labels, in order.
    from: Vec<(String, String, Vec<String>)>,
    found: Vec<Relations>,
}

impl Kept {
    /// Holds the relations of `posts` after this, found again only when what they
    /// depend on changed.
    pub fn update(&mut self, posts: &[&Post]) {
        let same = self.from.len() == posts.len()
            && self
                .from
                .iter()
                .zip(posts)
                .all(|((slug, title, labels), post)| {
                    *slug == post.slug && *title == post.title && *labels == post.labels
                });
        if !same {
            self.found = relations(posts);
            self.from = posts
                .iter()
                .map(|p| (p.slug.clone(), p.title.clone(), p.labels.clone()))
                .collect();
        }
    }

    /// The relations as last updated: lent, not copied (ten thousand posts' links
    /// at every save).
    pub fn found(&self) -> &[Relations] {
        &self.found
    }
}

/// The posts sharing most labels with post `i`; among equals, the nearest in time.
fn related(i: usize, posts: &[&Post], by_label: &HashMap<&str, Vec<usize>>) -> Vec<PostLink> {
    let mut shared: HashMap<usize, usize> = HashMap::new();
    for label in &posts[i].labels {
        let Some(list) = by_label.get(label.as_str()) else {
            continue;
        };
        let at = list.partition_point(|&j| j < i);
        let from = at.saturating_sub(NEIGHBOURHOOD);
        let to = (at + 1 + NEIGHBOURHOOD).min(list.len());
        for &j in &list[from..to] {
            if j != i {
                *shared.entry(j).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
    ranked.sort_by_key(|&(j, count)| (std::cmp::Reverse(count), j.abs_diff(i), j));
    ranked
        .into_iter()
        .take(RELATED)
        .map(|(j, _)| link(posts[j]))
        .collect()
}
