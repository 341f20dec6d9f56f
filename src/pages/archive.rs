use crate::app::PageTitle;
use crate::base::href;
use crate::components::{failure_of, Loading};
use crate::data;
use leptos::prelude::*;
use leptos_router::components::A;
use quire_schema::Archive as ArchiveBundle;

/// Every post by year, newest first: titles and dates only.
#[component]
pub fn Archive() -> impl IntoView {
    let archive = LocalResource::new(data::archive);
    view! {
        <PageTitle page="Archive" />
        <section class="archive page-column">
            <h1>"Archive"</h1>
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
        .collect_view()
        .into_any()
}
