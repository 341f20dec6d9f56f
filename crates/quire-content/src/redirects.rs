//! Old addresses that must keep working, from `content/redirects.toml` (an import
//! writes it): each `from` path leads to a `to` on this site. The build turns them
//! into `_redirects` rules (301) and, for hosts that read no such file, a small page
//! at each old path that sends the reader on.

use crate::content::{read_text, Post};
use crate::diagnostic::{line_and_column, Diagnostic};
use crate::pages::Page;
use quire_schema::{percent_decode, Route};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

/// The file in `content/`.
pub const REDIRECTS_FILE: &str = "redirects.toml";

/// The longest old address kept: beyond this it is not an address anyone typed.
const MAX_FROM_CHARS: usize = 512;

/// Site files that are no route but may be a redirect's target.
const TARGET_FILES: [&str; 2] = ["/atom.xml", "/sitemap.xml"];

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// The old path, as a link to it has it (`/2019/04/old.html`), from the
    /// site's root; a query such as Blogger's `?m=1` is not part of it.
    pub from: String,
    /// A site path of this blog (`/posts/old`, `/about`, `/labels/x`,
    /// `/atom.xml`) or an https address elsewhere.
    pub to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    redirect: Vec<Redirect>,
}

impl Redirect {
    /// The file of the page that stands at `from` on a host without `_redirects`,
    /// relative to the site root: `2019/04/old.html`, `search/label/World.html` for
    /// `/search/label/World` (hosts serve `x.html` for `/x`), `blog/x/index.html`
    /// for `/blog/x/`. `None` when the path
    /// cannot be a file name on every host; its `_redirects` rule still works.
    pub fn page_file(&self) -> Option<String> {
        let decoded = percent_decode(&self.from)?;
        let path = decoded.strip_prefix('/')?;
        // `/blog/x/` is served from the folder's `index.html`.
        let (path, folder) = match path.strip_suffix('/') {
            Some(inner) => (inner, true),
            None => (path, false),
        };
        let fits = |segment: &str| {
            !segment.is_empty()
                && !segment.starts_with('.')
                && segment
                    .chars()
                    .all(|c| c.is_alphanumeric() || " -_.~+,()'!".contains(c))
        };
        if path.is_empty() || !path.split('/').all(fits) {
            return None;
        }
        Some(if folder {
            format!("{path}/index.html")
        } else if path.ends_with(".html") {
            path.to_string()
        } else {
            format!("{path}.html")
        })
    }
}

/// `content/redirects.toml`, checked: every `from` is a plain path no page of the
/// site already has, every `to` is somewhere that exists.
pub fn load(
    content_dir: &Path,
    posts: &[Arc<Post>],
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Redirect> {
    let path = content_dir.join(REDIRECTS_FILE);
    if !path.exists() {
        return Vec::new();
    }
    let Some(text) = read_text(&path, diagnostics) else {
        return Vec::new();
    };
    let Some(File { redirect }) = crate::content::parse_settings(
        &path,
        &text,
        "write each as `[[redirect]]` with `from = \"/old/path.html\"` and `to = \"/posts/slug\"`",
        diagnostics,
    ) else {
        return Vec::new();
    };
    // Sets, not a search of every post for every rule: an imported blog has a
    // redirect for each of its thousands of posts.
    let published = posts.iter().filter(|p| !p.draft);
    let post_slugs: HashSet<&str> = published.clone().map(|p| p.slug.as_str()).collect();
    let labels: HashSet<&str> = published
        .flat_map(|p| p.labels.iter().map(String::as_str))
        .collect();
    let exists = |route: &Route| match route {
        Route::Post { slug } => post_slugs.contains(slug.as_str()),
        Route::Page { slug } => pages.iter().any(|p| &p.slug == slug && !p.draft),
        Route::Label { label, .. } => labels.contains(label.as_str()),
        Route::NotFound => false,
        _ => true,
    };
    let mut seen = HashSet::new();
    let mut kept = Vec::new();
    for (n, rule) in redirect.into_iter().enumerate() {
        let (line, column) = locate(&text, &rule.from, n);
        let mut problem = |message: String, hint: &str| {
            diagnostics.push(
                Diagnostic::error(&path, message, hint)
                    .at(line, column)
                    .field("from"),
            );
        };
        if let Some(why) = why_not_an_old_address(&rule.from) {
            problem(
                format!("the old address `{}` {why}", rule.from.escape_debug()),
                "write the path as a link has it, from the first `/`, e.g. `/2019/04/old.html`",
            );
            continue;
        }
        let own = Route::parse(&rule.from);
        if own != Route::NotFound && exists(&own) && Route::parse(&own.path()) == own {
            problem(
                format!("`{}` is an address of this site already", rule.from),
                "remove the redirect: the page at that address would be hidden by it",
            );
            continue;
        }
        if !seen.insert(rule.from.clone()) {
            problem(
                format!("`{}` is redirected twice", rule.from),
                "keep one of the two redirects",
            );
            continue;
        }
        let to_ok = rule.to.starts_with("https://")
            || TARGET_FILES.contains(&rule.to.as_str())
            || (rule.to.starts_with('/') && exists(&Route::parse(&rule.to)));
        if !to_ok {
            problem(
                format!(
                    "the redirect from `{}` leads nowhere: `{}`",
                    rule.from, rule.to
                ),
                "point `to` at a post (`/posts/slug`), a page (`/about`), a label \
                 (`/labels/x`), `/atom.xml`, or an https address",
            );
            continue;
        }
        kept.push(rule);
    }
    kept
}

/// Why `from` cannot be an old address, if it cannot (the rule `check` applies,
/// and an import before it writes one).
pub fn why_not_an_old_address(from: &str) -> Option<&'static str> {
    if !from.starts_with('/') || from == "/" {
        Some("is not a path below the site's root")
    } else if from.chars().count() > MAX_FROM_CHARS {
        Some("is too long")
    } else if from.chars().any(|c| c.is_control() || c.is_whitespace()) {
        Some("has spaces or control characters (write a space as %20)")
    } else if from.contains(['?', '#']) {
        Some("has a query or fragment, which hosts do not match on")
    } else if from.contains("//") || from.split('/').any(|s| s == "." || s == "..") {
        Some("has an empty, `.` or `..` segment")
    } else if percent_decode(from).is_none() {
        Some("has a `%` that is not followed by two hex digits of UTF-8")
    } else {
        None
    }
}

/// The line of the `n`-th rule's `from`, for its diagnostics.
fn locate(text: &str, from: &str, n: usize) -> (usize, usize) {
    let quoted = format!("\"{from}\"");
    let offset = text
        .match_indices(&quoted)
        .next()
        .map(|(i, _)| i)
        .or_else(|| text.match_indices("[[redirect]]").nth(n).map(|(i, _)| i))
        .unwrap_or(0);
    line_and_column(text, offset)
}
