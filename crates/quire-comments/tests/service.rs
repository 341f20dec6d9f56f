//! The comment service through its HTTP routes, on every store: a reader sends,
//! the author approves, everyone sees it; and every abuse rule refuses with a
//! clear message and writes nothing.

mod support;

use serde_json::json;
use support::*;

fn comment(state: &quire_comments::State, post: &str, text: &str) -> serde_json::Value {
    json!({"post": post, "author": "Ann", "text": text, "token": token(state, post)})
}

#[tokio::test]
async fn a_comment_waits_for_approval_then_is_listed_with_an_etag() {
    for state in services(limits()).await {
        let (status, _, body) = call(
            &state,
            json_post(comment(&state, "first-post", "Hello *there*"), "10.0.0.1"),
        )
        .await;
        assert_eq!(status, 202, "{body}");
        let answer: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(answer["message"], quire_schema::comments::SENT_MESSAGE);
        let id = answer["id"].as_str().expect("an id").to_string();

        // Pending: not listed.
        let (status, _, body) = call(&state, get("/comments/first-post")).await;
        assert_eq!(status, 200);
        let list: quire_schema::comments::CommentList = serde_json::from_str(&body).expect("list");
        assert!(list.comments.is_empty());

        assert_eq!(
            moderate(&state, "POST", format!("/admin/comments/{id}/approve")).await,
            200
        );
        let (status, headers, body) = call(&state, get("/comments/first-post")).await;
        assert_eq!(status, 200);
        let list: quire_schema::comments::CommentList = serde_json::from_str(&body).expect("list");
        assert_eq!(list.comments.len(), 1);
        assert_eq!(list.comments[0].id, id);
        assert_eq!(list.comments[0].markdown, "Hello *there*");
        let etag = header(&headers, "etag").expect("an etag").to_string();

        // The same list again is "not modified".
        let request = axum::http::Request::get("/comments/first-post")
            .header("if-none-match", &etag)
            .body(axum::body::Body::empty())
            .expect("request");
        let (status, _, body) = call(&state, request).await;
        assert_eq!((status, body.as_str()), (304, ""));

        // Another post's list is its own.
        let (_, _, body) = call(&state, get("/comments/second-post")).await;
        assert!(body.contains("\"comments\":[]"), "{body}");
    }
}

#[tokio::test]
async fn a_form_without_javascript_is_looked_over_then_sent_back_to_the_post() {
    for state in services(limits()).await {
        let fields = [
            ("post", "first-post"),
            ("author", "Ben"),
            ("text", "<script>alert(1)</script> hi"),
        ];
        let (status, headers, page) = call(&state, form_post(&fields, "10.0.0.2")).await;
        assert_eq!(status, 200, "{page}");
        assert!(header(&headers, "content-security-policy")
            .is_some_and(|p| p.contains("default-src 'none'")));
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; hi"),
            "{page}"
        );
        assert!(!page.contains("<script>"));
        // Its one style is allowed by its hash, and nothing else is.
        let style = page
            .split("<style>")
            .nth(1)
            .and_then(|rest| rest.split("</style>").next())
            .expect("a style");
        let hash = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style))
        };
        let policy = header(&headers, "content-security-policy").unwrap_or_default();
        assert!(
            policy.contains(&format!("style-src 'sha256-{hash}'")),
            "{policy}"
        );
        assert_eq!(
            stored(&state).await,
            0,
            "nothing is stored before the reader sends it"
        );
        let token = page
            .split("name=\"token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a token on the form")
            .to_string();

        // Sent at once from that page: faster than a person reads. The words come back.
        let mut with_token = fields.to_vec();
        with_token.push(("token", &token));
        let (status, _, page) = call(&state, form_post(&with_token, "10.0.0.2")).await;
        assert_eq!(status, 429, "{page}");
        assert!(page.contains("faster than anyone can write"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; hi"));
        assert_eq!(stored(&state).await, 0);

        // Sent after reading it over: back to the post, with the notice.
        let aged = support::token(&state, "first-post");
        let mut fields = fields.to_vec();
        fields.push(("token", &aged));
        let (status, headers, _) = call(&state, form_post(&fields, "10.0.0.2")).await;
        assert_eq!(status, 303);
        assert_eq!(
            header(&headers, "location"),
            Some("http://blog.test/blog/posts/first-post#comment-sent")
        );
        assert_eq!(stored(&state).await, 1);

        // A bot that fills the honeypot gets no form and no token back.
        let mut bot = fields.clone();
        bot.push(("website", "http://spam.example"));
        let (status, _, page) = call(&state, form_post(&bot, "10.0.0.2")).await;
        assert_eq!(status, 400);
        assert!(
            page.contains("automated") && !page.contains("name=\"token\""),
            "{page}"
        );
        assert_eq!(stored(&state).await, 1);
    }
}

#[tokio::test]
async fn each_abuse_rule_refuses_with_a_message_and_writes_nothing() {
    for state in services(limits()).await {
        let good = comment(&state, "first-post", "A fair point.");
        let with = |key: &str, value: serde_json::Value| {
            let mut body = good.clone();
            body[key] = value;
            body
        };
        let many_links: String = (0..11)
            .map(|n| format!("https://spam{n}.example "))
            .collect();
        let cases = [
            (
                "honeypot",
                with("website", json!("http://spam.example")),
                400,
                "automated",
            ),
            ("no token", with("token", json!("")), 403, "token"),
            (
                "forged token",
                with("token", json!("1.00000000000000000000000000000000")),
                403,
                "token",
            ),
            (
                "too fast",
                with(
                    "token",
                    json!(state.key.token("first-post", quire_comments::now())),
                ),
                429,
                "faster",
            ),
            (
                "another post's token",
                with("token", json!(token(&state, "second-post"))),
                403,
                "token",
            ),
            (
                "expired token",
                with(
                    "token",
                    json!(state
                        .key
                        .token("first-post", quire_comments::now() - 2 * 86_400)),
                ),
                403,
                "over a day",
            ),
            ("no name", with("author", json!("  ")), 422, "name"),
            (
                "long name",
                with("author", json!("a".repeat(81))),
                422,
                "name is too long",
            ),
            ("no text", with("text", json!("")), 422, "write a comment"),
            (
                "long text",
                with("text", json!("a".repeat(10_001))),
                422,
                "too long",
            ),
            (
                "too many links",
                with("text", json!(many_links)),
                422,
                "links",
            ),
            (
                "unknown post",
                json!({"post": "no-such-post", "author": "A", "text": "x", "token": token(&state, "no-such-post")}),
                404,
                "no such post",
            ),
            (
                "bad slug",
                json!({"post": "../etc", "author": "A", "text": "x", "token": token(&state, "../etc")}),
                404,
                "no such post",
            ),
            (
                "not a comment",
                json!({"author": "A"}),
                400,
                "not a comment",
            ),
        ];
        for (case, body, status, says) in cases {
            let (got, _, answer) = call(&state, json_post(body, "10.0.0.3")).await;
            assert_eq!(got, status, "{case}: {answer}");
            let answer: serde_json::Value = serde_json::from_str(&answer).expect("a JSON message");
            let message = answer["message"].as_str().unwrap_or_default();
            assert!(message.to_lowercase().contains(says), "{case}: {message}");
        }

        // A whole body over the limit.
        let huge = json!({"post": "first-post", "author": "A", "text": "é".repeat(30_000), "token": token(&state, "first-post")});
        let (status, _, _) = call(&state, json_post(huge, "10.0.0.3")).await;
        assert_eq!(status, 413);

        // JSON only on the JSON route: a text/plain body (a cross-site form's trick) is refused.
        let plain = axum::http::Request::post("/comments")
            .header("content-type", "text/plain")
            .header("origin", ORIGIN)
            .body(axum::body::Body::from(good.to_string()))
            .expect("request");
        assert_eq!(call(&state, plain).await.0, 415);

        // Only the blog's own origin.
        for origin in [Some("http://evil.example"), None] {
            let mut request =
                axum::http::Request::post("/comments").header("content-type", "application/json");
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            let request = request
                .body(axum::body::Body::from(good.to_string()))
                .expect("request");
            let (status, _, body) = call(&state, request).await;
            assert_eq!(status, 403, "{origin:?}: {body}");
        }
        assert_eq!(stored(&state).await, 0, "no refused comment is stored");
    }
}

#[tokio::test]
async fn cors_allows_the_blog_alone() {
    for state in services(limits()).await {
        let preflight = |origin: &str| {
            axum::http::Request::builder()
                .method("OPTIONS")
                .uri("/comments")
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "content-type")
                .body(axum::body::Body::empty())
                .expect("request")
        };
        let (_, headers, _) = call(&state, preflight(ORIGIN)).await;
        assert_eq!(
            header(&headers, "access-control-allow-origin"),
            Some(ORIGIN)
        );
        // Another site is told the blog's origin, never its own or `*`, so its
        // browser refuses to send.
        let (_, headers, _) = call(&state, preflight("http://evil.example")).await;
        let allowed = header(&headers, "access-control-allow-origin");
        assert!(allowed.is_none() || allowed == Some(ORIGIN), "{allowed:?}");
    }
}

#[tokio::test]
async fn rate_limits_count_per_address_a_minute_and_a_day() {
    let limits = quire_comments::config::Limits {
        per_minute: 3,
        per_day: 5,
        min_seconds: 3,
    };
    for state in services(limits).await {
        for n in 0..3 {
            let (status, _, body) = call(
                &state,
                json_post(comment(&state, "first-post", &format!("n{n}")), "10.0.0.4"),
            )
            .await;
            assert_eq!(status, 202, "{body}");
        }
        let (status, _, body) = call(
            &state,
            json_post(comment(&state, "first-post", "n3"), "10.0.0.4"),
        )
        .await;
        assert_eq!(status, 429);
        assert!(body.contains("last minute"), "{body}");
        // Another reader is not held back by the first.
        let (status, _, _) = call(
            &state,
            json_post(comment(&state, "first-post", "other"), "10.0.0.5"),
        )
        .await;
        assert_eq!(status, 202);
        assert_eq!(stored(&state).await, 4);
    }
    // The day's limit, with the minute's out of the way.
    let limits = quire_comments::config::Limits {
        per_minute: 100,
        per_day: 2,
        min_seconds: 3,
    };
    for state in services(limits).await {
        for _ in 0..2 {
            assert_eq!(
                call(
                    &state,
                    json_post(comment(&state, "first-post", "x"), "10.0.0.6")
                )
                .await
                .0,
                202
            );
        }
        let (status, _, body) = call(
            &state,
            json_post(comment(&state, "first-post", "x"), "10.0.0.6"),
        )
        .await;
        assert_eq!(status, 429);
        assert!(body.contains("tomorrow"), "{body}");
    }
}

#[tokio::test]
async fn links_beyond_a_few_are_held_for_a_closer_look() {
    for state in services(limits()).await {
        let text = "https://a.example https://b.example https://c.example https://d.example";
        assert_eq!(
            call(
                &state,
                json_post(comment(&state, "first-post", text), "10.0.0.7")
            )
            .await
            .0,
            202
        );
        assert_eq!(
            call(
                &state,
                json_post(
                    comment(&state, "first-post", "one https://a.example"),
                    "10.0.0.7"
                )
            )
            .await
            .0,
            202
        );
        let pending = quire_comments::moderation::pending(&state.store)
            .await
            .expect("pending");
        assert_eq!(pending[0].held.as_deref(), Some("many links"));
        assert_eq!(pending[1].held, None);
    }
}

#[tokio::test]
async fn replies_stay_on_their_post_and_one_level_deep() {
    for state in services(limits()).await {
        let (_, _, body) = call(
            &state,
            json_post(comment(&state, "first-post", "top"), "10.0.0.8"),
        )
        .await;
        let top: serde_json::Value = serde_json::from_str(&body).expect("json");
        let top = top["id"].as_str().expect("id").to_string();

        // Not approved yet: nothing to answer.
        let mut reply = comment(&state, "first-post", "a reply");
        reply["reply_to"] = json!(top);
        assert_eq!(
            call(&state, json_post(reply.clone(), "10.0.0.8")).await.0,
            422
        );
        assert_eq!(
            moderate(&state, "POST", format!("/admin/comments/{top}/approve")).await,
            200
        );

        let (status, _, body) = call(&state, json_post(reply.clone(), "10.0.0.8")).await;
        assert_eq!(status, 202, "{body}");
        let first: serde_json::Value = serde_json::from_str(&body).expect("json");
        let first = first["id"].as_str().expect("id").to_string();
        assert_eq!(
            moderate(&state, "POST", format!("/admin/comments/{first}/approve")).await,
            200
        );

        // A reply to the reply joins the same thread.
        let mut deeper = comment(&state, "first-post", "deeper");
        deeper["reply_to"] = json!(first);
        let (_, _, body) = call(&state, json_post(deeper, "10.0.0.8")).await;
        let deeper: serde_json::Value = serde_json::from_str(&body).expect("json");
        let deeper = deeper["id"].as_str().expect("id").to_string();
        assert_eq!(
            moderate(&state, "POST", format!("/admin/comments/{deeper}/approve")).await,
            200
        );

        // Answering a comment of another post, or no comment, is refused.
        let mut elsewhere = comment(&state, "second-post", "wrong thread");
        elsewhere["reply_to"] = json!(top);
        let (status, _, body) = call(&state, json_post(elsewhere, "10.0.0.8")).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("not on this post"));
        let mut nowhere = comment(&state, "first-post", "to nothing");
        nowhere["reply_to"] = json!("c999999");
        assert_eq!(call(&state, json_post(nowhere, "10.0.0.8")).await.0, 422);

        let (_, _, body) = call(&state, get("/comments/first-post")).await;
        let list: quire_schema::comments::CommentList = serde_json::from_str(&body).expect("list");
        assert_eq!(list.comments.len(), 1);
        let replies: Vec<_> = list.comments[0]
            .replies
            .iter()
            .map(|r| r.markdown.as_str())
            .collect();
        assert_eq!(replies, ["a reply", "deeper"]);
    }
}

#[tokio::test]
async fn moderation_needs_the_token_and_exports_what_is_approved() {
    for state in services(limits()).await {
        for text in ["keep", "drop", "gone"] {
            call(
                &state,
                json_post(comment(&state, "second-post", text), "10.0.0.9"),
            )
            .await;
        }
        assert_eq!(
            call(&state, admin("GET", "/admin/pending", None)).await.0,
            401
        );
        assert_eq!(
            call(&state, admin("GET", "/admin/pending", Some("wrong")))
                .await
                .0,
            401
        );
        let (status, _, body) = call(&state, admin("GET", "/admin/pending", Some(ADMIN))).await;
        assert_eq!(status, 200);
        let pending: Vec<serde_json::Value> = serde_json::from_str(&body).expect("json");
        let ids: Vec<String> = pending
            .iter()
            .map(|p| p["id"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(
            moderate(
                &state,
                "POST",
                format!("/admin/comments/{}/approve", ids[0])
            )
            .await,
            200
        );
        assert_eq!(
            moderate(&state, "POST", format!("/admin/comments/{}/reject", ids[1])).await,
            200
        );
        assert_eq!(
            moderate(&state, "DELETE", format!("/admin/comments/{}", ids[2])).await,
            200
        );
        assert_eq!(
            moderate(&state, "POST", "/admin/comments/c999999/approve").await,
            404
        );
        assert_eq!(
            moderate(&state, "POST", "/admin/comments/x/approve").await,
            400
        );
        assert_eq!(
            moderate(
                &state,
                "POST",
                format!("/admin/comments/{}/publish", ids[0])
            )
            .await,
            404
        );

        let (status, _, body) = call(&state, admin("GET", "/admin/export", Some(ADMIN))).await;
        assert_eq!(status, 200);
        let export: quire_schema::comments::CommentExport =
            serde_json::from_str(&body).expect("export");
        let texts: Vec<_> = export.posts["second-post"]
            .iter()
            .map(|c| c.markdown.as_str())
            .collect();
        assert_eq!(texts, ["keep"]);
        assert_eq!(stored(&state).await, 2, "rejected is kept, deleted is gone");
    }
}

#[tokio::test]
async fn the_moderation_api_is_off_without_a_token() {
    for state in services(limits()).await {
        let mut off = std::sync::Arc::try_unwrap(state).ok().expect("one owner");
        off.admin_token = None;
        let off = std::sync::Arc::new(off);
        let (status, _, body) = call(&off, admin("GET", "/admin/pending", Some(""))).await;
        assert_eq!(status, 404);
        assert!(body.contains("QUIRE_COMMENTS_ADMIN_TOKEN"));
    }
}

#[tokio::test]
async fn tokens_are_given_for_known_posts_only() {
    for state in services(limits()).await {
        let (status, headers, body) = call(&state, get("/comments/first-post/token")).await;
        assert_eq!(status, 200);
        assert_eq!(header(&headers, "cache-control"), Some("no-store"));
        assert!(body.contains("\"token\""));
        assert_eq!(call(&state, get("/comments/nope/token")).await.0, 404);
        assert_eq!(call(&state, get("/comments/nope")).await.0, 404);
    }
}

#[tokio::test]
async fn a_sqlite_store_is_backed_up_while_open_and_migrates_once() {
    let state = services(limits()).await.remove(0);
    call(
        &state,
        json_post(comment(&state, "first-post", "kept"), "10.0.0.10"),
    )
    .await;
    let target =
        std::env::temp_dir().join(format!("quire-comments-backup-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&target);
    state.store.backup(&target).await.expect("backup");
    assert!(
        state.store.backup(&target).await.is_err(),
        "a backup never overwrites"
    );
    let copy = quire_comments::store::Store::open(&format!("sqlite://{}", target.display()))
        .await
        .expect("the copy opens");
    assert_eq!(copy.all().await.expect("rows").len(), 1);
    // Opening again runs no migration twice.
    let again = quire_comments::store::Store::open(&format!("sqlite://{}", target.display())).await;
    assert!(again.is_ok());
    let _ = std::fs::remove_file(&target);
}
