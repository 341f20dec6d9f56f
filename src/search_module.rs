//! The search module (`crates/quire-search-module`): the tokeniser and ranking that
//! read a query, a wasm of their own that the app imports when its search page
//! opens, so that a reader who never searches never fetches them.

use crate::data::LoadError;
use futures::future::FutureExt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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

thread_local! {
    static MODULE: crate::modules::Slot<SearchModule> = const { std::cell::RefCell::new(None) };
}

/// The search module, imported the first time it is asked for.
pub async fn module() -> Result<SearchModule, LoadError> {
    crate::modules::once(&MODULE, || import().boxed_local()).await
}

async fn import() -> Result<SearchModule, LoadError> {
    let module = crate::modules::import(quire_schema::SEARCH_MODULE)
        .await?
        .unchecked_into::<SearchModule>();
    // A tab opened before a new build, meeting the new build's module.
    if module.api().ok() != Some(quire_search::MODULE_API) {
        return Err(LoadError::OtherVersion);
    }
    Ok(module)
}
