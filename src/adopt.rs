//! Taking the prerendered page's rendering of its own article instead of rendering
//! the Markdown again. The builder rendered the article with the same renderer and
//! the same views, so while the page is still there (before the takeover swaps it
//! out, `takeover.rs`), and when the bundle the app fetched is the one the page was
//! built from (`data::as_the_page_has_it`), what it shows is exactly what the app
//! would make. That spares a reader who only reads the post the Markdown module
//! (`markdown_module.rs`), which is fetched only to show a post the app renders
//! itself.

use leptos::prelude::document;
use quire_markdown::{Heading, Rendered};
use quire_schema::Comment;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Whether a prerendered page is still on screen: the app has not taken it over.
pub fn page_on_screen() -> bool {
    prerendered().is_some()
}

/// The prerendered article made of bundle `plain`, as [`Rendered`]: its HTML, its
/// word count (which the view writes, `data-words`) and its table of contents,
/// which is all the views read of the headings. `None` when the page is gone, was
/// built from another bundle, or has no such article.
pub fn article(plain: &str) -> Option<Rendered> {
    let page = prerendered()?;
    if !crate::data::as_the_page_has_it(plain) {
        return None;
    }
    let prose = page.query_selector(".prose").ok()??;
    let words = prose
        .get_attribute("data-words")
        .and_then(|words| words.parse().ok())
        .unwrap_or(0);
    Some(Rendered {
        html: prose.inner_html(),
        headings: contents(&page),
        words,
        ..Rendered::default()
    })
}

/// The entries of the page's table of contents, if it shows one.
fn contents(page: &Element) -> Vec<Heading> {
    let Ok(links) = page.query_selector_all(".toc li[class^='toc-level-'] > a[href^='#']") else {
        return Vec::new();
    };
    (0..links.length())
        .filter_map(|i| links.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|link| {
            let level = link
                .parent_element()?
                .class_name()
                .strip_prefix("toc-level-")?
                .parse()
                .ok()?;
            let id = link.get_attribute("href")?.strip_prefix('#')?.to_string();
            Some(Heading {
                level,
                id,
                text: link.text_content().unwrap_or_default(),
            })
        })
        .collect()
}

/// Records the HTML the page shows for each of these comments (and their replies),
/// by their Markdown, for `markdown_module::comment_html`. Only for the comments of
/// a bundle that [`article`] found the page built from.
pub fn comments(comments: &[Comment]) {
    let Some(page) = prerendered() else {
        return;
    };
    let Ok(shown) = page.query_selector_all("li.comment[id]") else {
        return;
    };
    let mut bodies = std::collections::HashMap::new();
    for item in (0..shown.length()).filter_map(|i| shown.item(i)?.dyn_into::<Element>().ok()) {
        if let Ok(Some(body)) = item.query_selector(":scope > article .comment-body") {
            bodies.insert(item.id(), body.inner_html());
        }
    }
    for comment in comments
        .iter()
        .chain(comments.iter().flat_map(|c| &c.replies))
    {
        if let Some(html) = bodies.remove(&comment.id) {
            crate::markdown_module::adopt_comment(&comment.markdown, html);
        }
    }
}

fn prerendered() -> Option<Element> {
    document().get_element_by_id("prerendered")
}
