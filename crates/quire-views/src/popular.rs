//! "Popular posts from this blog", on its own route and beside articles.

use crate::context::site;
use leptos::prelude::*;
use quire_schema::{PopularList, Route};

/// The section and its heading around `children` (the entries, or what the app
/// shows while they load). `standalone` on /popular, where the heading is the
/// page's; beside an article it is a sidebar section.
#[component]
pub fn Popular(#[prop(optional)] standalone: bool, children: Children) -> impl IntoView {
    let heading = "Popular posts from this blog";
    let heading = if standalone {
        view! { <h1 id="popular-heading">{heading}</h1> }.into_any()
    } else {
        view! { <h2 id="popular-heading">{heading}</h2> }.into_any()
    };
    view! {
        <section class="popular" class:page-column=standalone aria-labelledby="popular-heading">
            {heading}
            {children()}
        </section>
    }
}

/// The popular posts, each with its thumbnail, title and excerpt.
#[component]
pub fn PopularEntries(list: PopularList, #[prop(optional)] standalone: bool) -> impl IntoView {
    if list.posts.is_empty() {
        return view! { <p>"No popular posts yet."</p> }.into_any();
    }
    let site = site();
    let entries = list
        .posts
        .into_iter()
        .map(|post| {
            // Decorative: the title beside it says what it is.
            let thumbnail = post.thumbnail.map(|image| {
                view! {
                    <img class="thumbnail" src=site.asset(&image.src) alt="" loading="lazy" width="64" height="64" />
                }
            });
            let link = view! { <a href=site.href(&Route::post(&post.slug))>{post.title}</a> };
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
                    <p class="excerpt">{post.excerpt}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="popular-list">{entries}</ol> }.into_any()
}
