use crate::app::PageTitle;
use crate::components::PopularPosts;
use leptos::prelude::*;

#[component]
pub fn Popular() -> impl IntoView {
    view! {
        <PageTitle page="Popular posts" />
        <PopularPosts standalone=true />
    }
}
