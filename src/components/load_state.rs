//! Loading a piece of a page, and what a reader sees meanwhile and when it fails.
//!
//! Every bundle the app loads goes through one resource type ([`Load`], over the
//! [`Bundle`] enum) and one way of showing it ([`show`]): each distinct resource
//! type, and each `Suspense` future, is another copy of Leptos's async machinery in
//! the wasm, and the app is paid for by every reader.

use crate::data::LoadError;
use crate::ready::{self, Loaded};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use quire_markdown::Rendered;
use quire_schema::{Archive, FeedPage, LabelList, PageBundle, PopularList, PostBundle, SiteBundle};
use std::rc::Rc;

/// Any bundle a page shows.
#[derive(Clone)]
pub enum Bundle {
    Site(SiteBundle),
    Feed(FeedPage),
    /// With its Markdown rendered (by the Markdown module).
    Post(PostBundle, Rendered),
    Page(PageBundle, Rendered),
    Popular(PopularList),
    Archive(Archive),
    Labels(LabelList),
    /// None until there is something to search for.
    Search(Option<quire_search::Shown>),
}

pub type Load = LocalResource<Result<Bundle, LoadError>>;
type Fetch = Rc<dyn Fn() -> LocalBoxFuture<'static, Result<Bundle, LoadError>>>;

/// A piece of the page that loads with `fetch` (which may read signals: it runs
/// again when they change). It counts as pending for the takeover until shown.
pub fn load(
    fetch: impl Fn() -> LocalBoxFuture<'static, Result<Bundle, LoadError>> + 'static,
) -> Load {
    ready::pending();
    resource(Rc::new(fetch))
}

/// Not generic, so that every resource shares one instantiation.
fn resource(fetch: Fetch) -> Load {
    LocalResource::new(move || fetch())
}

/// `piece` as the reader sees it: loading, then `view` of its bundle (which reports
/// the piece shown), or its failure. `view` gives `None` for a bundle of the wrong
/// kind, which cannot come from the fetchers here but is shown as damage, not a
/// panic.
pub fn show(
    piece: Load,
    what: &'static str,
    view: impl Fn(Bundle) -> Option<AnyView> + Send + Sync + 'static,
) -> impl IntoView {
    move || match piece.get() {
        None => view! { <Loading what /> }.into_any(),
        Some(Ok(bundle)) => match view(bundle) {
            Some(shown) => view! { {shown} <Loaded /> }.into_any(),
            None => failure_of(LoadError::Damaged, piece),
        },
        Some(Err(error)) => failure_of(error, piece),
    }
}

#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {format!("Loading {what}…")}
        </p>
    }
}

/// The failure view for `piece`, whose "Try again" loads it anew. Every route
/// shows its failures through here.
pub fn failure_of(error: LoadError, piece: Load) -> AnyView {
    let retry = Callback::new(move |()| piece.refetch());
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
