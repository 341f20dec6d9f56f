//! Every view of a Quire blog, written once. The app (`src/`) renders these
//! components in the browser; the builder (`quire-site`) renders the very same
//! components to HTML for every prerendered page. They are pure functions of bundle
//! data: nothing here fetches, reads the document or touches browser storage.
//!
//! Two seams, both contexts:
//! - [`Site`], what every view needs to know about the blog (its title, the path it
//!   lives under, its address, where comments go). Both sides provide it.
//! - [`Actions`], what a view asks of the browser when a reader acts (copy a link,
//!   send a comment, search, move focus). Only the app provides it; without it the
//!   views are a page that works without JavaScript, and controls that need the app
//!   are written `hidden`.

mod archive;
mod article;
mod comments;
mod context;
mod layout;
mod listing;
mod not_found;
mod page;
mod popular;
mod search;

pub use archive::{ArchivePage, ArchiveYears, LabelCloud};
pub use article::{Article, PostPage};
pub use comments::{CommentDraft, Comments, FormStatus};
pub use context::{Actions, CommentMarkdown, Site};
pub use layout::Layout;
pub use listing::{FeedEntries, Listing, PostMeta};
pub use not_found::NotFound;
pub use page::PageArticle;
pub use popular::{Popular, PopularEntries};
pub use search::{SearchPage, SearchResults};
