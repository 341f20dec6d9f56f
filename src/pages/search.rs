use crate::components::{failure_of, Loading};
use crate::data;
use crate::head::PageTitle;
use crate::ready::{self, Loaded};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use quire_schema::Route;
use quire_views::{SearchPage, SearchResults};

/// Search as the reader types, over titles, labels and text. The index loads the
/// first time there is something to search for.
#[component]
pub fn Search() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let wanted = Memo::new(move |_| !quire_schema::terms(&q.get()).is_empty());
    let index = LocalResource::new(move || {
        let wanted = wanted.get();
        async move {
            if wanted {
                data::search_index().await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    ready::pending();
    view! {
        <PageTitle page=Route::Search.title() />
        <SearchPage query=q>
            <Transition fallback=|| view! { <Loading what="the search index" /> }>
                {move || {
                    let query = q.get();
                    Suspend::new(async move {
                        match index.await {
                            Ok(index) => {
                                let terms = quire_schema::terms(&query);
                                let hits = index
                                    .map(|index| index.search(&terms).into_iter().cloned().collect())
                                    .unwrap_or_default();
                                view! { <SearchResults query hits /> <Loaded /> }.into_any()
                            }
                            Err(error) => failure_of(error, index),
                        }
                    })
                }}
            </Transition>
        </SearchPage>
    }
}
