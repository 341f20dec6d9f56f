//! Fetching and decoding bundles, and the ways that can fail as a reader sees them.

use gloo_net::http::Request;
use quire_schema::{DecodeError, FeedPage, PopularList, PostBundle, SiteBundle};
use serde::de::DeserializeOwned;

/// Why a bundle could not be shown; each has its own message and remedy.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The host has no such bundle.
    NotFound,
    /// No answer at all: the reader is offline or the host unreachable.
    Offline,
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

/// Fetches the bundle at `path` (relative to the site root) and decodes it.
async fn fetch_bundle<T: DeserializeOwned>(path: &str) -> Result<T, LoadError> {
    let url = format!("/{path}");
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|_| LoadError::Offline)?;
    match response.status() {
        200 => {}
        404 | 410 => return Err(LoadError::NotFound),
        status => return Err(LoadError::Server(status)),
    }
    let text = response.text().await.map_err(|_| LoadError::Offline)?;
    // Hosts that answer every unknown path with the app's HTML page (single-page app
    // rewrites) mean "no such bundle", not "damaged bundle".
    if text.trim_start().starts_with('<') {
        return Err(LoadError::NotFound);
    }
    Ok(quire_schema::decode(&text)?)
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
