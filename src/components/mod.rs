mod load_state;
mod popular_posts;
mod post_meta;

pub use load_state::{failure_of, Loading};
pub use popular_posts::PopularPosts;
pub use post_meta::PostMeta;
