//! The public routes:
//! - `POST /comments`: a new comment, as JSON (from the app) or as form fields
//!   (from a page without JavaScript); 202, or a redirect back to the post;
//! - `GET /comments/<slug>`: the post's approved comments, with an ETag;
//! - `GET /comments/<slug>/token`: a signed, time-stamped token for a form;
//! - `GET /health`: for a load balancer.
//!
//! Only the blog's own pages may send comments: a browser names the page's origin
//! in `Origin`, which must be the blog's (or the service's own, for its own form
//! page), and CORS allows that origin alone.

use crate::cache::Answer;
use crate::intake::{self, Refusal};
use crate::moderation::threads;
use crate::{page, State};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Path, Request, State as With};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use quire_schema::comments::NewComment;
use quire_schema::comments::{
    service_id, CommentAnswer, CommentList, CommentToken, SENT_ANCHOR, SENT_MESSAGE,
};
use quire_schema::limits::COMMENT_BODY_MAX_BYTES;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::Arc;

pub fn router(state: Arc<State>) -> Router {
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(
            HeaderValue::from_str(&state.origin).unwrap_or(HeaderValue::from_static("null")),
        )
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::IF_NONE_MATCH])
        .expose_headers([header::ETAG]);
    Router::new()
        .route("/comments", post(send))
        .route("/comments/{slug}", get(list))
        .route("/comments/{slug}/token", get(token))
        .route("/health", get(|| async { "ok" }))
        .nest("/admin", crate::admin::router())
        .layer(cors)
        .with_state(state)
}

/// How the comment came: what it is answered with follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Form,
}

async fn send(With(state): With<Arc<State>>, request: Request) -> Response {
    let headers = request.headers().clone();
    let kind = match content_type(&headers).as_deref() {
        Some("application/json") => Kind::Json,
        Some("application/x-www-form-urlencoded") => Kind::Form,
        _ => {
            return refuse(
                &state,
                Kind::Json,
                Refusal::new(
                    415,
                    "Send a comment as JSON (Content-Type: application/json) or as a form.",
                ),
            )
        }
    };
    if !from_the_blog(&state, &headers) {
        return refuse(
            &state,
            kind,
            Refusal::new(403, "Comments are taken only from the blog's own pages."),
        );
    }
    let address = address(&state, &request);
    let body = match to_bytes(request.into_body(), COMMENT_BODY_MAX_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            return refuse(
                &state,
                kind,
                Refusal::new(413, "Your comment is too long: 10,000 characters at most."),
            )
        }
    };
    let new: Option<NewComment> = match kind {
        Kind::Json => serde_json::from_slice(&body).ok(),
        Kind::Form => serde_urlencoded::from_bytes(&body).ok(),
    };
    let Some(new) = new else {
        return refuse(
            &state,
            kind,
            Refusal::new(400, "That is not a comment: send post, author and text."),
        );
    };
    let now = crate::now();
    // Without JavaScript the page has no token: the reader is shown the comment to
    // look over, on a form that carries one.
    if kind == Kind::Form && new.token.is_empty() && new.website.is_empty() {
        if !state.site.has_post(&new.post) {
            return refuse(
                &state,
                kind,
                Refusal::new(404, "There is no such post to comment on."),
            );
        }
        return form_page(&state, &new, None, now);
    }
    match intake::take(&state, &new, &address, now).await {
        Ok(id) => match kind {
            Kind::Json => (
                StatusCode::ACCEPTED,
                json_body(&CommentAnswer {
                    message: SENT_MESSAGE.to_string(),
                    id: Some(service_id(id)),
                }),
            )
                .into_response(),
            Kind::Form => {
                let back = format!("{}#{SENT_ANCHOR}", state.post_url(&new.post));
                (
                    StatusCode::SEE_OTHER,
                    [(header::LOCATION, back)],
                    SENT_MESSAGE,
                )
                    .into_response()
            }
        },
        // A bot's (the honeypot) or a missing post's: nothing to give back.
        Err(refusal) if kind == Kind::Form && refusal.status != 400 && refusal.status != 404 => {
            // Whatever a person got wrong, they get their words back on a fresh form.
            let mut page = form_page(&state, &new, Some(&refusal.message), now);
            *page.status_mut() = status(refusal.status);
            page
        }
        Err(refusal) => refuse(&state, kind, refusal),
    }
}

fn form_page(state: &State, new: &NewComment, problem: Option<&str>, now: u64) -> Response {
    let token = state.key.token(&new.post, now);
    let html = page::confirm(new, &token, problem, &state.post_url(&new.post));
    html_response(&state.origin, StatusCode::OK, html)
}

async fn list(
    With(state): With<Arc<State>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !quire_schema::is_slug(&slug) || !state.site.has_post(&slug) {
        return refuse(
            &state,
            Kind::Json,
            Refusal::new(404, "There is no such post."),
        );
    }
    let answer = match state.lists.get(&slug) {
        Some(answer) => answer,
        None => {
            let rows = match state.store.approved(&slug).await {
                Ok(rows) => rows,
                Err(e) => {
                    eprintln!("quire-comments: {e}");
                    return refuse(&state, Kind::Json, Refusal::new(503, intake::UNAVAILABLE));
                }
            };
            let body = quire_schema::encode(&CommentList::new(threads(rows)));
            let etag = format!(
                "\"{}\"",
                crate::token::hex(&Sha256::digest(body.as_bytes())[..16])
            );
            let answer = Arc::new(Answer { body, etag });
            state.lists.put(&slug, answer.clone());
            answer
        }
    };
    let cache = [
        (header::ETAG, answer.etag.clone()),
        (header::CACHE_CONTROL, "no-cache".to_string()),
    ];
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == answer.etag || t.trim() == "*")
        });
    if matches {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (
        StatusCode::OK,
        cache,
        [(header::CONTENT_TYPE, "application/json")],
        answer.body.clone(),
    )
        .into_response()
}

async fn token(With(state): With<Arc<State>>, Path(slug): Path<String>) -> Response {
    if !quire_schema::is_slug(&slug) || !state.site.has_post(&slug) {
        return refuse(
            &state,
            Kind::Json,
            Refusal::new(404, "There is no such post."),
        );
    }
    let token = CommentToken {
        token: state.key.token(&slug, crate::now()),
    };
    ([(header::CACHE_CONTROL, "no-store")], json_body(&token)).into_response()
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(
        value
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase(),
    )
}

/// Whether the request comes from a page of the blog, or of the service itself.
fn from_the_blog(state: &State, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == state.origin {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    host.is_some() && host == origin_host
}

/// The reader's address: the peer's, or the last proxy's word for it.
fn address(state: &State, request: &Request) -> String {
    if state.trust_proxy {
        let forwarded = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_string());
        if let Some(forwarded) = forwarded.filter(|f| !f.is_empty()) {
            return forwarded;
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

fn refuse(state: &State, kind: Kind, refusal: Refusal) -> Response {
    match kind {
        Kind::Json => (
            status(refusal.status),
            json_body(&CommentAnswer {
                message: refusal.message,
                id: None,
            }),
        )
            .into_response(),
        Kind::Form => html_response(
            &state.origin,
            status(refusal.status),
            page::problem(&refusal.message),
        ),
    }
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST)
}

pub(crate) fn json_body<T: serde::Serialize>(value: &T) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string()),
    )
        .into_response()
}

fn html_response(origin: &str, status: StatusCode, html: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
            (header::CONTENT_SECURITY_POLICY, page::policy(origin)),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        Body::from(html),
    )
        .into_response()
}
