//! Reading `content/`: site settings, posts and popularity, validated as a whole so
//! that one run reports every problem, not just the first.

use crate::diagnostic::{line_and_column, Diagnostic};
use crate::front_matter;
use quire_schema::is_slug;
use quire_schema::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// `content/site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    pub author: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_popular_count")]
    pub popular_count: usize,
    /// Where the comment form posts (an https URL, or a path on this site); without
    /// one, comments are closed.
    #[serde(default)]
    pub comments_endpoint: Option<String>,
}

fn default_language() -> String {
    "en".to_string()
}

fn default_popular_count() -> usize {
    5
}

/// A post's front matter, as the author writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    /// The post's address, when it should not be its file name.
    slug: Option<String>,
    date: toml::value::Datetime,
    author: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    draft: bool,
    summary: Option<String>,
    #[serde(default)]
    excerpt_only: bool,
}

#[derive(Debug, Clone)]
pub struct Post {
    pub slug: String,
    /// Where the slug was set: the `slug` field, or 1:1 for the file name.
    pub slug_at: (usize, usize),
    pub source: PathBuf,
    pub title: String,
    pub date: Date,
    /// Seconds into `date`, for ordering posts published on one day.
    pub time_of_day: u32,
    pub author: String,
    pub labels: Vec<String>,
    pub draft: bool,
    /// What lists show: the author's summary, or the opening of the post.
    pub summary: String,
    pub excerpt_only: bool,
    pub markdown: String,
    /// Highlighting runs for each code block, made once here (see quire-highlight).
    pub code: Vec<Vec<u32>>,
    /// The article as readers get it (with `code`), rendered once here from the one
    /// parse of the post: pages and feeds use it, the checks read its links and images.
    pub rendered: quire_markdown::Rendered,
    /// The post's words as plain text, for search.
    pub plain_text: String,
    /// Links to other posts (`/posts/<slug>`), with their line and column, to check
    /// once every post is known.
    pub post_links: Vec<(String, usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Content {
    pub site: SiteConfig,
    /// Newest first; drafts included (the bundler decides what to publish).
    pub posts: Vec<Post>,
    /// Views per slug, from `popularity.toml`.
    pub views: BTreeMap<String, u64>,
    /// Comments per slug, from `comments/<slug>.toml`.
    pub comments: BTreeMap<String, Vec<quire_schema::Comment>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Popularity {
    #[serde(default)]
    views: BTreeMap<String, u64>,
}

/// Everything `load` found: the content when it is usable, and every diagnostic.
pub struct Loaded {
    pub content: Option<Content>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load(dir: &Path) -> Loaded {
    let mut diagnostics = Vec::new();
    let site = load_site(&dir.join("site.toml"), &mut diagnostics);
    let posts = load_posts(dir, site.as_ref(), &mut diagnostics);
    let views = load_views(&dir.join("popularity.toml"), &posts, &mut diagnostics);
    let comments = crate::comments::load(dir, &posts, &mut diagnostics);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let content = match (site, failed) {
        (Some(site), false) => Some(Content {
            site,
            posts,
            views,
            comments,
        }),
        _ => None,
    };
    Loaded {
        content,
        diagnostics,
    }
}

pub(crate) fn read_text(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                path,
                format!("cannot read the file: {err}"),
                "check that the file exists and is readable",
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
            let (line, column) = line_and_column(&valid, offset);
            diagnostics.push(
                Diagnostic::error(
                    path,
                    "the file is not valid UTF-8 text",
                    "save the file as UTF-8 in your editor",
                )
                .at(line, column),
            );
            None
        }
    }
}

/// Just `content/site.toml`, for tools that need the settings and not the posts.
pub fn load_site_config(content_dir: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    load_site(&content_dir.join("site.toml"), &mut diagnostics).ok_or(diagnostics)
}

fn load_site(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let text = read_text(path, diagnostics)?;
    parse_settings(
        path,
        &text,
        "site.toml takes: title, description, author, base_url, language, popular_count, \
         comments_endpoint",
        diagnostics,
    )
}

/// Reads a settings file, reporting a TOML or schema error at its place in the file.
pub(crate) fn parse_settings<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    hint: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(err) => {
            let (line, column) = line_and_column(text, err.span().map_or(0, |s| s.start));
            diagnostics.push(Diagnostic::error(path, err.message().trim(), hint).at(line, column));
            None
        }
    }
}

fn load_posts(
    content_dir: &Path,
    site: Option<&SiteConfig>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Post> {
    let dir = &content_dir.join("posts");
    let static_dir = content_dir.join(STATIC_DIR);
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                dir,
                format!("cannot read the posts folder: {err}"),
                "create content/posts/ and put one Markdown file per post in it",
            ));
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    let default_author = site.map_or("", |s| s.author.as_str());
    // Reading and checking a post is independent of the others: two threads share a
    // big blog, and their findings are put back in file order.
    let loaded = crate::parallel::map(&paths, |path| {
        let mut found = Vec::new();
        let post = load_post(path, default_author, &static_dir, &mut found);
        (post, found)
    });
    let mut posts = Vec::with_capacity(loaded.len());
    for (post, found) in loaded {
        posts.extend(post);
        diagnostics.extend(found);
    }
    check_duplicate_slugs(&posts, diagnostics);
    check_post_links(&posts, diagnostics);
    posts.sort_by(|a, b| {
        (b.date, b.time_of_day)
            .cmp(&(a.date, a.time_of_day))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    posts
}

/// How long an automatic excerpt may be, in characters.
const EXCERPT_CHARS: usize = 280;

/// Files authors refer to (images and the like), copied to the site root as they are.
pub const STATIC_DIR: &str = "static";

fn load_post(
    path: &Path,
    default_author: &str,
    static_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Post> {
    let text = read_text(path, diagnostics)?;
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            path,
            "the post is empty",
            "write front matter between `+++` lines and the post's Markdown, or delete the file",
        ).at(1, 1));
        return None;
    }
    let file_stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let mut ok = true;
    let split = match front_matter::split(path, &text) {
        Ok(split) => split,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let fm: FrontMatter = match front_matter::parse(path, &text, &split) {
        Ok(fm) => fm,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let at_field = |field: &str| field_position(&text, split.front_matter_offset, field);
    let (slug, slug_at) = match fm.slug {
        Some(slug) => {
            let at = at_field("slug");
            if !is_slug(&slug) {
                ok = false;
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!("the slug \"{slug}\" cannot be a post's address"),
                        "use lowercase letters, digits and single hyphens, e.g. `slug = \"my-post\"`",
                    )
                    .at(at.0, at.1)
                    .field("slug"),
                );
            }
            (slug, at)
        }
        None => {
            if !is_slug(&file_stem) {
                ok = false;
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!("the file name `{file_stem}` cannot be a post's address"),
                        "rename the file using only lowercase letters, digits and single hyphens, \
                         e.g. `my-first-post.md`, or give the post `slug = \"…\"`",
                    )
                    .at(1, 1),
                );
            }
            (file_stem, (1, 1))
        }
    };
    if fm.title.trim().is_empty() {
        ok = false;
        let (line, column) = at_field("title");
        diagnostics.push(
            Diagnostic::error(path, "the title is empty", "give the post a title")
                .at(line, column)
                .field("title"),
        );
    }
    let (date, time_of_day) = match post_date(&fm.date) {
        Ok(date) => date,
        Err(why) => {
            let (line, column) = at_field("date");
            diagnostics.push(
                Diagnostic::error(path, why, "write the date as `date = 2026-01-27`")
                    .at(line, column)
                    .field("date"),
            );
            return None;
        }
    };
    for label in &fm.labels {
        if !is_slug(label) {
            ok = false;
            let (line, column) = at_field("labels");
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!("the label \"{label}\" is not a valid label"),
                    "labels become addresses: use lowercase letters, digits and single hyphens, \
                     e.g. \"united-states\"",
                )
                .at(line, column)
                .field("labels"),
            );
        }
    }
    let body = split.body.trim_start_matches(['\n', '\r']);
    if let Some(why) = quire_markdown::too_large(body) {
        ok = false;
        let (line, _) = line_and_column(&text, split.body_offset);
        diagnostics.push(
            Diagnostic::error(
                path,
                format!("the post is too long: {why}"),
                "split it into several posts",
            )
            .at(line, 1),
        );
    }
    // The one parse of the post: everything below reads its events.
    let parsed = quire_markdown::Parsed::new(body);
    let code = crate::highlight::code_runs(&parsed.code_blocks());
    let rendered = parsed.render(body, &code);
    let body_start = split.body_offset + (split.body.len() - body.len());
    let at = |offset: usize| line_and_column(&text, body_start + offset);
    for image in &rendered.images {
        let (line, column) = at(image.offset);
        if image.alt.trim().is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!("the image `{}` has no alt text", image.src),
                    "describe the image between the brackets, `![A map of Europe](map.png)`, \
                     for readers who cannot see it",
                )
                .at(line, column),
            );
        }
        if let Some(file) = local_file(&image.src) {
            if !static_dir.join(file).is_file() {
                ok = false;
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!("the image `{}` does not exist", image.src),
                        format!(
                            "put the file at {}, or correct the path",
                            static_dir.join(file).display()
                        ),
                    )
                    .at(line, column),
                );
            }
        }
    }
    let post_links = rendered
        .links
        .iter()
        .filter_map(|link| {
            let slug = linked_post(&link.dest)?;
            let (line, column) = at(link.offset);
            Some((slug.to_string(), line, column))
        })
        .collect();
    ok.then(|| Post {
        slug,
        slug_at,
        source: path.to_path_buf(),
        title: fm.title.trim().to_string(),
        date,
        time_of_day,
        author: fm.author.unwrap_or_else(|| default_author.to_string()),
        labels: fm.labels,
        draft: fm.draft,
        summary: fm
            .summary
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| parsed.excerpt(EXCERPT_CHARS)),
        code,
        plain_text: parsed.plain_text(),
        excerpt_only: fm.excerpt_only,
        markdown: body.to_string(),
        post_links,
        rendered,
    })
}

pub(crate) fn post_date(value: &toml::value::Datetime) -> Result<(Date, u32), String> {
    let Some(d) = value.date else {
        return Err(format!("`{value}` has no calendar date"));
    };
    let date = Date::new(d.year, d.month, d.day).map_err(|e| e.to_string())?;
    let seconds = value.time.map_or(0, |t| {
        u32::from(t.hour) * 3600 + u32::from(t.minute) * 60 + u32::from(t.second.unwrap_or(0))
    });
    Ok((date, seconds))
}

/// The file under `content/static/` that a local URL names; `None` for URLs that
/// leave the site (`https:`, `mailto:`, `//host`) or name a page.
fn local_file(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let remote = path.contains(':') || path.starts_with("//");
    (!remote && !path.is_empty()).then(|| path.trim_start_matches('/'))
}

/// The slug in a link to a post: `/posts/<slug>`, with an optional `/`, `#…` or `?…`.
fn linked_post(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("/posts/")?;
    let slug = rest.split(['/', '#', '?']).next().unwrap_or(rest);
    (!slug.is_empty()).then_some(slug)
}

fn check_post_links(posts: &[Post], diagnostics: &mut Vec<Diagnostic>) {
    for post in posts {
        for (slug, line, column) in &post.post_links {
            if !posts.iter().any(|p| &p.slug == slug) {
                diagnostics.push(
                    Diagnostic::error(
                        &post.source,
                        format!("the link to /posts/{slug} leads nowhere: there is no such post"),
                        format!(
                            "correct the slug (a file name in content/posts/ without .md), \
                             or write content/posts/{slug}.md"
                        ),
                    )
                    .at(*line, *column),
                );
            }
        }
    }
}

/// Where `field = …` starts in the front matter, for errors found after parsing.
fn field_position(text: &str, fm_offset: usize, field: &str) -> (usize, usize) {
    let mut offset = fm_offset;
    for line in text[fm_offset..].split_inclusive('\n') {
        let key = line.split_once('=').map(|(k, _)| k.trim());
        if key == Some(field) {
            return line_and_column(text, offset);
        }
        offset += line.len();
    }
    line_and_column(text, fm_offset)
}

/// The Markdown of a post file: everything after its front matter, or the whole
/// text when it has none.
pub fn markdown_of(text: &str) -> &str {
    match front_matter::split(Path::new(""), text) {
        Ok(split) => split.body.trim_start_matches(['\n', '\r']),
        Err(_) => text,
    }
}

fn check_duplicate_slugs(posts: &[Post], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for post in posts {
        if let Some(first) = seen.insert(&post.slug, &post.source) {
            diagnostics.push(
                Diagnostic::error(
                    &post.source,
                    format!(
                        "the slug `{}` is already the address of {}",
                        post.slug,
                        first.display()
                    ),
                    "give one of the two posts another `slug = \"…\"`, or rename its file",
                )
                .at(post.slug_at.0, post.slug_at.1),
            );
        }
    }
}

fn load_views(
    path: &Path,
    posts: &[Post],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, u64> {
    if !path.exists() {
        return BTreeMap::new();
    }
    let Some(text) = read_text(path, diagnostics) else {
        return BTreeMap::new();
    };
    let Some(Popularity { views }) = parse_settings(
        path,
        &text,
        "write one line per post under [views]: `post-slug = 1234`",
        diagnostics,
    ) else {
        return BTreeMap::new();
    };
    for slug in views.keys() {
        if !posts.iter().any(|p| &p.slug == slug) {
            let (line, column) = field_position(&text, 0, slug);
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!("`{slug}` is not a post; its views are ignored"),
                    "correct the slug to a file name in content/posts/ (without .md), or remove the line",
                )
                .at(line, column),
            );
        }
    }
    views
}
