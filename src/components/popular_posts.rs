//! The "Popular posts from this blog" list, on its own route and beside articles.

use crate::base::href;
use crate::components::{failure_of, Loading};
use crate::data;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PopularPosts(
    /// Heading level 1 on the /popular route, 2 where it accompanies an article.
    #[prop(default = false)]
    standalone: bool,
) -> impl IntoView {
    let popular = LocalResource::new(data::popular);
    let heading = "Popular posts from this blog";
    view! {
        <section
            class="popular"
            class:page-column=standalone
            aria-labelledby="popular-heading"
        >
            {if standalone {
                view! { <h1 id="popular-heading">{heading}</h1> }.into_any()
            } else {
                view! { <h2 id="popular-heading">{heading}</h2> }.into_any()
            }}
            <Transition fallback=|| view! { <Loading what="popular posts" /> }>
                {move || Suspend::new(async move {
                    match popular.await {
                        Ok(list) if list.posts.is_empty() => {
                            view! { <p>"No popular posts yet."</p> }.into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ol class="popular-list">
                                    {list
                                        .posts
                                        .into_iter()
                                        .map(|p| {
                                            view! {
                                                <li>
                                                    <h3>
                                                        <A href=href(&format!("/posts/{}", p.slug))>{p.title}</A>
                                                    </h3>
                                                    <p class="excerpt">{p.excerpt}</p>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }
                        Err(error) => failure_of(error, popular)
                    }
                })}
            </Transition>
        </section>
    }
}
