//! What the app calls. Every call is a pure function of its arguments; what
//! travels back is HTML, or JSON the app reads with `quire_schema::json`.

use quire_markdown::{Options, Place};
use quire_schema::Picture;
use wasm_bindgen::prelude::*;

/// The interface this module was built with; the app refuses another (an open
/// tab whose app is older than the module the host now serves).
#[wasm_bindgen]
pub fn api() -> u32 {
    quire_markdown::MODULE_API
}

/// An article's Markdown as `quire_markdown::Rendered` in JSON: `code` and
/// `pictures` are the bundle's highlighting runs and pictures as JSON, `root` the
/// site's base path and `files` where the post's own files are.
#[wasm_bindgen(js_name = renderArticle)]
pub fn render_article(
    markdown: &str,
    code: &str,
    pictures: &str,
    root: &str,
    files: &str,
) -> Result<String, JsValue> {
    let damaged = |_| JsValue::from_str("damaged");
    let code: Vec<Vec<u32>> = quire_schema::json::read(code).map_err(damaged)?;
    let pictures: Vec<Picture> = quire_schema::json::read(pictures).map_err(damaged)?;
    let rendered = quire_markdown::render_in(
        markdown,
        &Options::ARTICLE,
        &code,
        Place { root, files },
        &pictures,
    );
    Ok(quire_schema::encode(&rendered))
}

/// A comment's Markdown as HTML, by the rules for readers' text.
#[wasm_bindgen(js_name = renderComment)]
pub fn render_comment(markdown: &str) -> String {
    quire_markdown::render(markdown, &Options::COMMENT).html
}

/// The renderer as the benchmark times it against markdown-it (`cargo xtask bench`).
#[wasm_bindgen]
pub fn render_markdown(markdown: &str) -> String {
    quire_markdown::render(markdown, &Options::ARTICLE).html
}
