//! Taking over the prerendered page. Every route's HTML already holds its content,
//! rendered by the builder (`quire-site`) from the same views the app uses, so the app renders
//! into a hidden root beside it and swaps itself in only once its view has
//! everything the page shows (the views say so: `ready.rs`). The swap moves
//! nothing; until then the reader reads and scrolls the prerendered page.
//!
//! Why a takeover and not Leptos hydration: the app arrives late (only once a
//! reader is there, `quire-site`'s `boot`), and the page it arrives on may be older
//! than the bundles it fetches (a redeploy in between). Hydration needs the app's
//! first render to match the page node for node, from data it must have at once;
//! a takeover only needs the app's view to be complete, and when it cannot be, the
//! page stays as it is.
//!
//! If the app's first view fails (a bundle that does not arrive), the prerendered
//! page is better than any error message: the app unmounts and the page stays, its
//! links plain links to other whole pages.

use crate::ready::{FirstView, State};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::{document, provide_context, request_animation_frame, Owner};
use leptos::tachys::view::Mountable;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How long the app may take to show its first view before the prerendered page is
/// kept for good: past every timeout and retry of `data`.
const PATIENCE: Duration = Duration::from_secs(30);

/// Mounts the app, taking over a prerendered page if there is one.
pub fn start() {
    let document = document();
    let root = document
        .create_element("div")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let (Some(body), Some(root)) = (document.body(), root) else {
        return;
    };
    root.set_class_name("page-root");
    let prerendered = document.get_element_by_id("prerendered");
    root.set_hidden(prerendered.is_some());
    if body.append_child(&root).is_err() {
        return;
    }
    // The app's own owner lives on in its tasks, so standing down cleans up from an
    // owner held here: that is what removes the router's document-wide click handler.
    let owner = Owner::new();
    let first = owner.with(|| {
        let first = FirstView::new();
        provide_context(first);
        first
    });
    let app = owner.with(|| mount_to(root.clone(), crate::App));
    crate::prefetch::listen();
    match prerendered {
        Some(page) => {
            let app = App {
                owner,
                view: app,
                first,
            };
            watch(root, page, app, now() + PATIENCE.as_millis() as f64)
        }
        None => {
            app.forget();
            mark("running");
        }
    }
}

/// The mounted app, and the owner that can clean it up.
struct App<M: Mountable> {
    owner: Owner,
    view: UnmountHandle<M>,
    first: FirstView,
}

/// Checks the app's view once a frame until it is ready, then swaps it in.
fn watch<M: Mountable + 'static>(root: HtmlElement, page: Element, app: App<M>, deadline: f64) {
    request_animation_frame(move || match app.first.state() {
        State::Loading if now() < deadline => watch(root, page, app, deadline),
        State::Ready => {
            // In one frame, so the reader never sees both or neither.
            let focused = carry_over(&page, &root);
            page.remove();
            root.set_hidden(false);
            // Only a shown element can take focus.
            if let Some(target) = focused {
                let _ = target.focus();
            }
            mark("running");
            app.view.forget();
            std::mem::forget(app.owner);
        }
        State::Loading | State::Failed => {
            // Cleaning up removes the router's click handler, so the page's links
            // go back to being plain links.
            drop(app.view);
            app.owner.cleanup();
            root.remove();
            mark("stood-down");
        }
    });
}

/// Says on `<html data-app>` what became of the app, for tests and the benchmark.
fn mark(state: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-app", state);
    }
}

/// What the reader did on the prerendered page before the app was ready: text typed
/// into a field goes to the app's twin of the field (same id); the twin of the
/// focused element is returned, to be focused once shown.
fn carry_over(page: &Element, root: &HtmlElement) -> Option<HtmlElement> {
    let twin = |id: &str| root.query_selector(&format!("[id='{id}']")).ok().flatten();
    if let Ok(fields) = page.query_selector_all("input[id], textarea[id]") {
        for i in 0..fields.length() {
            let Some(field) = fields.item(i) else {
                continue;
            };
            let (id, value) = if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
                (input.id(), input.value())
            } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                (area.id(), area.value())
            } else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            if let Some(target) = twin(&id) {
                if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                    input.set_value(&value);
                } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    area.set_value(&value);
                }
                // The app's signals follow the field's input events.
                if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &{
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    init
                }) {
                    let _ = target.dispatch_event(&event);
                }
            }
        }
    }
    document()
        .active_element()
        .filter(|active| page.contains(Some(active)))
        .map(|active| active.id())
        .filter(|id| !id.is_empty())
        .and_then(|id| twin(&id))
        .and_then(|target| target.dyn_into::<HtmlElement>().ok())
}

fn now() -> f64 {
    js_sys::Date::now()
}
