use crate::components::{failure_of, Loading};
use crate::data;
use crate::head::PageTitle;
use crate::ready::{self, Loaded};
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{ArchivePage, ArchiveYears, LabelCloud};

/// Every post by year and month, and every label with its count.
#[component]
pub fn Archive() -> impl IntoView {
    let archive = LocalResource::new(data::archive);
    let labels = LocalResource::new(data::labels);
    ready::pending();
    ready::pending();
    view! {
        <PageTitle page=Route::Archive.title() />
        <ArchivePage>
            <Transition fallback=|| view! { <Loading what="the labels" /> }>
                {move || Suspend::new(async move {
                    match labels.await {
                        Ok(list) => view! { <LabelCloud list /> <Loaded /> }.into_any(),
                        Err(error) => failure_of(error, labels),
                    }
                })}
            </Transition>
            <Transition fallback=|| view! { <Loading what="the archive" /> }>
                {move || Suspend::new(async move {
                    match archive.await {
                        Ok(archive) => view! { <ArchiveYears archive /> <Loaded /> }.into_any(),
                        Err(error) => failure_of(error, archive),
                    }
                })}
            </Transition>
        </ArchivePage>
    }
}
