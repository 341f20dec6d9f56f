//! The JSON bundle format: the one contract between the bundler (`quire`) and the
//! browser app. Both sides use these types, so the format has a single definition.
//!
//! Every bundle carries [`FORMAT_VERSION`]; [`decode`] refuses a bundle written for
//! another version instead of misreading it.

pub mod comments;
mod date;
pub mod json;
pub mod limits;
mod page_meta;
mod paths;
mod picture;
mod route;
mod search;

pub use comments::merge_comments;
pub use date::{Date, DateError};
pub use limits::{COMMENT_AUTHOR_MAX_CHARS, COMMENT_TEXT_MAX_CHARS};
pub use page_meta::{comment_count, comment_total, description, share_links};
pub use paths::{
    archive_path, feed_page_path, immutable_path, label_page_path, labels_path, page_path,
    popular_path, post_files_base, post_path, search_path, site_path, DATA_DIR, IMMUTABLE_DIR,
};
pub use picture::{picture_path, share_picture_path, Picture, PICTURES_DIR, PICTURE_SIZES};
pub use route::{
    base_path, is_page_slug, is_slug, percent_decode, percent_encode, site_url, to_slug, Route,
    RESERVED,
};
pub use search::{
    search_dir, SearchChunk, SearchFragment, SearchManifest, CHUNKS_PER_FOLDER,
    FRAGMENTS_PER_FOLDER, MARKDOWN_MODULE, SEARCH_MODULE,
};

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::fmt;

/// Bumped whenever a bundle changes shape in a way an older reader would misread.
pub const FORMAT_VERSION: u32 = 11;

/// How many posts one feed page bundle holds.
pub const FEED_PAGE_SIZE: usize = 10;

/// Site-wide settings the app needs before anything else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteBundle {
    pub format: u32,
    pub title: String,
    pub description: String,
    pub author: String,
    pub base_url: String,
    pub language: String,
    /// Where the comment form posts; no form (comments closed) without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments_endpoint: Option<String>,
    /// The site's pages (About, Contact …) listed in the navigation, in the order
    /// the author set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PostLink>,
}

/// One entry of the feed or of a list: what a reader needs to choose a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostSummary {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub author: String,
    pub labels: Vec<String>,
    pub excerpt: String,
    /// The post's bundle under its content-hashed name ([`immutable_path`]).
    pub bundle: String,
    /// How many comments (replies included) the post has.
    pub comments: u32,
}

/// One page of the home feed, or of the posts with one label, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedPage {
    pub format: u32,
    /// 1-based.
    pub page: u32,
    pub total_pages: u32,
    pub total_posts: u32,
    pub posts: Vec<PostSummary>,
}

/// A whole post; its body stays Markdown and is rendered in the browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostBundle {
    pub format: u32,
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub author: String,
    pub labels: Vec<String>,
    pub summary: String,
    /// True when the body is only an excerpt of a longer article kept elsewhere.
    pub excerpt_only: bool,
    /// True for a post folder (`posts/<slug>/index.md`): its relative links and
    /// images name the files beside it ([`post_files_base`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub folder: bool,
    /// Set only in the development server's preview, for a post readers cannot see
    /// yet; a built site publishes neither, so its bundles never carry this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished: Option<Unpublished>,
    pub markdown: String,
    /// Syntax highlighting for the post's code blocks, done at bundle time: for each
    /// code block in order, `[kind, byte length, kind, length, …]` runs covering its
    /// text (empty when the language is unknown). Kinds are `quire-highlight`'s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Vec<u32>>,
    /// The post's local images as the build published them, each at a few widths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Picture>,
    /// The next newer and next older post, if any.
    pub newer: Option<PostLink>,
    pub older: Option<PostLink>,
    /// Posts sharing the most labels with this one, most shared first.
    pub related: Vec<PostLink>,
    /// Comments, oldest first, each with its replies.
    pub comments: Vec<Comment>,
}

/// Why a post in a preview is not on the published site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unpublished {
    /// `draft = true`: never published until the author says so.
    Draft,
    /// Dated in the future: published by the first build on or after its date.
    Scheduled,
}

/// A page of the site (About, Contact …): outside the feeds, the archive and the
/// labels; its body stays Markdown, rendered in the browser like a post's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageBundle {
    pub format: u32,
    pub slug: String,
    pub title: String,
    /// What a link preview shows.
    pub summary: String,
    pub markdown: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Vec<u32>>,
    /// As a post's ([`PostBundle::pictures`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Picture>,
}

/// A link to another post. Without its bundle's hashed name: two posts that link
/// each other could not both be named by their content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostLink {
    pub slug: String,
    pub title: String,
}

/// A reader's comment; its text is Markdown, rendered with `Options::COMMENT`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: String,
    pub author: String,
    pub date: Date,
    pub markdown: String,
    /// Replies, oldest first; replies have none of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Comment>,
}

/// The popular posts, most read first. Unlike the other lists, it does not name
/// its posts' hashed bundles: every post page names this list's, so a list that
/// changed with each edit of a popular post would change every page of the site
/// (for the host to take again, and the preview to write again).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopularList {
    pub format: u32,
    pub posts: Vec<PopularEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopularEntry {
    pub slug: String,
    pub title: String,
    pub excerpt: String,
    /// The post's first image, for a thumbnail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Image>,
}

/// Every published post, newest first: titles and dates only, for the archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: u32,
    pub posts: Vec<ArchiveEntry>,
}

impl Archive {
    /// The entries (newest first) in runs of one year each, newest year first.
    pub fn by_year(&self) -> Vec<(u16, &[ArchiveEntry])> {
        runs(&self.posts, |date| date.year)
    }
}

/// Entries (newest first) in runs of one month each, newest month first.
pub fn by_month(posts: &[ArchiveEntry]) -> Vec<(&'static str, &[ArchiveEntry])> {
    runs(posts, |date| (date.year, date.month))
        .into_iter()
        .map(|(_, run)| (run[0].date.month_name(), run))
        .collect()
}

/// `posts` cut into runs over which `key` of the date stays the same.
fn runs<K: PartialEq>(
    posts: &[ArchiveEntry],
    key: impl Fn(&Date) -> K,
) -> Vec<(K, &[ArchiveEntry])> {
    let mut found = Vec::new();
    let mut start = 0;
    for i in 1..=posts.len() {
        if i == posts.len() || key(&posts[i].date) != key(&posts[start].date) {
            found.push((key(&posts[start].date), &posts[start..i]));
            start = i;
        }
    }
    found
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveEntry {
    pub slug: String,
    pub title: String,
    pub date: Date,
    /// The post's bundle under its content-hashed name ([`immutable_path`]).
    pub bundle: String,
}

/// An image: its address and its alternative text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// Every label with how many posts carry it, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelList {
    pub format: u32,
    pub labels: Vec<LabelCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelCount {
    pub name: String,
    pub count: u32,
}

/// Why a bundle could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or JSON of the wrong shape.
    Malformed(String),
    /// Well-formed, but written for another format version.
    WrongVersion { found: u32, expected: u32 },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Malformed(why) => write!(f, "the data is damaged ({why})"),
            DecodeError::WrongVersion { found, expected } => write!(
                f,
                "the data is in format {found}, but this reader understands format {expected}"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

#[derive(Deserialize)]
struct Header {
    format: u32,
}

/// Reads a bundle, checking its format version before its shape so that a bundle
/// from another version gets the error that explains it.
pub fn decode<T: DeserializeOwned>(json: &str) -> Result<T, DecodeError> {
    let header: Header =
        serde_json::from_str(json).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    check_format(header.format)?;
    serde_json::from_str(json).map_err(|e| DecodeError::Malformed(e.to_string()))
}

/// Whether a bundle that says it is in format `found` can be read. A reader that
/// parses JSON some other way (the app lets the browser parse it) checks this
/// before the bundle's shape, as [`decode`] does.
pub fn check_format(found: u32) -> Result<(), DecodeError> {
    if found == FORMAT_VERSION {
        Ok(())
    } else {
        Err(DecodeError::WrongVersion {
            found,
            expected: FORMAT_VERSION,
        })
    }
}

/// Writes a bundle. Compact: bundles are read by programs, and every byte is paid for.
pub fn encode<T: Serialize>(bundle: &T) -> String {
    // Serialising these plain structs cannot fail: no maps with non-string keys, no
    // custom serialisers that return errors.
    serde_json::to_string(bundle).unwrap_or_else(|e| unreachable!("bundle serialises: {e}"))
}

#[cfg(test)]
mod tests;
