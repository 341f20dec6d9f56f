use crate::components::{failure_of, Loading};
use crate::data;
use crate::head::PageTitle;
use crate::ready::{self, Loaded};
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{Popular as PopularView, PopularEntries};

/// The popular posts: on their own route (`standalone`), or beside an article.
#[component]
pub fn PopularPosts(#[prop(optional)] standalone: bool) -> impl IntoView {
    let popular = LocalResource::new(data::popular);
    ready::pending();
    view! {
        <PopularView standalone>
            <Transition fallback=|| view! { <Loading what="popular posts" /> }>
                {move || Suspend::new(async move {
                    match popular.await {
                        Ok(list) => view! { <PopularEntries list standalone /> <Loaded /> }.into_any(),
                        Err(error) => failure_of(error, popular),
                    }
                })}
            </Transition>
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
