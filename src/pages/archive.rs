use crate::components::{load, show, Bundle};
use crate::data;
use crate::head::PageTitle;
use futures::FutureExt;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{ArchivePage, ArchiveYears, LabelCloud};

/// Every post by year and month, and every label with its count.
#[component]
pub fn Archive() -> impl IntoView {
    let labels = load(|| data::labels().map(|r| r.map(Bundle::Labels)).boxed_local());
    let archive = load(|| {
        data::archive()
            .map(|r| r.map(Bundle::Archive))
            .boxed_local()
    });
    view! {
        <PageTitle page=Route::Archive.title() />
        <ArchivePage
            labels=move || {
                show(labels, "the labels", |bundle| match bundle {
                    Bundle::Labels(list) => Some(view! { <LabelCloud list /> }.into_any()),
                    _ => None,
                })
            }
            years=move || {
                show(archive, "the archive", |bundle| match bundle {
                    Bundle::Archive(archive) => Some(view! { <ArchiveYears archive /> }.into_any()),
                    _ => None,
                })
            }
        />
    }
}
