//! The Markdown module (`crates/quire-markdown-module`): the renderer, a wasm of its
//! own that the app imports to show a post or a page itself, so that a reader on a
//! prerendered page who follows no link never fetches it (the app takes that page's
//! article as it is: `adopt.rs`).

use crate::data::LoadError;
use futures::future::FutureExt;
use quire_markdown::Rendered;
use quire_schema::Comment;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The module's exports (see `crates/quire-markdown-module/src/exports.rs`).
    #[derive(Clone)]
    pub type MarkdownModule;
    // Caught: an older module may not have it.
    #[wasm_bindgen(method, catch)]
    fn api(this: &MarkdownModule) -> Result<u32, JsValue>;
    #[wasm_bindgen(method, catch, js_name = renderArticle)]
    fn render_article(
        this: &MarkdownModule,
        markdown: &str,
        code: &str,
        pictures: &str,
        root: &str,
        files: &str,
    ) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = renderComment)]
    fn render_comment(this: &MarkdownModule, markdown: &str) -> Result<String, JsValue>;
}

impl MarkdownModule {
    /// An article's Markdown rendered as the builder renders it, with the bundle's
    /// highlighting and pictures; `files` is where its own files are.
    pub fn article(
        &self,
        markdown: &str,
        code: &[Vec<u32>],
        pictures: &[quire_schema::Picture],
        files: &str,
    ) -> Result<Rendered, LoadError> {
        let json = self
            .render_article(
                markdown,
                &quire_schema::encode(&code),
                &quire_schema::encode(&pictures),
                crate::base::base_path(),
                files,
            )
            .map_err(|_| LoadError::Damaged)?;
        quire_schema::json::read(&json).map_err(|_| LoadError::Damaged)
    }
}

/// What has Markdown for the module to render: a post or a page.
pub trait HasMarkdown {
    fn render_with(&self, module: &MarkdownModule) -> Result<Rendered, LoadError>;
    /// The comments shown with it, rendered from Markdown too.
    fn comments(&self) -> &[Comment] {
        &[]
    }
}

impl HasMarkdown for quire_schema::PostBundle {
    fn render_with(&self, module: &MarkdownModule) -> Result<Rendered, LoadError> {
        module.article(
            &self.markdown,
            &self.code,
            &self.pictures,
            &quire_schema::post_files_base(&self.slug, self.folder),
        )
    }

    fn comments(&self) -> &[Comment] {
        &self.comments
    }
}

impl HasMarkdown for quire_schema::PageBundle {
    fn render_with(&self, module: &MarkdownModule) -> Result<Rendered, LoadError> {
        // A page's relative links name files from the site's root.
        module.article(&self.markdown, &self.code, &self.pictures, "/")
    }
}

/// The bundle `plain` (which `bundle` fetches) with its Markdown rendered: taken
/// from the prerendered page when the page was built from this very bundle
/// (`adopt.rs`), else by the module. While a prerendered page is on screen the
/// reader is reading it, so the module waits to be needed: that page may be the
/// host's "not found" for an address with no bundle at all. Otherwise the module
/// is fetched beside the bundle.
pub async fn fetch_rendered<B: HasMarkdown>(
    plain: &str,
    bundle: impl Future<Output = Result<B, LoadError>>,
) -> Result<(B, Rendered), LoadError> {
    if crate::adopt::page_on_screen() {
        let bundle = bundle.await?;
        if let Some(rendered) = crate::adopt::article(plain) {
            crate::adopt::comments(bundle.comments());
            return Ok((bundle, rendered));
        }
        let rendered = bundle.render_with(&module().await?)?;
        return Ok((bundle, rendered));
    }
    let (bundle, module) = futures::future::join(bundle, module()).await;
    let bundle = bundle?;
    let rendered = bundle.render_with(&module?)?;
    Ok((bundle, rendered))
}

thread_local! {
    static MODULE: crate::modules::Slot<MarkdownModule> = const { RefCell::new(None) };
    /// The module once it has loaded, for what renders at once (comments).
    static LOADED: RefCell<Option<MarkdownModule>> = const { RefCell::new(None) };
    /// Comments' HTML as the prerendered page showed it, by their Markdown
    /// (`adopt.rs`): rendering is a function of the Markdown alone, so the same
    /// text anywhere has this HTML.
    static ADOPTED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The Markdown module, imported the first time it is asked for.
pub async fn module() -> Result<MarkdownModule, LoadError> {
    crate::modules::once(&MODULE, || import().boxed_local()).await
}

async fn import() -> Result<MarkdownModule, LoadError> {
    let module = crate::modules::import(quire_schema::MARKDOWN_MODULE)
        .await?
        .unchecked_into::<MarkdownModule>();
    // A tab opened before a new build, meeting the new build's module.
    if module.api().ok() != Some(quire_markdown::MODULE_API) {
        return Err(LoadError::OtherVersion);
    }
    LOADED.with_borrow_mut(|loaded| *loaded = Some(module.clone()));
    Ok(module)
}

/// Remembers the page's HTML for a comment's Markdown (`adopt.rs`).
pub fn adopt_comment(markdown: &str, html: String) {
    ADOPTED.with_borrow_mut(|adopted| adopted.insert(markdown.to_string(), html));
}

/// Waits, if it must, for what renders these comments: the module, unless the page
/// already showed every one of them.
pub async fn ready_for(comments: &[Comment]) {
    let all = comments
        .iter()
        .chain(comments.iter().flat_map(|c| &c.replies));
    let known = ADOPTED.with_borrow(|adopted| {
        all.into_iter()
            .all(|comment| adopted.contains_key(&comment.markdown))
    });
    if !known {
        let _ = module().await;
    }
}

/// A comment's Markdown as HTML (`quire_views::CommentMarkdown`): as the page
/// showed it, or by the module. Comments show inside a post, which waited for one
/// of the two, and live ones wait ([`ready_for`]); should both be missing all the
/// same, the text is shown escaped, as written.
pub fn comment_html(markdown: &str) -> String {
    if let Some(html) = ADOPTED.with_borrow(|adopted| adopted.get(markdown).cloned()) {
        return html;
    }
    LOADED
        .with_borrow(|loaded| {
            loaded
                .as_ref()
                .and_then(|m| m.render_comment(markdown).ok())
        })
        .unwrap_or_else(|| format!("<p>{}</p>", quire_markdown::escape(markdown)))
}
