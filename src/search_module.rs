//! The search module (`crates/quire-search-module`): the tokeniser and ranking that
//! read a query, a wasm of their own that the app imports when its search page
//! opens, so that a reader who never searches never fetches them.

use crate::data::LoadError;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // `import()` is syntax, not a function: the page's loader, which imports the
    // app itself, lends it (`crates/quire-site/src/pages/boot.rs`).
    #[wasm_bindgen(js_namespace = window, js_name = quireImport, catch)]
    fn quire_import(script: &str) -> Result<js_sys::Promise, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// The module's exports (see `crates/quire-search-module/src/exports.rs`).
    #[derive(Clone)]
    pub type SearchModule;
    // Caught: an older module may not have it.
    #[wasm_bindgen(method, catch)]
    fn api(this: &SearchModule) -> Result<u32, JsValue>;
    #[wasm_bindgen(method, js_name = readManifest)]
    pub fn read_manifest(this: &SearchModule, text: &str) -> bool;
    #[wasm_bindgen(method, catch)]
    fn needs(this: &SearchModule, typed: &str) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(method, js_name = readChunk)]
    pub fn read_chunk(this: &SearchModule, path: &str, text: &str) -> bool;
    #[wasm_bindgen(method, catch)]
    fn rank(this: &SearchModule, typed: &str, shown: usize) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn show(
        this: &SearchModule,
        typed: &str,
        found: usize,
        fragments: Vec<JsValue>,
    ) -> Result<String, JsValue>;
}

/// The module's answers are JSON, read as the bundles are.
fn answer<T: serde::de::DeserializeOwned>(json: Result<String, JsValue>) -> Result<T, LoadError> {
    quire_schema::json::read(&json.map_err(|_| LoadError::Damaged)?).map_err(|_| LoadError::Damaged)
}

impl SearchModule {
    /// The index files `typed` needs and the module has not read; `None` when
    /// there is nothing to search for.
    pub fn files_for(&self, typed: &str) -> Result<Option<Vec<String>>, LoadError> {
        match self.needs(typed) {
            Ok(None) => Ok(None),
            Ok(Some(paths)) => answer(Ok(paths)).map(Some),
            Err(_) => Err(LoadError::Damaged),
        }
    }

    pub fn ranked(&self, typed: &str, shown: usize) -> Result<quire_search::Ranked, LoadError> {
        answer(self.rank(typed, shown))
    }

    pub fn shown(
        &self,
        typed: &str,
        found: usize,
        fragments: Vec<JsValue>,
    ) -> Result<quire_search::Shown, LoadError> {
        answer(self.show(typed, found, fragments))
    }
}

type Loading = Shared<LocalBoxFuture<'static, Result<SearchModule, LoadError>>>;

thread_local! {
    /// The module, loaded or loading: every caller waits on the one import.
    static MODULE: RefCell<Option<Loading>> = const { RefCell::new(None) };
}

/// The search module, imported the first time it is asked for. A failed import
/// is forgotten, so that "Try again" imports it again.
pub async fn module() -> Result<SearchModule, LoadError> {
    let loading = MODULE.with_borrow_mut(|module| {
        module
            .get_or_insert_with(|| import().boxed_local().shared())
            .clone()
    });
    let result = loading.await;
    if result.is_err() {
        MODULE.with_borrow_mut(|module| *module = None);
    }
    result
}

/// The module's name: content-named by the app's build, which tells every page
/// (`<meta name="quire-search-module">`); Trunk's own name otherwise.
fn name() -> String {
    leptos::prelude::document()
        .query_selector(&format!("meta[name={}]", quire_schema::SEARCH_MODULE))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|name| name.starts_with(quire_schema::SEARCH_MODULE) && !name.contains('/'))
        .unwrap_or_else(|| quire_schema::SEARCH_MODULE.to_string())
}

thread_local! {
    /// Imports tried so far: a browser remembers a module that failed to load by its
    /// address, so each new try asks for it under a new one.
    static TRIES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

async fn import() -> Result<SearchModule, LoadError> {
    let base = format!("{}{}", crate::base::base_path(), name());
    let script = match TRIES.replace(TRIES.get() + 1) {
        0 => format!("{base}.js"),
        n => format!("{base}.js?try={n}"),
    };
    let imported = match quire_import(&script) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    let Ok(module) = imported else {
        return Err(why_not_imported(&script).await);
    };
    let offline = |_| LoadError::Offline;
    // The module's default export starts it, given its wasm's address.
    let start = js_sys::Reflect::get(&module, &"default".into())
        .ok()
        .and_then(|start| start.dyn_into::<js_sys::Function>().ok())
        .ok_or(LoadError::OtherVersion)?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(
        &options,
        &"module_or_path".into(),
        &format!("{base}_bg.wasm").into(),
    )
    .map_err(|_| LoadError::Damaged)?;
    let started = start
        .call1(&JsValue::UNDEFINED, &options)
        .map_err(offline)?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| LoadError::OtherVersion)?;
    JsFuture::from(started).await.map_err(offline)?;
    let module = module.unchecked_into::<SearchModule>();
    // A tab opened before a new build, meeting the new build's module.
    if module.api().ok() != Some(quire_search::MODULE_API) {
        return Err(LoadError::OtherVersion);
    }
    Ok(module)
}

/// Why the module's script did not load, as the reader should hear it: asked again
/// as a plain file.
async fn why_not_imported(script: &str) -> LoadError {
    match crate::data::fetch_text(script, true).await {
        // The page names a module from the build it came with: a host without it
        // serves a newer build.
        Err(LoadError::NotFound) => LoadError::OtherVersion,
        Err(error) => error,
        Ok(text) if text.trim_start().starts_with('<') => LoadError::NotBlogContent,
        Ok(_) => LoadError::Damaged,
    }
}
