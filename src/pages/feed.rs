//! Lists of posts a page at a time: the home feed (`/`, `/page/2`, …) and the posts
//! with one label (`/labels/x`, `/labels/x/page/2`, …).

use crate::app::PageTitle;
use crate::base::href;
use crate::components::{failure_of, Loading, PostMeta};
use crate::data;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use quire_schema::{FeedPage, PostSummary};

#[derive(Params, PartialEq, Clone, Debug)]
struct FeedParams {
    label: Option<String>,
    n: Option<u32>,
}

/// The home feed, newest first.
#[component]
pub fn Home() -> impl IntoView {
    view! { <Feed /> }
}

/// The posts with one label, newest first.
#[component]
pub fn Label() -> impl IntoView {
    view! { <Feed /> }
}

/// Which list, and which page of it; `/page/x` for anything but a number asks for
/// page 0, which no list has.
fn listing() -> Memo<(Option<String>, u32)> {
    let params = use_params::<FeedParams>();
    Memo::new(move |_| match params.read().as_ref() {
        Ok(p) => (p.label.clone(), p.n.unwrap_or(1)),
        Err(_) => (None, 0),
    })
}

/// Where page `page` of a list lives, as a link (the prerendered pages name it so).
fn route(label: Option<&str>, page: u32) -> String {
    href(&quire_schema::listing_route(label, page))
}

fn title(label: Option<&str>, page: u32) -> String {
    quire_schema::listing_title(label, page)
}

#[component]
fn Feed() -> impl IntoView {
    let listing = listing();
    let feed = LocalResource::new(move || {
        let (label, page) = listing.get();
        data::feed_page(label, page)
    });
    let page_title = Signal::derive(move || {
        let (label, page) = listing.get();
        title(label.as_deref(), page)
    });
    let heading = move || {
        let (label, page) = listing.get();
        match (&label, page) {
            (None, 1) => view! { <h1 class="visually-hidden">"Latest posts"</h1> }.into_any(),
            (None, n) => {
                view! { <h1 class="visually-hidden">{format!("Older posts, page {n}")}</h1> }
                    .into_any()
            }
            _ => {
                view! { <h1 class="listing-title">{title(label.as_deref(), page)}</h1> }.into_any()
            }
        }
    };
    view! {
        <PageTitle page=page_title />
        <div class="page-column">
            {heading}
            <Transition fallback=|| view! { <Loading what="the latest posts" /> }>
                {move || Suspend::new(async move {
                    match feed.await {
                        Ok(page) if page.posts.is_empty() => {
                            view! { <p class="empty">"Nothing has been published yet."</p> }
                                .into_any()
                        }
                        Ok(page) => {
                            let pager = pager(listing.get_untracked().0.as_deref(), &page);
                            view! {
                                <ol class="feed">
                                    {page.posts.into_iter().map(feed_entry).collect_view()}
                                </ol>
                                {pager}
                            }
                                .into_any()
                        }
                        Err(error) => failure_of(error, feed),
                    }
                })}
            </Transition>
        </div>
    }
}

fn feed_entry(post: PostSummary) -> impl IntoView {
    let href = href(&format!("/posts/{}", post.slug));
    view! {
        <li class="feed-entry">
            <article>
                <h2>
                    <A href=href.clone()>{post.title}</A>
                </h2>
                <PostMeta author=post.author date=post.date labels=post.labels />
                <p class="excerpt">{post.excerpt}</p>
                {comment_count(post.comments)}
                <A href=href attr:class="read-more">
                    "Read the post"
                </A>
            </article>
        </li>
    }
}

/// Links to the newer and older pages, when there is more than one.
fn pager(label: Option<&str>, page: &FeedPage) -> Option<impl IntoView> {
    let (n, total) = (page.page, page.total_pages);
    (total > 1).then(|| {
        let newer = (n > 1).then(|| {
            view! { <A href=route(label, n - 1) attr:rel="prev">"Newer posts"</A> }
        });
        let older = (n < total).then(|| {
            view! { <A href=route(label, n + 1) attr:rel="next">"Older posts"</A> }
        });
        view! {
            <nav class="pager" aria-label="More posts">
                {newer}
                <span>{format!("Page {n} of {total}")}</span>
                {older}
            </nav>
        }
    })
}

/// "3 comments" under an entry that has any.
fn comment_count(count: u32) -> Option<impl IntoView> {
    (count > 0).then(|| {
        view! { <p class="comment-count">{quire_schema::comment_count(count as usize)}</p> }
    })
}
