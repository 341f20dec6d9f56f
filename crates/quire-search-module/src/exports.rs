//! What the app calls. State lives here between calls: the manifest as last read
//! and the chunks read so far (their names never change), so that a query reads
//! only what it has not already.

use quire_schema::{SearchChunk, SearchFragment, SearchManifest};
use quire_search::{Query, Ranked};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::prelude::*;

thread_local! {
    static MANIFEST: RefCell<Option<SearchManifest>> = const { RefCell::new(None) };
    static CHUNKS: RefCell<HashMap<String, SearchChunk>> = RefCell::new(HashMap::new());
}

/// How many chunks are kept read (each a few KB of JSON).
const KEEP_CHUNKS: usize = 48;

/// Why a call failed: the index is not what its manifest says. The app shows it
/// as damaged content.
fn damaged() -> JsValue {
    JsValue::from_str("damaged")
}

/// The interface this module was built with; the app refuses another (an open
/// tab whose app is older than the module the host now serves).
#[wasm_bindgen]
pub fn api() -> u32 {
    quire_search::MODULE_API
}

/// Takes `text` (the manifest's JSON) as the index to search; false when it is
/// not one.
#[wasm_bindgen(js_name = readManifest)]
pub fn read_manifest(text: &str) -> bool {
    let Ok(manifest) = quire_schema::json::read::<SearchManifest>(text) else {
        return false;
    };
    MANIFEST.with_borrow_mut(|kept| *kept = Some(manifest));
    true
}

/// The paths of the index files `chunks` and `positions` name.
fn paths(manifest: &SearchManifest, query: &Query) -> Result<BTreeSet<String>, JsValue> {
    let chunks = quire_search::chunks_for(manifest, query)
        .into_iter()
        .map(|n| manifest.chunk_path(n));
    let positions = quire_search::positions_for(manifest, query)
        .into_iter()
        .map(|n| manifest.positions_path(n));
    chunks
        .chain(positions)
        .map(|path| path.ok_or_else(damaged))
        .collect()
}

/// The index files `typed` needs that this module has not read yet (a JSON array
/// of paths), or `undefined` when there is nothing to search for.
#[wasm_bindgen]
pub fn needs(typed: &str) -> Result<Option<String>, JsValue> {
    let query = Query::parse(typed);
    if query.is_empty() {
        return Ok(None);
    }
    let needed =
        MANIFEST.with_borrow(|manifest| paths(manifest.as_ref().ok_or_else(damaged)?, &query))?;
    let missing: Vec<String> = CHUNKS.with_borrow_mut(|chunks| {
        let missing = needed.iter().filter(|p| !chunks.contains_key(*p)).count();
        // Room for all this query needs, so that none it reads is dropped before it
        // ranks: the rest of the old ones go.
        if chunks.len() + missing > KEEP_CHUNKS {
            chunks.retain(|path, _| needed.contains(path));
        }
        needed
            .into_iter()
            .filter(|p| !chunks.contains_key(p))
            .collect()
    });
    Ok(Some(quire_schema::encode(&missing)))
}

/// Reads the index file at `path` (its JSON); false when it is not one.
#[wasm_bindgen(js_name = readChunk)]
pub fn read_chunk(path: String, text: &str) -> bool {
    let Ok(chunk) = quire_schema::json::read::<SearchChunk>(text) else {
        return false;
    };
    CHUNKS.with_borrow_mut(|chunks| chunks.insert(path, chunk));
    true
}

/// The posts `typed` finds, best first, from the files [`needs`] named: how many,
/// and the fragment paths of the first `shown` (`quire_search::Ranked`, as JSON).
#[wasm_bindgen]
pub fn rank(typed: &str, shown: usize) -> Result<String, JsValue> {
    let query = Query::parse(typed);
    let ranked = MANIFEST.with_borrow(|manifest| {
        let manifest = manifest.as_ref().ok_or_else(damaged)?;
        CHUNKS.with_borrow(|chunks| {
            let read = |path: String| chunks.get(&path).ok_or_else(damaged);
            let chunks = quire_search::chunks_for(manifest, &query)
                .into_iter()
                .map(|n| read(manifest.chunk_path(n).ok_or_else(damaged)?))
                .collect::<Result<Vec<_>, _>>()?;
            let positions = quire_search::positions_for(manifest, &query)
                .into_iter()
                .map(|n| read(manifest.positions_path(n).ok_or_else(damaged)?))
                .collect::<Result<Vec<_>, _>>()?;
            let found = quire_search::search(manifest, &chunks, &positions, &query)
                .map_err(|_| damaged())?;
            let fragments = found
                .posts
                .iter()
                .take(shown)
                .map(|&post| manifest.fragment_path(post).ok_or_else(damaged))
                .collect::<Result<Vec<_>, _>>()?;
            Ok::<_, JsValue>(Ranked {
                found: found.posts.len(),
                fragments,
            })
        })
    })?;
    Ok(quire_schema::encode(&ranked))
}

/// The results as the reader sees them (`quire_search::Shown`, as JSON):
/// `fragments` (the JSON of the files [`rank`] named) with what `typed` matches
/// marked.
#[wasm_bindgen]
pub fn show(typed: &str, found: usize, fragments: Vec<JsValue>) -> Result<String, JsValue> {
    let fragments = fragments
        .into_iter()
        .map(|text| {
            quire_schema::json::read::<SearchFragment>(&text.as_string().ok_or_else(damaged)?)
                .map_err(|_| damaged())
        })
        .collect::<Result<Vec<_>, _>>()?;
    let shown = quire_search::show(typed, found, fragments);
    Ok(quire_schema::encode(&shown))
}
