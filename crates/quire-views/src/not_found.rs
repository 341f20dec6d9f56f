use crate::context::site;
use leptos::prelude::*;
use quire_schema::Route;

/// What an address with nothing behind it shows: a route the site does not have,
/// or a post that does not exist.
#[component]
pub fn NotFound(
    #[prop(
        into,
        default = "There is no page at this address. It may have moved, or the link may be mistyped.".into()
    )]
    message: String,
) -> impl IntoView {
    view! {
        <section class="not-found page-column">
            <h1>"Page not found"</h1>
            <p>{message}</p>
            <p>
                <a href=site().href(&Route::Home { page: 1 })>"Go to the home page"</a>
            </p>
        </section>
    }
}
