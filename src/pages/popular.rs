use crate::components::{load, show, Bundle};
use crate::data;
use crate::head::PageTitle;
use futures::FutureExt;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{Popular as PopularView, PopularEntries};

/// The popular posts' entries, once loaded: on their own route (`standalone`), or
/// beside an article.
pub fn popular_entries(standalone: bool) -> impl IntoView {
    let popular = load(|| {
        data::popular()
            .map(|r| r.map(Bundle::Popular))
            .boxed_local()
    });
    show(popular, "popular posts", move |bundle| match bundle {
        Bundle::Popular(list) => Some(view! { <PopularEntries list standalone /> }.into_any()),
        _ => None,
    })
}

#[component]
pub fn Popular() -> impl IntoView {
    view! {
        <PageTitle page=Route::Popular.title() />
        <PopularView standalone=true>{popular_entries(true)}</PopularView>
    }
}
