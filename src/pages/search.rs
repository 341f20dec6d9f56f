use crate::components::{load, show, Bundle};
use crate::data;
use crate::head::PageTitle;
use futures::FutureExt;
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
    let index = load(move || {
        let wanted = wanted.get();
        async move {
            if wanted {
                data::search_index()
                    .await
                    .map(|index| Bundle::Search(Some(index)))
            } else {
                Ok(Bundle::Search(None))
            }
        }
        .boxed_local()
    });
    let results = show(index, "the search index", move |bundle| match bundle {
        Bundle::Search(index) => {
            let query = q.get();
            let terms = quire_schema::terms(&query);
            let hits = index
                .map(|index| index.search(&terms).into_iter().cloned().collect())
                .unwrap_or_default();
            Some(view! { <SearchResults query hits /> }.into_any())
        }
        _ => None,
    });
    view! {
        <PageTitle page=Route::Search.title() />
        <SearchPage query=q>{results}</SearchPage>
    }
}
