//! Light and dark themes. The page follows the system until the reader picks one
//! with the toggle; the choice is kept in localStorage, and a small script in the
//! page's head applies it before the first paint, so a reload never flashes.

use leptos::prelude::*;

/// The localStorage key, also read by the script in `index.html`.
const KEY: &str = "quire-theme";

#[component]
pub fn Toggle() -> impl IntoView {
    let dark = RwSignal::new(is_dark());
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        apply(next);
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || dark.get().to_string()
            on:click=toggle
        >
            "Dark theme"
        </button>
    }
}

/// Whether the page shows the dark theme now: the reader's choice, else the system's.
fn is_dark() -> bool {
    match document()
        .document_element()
        .and_then(|html| html.get_attribute("data-theme"))
        .as_deref()
    {
        Some("dark") => true,
        Some(_) => false,
        None => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches()),
    }
}

fn apply(dark: bool) {
    let theme = if dark { "dark" } else { "light" };
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-theme", theme);
    }
    // Private windows may refuse storage: the choice then lasts for this page only.
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(KEY, theme);
    }
}
