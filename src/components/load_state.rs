//! What a reader sees while a bundle loads, and when it could not be loaded.

use crate::data::LoadError;
use leptos::prelude::*;

#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {format!("Loading {what}…")}
        </p>
    }
}

/// The failure view for `resource`, whose "Try again" loads it anew. Every route
/// shows its failures through here.
pub fn failure_of<T: 'static>(error: LoadError, resource: LocalResource<T>) -> AnyView {
    let retry = Callback::new(move |()| resource.refetch());
    view! { <LoadFailed error retry /> }.into_any()
}

/// The failure, what it means, and a way out: retry in place, or reload when only
/// new code can help.
#[component]
pub fn LoadFailed(error: LoadError, retry: Callback<()>) -> impl IntoView {
    crate::ready::failed();
    let reload = error.needs_reload();
    let on_click = move |_| {
        if reload {
            if let Err(err) = window().location().reload() {
                leptos::logging::error!("reload failed: {err:?}");
            }
        } else {
            retry.run(());
        }
    };
    view! {
        <div class="load-failed" role="alert">
            <h2>{error.headline()}</h2>
            <p>{error.explanation()}</p>
            <button type="button" on:click=on_click>
                {if reload { "Reload the page" } else { "Try again" }}
            </button>
        </div>
    }
}
