use crate::head::PageTitle;
use crate::ready;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::NotFound as NotFoundView;

/// An address the site has no page for.
#[component]
pub fn NotFound() -> impl IntoView {
    ready::nothing_to_load();
    view! {
        <PageTitle page=Route::NotFound.title() />
        <NotFoundView />
    }
}
