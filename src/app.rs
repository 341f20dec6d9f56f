//! The app: the site's settings, the router, the layout every route shares, and
//! which page container shows which route (`quire_schema::Route` decides).

use crate::components::{load, show, Bundle};
use crate::head::SiteInfo;
use crate::pages::{Archive, Feed, NotFound, Popular, Post, Search, SitePage};
use crate::{actions, base, data, focus, theme};
use futures::FutureExt;
use leptos::prelude::*;
use leptos_router::components::{Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use quire_schema::{Route, SiteBundle};
use quire_views::{Layout, Site};

#[component]
pub fn App() -> impl IntoView {
    let site = load(|| data::site().map(|r| r.map(Bundle::Site)).boxed_local());
    show(site, "the blog", |bundle| match bundle {
        Bundle::Site(bundle) => Some(view! { <Shell bundle /> }.into_any()),
        _ => None,
    })
}

/// What the views know of the blog, from its settings.
fn view_site(bundle: &SiteBundle) -> Site {
    Site {
        title: bundle.title.clone(),
        base: base::base_path().to_string(),
        url: quire_schema::site_url(&bundle.base_url),
        comments_endpoint: bundle.comments_endpoint.clone(),
        pages: bundle.pages.clone(),
    }
}

#[component]
fn Shell(bundle: SiteBundle) -> impl IntoView {
    provide_context(view_site(&bundle));
    provide_context(SiteInfo(bundle));
    view! {
        <Router base=base::router_base()>
            <Routed />
        </Router>
    }
}

/// Everything inside the router: the layout around the current route's page.
#[component]
fn Routed() -> impl IntoView {
    provide_context(actions::actions());
    provide_context(quire_views::CommentMarkdown(
        crate::markdown_module::comment_html,
    ));
    let location = use_location();
    let route = Memo::new(move |_| Route::parse(base::site_path(&location.pathname.get())));
    focus_on_route_change(route);
    // One catch-all route: `Route::parse` decides what an address is. The router's
    // `Routes` is still what completes each navigation (the address bar, scrolling).
    view! {
        <Layout current=route dark=theme::is_dark()>
            <Routes fallback=|| ()>
                <leptos_router::components::Route
                    path=path!("/*any")
                    view=move || move || page(route.get())
                />
            </Routes>
        </Layout>
    }
}

/// The container that shows `route`.
fn page(route: Route) -> AnyView {
    match route {
        Route::Home { page } => view! { <Feed label=None page /> }.into_any(),
        Route::Label { label, page } => view! { <Feed label=Some(label) page /> }.into_any(),
        Route::Archive => view! { <Archive /> }.into_any(),
        Route::Post { slug } => view! { <Post slug /> }.into_any(),
        Route::Popular => view! { <Popular /> }.into_any(),
        Route::Search => view! { <Search /> }.into_any(),
        Route::Page { slug } => view! { <SitePage slug /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
    }
}

/// Moves focus into the new content whenever the route changes (not on the first
/// page, where the reader's place is the top of the document).
fn focus_on_route_change(route: Memo<Route>) {
    Effect::new(move |previous: Option<Route>| {
        let now = route.get();
        if previous.is_some_and(|previous| previous != now) {
            focus::to_main();
        }
        now
    });
}
