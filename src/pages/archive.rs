use crate::app::PageTitle;
use crate::base::href;
use crate::components::{failure_of, Loading};
use crate::data;
use leptos::prelude::*;
use leptos_router::components::A;
use quire_schema::{Archive as ArchiveBundle, LabelList};

/// Every post by year and month, newest first, and every label with its count.
#[component]
pub fn Archive() -> impl IntoView {
    let archive = LocalResource::new(data::archive);
    let labels = LocalResource::new(data::labels);
    view! {
        <PageTitle page="Archive" />
        <section class="archive page-column">
            <h1>"Archive"</h1>
            <Transition fallback=|| view! { <Loading what="the labels" /> }>
                {move || Suspend::new(async move {
                    match labels.await {
                        Ok(list) => label_cloud(&list).into_any(),
                        Err(error) => failure_of(error, labels),
                    }
                })}
            </Transition>
            <Transition fallback=|| view! { <Loading what="the archive" /> }>
                {move || Suspend::new(async move {
                    match archive.await {
                        Ok(list) => years(&list).into_any(),
                        Err(error) => failure_of(error, archive),
                    }
                })}
            </Transition>
        </section>
    }
}

fn label_cloud(list: &LabelList) -> impl IntoView {
    (!list.labels.is_empty()).then(|| {
        view! {
            <section class="label-cloud" aria-labelledby="labels-heading">
                <h2 id="labels-heading">"Labels"</h2>
                <ul class="labels">
                    {list
                        .labels
                        .iter()
                        .map(|label| {
                            let name = label.name.clone();
                            let count = format!(" ({})", label.count);
                            view! {
                                <li>
                                    <A href=href(&format!("/labels/{}", label.name))>
                                        {name}
                                        <span class="count">{count}</span>
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

fn years(archive: &ArchiveBundle) -> impl IntoView {
    if archive.posts.is_empty() {
        return view! { <p class="empty">"Nothing has been published yet."</p> }.into_any();
    }
    archive
        .by_year()
        .into_iter()
        .map(|(year, posts)| {
            view! {
                <h2>{year}</h2>
                {quire_schema::by_month(posts)
                    .into_iter()
                    .map(|(month, posts)| {
                        view! {
                            <h3>{month}</h3>
                            <ol class="archive-list">
                                {posts
                                    .iter()
                                    .map(|post| {
                                        let title = post.title.clone();
                                        view! {
                                            <li>
                                                <time datetime=post.date.iso()>{post.date.long()}</time>
                                                <A href=href(&format!("/posts/{}", post.slug))>{title}</A>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                    })
                    .collect_view()}
            }
        })
        .collect_view()
        .into_any()
}
