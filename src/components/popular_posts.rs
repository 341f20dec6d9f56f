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
                                            // Decorative: the title beside it says what it is.
                                            let thumbnail = p.thumbnail.map(|image| {
                                                view! {
                                                    <img class="thumbnail" src=image_src(&image.src) alt="" loading="lazy" width="64" height="64" />
                                                }
                                            });
                                            let link = view! {
                                                <A href=href(&format!("/posts/{}", p.slug))>{p.title}</A>
                                            };
                                            // One level below the list's own heading.
                                            let title = if standalone {
                                                view! { <h2 class="popular-title">{link}</h2> }.into_any()
                                            } else {
                                                view! { <h3 class="popular-title">{link}</h3> }.into_any()
                                            };
                                            view! {
                                                <li>
                                                    {thumbnail}
                                                    {title}
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

/// An image address from a post, as the page must ask for it: site paths go under
/// the base path.
fn image_src(src: &str) -> String {
    if src.starts_with('/') {
        href(src)
    } else {
        src.to_string()
    }
}
