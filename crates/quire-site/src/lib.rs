//! Writing a site from loaded content (`quire-content`): `bundle` makes the JSON
//! bundles (each under its plain name and a content-hashed one), `pages` a
//! prerendered page per route from the app's own views, `feeds` the Atom feeds and
//! the sitemap, `redirects` the old addresses, `write` puts it all on disk atomically.

pub mod assets;
pub mod bundle;
pub mod feeds;
pub mod pages;
pub mod redirects;
mod relations;
pub mod write;

#[cfg(test)]
mod tests;
