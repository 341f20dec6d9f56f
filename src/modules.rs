//! The app's wasm modules (search's, Markdown's): built beside the app, imported
//! when first needed, each under the content-named files the build gives it.

use crate::data::LoadError;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;
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

/// The module's name: content-named by the app's build, which tells every page
/// (`<meta name="quire-…-module">`); Trunk's own name otherwise.
fn name(module: &str) -> String {
    leptos::prelude::document()
        .query_selector(&format!("meta[name={module}]"))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|name| name.starts_with(module) && !name.contains('/'))
        .unwrap_or_else(|| module.to_string())
}

thread_local! {
    /// Imports tried so far, by module: a browser remembers a module that failed to
    /// load by its address, so each new try asks for it under a new one (and a first
    /// try, under the address the browser's cache knows).
    static TRIES: RefCell<HashMap<String, u32>> = RefCell::new(HashMap::new());
}

/// Imports `module` and starts its wasm: its exports, once they can be called.
pub async fn import(module: &str) -> Result<JsValue, LoadError> {
    let base = format!("{}{}", crate::base::base_path(), name(module));
    let tried = TRIES.with_borrow_mut(|tries| {
        let tried = tries.entry(module.to_string()).or_insert(0);
        *tried += 1;
        *tried - 1
    });
    let script = match tried {
        0 => format!("{base}.js"),
        n => format!("{base}.js?try={n}"),
    };
    let imported = match quire_import(&script) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(error) => Err(error),
    };
    let Ok(exports) = imported else {
        return Err(why_not_imported(&script).await);
    };
    let offline = |_| LoadError::Offline;
    // The module's default export starts it, given its wasm's address.
    let start = js_sys::Reflect::get(&exports, &"default".into())
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
    Ok(exports)
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

/// A module loaded or loading: every caller waits on the one import.
pub type Slot<T> = RefCell<Option<Shared<LocalBoxFuture<'static, Result<T, LoadError>>>>>;

/// The module in `slot`, imported by `import` the first time it is asked for. A
/// failed import is forgotten, so that "Try again" imports it again.
pub async fn once<T: Clone + 'static>(
    slot: &'static LocalKey<Slot<T>>,
    import: fn() -> LocalBoxFuture<'static, Result<T, LoadError>>,
) -> Result<T, LoadError> {
    let loading =
        slot.with_borrow_mut(|module| module.get_or_insert_with(|| import().shared()).clone());
    let result = loading.await;
    if result.is_err() {
        slot.with_borrow_mut(|module| *module = None);
    }
    result
}
