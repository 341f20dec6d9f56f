//! Writing a site from loaded content (`quire-content`): `bundle` makes the JSON
//! bundles (each under its plain name and a content-hashed one), `pages` a
//! prerendered page per route from the app's own views, `feeds` the Atom feeds and
//! the sitemap, `write` puts it all on disk atomically.

pub mod bundle;
pub mod feeds;
pub mod pages;
mod relations;
pub mod write;

#[cfg(test)]
mod tests;
