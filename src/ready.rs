//! When the first route's view is complete, for the takeover (`takeover.rs`): the
//! views say so themselves. Each piece of a page that loads a bundle counts as
//! pending from the moment its container asks for it, and renders [`Loaded`] (or
//! the failure view, which reports a failure) once it shows its data. The takeover
//! reads [`FirstView::state`]; nothing looks at the page's markup to guess.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct FirstView {
    pending: RwSignal<u32>,
    /// Whether any piece has asked to load yet: before that the route's view does
    /// not exist (the site's settings are still loading).
    started: RwSignal<bool>,
    failed: RwSignal<bool>,
}

/// What the first view has come to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum State {
    Loading,
    Ready,
    Failed,
}

impl FirstView {
    pub fn new() -> FirstView {
        FirstView {
            pending: RwSignal::new(0),
            started: RwSignal::new(false),
            failed: RwSignal::new(false),
        }
    }

    pub fn state(&self) -> State {
        if self.failed.get_untracked() {
            State::Failed
        } else if self.started.get_untracked() && self.pending.get_untracked() == 0 {
            State::Ready
        } else {
            State::Loading
        }
    }
}

/// A piece of the view starts loading: the view is not complete until it has
/// rendered [`Loaded`] or failed.
pub fn pending() {
    if let Some(first) = use_context::<FirstView>() {
        first.started.set(true);
        first.pending.update(|n| *n += 1);
    }
}

/// A view with nothing to load is complete as soon as it is shown.
pub fn nothing_to_load() {
    if let Some(first) = use_context::<FirstView>() {
        first.started.set(true);
    }
}

/// Rendered with a piece's data: the piece is shown. Effects run once the view is
/// in the document, so by then it is.
#[component]
pub fn Loaded() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(first) = use_context::<FirstView>() {
            first.pending.update(|n| *n = n.saturating_sub(1));
        }
    });
}

/// Rendered with a failure: the first view will not be complete.
pub fn failed() {
    if let Some(first) = use_context::<FirstView>() {
        first.failed.set(true);
    }
}
