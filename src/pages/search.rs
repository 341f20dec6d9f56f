use crate::components::{load, show, Bundle};
use crate::data;
use crate::head::PageTitle;
use futures::FutureExt;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use quire_schema::Route;
use quire_views::{LabelCloud, SearchPage, SearchResults};

/// Search as the reader types. Each query fetches only the parts of the index its
/// words need, and the results it shows.
#[component]
pub fn Search() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let shown = Memo::new(move |_| quire_search::results_shown(query.read().get("n").as_deref()));
    leptos::task::spawn_local(data::search_ahead());
    let labels = load(|| data::labels().map(|r| r.map(Bundle::Labels)).boxed_local());
    let answer = load(move || {
        let (text, shown) = (q.get(), shown.get());
        async move { data::search(text, shown).await.map(Bundle::Search) }.boxed_local()
    });
    let results = show(answer, "the search index", move |bundle| match bundle {
        Bundle::Search(answer) => Some(view! { <SearchResults answer /> }.into_any()),
        _ => None,
    });
    view! {
        <PageTitle page=Route::Search.title() />
        <SearchPage
            query=q
            labels=move || {
                show(labels, "the labels", |bundle| match bundle {
                    Bundle::Labels(list) => Some(view! { <LabelCloud list /> }.into_any()),
                    _ => None,
                })
            }
        >
            {results}
        </SearchPage>
    }
}
