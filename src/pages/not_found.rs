use crate::app::PageTitle;
use crate::base::href;
use leptos::prelude::*;
use leptos_router::components::A;

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
                <A href=href("/")>"Go to the home page"</A>
            </p>
        </section>
    }
}
