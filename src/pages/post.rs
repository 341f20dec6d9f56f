use super::popular::PopularPosts;
use crate::components::{failure_of, Loading};
use crate::data::{self, LoadError};
use crate::head::PageTitle;
use crate::ready::{self, Loaded};
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{Article, ArticleLayout, NotFound, Sidebar};

/// One article: its bundle fetched by slug, its Markdown rendered here in the
/// browser, the popular posts beside it.
#[component]
pub fn Post(slug: String) -> impl IntoView {
    let post = LocalResource::new(move || data::post(slug.clone()));
    ready::pending();
    let title = Signal::derive(move || match &*post.read() {
        Some(Ok(p)) => p.title.clone(),
        Some(Err(LoadError::NotFound)) => Route::NotFound.title(),
        _ => String::new(),
    });
    let description = Signal::derive(move || match &*post.read() {
        Some(Ok(p)) => p.summary.clone(),
        _ => String::new(),
    });
    view! {
        <PageTitle page=title description />
        <ArticleLayout>
            <Transition fallback=|| view! { <Loading what="the post" /> }>
                {move || Suspend::new(async move {
                    match post.await {
                        Ok(post) => {
                            let rendered = quire_markdown::render_with_code(
                                &post.markdown,
                                &quire_markdown::Options::ARTICLE,
                                &post.code,
                            );
                            view! { <Article post rendered /> <Loaded /> }.into_any()
                        }
                        Err(LoadError::NotFound) => {
                            view! {
                                <NotFound message="There is no post at this address. It may have been renamed or removed." />
                                <Loaded />
                            }
                                .into_any()
                        }
                        Err(error) => failure_of(error, post),
                    }
                })}
            </Transition>
            <Sidebar>
                <PopularPosts />
            </Sidebar>
        </ArticleLayout>
    }
}
