//! The Quire reader: a Leptos single-page app that fetches JSON bundles (defined by
//! `quire-schema`) and renders their Markdown in the browser with `quire-markdown`.

mod app;
mod base;
mod components;
mod data;
mod focus;
mod head;
mod pages;
pub mod takeover;
mod theme;

pub use app::App;
