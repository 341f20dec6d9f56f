//! Where keyboard and screen-reader users are taken: into the main content after a
//! skip link or a route change, with the new page's title announced.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Moves focus to the visible `<main>`, scrolling it into view. The router treats
/// in-page links such as `#main` as navigations, so skip links come here instead.
pub fn to_main() {
    let main = document()
        .query_selector(".page-root:not([hidden]) main")
        .ok()
        .flatten()
        .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// Says `text` to screen readers through the page's live region.
pub fn announce(text: &str) {
    if let Some(region) = document().get_element_by_id("route-announcer") {
        region.set_text_content(Some(text));
    }
}
