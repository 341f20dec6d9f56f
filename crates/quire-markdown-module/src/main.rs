//! The app's Markdown renderer as a wasm module of its own.
//!
//! pulldown-cmark and Quire's writer are about a quarter of what the app would
//! weigh with them, and a page the build prerendered never needs them: its article
//! is already HTML, which the app takes over as it is (`src/adopt.rs`). So they
//! live here, and the app imports this module when it shows a post or a page the
//! reader did not arrive on, or a comment the page did not show. It renders the
//! same way as the builder, from the same crate (`quire-markdown`).

#[cfg(target_arch = "wasm32")]
mod exports;

/// Nothing runs when the module loads: the app calls its exports.
fn main() {}

#[cfg(test)]
mod tests {
    /// Trunk builds this module by its binary's name, and the app imports it by
    /// `quire_schema::MARKDOWN_MODULE`: the two must agree. (That `index.html` asks Trunk
    /// for it is xtask's test, for every module.)
    #[test]
    fn the_app_imports_the_module_by_the_name_trunk_builds_it_under() {
        assert_eq!(env!("CARGO_BIN_NAME"), quire_schema::MARKDOWN_MODULE);
    }
}
