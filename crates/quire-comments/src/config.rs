//! The service's settings, all from the environment (a systemd `EnvironmentFile`,
//! a container's `-e`, or the shell), never from the repository: the admin token
//! and the signing secret are secrets.

use quire_schema::limits;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Every setting, with what it is for.
pub const HELP: &str = "\
Settings (environment variables):
  DATABASE_URL                 sqlite://FILE (default sqlite://comments.db) or postgres://…
  QUIRE_COMMENTS_ADDR          where to listen (default 127.0.0.1:8081)
  QUIRE_COMMENTS_SITE          the built blog (its dist/ folder, or a copy of its data/
                               folder's parent): which posts exist, and the blog's address
  QUIRE_COMMENTS_ORIGIN        the blog's origin, if not its base_url's (https://blog.example)
  QUIRE_COMMENTS_SECRET        signs form tokens; set it (32+ characters) when several
                               instances share a database, or tokens die on restart
  QUIRE_COMMENTS_ADMIN_TOKEN   enables the moderation API for `Authorization: Bearer …`
  QUIRE_COMMENTS_TRUST_PROXY   1: the reader's address is the last X-Forwarded-For entry
                               (set it behind nginx, Caddy or a CDN rewrite, never bare)
  QUIRE_COMMENTS_WORKERS       threads serving requests (default: one per core)
  QUIRE_COMMENTS_PER_MINUTE, QUIRE_COMMENTS_PER_DAY, QUIRE_COMMENTS_MIN_SECONDS
                               the abuse limits (defaults 3, 30 and 3 seconds)
";

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub site: PathBuf,
    pub origin: Option<String>,
    pub secret: Option<String>,
    pub admin_token: Option<String>,
    pub trust_proxy: bool,
    pub limits: Limits,
}

/// The abuse limits. Their defaults are the shared constants; tests and load runs
/// on loopback may change them.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_minute: u32,
    pub per_day: u32,
    pub min_seconds: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            per_minute: limits::COMMENTS_PER_MINUTE,
            per_day: limits::COMMENTS_PER_DAY,
            min_seconds: limits::COMMENT_MIN_SECONDS,
        }
    }
}

/// The database when none is named: a file beside where the service runs.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://comments.db";

pub fn database_url() -> String {
    var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string())
}

/// How many threads serve requests, if set (the runtime is built before the rest
/// of the settings are read).
pub fn workers() -> Result<Option<usize>, String> {
    Ok(number::<usize>("QUIRE_COMMENTS_WORKERS")?.filter(|w| *w > 0))
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let addr = var("QUIRE_COMMENTS_ADDR").unwrap_or_else(|| "127.0.0.1:8081".to_string());
        let addr = addr.parse().map_err(|_| {
            format!(
                "QUIRE_COMMENTS_ADDR is `{addr}`: give an address and port, like 127.0.0.1:8081"
            )
        })?;
        let site = var("QUIRE_COMMENTS_SITE").ok_or(
            "QUIRE_COMMENTS_SITE is not set: name the built blog (its dist/ folder), so the \
             service knows which posts exist",
        )?;
        let secret = var("QUIRE_COMMENTS_SECRET");
        if secret.as_ref().is_some_and(|s| s.len() < 32) {
            return Err(
                "QUIRE_COMMENTS_SECRET is too short: use 32 random characters or more, \
                        such as `openssl rand -hex 32`"
                    .to_string(),
            );
        }
        let defaults = Limits::default();
        Ok(Config {
            database_url: database_url(),
            addr,
            site: PathBuf::from(site),
            origin: var("QUIRE_COMMENTS_ORIGIN").map(|o| o.trim_end_matches('/').to_string()),
            secret,
            admin_token: var("QUIRE_COMMENTS_ADMIN_TOKEN"),
            trust_proxy: var("QUIRE_COMMENTS_TRUST_PROXY").is_some_and(|v| v == "1"),
            limits: Limits {
                per_minute: number("QUIRE_COMMENTS_PER_MINUTE")?.unwrap_or(defaults.per_minute),
                per_day: number("QUIRE_COMMENTS_PER_DAY")?.unwrap_or(defaults.per_day),
                min_seconds: number("QUIRE_COMMENTS_MIN_SECONDS")?.unwrap_or(defaults.min_seconds),
            },
        })
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn number<T: std::str::FromStr>(name: &str) -> Result<Option<T>, String> {
    match var(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("{name} is `{v}`: give a whole number")),
    }
}
