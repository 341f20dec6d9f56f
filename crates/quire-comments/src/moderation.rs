//! What the author does with comments, the same from the command line and from
//! the moderation API: list those pending, approve, reject, delete, export.

use crate::store::{Status, Store, StoreError, Stored};
use quire_schema::comments::{service_id, service_number, CommentExport};
use quire_schema::{Comment, Date, FORMAT_VERSION};
use serde::Serialize;
use std::collections::BTreeMap;

/// A pending comment as the author sees it.
#[derive(Debug, Serialize)]
pub struct Pending {
    pub id: String,
    pub post: String,
    pub reply_to: Option<String>,
    pub author: String,
    pub date: String,
    pub text: String,
    /// Why to look closely before approving it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<String>,
}

pub async fn pending(store: &Store) -> Result<Vec<Pending>, StoreError> {
    Ok(store
        .pending()
        .await?
        .into_iter()
        .map(|c| Pending {
            id: service_id(c.id),
            post: c.post,
            reply_to: c.parent.map(service_id),
            author: c.author,
            date: date_of(c.created).iso(),
            text: c.text,
            held: c.held,
        })
        .collect())
}

/// A comment's number from what the author typed: `c12` or `12`.
pub fn parse_id(typed: &str) -> Option<i64> {
    service_number(typed).or_else(|| typed.parse().ok().filter(|n: &i64| *n > 0))
}

/// What moderation did to one comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Approve,
    Reject,
    Delete,
}

/// Applies `action` to comment `id`; false if there is no such comment.
pub async fn apply(store: &Store, action: Action, id: i64) -> Result<bool, StoreError> {
    match action {
        Action::Approve => store.set_status(id, Status::Approved).await,
        Action::Reject => store.set_status(id, Status::Rejected).await,
        Action::Delete => store.delete(id).await,
    }
}

/// Every approved comment, by post, as `quire comments pull` reads it.
pub async fn export(store: &Store) -> Result<CommentExport, StoreError> {
    let mut by_post: BTreeMap<String, Vec<Stored>> = BTreeMap::new();
    for c in store.all_approved().await? {
        by_post.entry(c.post.clone()).or_default().push(c);
    }
    Ok(CommentExport {
        format: FORMAT_VERSION,
        posts: by_post
            .into_iter()
            .map(|(post, rows)| (post, threads(rows)))
            .collect(),
    })
}

/// Approved comments (oldest first) as the blog shows them: replies under the
/// comment they answer. A reply whose comment is not approved waits with it.
pub fn threads(rows: Vec<Stored>) -> Vec<Comment> {
    let (tops, replies): (Vec<Stored>, Vec<Stored>) =
        rows.into_iter().partition(|c| c.parent.is_none());
    let mut threads: Vec<Comment> = tops.iter().map(|c| comment(c, Vec::new())).collect();
    for reply in replies {
        let parent = reply.parent.map(service_id);
        if let Some(thread) = threads.iter_mut().find(|t| Some(&t.id) == parent.as_ref()) {
            thread.replies.push(comment(&reply, Vec::new()));
        }
    }
    threads
}

fn comment(c: &Stored, replies: Vec<Comment>) -> Comment {
    Comment {
        id: service_id(c.id),
        author: c.author.clone(),
        date: date_of(c.created),
        markdown: c.text.clone(),
        replies,
    }
}

/// The day (UTC) of a unix time.
pub fn date_of(unix: i64) -> Date {
    let at =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    Date {
        year: u16::try_from(at.year()).unwrap_or(1970),
        month: u8::from(at.month()),
        day: at.day(),
    }
}
