//! An article with everything around it: table of contents, share links, the next
//! newer and older posts, related posts, comments, and a way back to the top.

use crate::comments::Comments;
use crate::context::{actions, site};
use crate::listing::PostMeta;
use crate::popular::Popular;
use leptos::prelude::*;
use quire_markdown::{Heading, Rendered};
use quire_schema::{PostBundle, PostLink, Route, Unpublished};

/// A post's page: the article (`children`: the [`Article`], or what stands in for
/// it) and, beside it on wide screens, the popular posts (`popular`: their entries,
/// or what stands in while they load).
#[component]
pub fn PostPage(children: Children, #[prop(into)] popular: ViewFn) -> impl IntoView {
    view! {
        <div class="article-layout">
            {children()}
            <aside class="sidebar" aria-label="More from this blog">
                <Popular>{popular.run()}</Popular>
            </aside>
        </div>
    }
}

/// One post. `rendered` is its Markdown rendered by `quire-markdown` (with the
/// bundle's highlighting): the caller renders it once, the browser in the app and
/// the builder with the rest of its work on the post.
#[component]
pub fn Article(post: PostBundle, rendered: Rendered) -> impl IntoView {
    let minutes = rendered.reading_minutes();
    let sections: Vec<Heading> = rendered.contents().into_iter().cloned().collect();
    let toc = (!sections.is_empty()).then(|| view! { <TableOfContents sections /> });
    let excerpt_note = post.excerpt_only.then(|| {
        view! {
            <p class="excerpt-note">
                "This is an excerpt: the rest of the article is not part of this blog."
            </p>
        }
    });
    let unpublished = post.unpublished.map(|why| {
        let note = match why {
            Unpublished::Draft => "Draft: only this preview shows it. A build leaves it out \
                                   until `draft = true` goes."
                .to_string(),
            Unpublished::Scheduled => format!(
                "Scheduled: goes live on {}. Until then only this preview shows it.",
                post.date.long()
            ),
        };
        view! { <p class="unpublished-note" role="note">{note}</p> }
    });
    view! {
        <article class="post">
            <header>
                {unpublished}
                <h1>{post.title.clone()}</h1>
                <PostMeta author=post.author date=post.date labels=post.labels />
                <p class="reading-time">{format!("{minutes} min read")}</p>
            </header>
            {toc}
            // The renderer's output is safe by construction (raw HTML escaped, URLs
            // checked, highlighting runs validated): that is what makes inner_html
            // acceptable here. The word count is for the app, which takes this
            // article over as it is rather than render it again (`src/adopt.rs`).
            <div class="prose" data-words=rendered.words inner_html=rendered.html></div>
            {excerpt_note}
            <footer class="post-footer">
                <Share slug=post.slug.clone() title=post.title />
                <PostNav newer=post.newer older=post.older />
                <Related related=post.related />
            </footer>
            <Comments slug=post.slug comments=post.comments />
            <BackToTop />
        </article>
    }
}

#[component]
fn TableOfContents(sections: Vec<Heading>) -> impl IntoView {
    let items = sections
        .into_iter()
        .map(|h| {
            view! {
                <li class=format!("toc-level-{}", h.level)>
                    <a href=format!("#{}", h.id)>{h.text}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="toc" aria-labelledby="toc-heading">
            <h2 id="toc-heading">"Contents"</h2>
            <ol>{items}</ol>
        </nav>
    }
}

/// Copy the link, or share it by email or on a network's own page: plain links, no
/// third-party script. Copying needs the app: the button is hidden without it.
#[component]
fn Share(slug: String, title: String) -> impl IntoView {
    let url = site().absolute(&Route::post(&slug));
    let status = RwSignal::new(String::new());
    let live = actions().is_some();
    let copy = {
        let url = url.clone();
        move |_| {
            if let Some(actions) = actions() {
                actions.copy_link.run((url.clone(), status));
            }
        }
    };
    let links = quire_schema::share_links(&url, &title)
        .into_iter()
        .map(|(network, link)| {
            view! {
                <li>
                    <a href=link rel="noopener noreferrer" target="_blank">{network}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share this post"</h2>
            <ul class="share-links">
                <li>
                    <button type="button" class="copy-link" hidden=!live on:click=copy>
                        "Copy link"
                    </button>
                </li>
                {links}
            </ul>
            <p class="copy-status" role="status">{move || status.get()}</p>
        </section>
    }
}

/// The next newer and older posts.
#[component]
fn PostNav(newer: Option<PostLink>, older: Option<PostLink>) -> impl IntoView {
    let site = site();
    let side = move |post: Option<PostLink>, rel: &'static str, label: &'static str| {
        post.map(|post| {
            view! {
                <a href=site.href(&Route::post(&post.slug)) rel=rel class=rel>
                    <span class="post-nav-label">{label}</span>
                    <span class="post-nav-title">{post.title}</span>
                </a>
            }
        })
    };
    (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="post-nav" aria-label="Newer and older posts">
                {side.clone()(older, "prev", "Older post")}
                {side(newer, "next", "Newer post")}
            </nav>
        }
    })
}

/// Posts sharing labels with this one.
#[component]
fn Related(related: Vec<PostLink>) -> impl IntoView {
    let site = site();
    (!related.is_empty()).then(|| {
        let items = related
            .into_iter()
            .map(|post| {
                view! {
                    <li>
                        <a href=site.href(&Route::post(&post.slug))>{post.title}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="related" aria-labelledby="related-heading">
                <h2 id="related-heading">"Related posts"</h2>
                <ul>{items}</ul>
            </section>
        }
    })
}

#[component]
fn BackToTop() -> impl IntoView {
    let to_top = move |ev: leptos::ev::MouseEvent| {
        if let Some(actions) = actions() {
            ev.prevent_default();
            // Focusing `<main>` scrolls it into view: the top of the content.
            actions.to_main.run(());
        }
    };
    view! {
        <p class="back-to-top">
            <a href="#main" on:click=to_top>"Back to top"</a>
        </p>
    }
}
