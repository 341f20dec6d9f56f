//! A blog of two posts and a fresh store for each test, on SQLite and, when
//! `QUIRE_TEST_DATABASE_URL` names a PostgreSQL server, on PostgreSQL too (a new
//! database each time). `cargo xtask test` always sets it, and sets
//! `QUIRE_REQUIRE_POSTGRES`, so the PostgreSQL half can never be skipped silently.

use axum::body::Body;
use axum::http::{Request, Response};
use http_body_util::BodyExt;
use quire_comments::config::Limits;
use quire_comments::{site, store, token, State};
use quire_schema::{Archive, ArchiveEntry, Date, SiteBundle, FORMAT_VERSION};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tower::ServiceExt;

pub const ORIGIN: &str = "http://blog.test";
pub const ADMIN: &str = "a-moderation-token-for-tests";

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn scratch(what: &str) -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!(
        "quire-comments-test-{}-{what}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).expect("scratch folder");
    dir
}

/// A built blog with the posts `first-post` and `second-post`.
fn blog() -> PathBuf {
    let dir = scratch("site");
    let entry = |slug: &str| ArchiveEntry {
        slug: slug.to_string(),
        title: slug.to_string(),
        date: Date {
            year: 2026,
            month: 1,
            day: 1,
        },
        bundle: format!("data/h/{slug}.json"),
    };
    let archive = Archive {
        format: FORMAT_VERSION,
        posts: vec![entry("first-post"), entry("second-post")],
    };
    let site = SiteBundle {
        format: FORMAT_VERSION,
        title: "Test".into(),
        description: "Test".into(),
        author: "Test".into(),
        base_url: format!("{ORIGIN}/blog/"),
        language: "en".into(),
        comments_endpoint: Some("/api/comments".into()),
        pages: Vec::new(),
    };
    std::fs::write(
        dir.join(quire_schema::archive_path()),
        quire_schema::encode(&archive),
    )
    .expect("archive");
    std::fs::write(
        dir.join(quire_schema::site_path()),
        quire_schema::encode(&site),
    )
    .expect("site");
    dir
}

/// The database URLs to run each test against.
async fn database_urls() -> Vec<String> {
    let mut urls = vec![format!(
        "sqlite://{}",
        scratch("db").join("comments.db").display()
    )];
    match std::env::var("QUIRE_TEST_DATABASE_URL") {
        Ok(server) if !server.is_empty() => urls.push(fresh_postgres(&server).await),
        _ => assert!(
            std::env::var("QUIRE_REQUIRE_POSTGRES").is_err(),
            "QUIRE_REQUIRE_POSTGRES is set but QUIRE_TEST_DATABASE_URL is not"
        ),
    }
    urls
}

/// A new, empty database on the PostgreSQL server at `server`.
async fn fresh_postgres(server: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!(
        "quire_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = sqlx::AnyConnection::connect(server)
        .await
        .expect("the PostgreSQL server of QUIRE_TEST_DATABASE_URL");
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("a test database");
    let (root, _) = server.rsplit_once('/').expect("a URL with a database name");
    format!("{root}/{name}")
}

/// One service per database URL, with limits that leave timing out of the way
/// unless a test brings it back.
pub async fn services(limits: Limits) -> Vec<Arc<State>> {
    let mut all = Vec::new();
    for url in database_urls().await {
        let store = store::Store::open(&url).await.expect("store");
        all.push(Arc::new(State {
            store,
            site: site::Site::open(&blog()).expect("site"),
            key: token::Key::new(b"a test key"),
            limits,
            origin: ORIGIN.to_string(),
            admin_token: Some(ADMIN.to_string()),
            trust_proxy: true,
            lists: Default::default(),
        }));
    }
    all
}

pub fn limits() -> Limits {
    Limits {
        per_minute: 1000,
        per_day: 1000,
        min_seconds: 3,
    }
}

/// A token for `post` that a person could have filled in.
pub fn token(state: &State, post: &str) -> String {
    state.key.token(post, quire_comments::now() - 10)
}

pub async fn call(
    state: &Arc<State>,
    request: Request<Body>,
) -> (u16, Vec<(String, String)>, String) {
    let response: Response<Body> = quire_comments::http::router(state.clone())
        .oneshot(request)
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A JSON comment from the blog's page, sent from `address`.
pub fn json_post(body: serde_json::Value, address: &str) -> Request<Body> {
    Request::post("/comments")
        .header("content-type", "application/json")
        .header("origin", ORIGIN)
        .header("x-forwarded-for", address)
        .body(Body::from(body.to_string()))
        .expect("request")
}

pub fn form_post(fields: &[(&str, &str)], address: &str) -> Request<Body> {
    let body = serde_urlencoded::to_string(fields).expect("form");
    Request::post("/comments")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", ORIGIN)
        .header("x-forwarded-for", address)
        .body(Body::from(body))
        .expect("request")
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header("origin", ORIGIN)
        .body(Body::empty())
        .expect("request")
}

pub fn admin(method: &str, path: &str, bearer: Option<&str>) -> Request<Body> {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(bearer) = bearer {
        request = request.header("authorization", format!("Bearer {bearer}"));
    }
    request.body(Body::empty()).expect("request")
}

/// The status of a moderation request with the right token.
pub async fn moderate(state: &Arc<State>, method: &str, path: impl AsRef<str>) -> u16 {
    call(state, admin(method, path.as_ref(), Some(ADMIN)))
        .await
        .0
}

/// How many comments are stored, whatever their status.
pub async fn stored(state: &State) -> usize {
    state.store.all().await.expect("all comments").len()
}
