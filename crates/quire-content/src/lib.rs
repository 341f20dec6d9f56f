//! Reading and checking a content folder: `content` loads and validates posts and
//! settings, `comments` the comments kept with them, `diagnostic` says what is
//! wrong and where (file, line, column, field, hint). Nothing here writes a site;
//! that is `quire-site`'s job.

pub mod comments;
pub mod content;
pub mod diagnostic;
/// Small content folders for the tests of the crates that build on this one. Not
/// behind a feature: one that only tests turn on would make cargo build this
/// crate, and every crate above it, twice in one test run.
pub mod fixtures;
mod front_matter;
pub use front_matter::compose;
mod highlight;
pub mod new_post;
pub mod pages;
pub mod parallel;
pub mod publish;
pub mod pull;
pub mod redirects;
pub mod remembered;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_moving_in;
