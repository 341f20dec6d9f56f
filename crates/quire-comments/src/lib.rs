//! `quire-comments`: the comment service of a Quire blog. Readers send comments
//! (as JSON from the app, or as a plain form without it); they wait as pending
//! until the author approves them, from the command line or the moderation API;
//! approved comments are listed per post as JSON for the app, and exported for
//! `quire comments pull`, which writes them into `content/comments/` for the
//! prerendered pages.
//!
//! - `config`: the settings, from the environment;
//! - `store`: SQLite or PostgreSQL;
//! - `intake`: the rules a new comment must pass;
//! - `token`: the form's signed token, and hashed sender addresses;
//! - `site`: which posts exist, from the built blog;
//! - `http`: the public routes; `admin`: the moderation API; `page`: the pages
//!   a reader without JavaScript sees;
//! - `cache`: each post's list, kept for a second;
//! - `moderation`: approving, rejecting, listing and exporting, for the API and the
//!   command line alike.

pub mod admin;
pub mod cache;
pub mod config;
pub mod http;
pub mod intake;
pub mod moderation;
pub mod page;
pub mod site;
pub mod store;
pub mod token;

use config::{Config, Limits};
use std::sync::Arc;

/// What every request handler shares.
pub struct State {
    pub store: store::Store,
    pub site: site::Site,
    pub key: token::Key,
    pub limits: Limits,
    /// The blog's origin: the only one whose pages may send comments.
    pub origin: String,
    pub admin_token: Option<String>,
    pub trust_proxy: bool,
    /// Each post's list as last answered, for a second.
    pub lists: cache::Lists,
}

impl State {
    /// The address of the post `slug`'s page, on the blog's origin.
    pub fn post_url(&self, slug: &str) -> String {
        format!("{}{}", self.origin, self.site.post_path(slug))
    }

    /// The shared state for `config`, with its store opened and migrated.
    pub async fn open(config: &Config) -> Result<Arc<State>, String> {
        let store = store::Store::open(&config.database_url)
            .await
            .map_err(|e| e.to_string())?;
        let site = site::Site::open(&config.site)?;
        let key = match &config.secret {
            Some(secret) => token::Key::new(secret.as_bytes()),
            None => {
                eprintln!(
                    "quire-comments: QUIRE_COMMENTS_SECRET is not set, so a random one is used: \
                     open forms need reloading after a restart"
                );
                token::Key::random()?
            }
        };
        let origin = config.origin.clone().unwrap_or_else(|| site.origin());
        Ok(Arc::new(State {
            store,
            site,
            key,
            limits: config.limits,
            origin,
            admin_token: config.admin_token.clone(),
            trust_proxy: config.trust_proxy,
            lists: cache::Lists::default(),
        }))
    }
}

/// The current time in unix seconds.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Serves `state` on `listener` until Ctrl-C or SIGTERM; requests under way finish.
pub async fn serve(state: Arc<State>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let app = http::router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(stopped())
    .await
}

async fn stopped() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
