use crate::components::{load, show, Bundle};
use crate::data;
use crate::head::PageTitle;
use futures::FutureExt;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{Popular as PopularView, PopularEntries};

/// The popular posts: on their own route (`standalone`), or beside an article.
#[component]
pub fn PopularPosts(#[prop(optional)] standalone: bool) -> impl IntoView {
    let popular = load(|| {
        data::popular()
            .map(|r| r.map(Bundle::Popular))
            .boxed_local()
    });
    view! {
        <PopularView standalone>
            {show(popular, "popular posts", move |bundle| match bundle {
                Bundle::Popular(list) => {
                    Some(view! { <PopularEntries list standalone /> }.into_any())
                }
                _ => None,
            })}
        </PopularView>
    }
}

#[component]
pub fn Popular() -> impl IntoView {
    view! {
        <PageTitle page=Route::Popular.title() />
        <PopularPosts standalone=true />
    }
}
