//! The app's side of the comments service: the approved comments of a post, the
//! form's token, and sending. A service that cannot be reached costs the reader
//! nothing but the live comments: the bundled ones are already on the page.

use gloo_net::http::Request;
use quire_schema::comments::{
    list_url, token_url, CommentAnswer, CommentList, CommentToken, NewComment,
};
use quire_schema::Comment;
use quire_views::CommentDraft;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// Form tokens by post slug, fetched when the post's comments are: the token's
    /// age is how long the reader has had the form.
    static TOKENS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Why a comment could not be sent.
#[derive(Debug, Clone, PartialEq)]
pub enum SendError {
    Offline,
    /// The service refused it: its status, and its message for the reader.
    Refused(u16, Option<String>),
}

async fn get_json<T: DeserializeOwned>(url: &str) -> Option<T> {
    let response = Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    decode(&response.text().await.ok()?)
}

fn decode<T: DeserializeOwned>(text: &str) -> Option<T> {
    quire_schema::json::read(text).ok()
}

/// The post's approved comments from the service, and a fresh token for its form.
pub async fn live(endpoint: &str, slug: &str) -> Option<Vec<Comment>> {
    if let Some(token) = get_json::<CommentToken>(&token_url(endpoint, slug)).await {
        TOKENS.with(|t| t.borrow_mut().insert(slug.to_string(), token.token));
    }
    let list: CommentList = get_json(&list_url(endpoint, slug)).await?;
    quire_schema::check_format(list.format).ok()?;
    Some(list.comments)
}

/// Sends a comment as JSON, with the form's token.
pub async fn send(draft: &CommentDraft) -> Result<(), SendError> {
    let mut token = TOKENS.with(|t| t.borrow().get(&draft.post).cloned());
    if token.is_none() {
        // The first token failed to come: one now (the service may say "too fast",
        // and the reader sends again).
        token = get_json::<CommentToken>(&token_url(&draft.endpoint, &draft.post))
            .await
            .map(|t| t.token);
    }
    let new = NewComment {
        post: draft.post.clone(),
        author: draft.author.clone(),
        text: draft.text.clone(),
        reply_to: None,
        token: token.unwrap_or_default(),
        website: draft.website.clone(),
    };
    let body = quire_schema::encode(&new);
    let response = Request::post(&draft.endpoint)
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| SendError::Offline)?
        .send()
        .await
        .map_err(|_| SendError::Offline)?;
    if response.ok() {
        return Ok(());
    }
    let message = match response.text().await {
        Ok(text) => decode::<CommentAnswer>(&text).map(|a| a.message),
        Err(_) => None,
    };
    Err(SendError::Refused(response.status(), message))
}
