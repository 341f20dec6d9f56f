//! Search: the form, and what a query finds. The query lives in the address
//! (`/search?q=…`), so the form also works as a plain GET without the app; without
//! JavaScript the page says so and offers the archive and the labels instead.

use crate::context::{actions, site};
use leptos::prelude::*;
use quire_schema::Route;
use quire_search::{Run, Shown, RESULTS_PAGE};

/// The search page: the form with `query` in its field, then `children` (the
/// results, or their status). `labels` is the label cloud (or what stands in for
/// it), offered to a reader without JavaScript.
#[component]
pub fn SearchPage(
    #[prop(into)] query: Signal<String>,
    #[prop(into)] labels: ViewFn,
    children: Children,
) -> impl IntoView {
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
    let site = site();
    view! {
        <section class="search page-column">
            <h1>"Search"</h1>
            <form role="search" action=site.href(&Route::Search) method="get" on:submit=on_submit>
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
            <p class="search-help">
                "Words match in any order; "<code>"\"in quotes\""</code>" as a phrase; "
                <code>"label:europe"</code>" and "<code>"year:2026"</code>" narrow it down."
            </p>
            <noscript>
                <p class="search-needs-js">
                    "Search runs in your browser and needs JavaScript. Every post is in the "
                    <a href=site.href(&Route::Archive)>"archive"</a>", and by label here:"
                </p>
                {labels.run()}
            </noscript>
            {children()}
        </section>
    }
}

/// What a query found (`answer`, its results already marked by the search that
/// read it): a status line with how many posts match, then the first of them and
/// a link to more. With no query, an empty status line.
#[component]
pub fn SearchResults(answer: Option<Shown>) -> impl IntoView {
    let Some(Shown { query, found, hits }) = answer else {
        return view! { <p class="search-status" role="status"></p> }.into_any();
    };
    let shown = query.trim();
    let status = match found {
        0 => format!("No posts match “{shown}”."),
        1 => format!("1 post matches “{shown}”."),
        n => format!("{n} posts match “{shown}”."),
    };
    let site = site();
    let more = (found > hits.len()).then(|| {
        let href = format!(
            "{}?q={}&n={}",
            site.href(&Route::Search),
            quire_schema::percent_encode(&query),
            hits.len() + RESULTS_PAGE
        );
        view! { <p class="search-more"><a href=href>"More results"</a></p> }
    });
    let results = hits
        .into_iter()
        .map(|hit| {
            view! {
                <li>
                    <h2>
                        <a href=site.href(&Route::post(&hit.slug))>{runs(hit.title)}</a>
                    </h2>
                    <p class="search-meta">
                        <time datetime=hit.date.iso()>{hit.date.long()}</time>
                    </p>
                    <p class="excerpt">
                        {hit.cut_before.then_some("… ")}
                        {runs(hit.excerpt)}
                        {hit.cut_after.then_some(" …")}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="search-status" role="status">{status}</p>
        <ol class="search-results">{results}</ol>
        {more}
    }
    .into_any()
}

/// Runs of text with the matches in `<mark>`, built as elements and text, never
/// markup.
fn runs(runs: Vec<Run>) -> Vec<AnyView> {
    runs.into_iter()
        .map(|run| {
            if run.marked {
                view! { <mark>{run.text}</mark> }.into_any()
            } else {
                run.text.into_any()
            }
        })
        .collect()
}
