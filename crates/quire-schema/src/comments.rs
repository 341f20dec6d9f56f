//! What the comments service and its clients (the app, the form, `quire comments
//! pull`) exchange: the one definition of its addresses, fields and answers.

use crate::{Comment, FORMAT_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A comment as a reader sends it, as JSON or as the form's fields (same names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NewComment {
    pub post: String,
    pub author: String,
    pub text: String,
    /// The id of the comment this one answers, on the same post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The signed, time-stamped token the form was given ([`token_url`]).
    #[serde(default)]
    pub token: String,
    /// The honeypot: hidden from people, so only a bot fills it in.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
}

/// The name of the honeypot field, for the form.
pub const HONEYPOT_FIELD: &str = "website";

/// The id of the notice a form post is sent back to (`…/#comment-sent`): the page
/// shows it with CSS alone, so it works without the app.
pub const SENT_ANCHOR: &str = "comment-sent";

/// What a reader is told once the service has the comment.
pub const SENT_MESSAGE: &str = "Thank you — your comment will appear once approved.";

/// The approved comments of one post, oldest first, replies under their comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentList {
    pub format: u32,
    pub comments: Vec<Comment>,
}

impl CommentList {
    pub fn new(comments: Vec<Comment>) -> CommentList {
        CommentList {
            format: FORMAT_VERSION,
            comments,
        }
    }
}

/// Every approved comment, by post slug: what `quire comments pull` writes into
/// `content/comments/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentExport {
    pub format: u32,
    pub posts: BTreeMap<String, Vec<Comment>>,
}

/// The answer to a sent comment, and the message of any refusal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentAnswer {
    pub message: String,
    /// The new comment's id, when it was accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// A form's token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentToken {
    pub token: String,
}

/// Where the approved comments of `slug` are listed.
pub fn list_url(endpoint: &str, slug: &str) -> String {
    format!("{}/{slug}", endpoint.trim_end_matches('/'))
}

/// Where a form for `slug` gets its token.
pub fn token_url(endpoint: &str, slug: &str) -> String {
    format!("{}/token", list_url(endpoint, slug))
}

/// The id the service gives its comment number `n`: never like the `comment-N`
/// of comments written by hand, so the two never clash.
pub fn service_id(n: i64) -> String {
    format!("c{n}")
}

/// The number of a service id, if it is one.
pub fn service_number(id: &str) -> Option<i64> {
    id.strip_prefix('c')
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse().ok())
}

/// The comments of `bundled` (from the post's bundle) with those of `live` (from
/// the service) that it lacks, by id; replies are merged under their comment.
/// Pulled comments keep their service id, so none is shown twice.
pub fn merge_comments(mut bundled: Vec<Comment>, live: Vec<Comment>) -> Vec<Comment> {
    for comment in live {
        match bundled.iter_mut().find(|c| c.id == comment.id) {
            Some(known) => {
                for reply in comment.replies {
                    if !known.replies.iter().any(|r| r.id == reply.id) {
                        known.replies.push(reply);
                    }
                }
            }
            None => bundled.push(comment),
        }
    }
    bundled
}

/// How many links a comment's Markdown holds: addresses written out and Markdown
/// links alike, each counted once.
pub fn count_links(text: &str) -> usize {
    let lower = text.to_ascii_lowercase();
    let written = lower.matches("http://").count() + lower.matches("https://").count();
    let bare = lower
        .split(|c: char| c.is_whitespace() || c == '(' || c == '<' || c == '[')
        .filter(|word| word.starts_with("www."))
        .count();
    written + bare
}
