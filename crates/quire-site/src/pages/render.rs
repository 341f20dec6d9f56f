//! Rendering the shared views to HTML, natively, as the app renders them in the
//! browser.

use leptos::prelude::*;
use quire_schema::Route;
use quire_views::{Layout, Site};

/// The page body for `route`: the layout every route shares around `main`, with
/// the site in context as the views expect it. Each page gets its own reactive
/// owner, dropped once the HTML is written.
pub fn render(
    site: &Site,
    route: &Route,
    main: impl FnOnce() -> AnyView + Send + 'static,
) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(site.clone());
        provide_context(quire_views::CommentMarkdown::HERE);
        view! { <Layout current=route.clone()>{main()}</Layout> }.to_html()
    });
    owner.cleanup();
    html
}
