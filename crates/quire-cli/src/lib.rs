//! The Quire author tool as a library: `content` reads and validates `content/`,
//! `bundle` turns it into JSON bundles, `write` puts them on disk atomically.

pub mod address;
pub mod bundle;
pub mod comments;
pub mod content;
pub mod diagnostic;
pub mod feeds;
mod front_matter;
mod highlight;
pub mod pages;
mod parallel;
mod relations;
pub mod write;

#[cfg(test)]
mod tests;
