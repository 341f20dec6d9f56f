mod home;
mod not_found;
mod popular;
mod post;

pub use home::Home;
pub use not_found::NotFound;
pub use popular::Popular;
pub use post::Post;
