//! The comments under a post: those stored with the content (their text rendered as
//! comment Markdown: safe, links `nofollow ugc`), and a form that posts to the site's
//! comments endpoint, or a note that comments are closed when it has none.

use crate::app::Site;
use crate::data::{self, SendError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use quire_schema::Comment;

/// The longest name and comment the form sends; the bundler holds stored comments
/// to the same length.
const MAX_NAME: usize = 80;
const MAX_TEXT: usize = 10_000;

#[component]
pub fn Comments(slug: String, comments: Vec<Comment>) -> impl IntoView {
    let site = expect_context::<Site>();
    let heading = match quire_schema::comment_total(&comments) {
        0 => "Comments".to_string(),
        n => quire_schema::comment_count(n),
    };
    let list = if comments.is_empty() {
        view! { <p>"No comments yet."</p> }.into_any()
    } else {
        view! {
            <ol class="comment-list">{comments.into_iter().map(comment).collect_view()}</ol>
        }
        .into_any()
    };
    let form = move || match site.with(|s| s.comments_endpoint.clone()) {
        Some(endpoint) => view! { <CommentForm slug=slug.clone() endpoint /> }.into_any(),
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

fn comment(comment: Comment) -> impl IntoView {
    // Comment Markdown is rendered by the same safe writer as posts.
    let html = quire_markdown::render(&comment.markdown, &quire_markdown::Options::COMMENT).html;
    let replies = (!comment.replies.is_empty()).then(|| {
        view! { <ol class="replies">{comment.replies.into_iter().map(comment_view).collect_view()}</ol> }
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
}

/// A reply: a comment without replies of its own.
fn comment_view(reply: Comment) -> AnyView {
    comment(Comment {
        replies: Vec::new(),
        ..reply
    })
    .into_any()
}

/// What the form has to say: nothing yet, a problem with what was typed, sending,
/// or how sending went.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Invalid(&'static str),
    Sending,
    Sent,
    Failed(String),
}

#[component]
fn CommentForm(slug: String, endpoint: String) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Idle);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (author, body) = (name.get_untracked(), text.get_untracked());
        let problem = if author.trim().is_empty() {
            Some("Please give your name.")
        } else if author.chars().count() > MAX_NAME {
            Some("Your name is too long: 80 characters at most.")
        } else if body.trim().is_empty() {
            Some("Please write a comment.")
        } else if body.chars().count() > MAX_TEXT {
            Some("Your comment is too long: 10,000 characters at most.")
        } else {
            None
        };
        if let Some(problem) = problem {
            status.set(Status::Invalid(problem));
            return;
        }
        status.set(Status::Sending);
        let (endpoint, slug) = (endpoint.clone(), slug.clone());
        spawn_local(async move {
            match data::send_comment(&endpoint, &slug, author.trim(), &body).await {
                Ok(()) => {
                    text.set(String::new());
                    status.set(Status::Sent);
                }
                Err(error) => status.set(Status::Failed(match error {
                    SendError::Offline => "Your comment could not be sent: check your connection, then try again. What you wrote is still here.".to_string(),
                    SendError::Refused(code) => format!("Your comment could not be sent (the server answered HTTP {code}). What you wrote is still here: try again in a moment."),
                })),
            }
        });
    };
    let message = move || match status.get() {
        Status::Idle => String::new(),
        Status::Invalid(problem) => problem.to_string(),
        Status::Sending => "Sending…".to_string(),
        Status::Sent => {
            "Thank you: your comment was sent. It appears here once the author publishes it."
                .to_string()
        }
        Status::Failed(why) => why,
    };
    let state = move || match status.get() {
        Status::Invalid(_) | Status::Failed(_) => "form-status problem",
        Status::Sent => "form-status done",
        _ => "form-status",
    };
    view! {
        <form class="comment-form" novalidate on:submit=on_submit>
            <h3>"Leave a comment"</h3>
            <label for="comment-name">"Name"</label>
            <input
                id="comment-name"
                name="author"
                autocomplete="name"
                maxlength="80"
                required
                prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))
            />
            <label for="comment-text">"Comment"</label>
            <textarea
                id="comment-text"
                name="text"
                rows="5"
                maxlength="10000"
                required
                prop:value=text
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <p class="form-hint">"Markdown works. Comments appear once the author publishes them."</p>
            <button type="submit" disabled=move || status.get() == Status::Sending>
                "Post comment"
            </button>
            <p class=state role="status">{message}</p>
        </form>
    }
}
