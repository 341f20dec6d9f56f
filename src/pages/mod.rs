//! One container per route: each loads its bundles, shows loading and failure, and
//! hands the data to the shared views (`quire-views`), which decide every element.

mod archive;
mod feed;
mod not_found;
mod page;
mod popular;
mod post;
mod search;

pub use archive::Archive;
pub use feed::Feed;
pub use not_found::NotFound;
pub use page::SitePage;
pub use popular::Popular;
pub use post::Post;
pub use search::Search;
