//! The browser's part of the views (`quire_views::Actions`): what happens when a
//! reader copies a link, sends a comment, types a search or skips to the content.

use crate::comments::{self, SendError};
use crate::focus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use quire_schema::{percent_encode, Route};
use quire_views::{Actions, CommentDraft, FormStatus};

/// The actions, for a view inside the router.
pub fn actions() -> Actions {
    let navigate = use_navigate();
    let site = expect_context::<quire_views::Site>();
    Actions {
        to_main: Callback::new(|()| focus::to_main()),
        copy_link: Callback::new(|(url, status): (String, RwSignal<String>)| {
            spawn_local(async move {
                let clipboard = window().navigator().clipboard();
                let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url)).await;
                status.set(match done {
                    Ok(_) => "Link copied.".to_string(),
                    Err(_) => format!("Copy this link: {url}"),
                });
            });
        }),
        send_comment: Callback::new(|(draft, status): (CommentDraft, RwSignal<FormStatus>)| {
            status.set(FormStatus::Sending);
            spawn_local(async move {
                status.set(match comments::send(&draft).await {
                    Ok(()) => FormStatus::Sent,
                    Err(SendError::Offline) => FormStatus::Failed(
                        "Your comment could not be sent: check your connection, then try again. \
                         What you wrote is still here."
                            .to_string(),
                    ),
                    // The service says what was wrong, in words for the reader.
                    Err(SendError::Refused(_, Some(message))) => FormStatus::Failed(message),
                    Err(SendError::Refused(code, None)) => FormStatus::Failed(format!(
                        "Your comment could not be sent (the server answered HTTP {code}). \
                         What you wrote is still here: try again in a moment."
                    )),
                });
            });
        }),
        live_comments: Callback::new(
            move |(slug, shown): (String, RwSignal<Vec<quire_schema::Comment>>)| {
                let Some(endpoint) = site.comments_endpoint.clone() else {
                    return;
                };
                spawn_local(async move {
                    if let Some(live) = comments::live(&endpoint, &slug).await {
                        crate::markdown_module::ready_for(&live).await;
                        // The signal may belong to a page the reader has left.
                        let _ = shown.try_update(|bundled| {
                            *bundled = quire_schema::merge_comments(std::mem::take(bundled), live);
                        });
                    }
                });
            },
        ),
        search: Callback::new(move |typed: String| {
            let page = format!("{}{}", crate::base::base_path(), Route::Search.path());
            let target = if typed.is_empty() {
                page
            } else {
                format!("{page}?q={}", percent_encode(&typed))
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }),
    }
}
