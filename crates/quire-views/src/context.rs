//! The contexts the views read: the blog ([`Site`]), the browser's part
//! ([`Actions`]) and how comments' Markdown is rendered ([`CommentMarkdown`]).

use crate::comments::{CommentDraft, FormStatus};
use leptos::prelude::*;
use quire_schema::Route;

/// What every view needs to know about the blog.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Site {
    pub title: String,
    /// The path the site lives under: `/` or `/blog/` (see [`quire_schema::base_path`]).
    pub base: String,
    /// The site's address with one trailing slash; empty when not configured.
    pub url: String,
    /// Where the comment form posts; comments are closed without one.
    pub comments_endpoint: Option<String>,
    /// The pages the navigation lists after its sections, in order.
    pub pages: Vec<quire_schema::PostLink>,
}

impl Site {
    /// The link to `route` under the base path.
    pub fn href(&self, route: &Route) -> String {
        format!("{}{}", self.base, route.path())
    }

    /// The absolute address of `route`, for sharing.
    pub fn absolute(&self, route: &Route) -> String {
        format!("{}{}", self.url, route.path())
    }

    /// A site path from content (an image's `/static/x.png`) under the base path;
    /// anything else (a remote address) as it is. The rule articles follow too
    /// ([`quire_markdown::under_root`]), so a thumbnail and its article's image agree.
    pub fn asset(&self, src: &str) -> String {
        quire_markdown::under_root(src, &self.base)
    }
}

/// The blog, as provided by whoever renders the views.
pub(crate) fn site() -> Site {
    use_context::<Site>().unwrap_or_default()
}

/// What the views ask of the browser. The app provides it; a prerendered page has
/// none, and its views work as plain HTML (links, a form that posts).
#[derive(Clone, Copy)]
pub struct Actions {
    /// Moves focus into the main content (the skip link, "Back to top").
    pub to_main: Callback<()>,
    /// Copies the link to the clipboard and says how that went in the signal.
    pub copy_link: Callback<(String, RwSignal<String>)>,
    /// Sends a comment and reports each step in the signal.
    pub send_comment: Callback<(CommentDraft, RwSignal<FormStatus>)>,
    /// The reader typed this into the search field.
    pub search: Callback<String>,
    /// Fetches the approved comments of a post (its slug) from the comments
    /// service and merges them into the signal, which holds the bundled ones.
    pub live_comments: Callback<(String, RwSignal<Vec<quire_schema::Comment>>)>,
}

/// The browser's part, when the views run in the app.
pub(crate) fn actions() -> Option<Actions> {
    use_context::<Actions>()
}

/// How a comment's Markdown becomes HTML, as whoever renders the views provides
/// it: the builder renders it here ([`CommentMarkdown::HERE`]); the app asks its
/// Markdown module, so that no renderer is linked into the app's own wasm.
#[derive(Clone, Copy)]
pub struct CommentMarkdown(pub fn(&str) -> String);

impl CommentMarkdown {
    /// With `quire-markdown`, by the rules for readers' text.
    pub const HERE: CommentMarkdown = CommentMarkdown(|markdown| {
        quire_markdown::render(markdown, &quire_markdown::Options::COMMENT).html
    });
}

/// A comment's Markdown as HTML; without a renderer, its text escaped.
pub(crate) fn comment_html(markdown: &str) -> String {
    match use_context::<CommentMarkdown>() {
        Some(CommentMarkdown(render)) => render(markdown),
        None => format!("<p>{}</p>", quire_markdown::escape(markdown)),
    }
}
