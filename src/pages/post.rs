use super::popular::popular_entries;
use crate::components::{failure_of, load, Bundle, Loading};
use crate::data::{self, LoadError};
use crate::head::PageTitle;
use crate::markdown_module::fetch_rendered;
use crate::ready::Loaded;
use futures::FutureExt;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{Article, NotFound, PostPage};

/// One article: its bundle fetched by slug, its Markdown rendered in the browser
/// (by the Markdown module, fetched beside it, unless the prerendered page already
/// shows it), the popular posts beside it.
#[component]
pub fn Post(slug: String) -> impl IntoView {
    let post = load(move || {
        let slug = slug.clone();
        async move {
            let plain = quire_schema::post_path(&slug);
            let (post, rendered) = fetch_rendered(&plain, data::post(slug)).await?;
            Ok(Bundle::Post(post, rendered))
        }
        .boxed_local()
    });
    let title = Signal::derive(move || match &*post.read() {
        Some(Ok(Bundle::Post(p, _))) => p.title.clone(),
        Some(Err(LoadError::NotFound)) => Route::NotFound.title(),
        _ => String::new(),
    });
    let description = Signal::derive(move || match &*post.read() {
        Some(Ok(Bundle::Post(p, _))) => p.summary.clone(),
        _ => String::new(),
    });
    // Not `show`: a post that does not exist is a page of its own, not a failure.
    let article = move || {
        match post.get() {
        None => view! { <Loading what="the post" /> }.into_any(),
        Some(Ok(Bundle::Post(post, rendered))) => {
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
