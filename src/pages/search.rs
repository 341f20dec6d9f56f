use crate::app::PageTitle;
use crate::base::href;
use crate::components::{failure_of, Loading};
use crate::data;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Search as the reader types, over titles, labels and text. The index loads the
/// first time there is something to search for; the query lives in the address
/// (`/search?q=…`), so a search can be shared and reloaded.
#[component]
pub fn Search() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let wanted = Memo::new(move |_| !q.get().trim().is_empty());
    let index = LocalResource::new(move || {
        let wanted = wanted.get();
        async move {
            if wanted {
                data::search_index().await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let navigate = use_navigate();
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        let target = if typed.is_empty() {
            href("/search")
        } else {
            format!("{}?q={}", href("/search"), encode(&typed))
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    view! {
        <PageTitle page="Search" />
        <section class="search page-column">
            <h1>"Search"</h1>
            <form role="search" action=href("/search") method="get" on:submit=|ev| ev.prevent_default()>
                <label for="search-input">"Search the posts"</label>
                <input
                    id="search-input"
                    type="search"
                    name="q"
                    autocomplete="off"
                    prop:value=move || q.get()
                    on:input=on_input
                />
            </form>
            <Transition fallback=|| view! { <Loading what="the search index" /> }>
                {move || Suspend::new(async move {
                    match index.await {
                        Ok(Some(index)) => results(&index, &q.get_untracked()).into_any(),
                        Ok(None) => view! { <p class="search-status" role="status"></p> }.into_any(),
                        Err(error) => failure_of(error, index),
                    }
                })}
            </Transition>
        </section>
    }
}

fn results(index: &quire_schema::SearchIndex, query: &str) -> impl IntoView {
    let terms = quire_schema::terms(query);
    let hits = index.search(&terms);
    let status = match hits.len() {
        0 => format!("No posts match “{}”.", query.trim()),
        1 => format!("1 post matches “{}”.", query.trim()),
        n => format!("{n} posts match “{}”.", query.trim()),
    };
    view! {
        <p class="search-status" role="status">{status}</p>
        <ol class="search-results">
            {hits
                .into_iter()
                .map(|hit| {
                    // A plain link: the router follows it all the same.
                    let title = marked(&hit.title, &terms);
                    let excerpt = marked(&hit.excerpt, &terms);
                    view! {
                        <li>
                            <h2>
                                <a href=href(&format!("/posts/{}", hit.slug))>{title}</a>
                            </h2>
                            <p class="excerpt">{excerpt}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
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

/// Percent-encoding for the query string.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
