//! Turning validated content into the JSON bundles the app reads.

use crate::content::{Content, Post};
use quire_schema::{
    encode, feed_page_path, popular_path, post_path, site_path, FeedPage, PopularEntry,
    PopularList, PostBundle, PostSummary, SiteBundle, FEED_PAGE_SIZE, FORMAT_VERSION,
};

/// One file to write: its path relative to the site root, and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// Every bundle for the published (non-draft) posts, in a stable order.
pub fn bundles(content: &Content) -> Vec<OutputFile> {
    let posts: Vec<&Post> = content.posts.iter().filter(|p| !p.draft).collect();
    let mut files = vec![OutputFile {
        path: site_path(),
        contents: encode(&site_bundle(content)),
    }];
    files.extend(feed_pages(&posts));
    files.extend(posts.iter().map(|post| OutputFile {
        path: post_path(&post.slug),
        contents: encode(&post_bundle(post)),
    }));
    files.push(OutputFile {
        path: popular_path(),
        contents: encode(&popular_list(content, &posts)),
    });
    files
}

fn site_bundle(content: &Content) -> SiteBundle {
    let site = &content.site;
    SiteBundle {
        format: FORMAT_VERSION,
        title: site.title.clone(),
        description: site.description.clone(),
        author: site.author.clone(),
        base_url: site.base_url.clone(),
        language: site.language.clone(),
    }
}

fn summary(post: &Post) -> PostSummary {
    PostSummary {
        slug: post.slug.clone(),
        title: post.title.clone(),
        date: post.date,
        author: post.author.clone(),
        labels: post.labels.clone(),
        excerpt: post.summary.clone(),
    }
}

/// The feed in fixed-size pages, so that the first page costs the same however long
/// the archive grows. An empty blog still gets page 1.
fn feed_pages(posts: &[&Post]) -> Vec<OutputFile> {
    let chunks: Vec<&[&Post]> = if posts.is_empty() {
        vec![&[]]
    } else {
        posts.chunks(FEED_PAGE_SIZE).collect()
    };
    let total_pages = chunks.len() as u32;
    chunks
        .iter()
        .zip(1..)
        .map(|(chunk, page)| OutputFile {
            path: feed_page_path(page),
            contents: encode(&FeedPage {
                format: FORMAT_VERSION,
                page,
                total_pages,
                total_posts: posts.len() as u32,
                posts: chunk.iter().map(|p| summary(p)).collect(),
            }),
        })
        .collect()
}

fn post_bundle(post: &Post) -> PostBundle {
    PostBundle {
        format: FORMAT_VERSION,
        slug: post.slug.clone(),
        title: post.title.clone(),
        date: post.date,
        author: post.author.clone(),
        labels: post.labels.clone(),
        summary: post.summary.clone(),
        excerpt_only: post.excerpt_only,
        markdown: post.markdown.clone(),
        code: post.code.clone(),
    }
}

/// Posts with recorded views, most viewed first; ties go to the newer post.
fn popular_list(content: &Content, posts: &[&Post]) -> PopularList {
    let mut ranked: Vec<(u64, &Post)> = posts
        .iter()
        .filter_map(|p| content.views.get(&p.slug).map(|v| (*v, *p)))
        .collect();
    // `posts` is newest first and the sort is stable, so equal views keep that order.
    ranked.sort_by_key(|(views, _)| std::cmp::Reverse(*views));
    PopularList {
        format: FORMAT_VERSION,
        posts: ranked
            .into_iter()
            .take(content.site.popular_count)
            .map(|(_, p)| PopularEntry {
                slug: p.slug.clone(),
                title: p.title.clone(),
                excerpt: p.summary.clone(),
            })
            .collect(),
    }
}
