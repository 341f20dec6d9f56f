use crate::components::{failure_of, load, Bundle, Loading};
use crate::data::{self, LoadError};
use crate::head::PageTitle;
use crate::markdown_module::fetch_rendered;
use crate::ready::Loaded;
use futures::FutureExt;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{NotFound, PageArticle};

/// A page of the site (About …): its bundle fetched by slug, its Markdown rendered
/// here. Any one-word address the site has no other use for comes here, so a page
/// that does not exist is the not-found page, as for a post.
#[component]
pub fn SitePage(slug: String) -> impl IntoView {
    let page = load(move || {
        let slug = slug.clone();
        async move {
            let plain = quire_schema::page_path(&slug);
            let (page, rendered) = fetch_rendered(&plain, data::page(slug)).await?;
            Ok(Bundle::Page(page, rendered))
        }
        .boxed_local()
    });
    let title = Signal::derive(move || match &*page.read() {
        Some(Ok(Bundle::Page(p, _))) => p.title.clone(),
        Some(Err(LoadError::NotFound)) => Route::NotFound.title(),
        _ => String::new(),
    });
    let description = Signal::derive(move || match &*page.read() {
        Some(Ok(Bundle::Page(p, _))) => p.summary.clone(),
        _ => String::new(),
    });
    let body = move || {
        match page.get() {
            None => view! { <Loading what="the page" /> }.into_any(),
            Some(Ok(Bundle::Page(page, rendered))) => {
                view! { <PageArticle page rendered /> <Loaded /> }.into_any()
            }
            // The not-found page's own words: it is the page a host gives for this
            // address too, so the takeover finds the same markup.
            Some(Err(LoadError::NotFound)) => view! { <NotFound /> <Loaded /> }.into_any(),
            Some(Ok(_)) => failure_of(LoadError::Damaged, page),
            Some(Err(error)) => failure_of(error, page),
        }
    };
    view! {
        <PageTitle page=title description />
        {body}
    }
}
