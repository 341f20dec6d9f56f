mod archive;
mod feed;
mod not_found;
mod popular;
mod post;
mod search;

pub use archive::Archive;
pub use feed::{Home, Label};
pub use not_found::NotFound;
pub use popular::Popular;
pub use post::Post;
pub use search::Search;
