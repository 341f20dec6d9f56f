use crate::app::PageTitle;
use leptos::prelude::*;

/// For addresses that match no route, and posts that do not exist.
#[component]
pub fn NotFound(
    #[prop(
        default = "There is no page at this address. It may have moved, or the link may be mistyped."
    )]
    message: &'static str,
) -> impl IntoView {
    view! {
        <PageTitle page="Page not found" />
        <section class="not-found page-column">
            <h1>"Page not found"</h1>
            <p>{message}</p>
            <p>
                <a href="/">"Go to the home page"</a>
            </p>
        </section>
    }
}
