//! What follows an article: share links, the next newer and older posts, related
//! posts, and a way back to the top.

use crate::app::Site;
use crate::base::href;
use crate::focus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use quire_schema::PostLink;

/// Copy the link, or share it by email or on a network's own page: plain links, no
/// third-party script.
#[component]
pub fn Share(slug: String, title: String) -> impl IntoView {
    let site = expect_context::<Site>();
    let url = {
        let slug = slug.clone();
        move || site.with(|s| format!("{}/posts/{slug}", s.base_url.trim_end_matches('/')))
    };
    let copied = RwSignal::new(String::new());
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url();
            spawn_local(async move {
                let clipboard = window().navigator().clipboard();
                let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url)).await;
                copied.set(match done {
                    Ok(_) => "Link copied.".to_string(),
                    Err(_) => format!("Copy this link: {url}"),
                });
            });
        }
    };
    let links = move || {
        quire_schema::share_links(&url(), &title)
            .into_iter()
            .map(|(network, link)| {
                view! {
                    <li>
                        <a href=link rel="noopener noreferrer" target="_blank">{network}</a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share this post"</h2>
            <ul class="share-links">
                <li>
                    <button type="button" class="copy-link" on:click=copy>"Copy link"</button>
                </li>
                {links}
            </ul>
            <p class="copy-status" role="status">{move || copied.get()}</p>
        </section>
    }
}

/// The next newer and older posts.
#[component]
pub fn PostNav(newer: Option<PostLink>, older: Option<PostLink>) -> impl IntoView {
    let side = |post: Option<PostLink>, rel: &'static str, label: &'static str| {
        post.map(|post| {
            view! {
                <A href=href(&format!("/posts/{}", post.slug)) attr:rel=rel attr:class=rel>
                    <span class="post-nav-label">{label}</span>
                    <span class="post-nav-title">{post.title}</span>
                </A>
            }
        })
    };
    (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="post-nav" aria-label="Newer and older posts">
                {side(older, "prev", "Older post")}
                {side(newer, "next", "Newer post")}
            </nav>
        }
    })
}

/// Posts sharing labels with this one.
#[component]
pub fn Related(related: Vec<PostLink>) -> impl IntoView {
    (!related.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">"Related posts"</h2>
                <ul>
                    {related
                        .into_iter()
                        .map(|post| {
                            view! {
                                <li>
                                    <A href=href(&format!("/posts/{}", post.slug))>{post.title}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn BackToTop() -> impl IntoView {
    let to_top = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        window().scroll_to_with_x_and_y(0.0, 0.0);
        focus::to_main();
    };
    view! {
        <p class="back-to-top">
            <a href="#main" on:click=to_top>"Back to top"</a>
        </p>
    }
}
