use super::popular::popular_entries;
use crate::components::{failure_of, load, Bundle, Loading};
use crate::data::{self, LoadError};
use crate::head::PageTitle;
use crate::ready::Loaded;
use futures::FutureExt;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{Article, NotFound, PostPage};

/// One article: its bundle fetched by slug, its Markdown rendered here in the
/// browser, the popular posts beside it.
#[component]
pub fn Post(slug: String) -> impl IntoView {
    let post = load(move || {
        data::post(slug.clone())
            .map(|r| r.map(Bundle::Post))
            .boxed_local()
    });
    let title = Signal::derive(move || match &*post.read() {
        Some(Ok(Bundle::Post(p))) => p.title.clone(),
        Some(Err(LoadError::NotFound)) => Route::NotFound.title(),
        _ => String::new(),
    });
    let description = Signal::derive(move || match &*post.read() {
        Some(Ok(Bundle::Post(p))) => p.summary.clone(),
        _ => String::new(),
    });
    // Not `show`: a post that does not exist is a page of its own, not a failure.
    let article = move || {
        match post.get() {
        None => view! { <Loading what="the post" /> }.into_any(),
        Some(Ok(Bundle::Post(post))) => {
            let rendered = quire_markdown::render_in(
                &post.markdown,
                &quire_markdown::Options::ARTICLE,
                &post.code,
                quire_markdown::Place {
                    root: crate::base::base_path(),
                    files: &quire_schema::post_files_base(&post.slug, post.folder),
                },
                &post.pictures,
            );
            view! { <Article post rendered /> <Loaded /> }.into_any()
        }
        Some(Err(LoadError::NotFound)) => view! {
            <NotFound message="There is no post at this address. It may have been renamed or removed." />
            <Loaded />
        }
        .into_any(),
        Some(Ok(_)) => failure_of(LoadError::Damaged, post),
        Some(Err(error)) => failure_of(error, post),
    }
    };
    view! {
        <PageTitle page=title description />
        <PostPage popular=|| popular_entries(false)>{article}</PostPage>
    }
}
