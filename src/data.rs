//! Fetching and decoding bundles, and the ways that can fail as a reader sees them.

use crate::search_module::{self, SearchModule};
use futures::future::join_all;
use gloo_net::http::Request;
use leptos::prelude::{set_timeout, set_timeout_with_handle};
use quire_schema::json::Value;
use quire_schema::{
    Archive, DecodeError, FeedPage, LabelList, PopularList, PostBundle, SiteBundle,
};
use quire_search::Shown;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;

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
    /// A web page where a bundle the blog lists should be: something between the
    /// reader and the blog (a Wi-Fi login page, a proxy's error page) answered.
    NotBlogContent,
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
            LoadError::NotBlogContent => "What arrived is not the blog's content",
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
                "What arrived is {} MB, far more than any post here should be, so it was not shown.",
                quire_markdown::megabytes(*bytes)
            ),
            LoadError::Server(status) => format!(
                "It answered with an error (HTTP {status}). This is usually brief: try again in a moment."
            ),
            LoadError::Damaged => {
                "What arrived could not be read. Try again; if this persists, the site needs rebuilding."
                    .to_string()
            }
            LoadError::NotBlogContent => {
                "The network answered with a page of its own instead, as Wi-Fi login pages and \
                 proxies do. If a network page asks you to sign in, do so, then try again."
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

thread_local! {
    /// Content-hashed names of bundles, by plain name (see `quire_schema::paths`).
    static HASHED: RefCell<HashMap<String, String>> = RefCell::new(names_in_page());
    /// Bundles whose last load failed: the next try skips the browser's cache, which
    /// may hold the failed answer under a name that is cached for a year.
    static FAILED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
    /// The text of bundles lately fetched, with when: going back to a post, or
    /// clicking a link whose bundles were fetched ahead, needs no request at all.
    static KEPT: RefCell<Vec<(String, Rc<str>, f64)>> = const { RefCell::new(Vec::new()) };
}

/// How many bundles are kept in memory (a post is ~10 KB).
const KEEP: usize = 32;
/// How long a bundle under its plain name, which a new build may change, is used
/// from memory. Hashed names never change and are used for as long as they are kept.
const PLAIN_FRESH_MS: f64 = 60_000.0;

fn kept(path: &str) -> Option<Rc<str>> {
    let immutable = path.starts_with(quire_schema::IMMUTABLE_DIR);
    let now = js_sys::Date::now();
    KEPT.with_borrow(|kept| {
        kept.iter()
            .find(|(p, _, at)| p == path && (immutable || now - at < PLAIN_FRESH_MS))
            .map(|(_, text, _)| Rc::clone(text))
    })
}

fn keep(path: &str, text: Rc<str>) {
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|(p, _, _)| p != path);
        if kept.len() >= KEEP {
            kept.remove(0);
        }
        kept.push((path.to_string(), text, js_sys::Date::now()));
    });
}

/// The hashed names the prerendered page lists for its view
/// (`<meta name="quire-bundle" content="plain hashed">`).
fn names_in_page() -> HashMap<String, String> {
    let mut names = HashMap::new();
    let Ok(metas) = leptos::prelude::document().query_selector_all("meta[name=quire-bundle]")
    else {
        return names;
    };
    for i in 0..metas.length() {
        let content = metas
            .item(i)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            .and_then(|meta| meta.get_attribute("content"));
        if let Some((plain, hashed)) = content.as_deref().and_then(|c| c.split_once(' ')) {
            names.insert(plain.to_string(), hashed.to_string());
        }
    }
    names
}

/// Whether the bundle `plain` is, as far as the app knows, the very one the
/// prerendered page was built from: the page names it, and the app has not since
/// dropped that name (as it does when the host no longer has it, after a redeploy).
/// Checked before and after fetching it, so the app can take the page's rendering
/// of it (`adopt.rs`).
pub fn as_the_page_has_it(plain: &str) -> bool {
    let on_page = names_in_page().remove(plain);
    on_page.is_some() && HASHED.with_borrow(|names| names.get(plain) == on_page.as_ref())
}

fn learn(plain: String, hashed: &str) {
    if !hashed.is_empty() {
        HASHED.with_borrow_mut(|names| names.insert(plain, hashed.to_string()));
    }
}

/// Fetches the bundle named `plain` (relative to the site root) and decodes it. Its
/// hashed name comes from the cache, if known; the plain name always has the build
/// the host now serves.
async fn fetch_bundle<T: DeserializeOwned>(plain: &str) -> Result<T, LoadError> {
    into_rust(fetch_bundle_value(plain).await?.value)
}

/// The generic part of every fetch, kept to this one line: each bundle type would
/// otherwise have its own copy of the fetching and retrying below in the wasm.
fn into_rust<T: DeserializeOwned>(value: Value) -> Result<T, LoadError> {
    quire_schema::json::from_value(value).map_err(|_| LoadError::Damaged)
}

/// A bundle as fetched: its text, and its JSON, whose format is this app's.
struct Checked {
    text: Rc<str>,
    value: Value,
}

async fn fetch_bundle_value(plain: &str) -> Result<Checked, LoadError> {
    let fresh = FAILED.with_borrow(|failed| failed.contains(plain));
    let result = fetch_either(plain, fresh).await;
    FAILED.with_borrow_mut(|failed| {
        if result.is_ok() {
            failed.remove(plain)
        } else {
            failed.insert(plain.to_string())
        }
    });
    result
}

async fn fetch_either(plain: &str, fresh: bool) -> Result<Checked, LoadError> {
    let hashed = HASHED.with_borrow(|names| names.get(plain).cloned());
    // A bundle the blog names (on this page, in a list) exists: an HTML answer for it
    // is somebody else's page. For any other, it is a host's "no such file".
    let listed = hashed.is_some() || always_there(plain);
    if let Some(hashed) = hashed {
        if let Some(text) = kept(&hashed).filter(|_| !fresh) {
            return parse(text, listed);
        }
        match fetch_path(&hashed, fresh, listed).await {
            // An open tab outlived its build, and the host dropped the old files.
            Err(LoadError::NotFound) => {
                HASHED.with_borrow_mut(|names| names.remove(plain));
            }
            other => return other,
        }
    }
    if let Some(text) = kept(plain).filter(|_| !fresh) {
        return parse(text, listed);
    }
    fetch_path(plain, fresh, listed).await
}

/// Bundles every build writes, whatever the content.
fn always_there(plain: &str) -> bool {
    [
        quire_schema::site_path(),
        quire_schema::popular_path(),
        quire_schema::archive_path(),
        quire_schema::labels_path(),
        quire_schema::search_path(),
        quire_schema::feed_page_path(1),
    ]
    .iter()
    .any(|path| path == plain)
}

/// Fetches the bundle at `path` and decodes it, retrying transient failures a couple
/// of times before giving up. `fresh` asks the network, not the browser's cache.
async fn fetch_path(path: &str, fresh: bool, listed: bool) -> Result<Checked, LoadError> {
    let url = format!("{}{path}", crate::base::base_path());
    let mut waits = BACKOFF.iter();
    let mut fresh = fresh;
    loop {
        let attempt = fetch_text(&url, fresh).await;
        fresh = true;
        match attempt {
            Ok(text) => {
                let checked = parse(text.into(), listed)?;
                keep(path, Rc::clone(&checked.text));
                return Ok(checked);
            }
            Err(error) if is_transient(&error) => match waits.next() {
                Some(wait) => sleep(*wait).await,
                None => return Err(error),
            },
            Err(error) => return Err(error),
        }
    }
}

/// A file of the search index, which the manifest names: it exists.
async fn fetch_listed(path: String) -> Result<Checked, LoadError> {
    match kept(&path) {
        Some(text) => parse(text, true),
        None => fetch_path(&path, false, true).await,
    }
}

/// Failures that often clear by themselves within a second or two. A timeout is not
/// retried: the reader has already waited long enough to decide.
fn is_transient(error: &LoadError) -> bool {
    matches!(error, LoadError::Offline | LoadError::Server(502..=504))
}

/// One request, given up after [`TIMEOUT`].
pub async fn fetch_text(url: &str, fresh: bool) -> Result<String, LoadError> {
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
        let cache = if fresh {
            web_sys::RequestCache::Reload
        } else {
            web_sys::RequestCache::Default
        };
        let response = Request::get(url)
            .cache(cache)
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

/// The bundle's JSON, once its format version is known to be this app's (see
/// `quire_schema::check_format`). `listed`: whether the blog names this bundle, so
/// that it must exist.
fn parse(text: Rc<str>, listed: bool) -> Result<Checked, LoadError> {
    if text.len() > MAX_BUNDLE_BYTES {
        return Err(LoadError::TooLarge(text.len()));
    }
    // A web page instead of JSON. For a bundle the blog does not name, that is a
    // host answering every unknown path with a page (single-page app rewrites):
    // "no such bundle". For one it names, something else answered.
    if text.trim_start().starts_with('<') {
        return Err(if listed {
            LoadError::NotBlogContent
        } else {
            LoadError::NotFound
        });
    }
    let value = quire_schema::json::parse(&text).map_err(|_| LoadError::Damaged)?;
    let format = match value.get("format") {
        Some(&Value::Unsigned(format)) => u32::try_from(format).map_err(|_| LoadError::Damaged)?,
        _ => return Err(LoadError::Damaged),
    };
    quire_schema::check_format(format)?;
    Ok(Checked { text, value })
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

/// Page `page` of the home feed, or of the posts with `label`.
pub async fn feed_page(label: Option<String>, page: u32) -> Result<FeedPage, LoadError> {
    let path = match label {
        // A label from the URL that could not be one needs no request.
        Some(label) if !quire_schema::is_slug(&label) => return Err(LoadError::NotFound),
        Some(label) => quire_schema::label_page_path(&label, page),
        None => quire_schema::feed_page_path(page),
    };
    let feed: FeedPage = fetch_bundle(&path).await?;
    for post in &feed.posts {
        learn(quire_schema::post_path(&post.slug), &post.bundle);
    }
    Ok(feed)
}

/// Answers `text`: the search module (`search_module.rs`) reads the query, the
/// index's manifest and the chunks its words need, and marks the results shown;
/// the files are fetched here like any bundle. `None` when there is nothing to
/// search for.
pub async fn search(text: String, shown: usize) -> Result<Option<Shown>, LoadError> {
    // Nothing typed needs no module (a query of only punctuation is the module's
    // to see through).
    if text.trim().is_empty() {
        return Ok(None);
    }
    let module = search_module::module().await?;
    read_search_manifest(&module).await?;
    let mut again = true;
    let ranked = loop {
        let Some(needed) = module.files_for(&text)? else {
            return Ok(None);
        };
        let files = join_all(needed.iter().cloned().map(fetch_listed)).await;
        for (path, file) in needed.iter().zip(files) {
            if !module.read_chunk(path, &file?.text) {
                return Err(LoadError::Damaged);
            }
        }
        match module.ranked(&text, shown) {
            Ok(ranked) => break ranked,
            // A query typed meanwhile may have made room for its own chunks by
            // dropping these: they are read once more.
            Err(_) if std::mem::take(&mut again) => {}
            Err(error) => return Err(error),
        }
    };
    let fragments = join_all(ranked.fragments.into_iter().map(fetch_listed))
        .await
        .into_iter()
        .map(|file| file.map(|file| wasm_bindgen::JsValue::from_str(&file.text)))
        .collect::<Result<Vec<_>, _>>()?;
    let answer = module.shown(&text, ranked.found, fragments)?;
    for hit in &answer.hits {
        learn(quire_schema::post_path(&hit.slug), &hit.bundle);
    }
    Ok(Some(answer))
}

/// Fetches the search module and the index's manifest ahead of the first query,
/// as the search page opens: the query then waits for its chunks, not for these.
pub async fn search_ahead() {
    if let Ok(module) = search_module::module().await {
        let _ = read_search_manifest(&module).await;
    }
}

thread_local! {
    /// When the module last read the manifest: reading it (a list of every chunk
    /// and every post's length) is worth doing once, not for each query.
    static MANIFEST_READ: Cell<Option<f64>> = const { Cell::new(None) };
}

/// Has the module read the search manifest, again only as often as a bundle
/// under its plain name is fetched again ([`PLAIN_FRESH_MS`]), since a new build
/// changes it.
async fn read_search_manifest(module: &SearchModule) -> Result<(), LoadError> {
    let now = js_sys::Date::now();
    if MANIFEST_READ
        .get()
        .is_some_and(|at| now - at < PLAIN_FRESH_MS)
    {
        return Ok(());
    }
    let manifest = fetch_bundle_value(&quire_schema::search_path()).await?;
    if !module.read_manifest(&manifest.text) {
        return Err(LoadError::Damaged);
    }
    MANIFEST_READ.set(Some(now));
    Ok(())
}

pub async fn labels() -> Result<LabelList, LoadError> {
    fetch_bundle(&quire_schema::labels_path()).await
}

pub async fn archive() -> Result<Archive, LoadError> {
    let archive: Archive = fetch_bundle(&quire_schema::archive_path()).await?;
    for post in &archive.posts {
        learn(quire_schema::post_path(&post.slug), &post.bundle);
    }
    Ok(archive)
}

pub async fn post(slug: String) -> Result<PostBundle, LoadError> {
    // A slug from the URL that could not be a post needs no request.
    if !quire_schema::is_slug(&slug) {
        return Err(LoadError::NotFound);
    }
    fetch_bundle(&quire_schema::post_path(&slug)).await
}

pub async fn page(slug: String) -> Result<quire_schema::PageBundle, LoadError> {
    // Nor could a name the site keeps for itself be a page.
    if !quire_schema::is_page_slug(&slug) {
        return Err(LoadError::NotFound);
    }
    fetch_bundle(&quire_schema::page_path(&slug)).await
}

pub async fn popular() -> Result<PopularList, LoadError> {
    // The list names no hashed bundles to learn (see `PopularList`).
    fetch_bundle(&quire_schema::popular_path()).await
}

/// Loads what `route` shows into memory ahead of a click (see `prefetch.rs`), so
/// that the click paints without waiting for the network. Failures are left for
/// the click itself to meet and explain.
pub async fn prefetch(route: &quire_schema::Route) {
    use quire_schema::Route;
    let bundles = async {
        for plain in route.bundles() {
            let _ = fetch_bundle_value(&plain).await;
        }
    };
    // What renders a post or a page, with its bundle.
    let renderer = async {
        if matches!(route, Route::Post { .. } | Route::Page { .. }) {
            let _ = crate::markdown_module::module().await;
        }
    };
    futures::future::join(bundles, renderer).await;
}
