//! The shell every route shares (skip link, header, footer) and the routes.

use crate::base::href;
use crate::data::{self, LoadError};
use crate::pages::{Archive, Home, Label, NotFound, Popular, Post};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use quire_schema::SiteBundle;

/// The site settings, loaded once and shared by every route.
#[derive(Clone, Copy)]
pub struct Site(pub LocalResource<Result<SiteBundle, LoadError>>);

impl Site {
    /// The blog's title once known; empty while loading or when it failed.
    pub fn title(&self) -> String {
        self.0
            .get()
            .and_then(Result::ok)
            .map(|s| s.title)
            .unwrap_or_default()
    }
}

/// Sets the document title to "`page` · blog title" (just the blog title for "").
#[component]
pub fn PageTitle(#[prop(into)] page: Signal<String>) -> impl IntoView {
    let site = expect_context::<Site>();
    let text = move || {
        let blog = site.title();
        let page = page.get();
        match (page.is_empty(), blog.is_empty()) {
            (true, _) => blog,
            (false, true) => page,
            (false, false) => format!("{page} · {blog}"),
        }
    };
    view! { <Title text=text /> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = Site(LocalResource::new(data::site));
    provide_context(site);
    let main = NodeRef::<leptos::html::Main>::new();
    // The router would treat "#main" as a navigation and leave focus where it was;
    // a keyboard or screen-reader user needs focus moved into the content.
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main.get() {
            let _ = main.focus();
        }
    };

    view! {
        <Router base=crate::base::router_base()>
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
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1" node_ref=main>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/page/:n") view=Home />
                    <Route path=path!("/labels/:label") view=Label />
                    <Route path=path!("/labels/:label/page/:n") view=Label />
                    <Route path=path!("/archive") view=Archive />
                    <Route path=path!("/posts/:slug") view=Post />
                    <Route path=path!("/popular") view=Popular />
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
