//! Moving a blog into Quire. `blogger` reads both of Blogger's export formats (as a
//! stream, `atom`), `static_site` a Zola or Hugo site; both turn HTML (`html`) and
//! front matter into Quire's posts, pages, comments and redirects, staged by
//! `output` and moved into `content/` only when everything has worked. `images`
//! fetches remote images on request; `report` says what happened to every item.

mod atom;
pub mod blogger;
mod dates;
mod html;
mod images;
pub mod links;
pub mod output;
pub mod report;
pub mod static_site;
pub mod synthetic;

pub use report::Report;

use std::fmt;

/// What an import may do.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Replace posts, pages and comments files that already exist.
    pub force: bool,
    /// Fetch remote images into each post's folder.
    pub download_images: bool,
}

/// Why an import wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        write!(f, "\nNothing was written.")
    }
}
