//! Fetching and decoding bundles, and the ways that can fail as a reader sees them.

use gloo_net::http::Request;
use leptos::prelude::{set_timeout, set_timeout_with_handle};
use quire_schema::{DecodeError, FeedPage, PopularList, PostBundle, SiteBundle};
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// How long one request may take before the reader is told so.
const TIMEOUT: Duration = Duration::from_secs(8);
/// Waits before retrying a transient failure by itself; then the reader decides.
const BACKOFF: [Duration; 2] = [Duration::from_millis(500), Duration::from_millis(1500)];
/// No bundle is this large: the biggest post the renderer shows, and room to spare.
const MAX_BUNDLE_BYTES: usize = quire_markdown::MAX_MARKDOWN_BYTES + 512 * 1024;

/// Why a bundle could not be shown; each has its own message and remedy.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The host has no such bundle.
    NotFound,
    /// No answer at all: the reader is offline or the host unreachable.
    Offline,
    /// An answer that did not come in time.
    Timeout,
    /// A bundle too large to be a real one, with its size in bytes.
    TooLarge(usize),
    /// The host answered with an error status.
    Server(u16),
    /// An answer that is not a valid bundle.
    Damaged,
    /// A bundle from another version of Quire: only a reload brings matching code.
    OtherVersion,
}

impl LoadError {
    pub fn headline(&self) -> &'static str {
        match self {
            LoadError::NotFound => "Not found",
            LoadError::Offline => "You seem to be offline",
            LoadError::Timeout => "The blog is taking too long to answer",
            LoadError::TooLarge(_) => "This is too large to show",
            LoadError::Server(_) => "The blog's server had a problem",
            LoadError::Damaged => "This content is damaged",
            LoadError::OtherVersion => "The blog has been updated",
        }
    }

    pub fn explanation(&self) -> String {
        match self {
            LoadError::NotFound => "There is nothing at this address.".to_string(),
            LoadError::Offline => {
                "We could not reach the blog. Check your connection, then try again.".to_string()
            }
            LoadError::Timeout => format!(
                "No answer came within {} seconds. The connection may be slow: try again.",
                TIMEOUT.as_secs()
            ),
            LoadError::TooLarge(bytes) => format!(
                "What arrived is {:.1} MB, far more than any post here should be, so it was not shown.",
                *bytes as f64 / 1_048_576.0
            ),
            LoadError::Server(status) => format!(
                "It answered with an error (HTTP {status}). This is usually brief: try again in a moment."
            ),
            LoadError::Damaged => {
                "What arrived could not be read. Try again; if this persists, the site needs rebuilding."
                    .to_string()
            }
            LoadError::OtherVersion => {
                "This page is older than the content it asked for. Reload the page to get the new version."
                    .to_string()
            }
        }
    }

    /// Retrying in place cannot help when the app itself is out of date.
    pub fn needs_reload(&self) -> bool {
        matches!(self, LoadError::OtherVersion)
    }
}

impl From<DecodeError> for LoadError {
    fn from(err: DecodeError) -> LoadError {
        match err {
            DecodeError::WrongVersion { .. } => LoadError::OtherVersion,
            DecodeError::Malformed(_) => LoadError::Damaged,
        }
    }
}

/// Fetches the bundle at `path` (relative to the site root) and decodes it, retrying
/// transient failures a couple of times before giving up.
async fn fetch_bundle<T: DeserializeOwned>(path: &str) -> Result<T, LoadError> {
    let url = format!("{}{path}", crate::base::base_path());
    let mut waits = BACKOFF.iter();
    loop {
        match fetch_text(&url).await {
            Ok(text) => return decode(&text),
            Err(error) if is_transient(&error) => match waits.next() {
                Some(wait) => sleep(*wait).await,
                None => return Err(error),
            },
            Err(error) => return Err(error),
        }
    }
}

/// Failures that often clear by themselves within a second or two. A timeout is not
/// retried: the reader has already waited long enough to decide.
fn is_transient(error: &LoadError) -> bool {
    matches!(error, LoadError::Offline | LoadError::Server(502..=504))
}

/// One request, given up after [`TIMEOUT`].
async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                if let Some(controller) = controller {
                    controller.abort();
                }
            },
            TIMEOUT,
        )
        .ok()
    };
    let failed = |timed_out: &Cell<bool>| {
        if timed_out.get() {
            LoadError::Timeout
        } else {
            LoadError::Offline
        }
    };
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let result = async {
        let response = Request::get(url)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(|_| failed(&timed_out))?;
        match response.status() {
            200 => {}
            404 | 410 => return Err(LoadError::NotFound),
            status => return Err(LoadError::Server(status)),
        }
        response.text().await.map_err(|_| failed(&timed_out))
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    result
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    if text.len() > MAX_BUNDLE_BYTES {
        return Err(LoadError::TooLarge(text.len()));
    }
    // Hosts that answer every unknown path with the app's HTML page (single-page app
    // rewrites) mean "no such bundle", not "damaged bundle".
    if text.trim_start().starts_with('<') {
        return Err(LoadError::NotFound);
    }
    Ok(quire_schema::decode(text)?)
}

async fn sleep(duration: Duration) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        duration,
    );
    let _ = wait.await;
}

pub async fn site() -> Result<SiteBundle, LoadError> {
    fetch_bundle(&quire_schema::site_path()).await
}

pub async fn feed_page(page: u32) -> Result<FeedPage, LoadError> {
    fetch_bundle(&quire_schema::feed_page_path(page)).await
}

pub async fn post(slug: String) -> Result<PostBundle, LoadError> {
    // A slug from the URL that could not be a post needs no request.
    if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(LoadError::NotFound);
    }
    fetch_bundle(&quire_schema::post_path(&slug)).await
}

pub async fn popular() -> Result<PopularList, LoadError> {
    fetch_bundle(&quire_schema::popular_path()).await
}
