use crate::components::{failure_of, Loading};
use crate::data;
use crate::head::PageTitle;
use crate::ready::{self, Loaded};
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{FeedEntries, Listing};

/// A page of the home feed (`label` none) or of the posts with a label.
#[component]
pub fn Feed(label: Option<String>, page: u32) -> impl IntoView {
    let feed = {
        let label = label.clone();
        LocalResource::new(move || data::feed_page(label.clone(), page))
    };
    ready::pending();
    let title = Route::listing(label.as_deref(), page).title();
    let entries_label = label.clone();
    view! {
        <PageTitle page=title />
        <Listing label page>
            <Transition fallback=|| view! { <Loading what="the latest posts" /> }>
                {
                    let label = entries_label.clone();
                    move || {
                        let label = label.clone();
                        Suspend::new(async move {
                            match feed.await {
                                Ok(page) => view! { <FeedEntries label page /> <Loaded /> }.into_any(),
                                Err(error) => failure_of(error, feed),
                            }
                        })
                    }
                }
            </Transition>
        </Listing>
    }
}
