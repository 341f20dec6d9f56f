//! The shell every route shares (skip link, header, footer) and the routes.

use crate::base::href;
use crate::data::{self, LoadError};
use crate::pages::{Archive, Home, Label, NotFound, Popular, Post, Search};
use crate::{focus, head, theme};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;
use quire_schema::SiteBundle;

/// The site settings, loaded once and shared by every route.
#[derive(Clone, Copy)]
pub struct Site(pub LocalResource<Result<SiteBundle, LoadError>>);

impl Site {
    /// The blog's title once known; empty while loading or when it failed.
    pub fn title(&self) -> String {
        self.with(|s| s.title.clone())
    }

    /// Reads the settings once loaded; the default while loading or when it failed.
    pub fn with<T: Default>(&self, read: impl FnOnce(&SiteBundle) -> T) -> T {
        self.0
            .read()
            .as_ref()
            .and_then(|result| result.as_ref().ok())
            .map(read)
            .unwrap_or_default()
    }
}

/// Sets the document title to "`page` · blog title" (just the blog title for ""),
/// and the head's description and canonical link; after a route change, moves focus
/// to the new content and announces the title.
#[component]
pub fn PageTitle(
    #[prop(into)] page: Signal<String>,
    /// The page's summary for search engines and link previews; the blog's when empty.
    #[prop(into, optional)]
    description: Signal<String>,
) -> impl IntoView {
    let site = expect_context::<Site>();
    let text = Memo::new(move |_| {
        let blog = site.title();
        let page = page.get();
        match (page.is_empty(), blog.is_empty()) {
            (true, _) => blog,
            (false, true) => page,
            (false, false) => format!("{page} · {blog}"),
        }
    });
    let location = use_location();
    Effect::new(move |_| {
        let path = location.pathname.get();
        let description = description.get();
        let description = if description.is_empty() {
            site.with(|s| s.description.clone())
        } else {
            description
        };
        let url =
            site.with(|s| (!s.base_url.is_empty()).then(|| head::canonical(&s.base_url, &path)));
        head::describe(&text.get(), &description, url.as_deref());
    });
    Effect::new(move |first: Option<()>| {
        let title = text.get();
        if first.is_some() && !title.is_empty() {
            focus::announce(&title);
        }
    });
    view! { <Title text=move || text.get() /> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = Site(LocalResource::new(data::site));
    provide_context(site);
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus::to_main();
    };

    view! {
        <Router base=crate::base::router_base()>
            <FocusOnRouteChange />
            <a class="skip-link" href="#main" on:click=skip_to_main>
                "Skip to main content"
            </a>
            <header class="site-header">
                <div class="wrap">
                    <A href=href("/") attr:class="site-title">
                        {move || site.title()}
                    </A>
                    <nav aria-label="Main">
                        <A href=href("/")>"Home"</A>
                        <A href=href("/archive")>"Archive"</A>
                        <A href=href("/popular")>"Popular"</A>
                        <A href=href("/search")>"Search"</A>
                        <theme::Toggle />
                    </nav>
                </div>
            </header>
            <p id="route-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/page/:n") view=Home />
                    <Route path=path!("/labels/:label") view=Label />
                    <Route path=path!("/labels/:label/page/:n") view=Label />
                    <Route path=path!("/archive") view=Archive />
                    <Route path=path!("/posts/:slug") view=Post />
                    <Route path=path!("/popular") view=Popular />
                    <Route path=path!("/search") view=Search />
                </Routes>
            </main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>
                        {move || site.title()}
                        " · Written in Markdown, read in your browser."
                    </p>
                </div>
            </footer>
        </Router>
    }
}

/// Moves focus into the new content whenever the route changes (not on the first
/// page, where the reader's place is the top of the document).
#[component]
fn FocusOnRouteChange() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            focus::to_main();
        }
        path
    });
}
