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
struct PageParams {
    n: Option<u32>,
}

/// The home feed, newest first, a page of posts at a time: `/`, then `/page/2`, ….
#[component]
pub fn Home() -> impl IntoView {
    let params = use_params::<PageParams>();
    // `/page/x` for anything but a page number asks for page 0, which no site has.
    let number = move || match params.read().as_ref() {
        Ok(PageParams { n: Some(n) }) => *n,
        Ok(PageParams { n: None }) => 1,
        Err(_) => 0,
    };
    let feed = LocalResource::new(move || data::feed_page(number()));
    let title = Signal::derive(move || match number() {
        1 => String::new(),
        n => format!("Page {n}"),
    });
    view! {
        <PageTitle page=title />
        <div class="page-column">
        <h1 class="visually-hidden">
            {move || match number() {
                1 => "Latest posts".to_string(),
                n => format!("Older posts, page {n}"),
            }}
        </h1>
        <Transition fallback=|| view! { <Loading what="the latest posts" /> }>
            {move || Suspend::new(async move {
                match feed.await {
                    Ok(page) if page.posts.is_empty() => {
                        view! { <p class="empty">"Nothing has been published yet."</p> }.into_any()
                    }
                    Ok(page) => {
                        let pager = pager(&page);
                        view! {
                            <ol class="feed">
                                {page.posts.into_iter().map(feed_entry).collect_view()}
                            </ol>
                            {pager}
                        }
                            .into_any()
                    }
                    Err(error) => failure_of(error, feed)
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
                <A href=href attr:class="read-more">
                    "Read the post"
                </A>
            </article>
        </li>
    }
}

/// Links to the newer and older pages, when there is more than one.
fn pager(page: &FeedPage) -> Option<impl IntoView> {
    let (n, total) = (page.page, page.total_pages);
    (total > 1).then(|| {
        let newer = (n > 1).then(|| {
            let target = if n == 2 {
                href("/")
            } else {
                href(&format!("/page/{}", n - 1))
            };
            view! { <A href=target attr:rel="prev">"Newer posts"</A> }
        });
        let older = (n < total).then(|| {
            view! { <A href=href(&format!("/page/{}", n + 1)) attr:rel="next">"Older posts"</A> }
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
