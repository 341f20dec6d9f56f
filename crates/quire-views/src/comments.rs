//! The comments under a post: those stored with the content (their text rendered as
//! comment Markdown: safe, links `nofollow ugc`), and a form that posts to the
//! site's comments endpoint, or a note that comments are closed when it has none.
//! Without the app the form is a plain POST to the endpoint (the service shows the
//! comment back with a token, then returns the reader to `#comment-sent`, a notice
//! shown by CSS alone); with it, the app adds the service's live approved comments
//! to the bundled ones, sends the form itself and says how that went, keeping the
//! text until it is accepted.

use crate::context::{actions, site};
use leptos::prelude::*;
use quire_schema::comments::{HONEYPOT_FIELD, SENT_ANCHOR, SENT_MESSAGE};
use quire_schema::{Comment, COMMENT_AUTHOR_MAX_CHARS, COMMENT_TEXT_MAX_CHARS};

#[component]
pub fn Comments(slug: String, comments: Vec<Comment>) -> impl IntoView {
    let endpoint = site().comments_endpoint;
    let comments = RwSignal::new(comments);
    if let (Some(actions), Some(_)) = (actions(), &endpoint) {
        actions.live_comments.run((slug.clone(), comments));
    }
    let heading = move || match comments.with(|c| quire_schema::comment_total(c)) {
        0 => "Comments".to_string(),
        n => quire_schema::comment_count(n),
    };
    let list = move || {
        let comments = comments.get();
        if comments.is_empty() {
            view! { <p>"No comments yet."</p> }.into_any()
        } else {
            view! { <ol class="comment-list">{comments.into_iter().map(comment).collect_view()}</ol> }
                .into_any()
        }
    };
    let form = match endpoint {
        Some(endpoint) => view! {
            <p id=SENT_ANCHOR class="comment-sent" role="status">{SENT_MESSAGE}</p>
            <CommentForm slug endpoint />
        }
        .into_any(),
        None => view! { <p class="comments-closed">"Comments are closed."</p> }.into_any(),
    };
    view! {
        <section class="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{heading}</h2>
            {list}
            {form}
        </section>
    }
}

fn comment(comment: Comment) -> AnyView {
    // Comment Markdown is rendered by the same safe writer as posts.
    let html = crate::context::comment_html(&comment.markdown);
    // Replies have no replies of their own.
    let replies = (!comment.replies.is_empty()).then(|| {
        let replies = comment
            .replies
            .into_iter()
            .map(|reply| {
                self::comment(Comment {
                    replies: Vec::new(),
                    ..reply
                })
            })
            .collect_view();
        view! { <ol class="replies">{replies}</ol> }
    });
    view! {
        <li class="comment" id=comment.id>
            <article>
                <header>
                    <span class="comment-author">{comment.author}</span>
                    <time datetime=comment.date.iso()>{comment.date.long()}</time>
                </header>
                <div class="comment-body" inner_html=html></div>
            </article>
            {replies}
        </li>
    }
    .into_any()
}

/// A comment as the form sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentDraft {
    pub post: String,
    pub endpoint: String,
    pub author: String,
    pub text: String,
    /// The honeypot's value: empty unless a bot filled it in.
    pub website: String,
}

/// What the form has to say: nothing yet, a problem with what was typed, sending,
/// or how sending went.
#[derive(Debug, Clone, PartialEq)]
pub enum FormStatus {
    Idle,
    Invalid(&'static str),
    Sending,
    Sent,
    Failed(String),
}

impl FormStatus {
    fn message(&self) -> String {
        match self {
            FormStatus::Idle => String::new(),
            FormStatus::Invalid(problem) => problem.to_string(),
            FormStatus::Sending => "Sending…".to_string(),
            FormStatus::Sent => SENT_MESSAGE.to_string(),
            FormStatus::Failed(why) => why.clone(),
        }
    }

    fn class(&self) -> &'static str {
        match self {
            FormStatus::Invalid(_) | FormStatus::Failed(_) => "form-status problem",
            FormStatus::Sent => "form-status done",
            _ => "form-status",
        }
    }
}

/// What is wrong with a comment before it is sent, if anything.
fn problem(author: &str, text: &str) -> Option<&'static str> {
    if author.trim().is_empty() {
        Some("Please give your name.")
    } else if author.chars().count() > COMMENT_AUTHOR_MAX_CHARS {
        Some("Your name is too long: 80 characters at most.")
    } else if text.trim().is_empty() {
        Some("Please write a comment.")
    } else if text.chars().count() > COMMENT_TEXT_MAX_CHARS {
        Some("Your comment is too long: 10,000 characters at most.")
    } else {
        None
    }
}

#[component]
fn CommentForm(slug: String, endpoint: String) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(FormStatus::Idle);
    let website = RwSignal::new(String::new());
    let action = endpoint.clone();
    let post_field = slug.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(actions) = actions() else {
            // No app: the browser posts the form itself.
            return;
        };
        ev.prevent_default();
        let (author, body) = (name.get_untracked(), text.get_untracked());
        if let Some(problem) = problem(&author, &body) {
            status.set(FormStatus::Invalid(problem));
            return;
        }
        let draft = CommentDraft {
            post: slug.clone(),
            endpoint: endpoint.clone(),
            author: author.trim().to_string(),
            text: body,
            website: website.get_untracked(),
        };
        actions.send_comment.run((draft, status));
    };
    // Once sent, the text has done its job; until then it stays, whatever happens.
    Effect::new(move || {
        if status.get() == FormStatus::Sent {
            text.set(String::new());
        }
    });
    view! {
        <form class="comment-form" novalidate action=action method="post" on:submit=on_submit>
            <h3>"Leave a comment"</h3>
            <input type="hidden" name="post" value=post_field />
            <label for="comment-name">"Name"</label>
            <input
                id="comment-name"
                name="author"
                autocomplete="name"
                maxlength=COMMENT_AUTHOR_MAX_CHARS
                required
                prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <label for="comment-text">"Comment"</label>
            <textarea
                id="comment-text"
                name="text"
                rows="5"
                maxlength=COMMENT_TEXT_MAX_CHARS
                required
                prop:value=text
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            // A honeypot: hidden from people (and their screen readers), so only a
            // bot fills it in, and the service refuses what it sends.
            <p hidden>
                <label>"Leave this empty " <input
                    name=HONEYPOT_FIELD
                    tabindex="-1"
                    autocomplete="off"
                    on:input=move |ev| website.set(event_target_value(&ev))
                /></label>
            </p>
            <p class="form-hint">"Markdown works. Comments appear once the author approves them."</p>
            <button type="submit" disabled=move || status.get() == FormStatus::Sending>
                "Post comment"
            </button>
            <p class=move || status.get().class() role="status">
                {move || status.get().message()}
            </p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn a_comment_is_checked_against_the_shared_limits() {
        assert_eq!(problem(" ", "x"), Some("Please give your name."));
        assert!(problem(&"a".repeat(81), "x").is_some());
        assert!(problem("Ann", &"a".repeat(10_001)).is_some());
        assert_eq!(problem("Ann", &"a".repeat(10_000)), None);
    }
}
