//! A page of the site (About, Contact …): its title and its text, no date, labels
//! or comments.

use leptos::prelude::*;
use quire_markdown::Rendered;
use quire_schema::PageBundle;

/// One page. `rendered` is its Markdown rendered by `quire-markdown`, as for an
/// [`crate::Article`].
#[component]
pub fn PageArticle(page: PageBundle, rendered: Rendered) -> impl IntoView {
    view! {
        <article class="post site-page">
            <header>
                <h1>{page.title}</h1>
            </header>
            // Safe by construction, as an article's (see `Article`).
            <div class="prose" inner_html=rendered.html></div>
        </article>
    }
}
