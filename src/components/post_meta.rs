use crate::base::href;
use leptos::prelude::*;
use leptos_router::components::A;
use quire_schema::Date;

/// Byline, date and labels, as under a post's title; each label leads to its posts.
#[component]
pub fn PostMeta(author: String, date: Date, labels: Vec<String>) -> impl IntoView {
    view! {
        <div class="post-meta">
            <span class="byline">{format!("By {author}")}</span>
            <time datetime=date.iso()>{date.long()}</time>
            {(!labels.is_empty())
                .then(|| {
                    view! {
                        <ul class="labels" aria-label="Labels">
                            {labels
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <li>
                                            <A href=href(&format!("/labels/{l}"))>{l.clone()}</A>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}
