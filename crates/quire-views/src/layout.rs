//! The parts every route shares around its `<main>`: skip link, header with the
//! main navigation and the theme toggle, the live region for route changes, footer.

use crate::context::{actions, site};
use leptos::prelude::*;
use quire_schema::Route;

/// The navigation's sections, in order.
const SECTIONS: [(&str, Route); 4] = [
    ("Home", Route::Home { page: 1 }),
    ("Archive", Route::Archive),
    ("Popular", Route::Popular),
    ("Search", Route::Search),
];

/// The page around `children`. `current` is the route shown, so that its section
/// of the navigation is marked as the current page; `dark` is whether the dark
/// theme is on (the toggle's pressed state).
#[component]
pub fn Layout(
    #[prop(into)] current: Signal<Route>,
    #[prop(optional)] dark: bool,
    children: Children,
) -> impl IntoView {
    let site = site();
    let skip = move |ev: leptos::ev::MouseEvent| {
        // The router treats `#main` as a navigation: the app moves focus itself.
        if let Some(actions) = actions() {
            ev.prevent_default();
            actions.to_main.run(());
        }
    };
    let pages = site.pages.iter().map(|page| {
        (
            page.title.clone(),
            Route::Page {
                slug: page.slug.clone(),
            },
        )
    });
    let sections = SECTIONS
        .into_iter()
        .map(|(text, route)| (text.to_string(), route));
    let nav = sections
        .chain(pages)
        .map(|(text, route)| {
            let href = site.href(&route);
            let is_current = move || {
                (current.with(Route::nav_section).as_ref() == Some(&route)).then_some("page")
            };
            view! { <a href=href aria-current=is_current>{text}</a> }
        })
        .collect_view();
    let title = site.title.clone();
    let home = site.href(&Route::Home { page: 1 });
    view! {
        <a class="skip-link" href="#main" on:click=skip>
            "Skip to main content"
        </a>
        <header class="site-header">
            <div class="wrap">
                <a href=home class="site-title">
                    {site.title}
                </a>
                <nav aria-label="Main">
                    {nav}
                    // Shown and worked by the page's own theme script (index.html),
                    // with or without the app; hidden by the stylesheet when scripts
                    // are off.
                    <button type="button" class="theme-toggle" aria-pressed=dark.to_string()>
                        "Dark theme"
                    </button>
                </nav>
            </div>
        </header>
        <p id="route-announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{format!("{title} · Written in Markdown, read in your browser.")}</p>
            </div>
        </footer>
    }
}
