//! The moderation API, for the author's own tools: the same as the command line,
//! behind `Authorization: Bearer <QUIRE_COMMENTS_ADMIN_TOKEN>`. Without that
//! setting the API is off and every route answers 404.
//!
//! - `GET /admin/pending`
//! - `POST /admin/comments/<id>/approve`, `POST /admin/comments/<id>/reject`
//! - `DELETE /admin/comments/<id>`
//! - `GET /admin/export`: every approved comment, for `quire comments pull`

use crate::http::json_body;
use crate::moderation::{self, Action};
use crate::State;
use axum::extract::{Path, State as With};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use quire_schema::comments::CommentAnswer;
use std::sync::Arc;

pub fn router() -> Router<Arc<State>> {
    Router::new()
        .route("/pending", get(pending))
        .route("/export", get(export))
        .route("/comments/{id}/{action}", post(decide))
        .route("/comments/{id}", delete(remove))
}

fn answer(status: StatusCode, message: impl Into<String>) -> Response {
    (
        status,
        json_body(&CommentAnswer {
            message: message.into(),
            id: None,
        }),
    )
        .into_response()
}

/// None when the request may moderate; the answer to give it otherwise.
fn refused(state: &State, headers: &HeaderMap) -> Option<Response> {
    let Some(expected) = &state.admin_token else {
        return Some(answer(
            StatusCode::NOT_FOUND,
            "The moderation API is off: set QUIRE_COMMENTS_ADMIN_TOKEN to use it.",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if same(given.as_bytes(), expected.as_bytes()) {
        None
    } else {
        Some(answer(
            StatusCode::UNAUTHORIZED,
            "Give the moderation token: Authorization: Bearer <QUIRE_COMMENTS_ADMIN_TOKEN>.",
        ))
    }
}

/// Equality in time that does not depend on where the two differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn failed(e: crate::store::StoreError) -> Response {
    eprintln!("quire-comments: {e}");
    answer(StatusCode::SERVICE_UNAVAILABLE, crate::intake::UNAVAILABLE)
}

async fn pending(With(state): With<Arc<State>>, headers: HeaderMap) -> Response {
    if let Some(refusal) = refused(&state, &headers) {
        return refusal;
    }
    match moderation::pending(&state.store).await {
        Ok(list) => json_body(&list),
        Err(e) => failed(e),
    }
}

async fn export(With(state): With<Arc<State>>, headers: HeaderMap) -> Response {
    if let Some(refusal) = refused(&state, &headers) {
        return refusal;
    }
    match moderation::export(&state.store).await {
        Ok(all) => json_body(&all),
        Err(e) => failed(e),
    }
}

async fn act(state: &State, headers: &HeaderMap, id: &str, action: Action) -> Response {
    if let Some(refusal) = refused(state, headers) {
        return refusal;
    }
    let Some(n) = moderation::parse_id(id) else {
        return answer(
            StatusCode::BAD_REQUEST,
            format!("`{id}` is not a comment id."),
        );
    };
    match moderation::apply(&state.store, action, n).await {
        Ok(true) => {
            state.lists.clear();
            answer(StatusCode::OK, format!("{id}: done."))
        }
        Ok(false) => answer(StatusCode::NOT_FOUND, format!("There is no comment {id}.")),
        Err(e) => failed(e),
    }
}

/// `approve` or `reject`.
async fn decide(
    With(state): With<Arc<State>>,
    Path((id, action)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let action = match action.as_str() {
        "approve" => Action::Approve,
        "reject" => Action::Reject,
        _ => {
            return answer(
                StatusCode::NOT_FOUND,
                format!("`{action}` is not a moderation: approve or reject."),
            )
        }
    };
    act(&state, &headers, &id, action).await
}

async fn remove(
    With(state): With<Arc<State>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    act(&state, &headers, &id, Action::Delete).await
}
