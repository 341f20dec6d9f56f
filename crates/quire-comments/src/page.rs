//! The pages a reader without JavaScript sees from the service: their comment to
//! look over on a form that carries a token, or what went wrong. Everything the
//! reader typed is escaped, and the page runs no script and loads nothing.

use quire_markdown::escape;
use quire_schema::comments::{NewComment, HONEYPOT_FIELD};
use quire_schema::{COMMENT_AUTHOR_MAX_CHARS, COMMENT_TEXT_MAX_CHARS};

/// The pages' one style: readable and no wider than a phone.
const STYLE: &str = "body{font:1.05rem/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;\
padding:1rem}input,textarea{font:inherit;width:100%;box-sizing:border-box}";

/// The pages' Content-Security-Policy: nothing loads, the one style is allowed by
/// its hash; the form posts back here, and its answer redirects to the blog
/// (`origin`).
pub fn policy(origin: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let style = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
    format!(
        "default-src 'none'; style-src 'sha256-{style}'; form-action 'self' {origin}; \
         base-uri 'none'; frame-ancestors 'none'"
    )
}

/// The comment `new` on a form to send, with `problem` said above it if any.
pub fn confirm(new: &NewComment, token: &str, problem: Option<&str>, post_url: &str) -> String {
    let note = match problem {
        Some(problem) => format!("<p role=\"alert\"><strong>{}</strong></p>", escape(problem)),
        None => "<p>Read your comment over, then send it. It appears once the author \
                 approves it.</p>"
            .to_string(),
    };
    let reply = new
        .reply_to
        .as_deref()
        .map(|r| {
            format!(
                "<input type=\"hidden\" name=\"reply_to\" value=\"{}\">",
                escape(r)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<h1>Your comment</h1>{note}\
         <form method=\"post\" action=\"\">\
         <input type=\"hidden\" name=\"post\" value=\"{post}\">{reply}\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\
         <p><label for=\"author\">Name</label><br>\
         <input id=\"author\" name=\"author\" value=\"{author}\" maxlength=\"{amax}\" required></p>\
         <p><label for=\"text\">Comment</label><br>\
         <textarea id=\"text\" name=\"text\" rows=\"10\" maxlength=\"{tmax}\" required>{text}</textarea></p>\
         <p hidden><label>Leave this empty <input name=\"{HONEYPOT_FIELD}\" tabindex=\"-1\" autocomplete=\"off\"></label></p>\
         <p><button type=\"submit\">Send comment</button></p>\
         </form>\
         <p><a href=\"{back}\">Back to the post without sending</a></p>",
        post = escape(&new.post),
        token = escape(token),
        author = escape(&new.author),
        text = escape(&new.text),
        amax = COMMENT_AUTHOR_MAX_CHARS,
        tmax = COMMENT_TEXT_MAX_CHARS,
        back = escape(post_url),
    );
    document("Your comment", &body)
}

/// A page saying what went wrong, when there is nothing to give back.
pub fn problem(message: &str) -> String {
    document(
        "Your comment was not sent",
        &format!(
            "<h1>Your comment was not sent</h1><p role=\"alert\">{}</p>\
             <p>Go back to the post, then try again.</p>",
            escape(message)
        ),
    )
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{title}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>"
    )
}
