use crate::components::{load, show, Bundle};
use crate::data;
use crate::head::PageTitle;
use futures::FutureExt;
use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{FeedEntries, Listing};

/// A page of the home feed (`label` none) or of the posts with a label.
#[component]
pub fn Feed(label: Option<String>, page: u32) -> impl IntoView {
    let feed = {
        let label = label.clone();
        load(move || {
            data::feed_page(label.clone(), page)
                .map(|r| r.map(Bundle::Feed))
                .boxed_local()
        })
    };
    let title = Route::listing(label.as_deref(), page).title();
    let entries = {
        let label = label.clone();
        show(feed, "the latest posts", move |bundle| match bundle {
            Bundle::Feed(page) => {
                Some(view! { <FeedEntries label=label.clone() page /> }.into_any())
            }
            _ => None,
        })
    };
    view! {
        <PageTitle page=title />
        <Listing label page>
            {entries}
        </Listing>
    }
}
