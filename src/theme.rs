//! Light and dark themes. The toggle is worked by a small script that every page
//! carries (`index.html`), with or without the app; the app only needs to know
//! which theme is on when it renders the toggle.

use leptos::prelude::*;

/// Whether the page shows the dark theme now: the reader's choice, else the system's.
pub fn is_dark() -> bool {
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
