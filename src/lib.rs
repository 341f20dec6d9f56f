//! The Quire reader: a Leptos app that fetches JSON bundles (defined by
//! `quire-schema`) and shows them through the views every page shares
//! (`quire-views`), rendering Markdown in the browser with `quire-markdown`.

mod actions;
mod app;
mod base;
mod comments;
mod components;
mod data;
mod focus;
mod head;
mod pages;
mod prefetch;
mod ready;
mod search_module;
pub mod takeover;
mod theme;

pub use app::App;

/// The renderer as JavaScript sees it: for the benchmark, which times it against
/// markdown-it in the same page (`cargo xtask bench`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn render_markdown(markdown: &str) -> String {
    quire_markdown::render(markdown, &quire_markdown::Options::ARTICLE).html
}
