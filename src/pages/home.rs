use crate::app::PageTitle;
use crate::base::href;
use crate::components::{failure_of, Loading, PostMeta};
use crate::data;
use leptos::prelude::*;
use leptos_router::components::A;
use quire_schema::PostSummary;

/// The home feed: the newest posts first.
#[component]
pub fn Home() -> impl IntoView {
    let feed = LocalResource::new(|| data::feed_page(1));
    view! {
        <PageTitle page="" />
        <div class="page-column">
        <h1 class="visually-hidden">"Latest posts"</h1>
        <Transition fallback=|| view! { <Loading what="the latest posts" /> }>
            {move || Suspend::new(async move {
                match feed.await {
                    Ok(page) if page.posts.is_empty() => {
                        view! { <p class="empty">"Nothing has been published yet."</p> }.into_any()
                    }
                    Ok(page) => {
                        view! {
                            <ol class="feed">
                                {page.posts.into_iter().map(feed_entry).collect_view()}
                            </ol>
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
