//! The Quire reader: a Leptos app that fetches JSON bundles (defined by
//! `quire-schema`) and shows them through the views every page shares
//! (`quire-views`), rendering Markdown in the browser with `quire-markdown`.

mod actions;
mod adopt;
mod app;
mod base;
mod comments;
mod components;
mod data;
mod focus;
mod head;
mod markdown_module;
mod modules;
mod pages;
mod prefetch;
mod ready;
mod search_module;
pub mod takeover;
mod theme;

pub use app::App;
