use crate::app::PageTitle;
use crate::components::{
    failure_of, BackToTop, Comments, Loading, PopularPosts, PostMeta, PostNav, Related, Share,
};
use crate::data::{self, LoadError};
use crate::pages::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use quire_markdown::Heading;
use quire_schema::PostBundle;

#[derive(Params, PartialEq, Clone, Debug)]
struct PostParams {
    slug: Option<String>,
}

/// One article: its bundle fetched by slug, its Markdown rendered here in the browser.
#[component]
pub fn Post() -> impl IntoView {
    let params = use_params::<PostParams>();
    let slug = move || {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.slug.clone())
            .unwrap_or_default()
    };
    let post = LocalResource::new(move || data::post(slug()));
    let title = Signal::derive(move || match &*post.read() {
        Some(Ok(p)) => p.title.clone(),
        Some(Err(LoadError::NotFound)) => "Post not found".to_string(),
        _ => String::new(),
    });
    let description = Signal::derive(move || match &*post.read() {
        Some(Ok(p)) => p.summary.clone(),
        _ => String::new(),
    });

    view! {
        <PageTitle page=title description />
        <div class="article-layout">
            <Transition fallback=|| view! { <Loading what="the post" /> }>
                {move || Suspend::new(async move {
                    match post.await {
                        Ok(bundle) => article(bundle).into_any(),
                        Err(LoadError::NotFound) => {
                            view! {
                                <NotFound message="There is no post at this address. It may have been renamed or removed." />
                            }
                                .into_any()
                        }
                        Err(error) => failure_of(error, post)
                    }
                })}
            </Transition>
            <aside class="sidebar" aria-label="More from this blog">
                <PopularPosts />
            </aside>
        </div>
    }
}

fn article(post: PostBundle) -> impl IntoView {
    // The renderer's output is safe by construction (raw HTML escaped, URLs
    // checked, highlighting runs validated), which is what makes inner_html
    // acceptable here.
    let rendered = quire_markdown::render_with_code(
        &post.markdown,
        &quire_markdown::Options::ARTICLE,
        &post.code,
    );
    let minutes = rendered.reading_minutes();
    let sections: Vec<Heading> = rendered.contents().into_iter().cloned().collect();
    let toc = (!sections.is_empty()).then(|| view! { <TableOfContents sections /> });
    let share_title = post.title.clone();
    view! {
        <article class="post">
            <header>
                <h1>{post.title}</h1>
                <PostMeta author=post.author date=post.date labels=post.labels />
                <p class="reading-time">{format!("{minutes} min read")}</p>
            </header>
            {toc}
            <div class="prose" inner_html=rendered.html></div>
            {post
                .excerpt_only
                .then(|| {
                    view! {
                        <p class="excerpt-note">
                            "This is an excerpt: the rest of the article is not part of this blog."
                        </p>
                    }
                })}
            <footer class="post-footer">
                <Share slug=post.slug.clone() title=share_title />
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
    view! {
        <nav class="toc" aria-labelledby="toc-heading">
            <h2 id="toc-heading">"Contents"</h2>
            <ol>
                {sections
                    .into_iter()
                    .map(|h| {
                        view! {
                            <li class=format!("toc-level-{}", h.level)>
                                <a href=format!("#{}", h.id)>{h.text}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
