//! Every label with its count, and every post by year and month.

use crate::context::site;
use leptos::prelude::*;
use quire_schema::{Archive, LabelList, Route};

/// The archive page: the label cloud (`labels`: a [`LabelCloud`], or what stands in
/// for it), then every post by year (`years`: [`ArchiveYears`], or its stand-in).
#[component]
pub fn ArchivePage(#[prop(into)] labels: ViewFn, #[prop(into)] years: ViewFn) -> impl IntoView {
    view! {
        <section class="archive page-column">
            <h1>"Archive"</h1>
            {labels.run()}
            {years.run()}
        </section>
    }
}

/// Every label with how many posts carry it.
#[component]
pub fn LabelCloud(list: LabelList) -> impl IntoView {
    let site = site();
    (!list.labels.is_empty()).then(|| {
        let labels = list
            .labels
            .into_iter()
            .map(|label| {
                let count = format!(" ({})", label.count);
                let href = site.href(&Route::label(&label.name));
                view! {
                    <li>
                        <a href=href>
                            {label.name}
                            <span class="count">{count}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="label-cloud" aria-labelledby="labels-heading">
                <h2 id="labels-heading">"Labels"</h2>
                <ul class="labels">{labels}</ul>
            </section>
        }
    })
}

/// Every post, newest first, under its year and month.
#[component]
pub fn ArchiveYears(archive: Archive) -> impl IntoView {
    if archive.posts.is_empty() {
        return view! { <p class="empty">"Nothing has been published yet."</p> }.into_any();
    }
    let site = site();
    archive
        .by_year()
        .into_iter()
        .map(|(year, posts)| {
            let months = quire_schema::by_month(posts)
                .into_iter()
                .map(|(month, posts)| {
                    let entries = posts
                        .iter()
                        .map(|post| {
                            view! {
                                <li>
                                    <time datetime=post.date.iso()>{post.date.long()}</time>
                                    <a href=site.href(&Route::post(&post.slug))>{post.title.clone()}</a>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3>{month}</h3>
                        <ol class="archive-list">{entries}</ol>
                    }
                })
                .collect_view();
            view! {
                <h2>{year}</h2>
                {months}
            }
        })
        .collect_view()
        .into_any()
}
