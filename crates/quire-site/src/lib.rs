//! Writing a site from loaded content (`quire-content`): `bundle` makes the JSON
//! bundles (each under its plain name and a content-hashed one), `pages` a
//! prerendered page per route from the app's own views, `feeds` the Atom feeds and
//! the sitemap, `search` the search index's files, `redirects` the old addresses, `headers` the host's `_headers`,
//! `write` puts it all on disk atomically and `compress` writes the `.br` and `.gz`
//! twins. `site` is all of it for one site, as `quire build` and `quire serve`
//! write it.

pub mod assets;
mod brotli_memory;
pub mod bundle;
pub mod compress;
pub mod feeds;
pub mod headers;
pub mod images;
pub mod pages;
pub mod redirects;
mod relations;
pub mod search;
pub mod site;
pub mod write;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_images;
