//! Search: the form, and what a query finds. The query lives in the address
//! (`/search?q=…`), so the form also works as a plain GET without the app.

use crate::context::{actions, site};
use leptos::prelude::*;
use quire_schema::{Route, SearchEntry};

/// The search page: the form with `query` in its field, then `children` (the
/// results, or their status).
#[component]
pub fn SearchPage(#[prop(into)] query: Signal<String>, children: Children) -> impl IntoView {
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(actions) = actions() {
            actions.search.run(event_target_value(&ev));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // The app searches as the reader types; without it the form is a GET.
        if actions().is_some() {
            ev.prevent_default();
        }
    };
    view! {
        <section class="search page-column">
            <h1>"Search"</h1>
            <form role="search" action=site().href(&Route::Search) method="get" on:submit=on_submit>
                <label for="search-input">"Search the posts"</label>
                <input
                    id="search-input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=on_input
                />
            </form>
            {children()}
        </section>
    }
}

/// What `query` found: a status line, then each hit with its matches marked. With
/// no query, an empty status line.
#[component]
pub fn SearchResults(query: String, hits: Vec<SearchEntry>) -> impl IntoView {
    let terms = quire_schema::terms(&query);
    if terms.is_empty() {
        return view! { <p class="search-status" role="status"></p> }.into_any();
    }
    let shown = query.trim();
    let status = match hits.len() {
        0 => format!("No posts match “{shown}”."),
        1 => format!("1 post matches “{shown}”."),
        n => format!("{n} posts match “{shown}”."),
    };
    let site = site();
    let results = hits
        .into_iter()
        .map(|hit| {
            view! {
                <li>
                    <h2>
                        <a href=site.href(&Route::post(&hit.slug))>{marked(&hit.title, &terms)}</a>
                    </h2>
                    <p class="excerpt">{marked(&hit.excerpt, &terms)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="search-status" role="status">{status}</p>
        <ol class="search-results">{results}</ol>
    }
    .into_any()
}

/// `text` with its matches in `<mark>`, built as elements and text, never markup.
fn marked(text: &str, terms: &[String]) -> Vec<AnyView> {
    quire_schema::highlight(text, terms)
        .into_iter()
        .map(|(hit, run)| {
            let run = run.to_string();
            if hit {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect()
}
