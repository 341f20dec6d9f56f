//! Taking a comment in: every rule a new comment must pass, in order, before
//! anything is written. A refusal says what was wrong in words the form shows.

use crate::store::{Insert, Status};
use crate::token::TokenProblem;
use crate::State;
use quire_schema::comments::{count_links, service_number, NewComment};
use quire_schema::limits::{COMMENT_LINKS_HELD, COMMENT_LINKS_MAX, COMMENT_TOKEN_MAX_AGE_SECONDS};
use quire_schema::{COMMENT_AUTHOR_MAX_CHARS, COMMENT_TEXT_MAX_CHARS};

/// A comment refused: the HTTP status and what to tell the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
}

impl Refusal {
    pub fn new(status: u16, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            message: message.into(),
        }
    }
}

/// The message of a service that cannot store comments just now.
pub const UNAVAILABLE: &str =
    "Comments cannot be stored just now. What you wrote is still here: try again in a minute.";

/// Checks `new`, sent from `address` at `now` (unix seconds), and stores it as
/// pending: its id.
pub async fn take(
    state: &State,
    new: &NewComment,
    address: &str,
    now: u64,
) -> Result<i64, Refusal> {
    if !new.website.is_empty() {
        return Err(Refusal::new(
            400,
            "This comment looks automated, so it was not sent. (Leave the last field empty.)",
        ));
    }
    let author = new.author.trim();
    if author.is_empty() {
        return Err(Refusal::new(422, "Please give your name."));
    }
    if author.chars().count() > COMMENT_AUTHOR_MAX_CHARS {
        return Err(Refusal::new(
            422,
            format!("Your name is too long: {COMMENT_AUTHOR_MAX_CHARS} characters at most."),
        ));
    }
    if new.text.trim().is_empty() {
        return Err(Refusal::new(422, "Please write a comment."));
    }
    if new.text.chars().count() > COMMENT_TEXT_MAX_CHARS {
        return Err(Refusal::new(
            422,
            "Your comment is too long: 10,000 characters at most.",
        ));
    }
    let links = count_links(&new.text);
    if links > COMMENT_LINKS_MAX {
        return Err(Refusal::new(
            422,
            format!("A comment may hold {COMMENT_LINKS_MAX} links at most; this one has {links}."),
        ));
    }
    if !quire_schema::is_slug(&new.post) || !state.site.has_post(&new.post) {
        return Err(Refusal::new(404, "There is no such post to comment on."));
    }
    let limits = state.limits;
    state
        .key
        .check(
            &new.token,
            &new.post,
            now,
            limits.min_seconds,
            COMMENT_TOKEN_MAX_AGE_SECONDS,
        )
        .map_err(token_refusal)?;
    let parent = match new.reply_to.as_deref().filter(|r| !r.is_empty()) {
        None => None,
        Some(id) => Some(parent_of(state, id, &new.post).await?),
    };
    let sender = state.key.sender(address);
    let now = now as i64;
    let store_failed = |e: crate::store::StoreError| {
        eprintln!("quire-comments: {e}");
        Refusal::new(503, UNAVAILABLE)
    };
    let (last_minute, last_day) = state
        .store
        .sent_since(
            &sender,
            (now - 60, limits.per_minute),
            (now - 24 * 60 * 60, limits.per_day),
        )
        .await
        .map_err(store_failed)?;
    if last_minute >= i64::from(limits.per_minute) {
        return Err(Refusal::new(
            429,
            "You have sent several comments in the last minute: please wait a minute, then send this one.",
        ));
    }
    if last_day >= i64::from(limits.per_day) {
        return Err(Refusal::new(
            429,
            "You have sent as many comments as one reader may in a day: please come back tomorrow.",
        ));
    }
    let held = (links > COMMENT_LINKS_HELD).then(|| "many links".to_string());
    state
        .store
        .insert(Insert {
            post: new.post.clone(),
            parent,
            author: author.to_string(),
            text: new.text.clone(),
            created: now,
            held,
            sender,
        })
        .await
        .map_err(store_failed)
}

fn token_refusal(problem: TokenProblem) -> Refusal {
    match problem {
        TokenProblem::Missing | TokenProblem::Forged => Refusal::new(
            403,
            "This form has lost its token: reload the page, then send your comment again.",
        ),
        TokenProblem::TooFast => Refusal::new(
            429,
            "That was sent faster than anyone can write: read it over, then send it again.",
        ),
        TokenProblem::Expired => Refusal::new(
            403,
            "This form has been open for over a day: reload the page, then send your comment again.",
        ),
    }
}

/// The top-level comment that `reply_to` answers on `post`: a reply to a reply
/// joins its thread, as replies go one level deep.
async fn parent_of(state: &State, reply_to: &str, post: &str) -> Result<i64, Refusal> {
    let not_here = || Refusal::new(422, "The comment you are answering is not on this post.");
    let id = service_number(reply_to).ok_or_else(not_here)?;
    let found = state.store.find(id).await.map_err(|e| {
        eprintln!("quire-comments: {e}");
        Refusal::new(503, UNAVAILABLE)
    })?;
    match found {
        Some(c) if c.post == post && c.status == Status::Approved => Ok(c.parent.unwrap_or(c.id)),
        _ => Err(not_here()),
    }
}
