//! The app's search as a wasm module of its own.
//!
//! Reading a query needs Unicode word boundaries, case and diacritic folding and
//! the ranking: a third of the app's wasm, for the few readers who search. So
//! they live here, and the app imports this module when its search page opens
//! (`src/search_module.rs` in the app). The app still fetches every file of the
//! index, with its own timeouts, retries and failure messages; this module only
//! reads them. What it answers travels as plain data (`quire_search::Shown`).

#[cfg(target_arch = "wasm32")]
mod exports;

/// Nothing runs when the module loads: the app calls its exports.
fn main() {}

#[cfg(test)]
mod tests {
    /// Trunk builds this module by its binary's name, and the app imports it by
    /// `quire_schema::SEARCH_MODULE`: the two must agree. (That `index.html` asks Trunk
    /// for it is xtask's test, for every module.)
    #[test]
    fn the_app_imports_the_module_by_the_name_trunk_builds_it_under() {
        assert_eq!(env!("CARGO_BIN_NAME"), quire_schema::SEARCH_MODULE);
    }
}
