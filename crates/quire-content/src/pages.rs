//! The site's pages, `content/pages/<slug>.md` (About, Contact …): published at
//! `/<slug>` and listed in the navigation in the author's order, never in the
//! feeds, the archive or the labels.

use crate::content::{field_position, linked_post, read_text, LocalFiles, Post, STATIC_DIR};
use crate::diagnostic::{line_and_column, Diagnostic};
use crate::front_matter;
use quire_schema::{is_page_slug, RESERVED};
use serde::Deserialize;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder of pages in `content/`.
pub const PAGES_DIR: &str = "pages";

const PAGE_FIELDS: &str = "a page may have: title, slug, order, nav, draft, summary, date";

/// A page's front matter, as the author writes it (and an import writes it).
#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Where the page sits in the navigation: lower first; without one, after
    /// those that have one, by title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// `false` keeps the page out of the navigation (it is still published).
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub nav: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Kept for the record (an imported page has one); pages are not dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<toml::value::Datetime>,
}

fn yes() -> bool {
    true
}

fn is_yes(value: &bool) -> bool {
    *value
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    pub order: Option<i64>,
    pub nav: bool,
    pub draft: bool,
    pub summary: String,
    pub markdown: String,
    pub code: Vec<Vec<u32>>,
    pub rendered: quire_markdown::Rendered,
    /// As a post's (`Post::local_images`, `Post::pictures`).
    pub local_images: Vec<crate::content::LocalImage>,
    pub pictures: Vec<quire_schema::Picture>,
}

/// Every page in `content/pages/`, in navigation order. No folder, no pages.
/// `root` is the path the site is served from ([`quire_markdown::Place::root`]).
pub fn load(
    content_dir: &Path,
    posts: &[Arc<Post>],
    root: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Page> {
    let dir = content_dir.join(PAGES_DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    let static_dir = content_dir.join(STATIC_DIR);
    let mut pages: Vec<Page> = paths
        .iter()
        .filter_map(|path| load_page(path, &static_dir, posts, root, diagnostics))
        .collect();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for page in &pages {
        if let Some(first) = seen.insert(page.slug.clone(), page.source.clone()) {
            diagnostics.push(Diagnostic::error(
                &page.source,
                format!(
                    "the page address `/{}` is already {}",
                    page.slug,
                    first.display()
                ),
                "give one of the two pages another `slug = \"…\"`, or rename its file",
            ));
        }
    }
    pages.sort_by(|a, b| {
        (a.order.is_none(), a.order, &a.title).cmp(&(b.order.is_none(), b.order, &b.title))
    });
    pages
}

fn load_page(
    path: &Path,
    static_dir: &Path,
    posts: &[Arc<Post>],
    root: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let text = read_text(path, diagnostics)?;
    let split = front_matter::split(path, &text)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let fm: FrontMatter = front_matter::parse(path, &text, &split, PAGE_FIELDS)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let at_field = |field: &str| field_position(&text, split.front_matter_offset, field);
    let from_name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let slug = fm.slug.clone().unwrap_or_else(|| from_name.to_string());
    let mut ok = true;
    if !is_page_slug(&slug) {
        ok = false;
        let (line, column) = if fm.slug.is_some() {
            at_field("slug")
        } else {
            (1, 1)
        };
        let why = if RESERVED.contains(&slug.as_str()) {
            format!("`/{slug}` is one of the site's own addresses")
        } else {
            "use lowercase letters, digits and single hyphens".to_string()
        };
        diagnostics.push(
            Diagnostic::error(
                path,
                format!("the page cannot have the address `/{slug}`"),
                format!("{why}: rename the file or set `slug = \"…\"`, e.g. `about`"),
            )
            .at(line, column)
            .field("slug"),
        );
    }
    if fm.title.trim().is_empty() {
        ok = false;
        let (line, column) = at_field("title");
        diagnostics.push(
            Diagnostic::error(path, "the title is empty", "give the page a title")
                .at(line, column)
                .field("title"),
        );
    }
    let body = split.body.trim_start_matches(['\n', '\r']);
    if let Some(why) = quire_markdown::too_large(body) {
        ok = false;
        diagnostics.push(
            Diagnostic::error(path, format!("the page is too long: {why}"), "shorten it")
                .at(line_and_column(&text, split.body_offset).0, 1),
        );
    }
    let parsed = quire_markdown::Parsed::new(body);
    let code = crate::highlight::code_runs(&parsed.code_blocks());
    let place = quire_markdown::Place { root, files: "/" };
    let rendered = parsed.render(body, &code, place, &[]);
    let body_start = split.body_offset + (split.body.len() - body.len());
    let at = |offset: usize| line_and_column(&text, body_start + offset);
    let local = LocalFiles {
        static_dir,
        folder: None,
        files_base: "/",
        looked_up: Default::default(),
    };
    let mut local_images = Vec::new();
    ok &= local.check_rendered(path, &rendered, &at, &mut local_images, diagnostics);
    for link in &rendered.links {
        if let Some(slug) = linked_post(&link.dest) {
            if !posts.iter().any(|p| p.slug == slug) {
                ok = false;
                let (line, column) = at(link.offset);
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!("the link to /posts/{slug} leads nowhere: there is no such post"),
                        "correct the slug, or write the post",
                    )
                    .at(line, column),
                );
            }
        }
    }
    ok.then(|| Page {
        slug,
        source: path.to_path_buf(),
        title: fm.title.trim().to_string(),
        order: fm.order,
        nav: fm.nav,
        draft: fm.draft,
        summary: fm
            .summary
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| parsed.excerpt(280)),
        markdown: body.to_string(),
        code,
        rendered,
        local_images,
        pictures: Vec::new(),
    })
}
