mod article_extras;
mod comments;
mod load_state;
mod popular_posts;
mod post_meta;

pub use article_extras::{BackToTop, PostNav, Related, Share};
pub use comments::Comments;
pub use load_state::{failure_of, Loading};
pub use popular_posts::PopularPosts;
pub use post_meta::PostMeta;
