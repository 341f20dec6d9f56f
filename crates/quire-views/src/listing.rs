//! Lists of posts a page at a time: the home feed (`/`, `/page/2`, …) and the posts
//! with one label (`/labels/x`, …), and the byline every post shows.

use crate::context::site;
use leptos::prelude::*;
use quire_schema::{Date, FeedPage, PostSummary, Route};

/// A page of a list: its heading, then `children` (the entries, or while they load
/// whatever the app shows instead). `label` is none for the home feed.
#[component]
pub fn Listing(label: Option<String>, page: u32, children: Children) -> impl IntoView {
    let route = Route::listing(label.as_deref(), page);
    // The home feed's header already says what it is: its heading is for screen
    // readers only.
    let heading = match (&label, page) {
        (None, 1) => view! { <h1 class="visually-hidden">"Latest posts"</h1> }.into_any(),
        (None, n) => {
            view! { <h1 class="visually-hidden">{format!("Older posts, page {n}")}</h1> }.into_any()
        }
        _ => view! { <h1 class="listing-title">{route.title()}</h1> }.into_any(),
    };
    view! {
        <div class="page-column">
            {heading}
            {children()}
        </div>
    }
}

/// The entries of one page of a list, and the links to its neighbours.
#[component]
pub fn FeedEntries(label: Option<String>, page: FeedPage) -> impl IntoView {
    if page.posts.is_empty() {
        return view! { <p class="empty">"Nothing has been published yet."</p> }.into_any();
    }
    let pager = pager(label.as_deref(), &page);
    view! {
        <ol class="feed">{page.posts.into_iter().map(feed_entry).collect_view()}</ol>
        {pager}
    }
    .into_any()
}

fn feed_entry(post: PostSummary) -> impl IntoView {
    let href = site().href(&Route::post(&post.slug));
    let comments = (post.comments > 0).then(|| {
        view! { <p class="comment-count">{quire_schema::comment_count(post.comments as usize)}</p> }
    });
    view! {
        <li class="feed-entry">
            <article>
                <h2>
                    <a href=href.clone()>{post.title}</a>
                </h2>
                <PostMeta author=post.author date=post.date labels=post.labels />
                <p class="excerpt">{post.excerpt}</p>
                {comments}
                <a href=href class="read-more">
                    "Read the post"
                </a>
            </article>
        </li>
    }
}

/// Links to the newer and older pages, when there is more than one.
fn pager(label: Option<&str>, page: &FeedPage) -> Option<impl IntoView> {
    let (n, total) = (page.page, page.total_pages);
    let site = site();
    let link = move |page: u32| site.href(&Route::listing(label, page));
    (total > 1).then(|| {
        let newer = (n > 1).then(|| view! { <a href=link(n - 1) rel="prev">"Newer posts"</a> });
        let older = (n < total).then(|| view! { <a href=link(n + 1) rel="next">"Older posts"</a> });
        view! {
            <nav class="pager" aria-label="More posts">
                {newer}
                <span>{format!("Page {n} of {total}")}</span>
                {older}
            </nav>
        }
    })
}

/// Byline, date and labels, as under a post's title; each label leads to its posts.
#[component]
pub fn PostMeta(author: String, date: Date, labels: Vec<String>) -> impl IntoView {
    let site = site();
    let labels = (!labels.is_empty()).then(|| {
        view! {
            <ul class="labels" aria-label="Labels">
                {labels
                    .into_iter()
                    .map(|label| {
                        let href = site.href(&Route::label(&label));
                        view! {
                            <li>
                                <a href=href>{label}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <div class="post-meta">
            <span class="byline">{format!("By {author}")}</span>
            <time datetime=date.iso()>{date.long()}</time>
            {labels}
        </div>
    }
}
