//! Fetching a route's bundles when the reader is about to go there: a pointer that
//! rests on an internal link, or a finger that touches one. The click that follows
//! then paints from memory (`data.rs` keeps what was fetched).

use crate::base;
use leptos::prelude::*;
use leptos::task::spawn_local;
use quire_schema::Route;
use std::cell::RefCell;
use std::collections::HashSet;
use std::time::Duration;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlAnchorElement};

/// How long a pointer must rest on a link to count as intent, not a pass across it.
const REST: Duration = Duration::from_millis(60);

thread_local! {
    /// Routes already fetched ahead in this page's life.
    static DONE: RefCell<HashSet<Route>> = RefCell::new(HashSet::new());
}

/// Listens for intent on the whole document, for as long as the page lives.
pub fn listen() {
    let document = document();
    let on_hover = Closure::<dyn Fn(Event)>::new(|event: Event| {
        if let Some(link) = link_of(&event) {
            set_timeout(
                move || {
                    if link.matches(":hover").unwrap_or(false) {
                        ahead(&link);
                    }
                },
                REST,
            );
        }
    });
    let on_touch = Closure::<dyn Fn(Event)>::new(|event: Event| {
        if let Some(link) = link_of(&event) {
            ahead(&link);
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(true);
    options.set_capture(true);
    for (name, handler) in [("pointerover", &on_hover), ("touchstart", &on_touch)] {
        let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
            name,
            handler.as_ref().unchecked_ref(),
            &options,
        );
    }
    // Listening lasts as long as the page does.
    on_hover.forget();
    on_touch.forget();
}

/// The internal link the event happened on, if any.
fn link_of(event: &Event) -> Option<HtmlAnchorElement> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<HtmlAnchorElement>()
        .ok()
}

/// Fetches the bundles of the route `link` leads to, once per route.
fn ahead(link: &HtmlAnchorElement) {
    let same_site = link.origin() == window().location().origin().unwrap_or_default()
        && link.target().is_empty()
        && link.pathname().starts_with(base::base_path());
    if !same_site {
        return;
    }
    let route = Route::parse(base::site_path(&link.pathname()));
    if route == Route::NotFound || !DONE.with_borrow_mut(|done| done.insert(route.clone())) {
        return;
    }
    spawn_local(async move { crate::data::prefetch(&route).await });
}
