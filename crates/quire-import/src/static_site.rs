//! `quire import zola DIR` and `quire import hugo DIR`: a site's Markdown with its
//! TOML (`+++`) or YAML (`---`) front matter into Quire's posts and pages. Files
//! directly in `content/` (or in a folder of their own there) are pages, the rest
//! posts; post folders (`index.md` with files beside it) stay post folders; tags,
//! categories and other taxonomies become labels; `aliases` and each post's old
//! address become redirects; shortcodes are reported and left as text.

use crate::output::{FileSource, NewPost, Output};
use crate::{dates, Failure, Options, Report};
use quire_content::content::FrontMatter;
use quire_content::pages::FrontMatter as PageFrontMatter;
use quire_schema::to_slug;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// Which generator made the site: it decides the old addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Zola,
    Hugo,
}

/// One Markdown file of the site.
struct Source {
    file: PathBuf,
    /// The section folders it sits in, from `content/` (`["blog"]`).
    section: Vec<String>,
    /// Its own name: the file's stem, or its folder's for an `index.md`.
    name: String,
    /// For an `index.md`: the folder, whose other files go with it.
    folder: Option<PathBuf>,
}

pub fn import(
    dir: &Path,
    content_dir: &Path,
    options: Options,
    flavour: Flavour,
) -> Result<Report, Failure> {
    let site_content = [dir.join("content"), dir.to_path_buf()]
        .into_iter()
        .find(|d| d.is_dir() && has_markdown(d))
        .ok_or_else(|| {
            Failure::new(format!(
                "{} has no content/ folder with Markdown in it",
                dir.display()
            ))
            .hint("give the site's own folder (the one with config.toml or hugo.toml and content/)")
        })?;
    if same_folder(&site_content, content_dir) {
        return Err(Failure::new(
            "the site to import is the content folder it would be written to",
        )
        .hint("import from the other site's folder into this blog's content/"));
    }
    let mut out = Output::new(content_dir)?;
    if let Some(address) = site_setting(dir, &["base_url", "baseURL", "baseurl"]) {
        out.old_hosts.add(&address);
    }
    let mut sources = Vec::new();
    walk(&site_content, &site_content, &mut sources, &mut out.report);
    sources.sort_by(|a, b| a.file.cmp(&b.file));
    // First every item's new address, so that internal links can follow.
    let mut items = Vec::new();
    for source in sources {
        let text = fs::read_to_string(&source.file).map_err(|e| {
            Failure::new(format!(
                "{}: cannot read it as UTF-8 text: {e}",
                source.file.display()
            ))
        })?;
        let (meta, body) = split(&source.file, &text)?;
        items.push((source, meta, body));
    }
    // Every item's new address first, so that Zola's internal links (`@/blog/x.md`)
    // can be pointed at it.
    let mut addresses: HashMap<String, String> = HashMap::new();
    let mut prepared = Vec::new();
    for (source, meta, body) in items {
        let is_page = source.section.is_empty();
        let wanted = text_field(&meta, "slug")
            .and_then(|s| to_slug(&s))
            .or_else(|| to_slug(&source.name))
            .unwrap_or_else(|| "untitled".to_string());
        let relative = source
            .file
            .strip_prefix(&site_content)
            .unwrap_or(&source.file);
        let relative = relative.to_string_lossy().replace('\\', "/");
        let new = if is_page {
            format!("/{wanted}")
        } else {
            format!("/posts/{wanted}")
        };
        addresses.insert(relative, new);
        prepared.push((source, meta, body, is_page, wanted));
    }
    for (source, meta, body, is_page, wanted) in prepared {
        let origin = source.file.display().to_string();
        let old = old_address(&source, &meta, &wanted, flavour);
        let body = internal_links(&body, &addresses, &mut out.report, &origin);
        let new = write_item(&source, &meta, body, is_page, &wanted, &mut out, &origin)?;
        if !meta.get("draft").and_then(Value::as_bool).unwrap_or(false) {
            out.redirect(&old, &new);
            for alias in list_field(&meta, "aliases") {
                let alias = if alias.starts_with('/') {
                    alias
                } else {
                    format!("/{alias}")
                };
                out.redirect(&alias, &new);
            }
        }
    }
    let static_dir = dir.join("static");
    if static_dir.is_dir() && !same_folder(&static_dir, content_dir) {
        copy_static(&static_dir, &mut out)?;
    }
    let title = site_title(dir).unwrap_or_else(|| "My blog".to_string());
    out.finish(&title, options.force)
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b || b.starts_with(&a),
        _ => false,
    }
}

fn has_markdown(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let path = e.path();
            path.is_dir() || path.extension().is_some_and(|x| x == "md")
        })
    })
}

fn hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'))
}

/// Every Markdown file under `dir`, as sources; what is left out is reported.
fn walk(root: &Path, dir: &Path, found: &mut Vec<Source>, report: &mut Report) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| !hidden(p))
        .collect();
    paths.sort();
    let section: Vec<String> = dir
        .strip_prefix(root)
        .unwrap_or(Path::new(""))
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let index = paths
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .cloned();
    if let Some(index) = index {
        // A post folder: `index.md`, its files beside it.
        let mut section = section;
        let name = section.pop().unwrap_or_default();
        found.push(Source {
            file: index,
            section,
            name,
            folder: Some(dir.to_path_buf()),
        });
        return;
    }
    for path in paths {
        // Symbolic links are not followed: a site imports its own files only.
        let Ok(kind) = fs::symlink_metadata(&path).map(|m| m.file_type()) else {
            continue;
        };
        if kind.is_dir() {
            walk(root, &path, found, report);
            continue;
        }
        if !kind.is_file() || path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if stem == "_index" {
            report.skip(
                path.display().to_string(),
                "a section's list page: Quire makes its own lists",
            );
        } else if stem.contains('.') {
            report.skip(
                path.display().to_string(),
                "a translation: Quire blogs have one language",
            );
        } else {
            found.push(Source {
                file: path,
                section: section.clone(),
                name: stem,
                folder: None,
            });
        }
    }
}

/// The front matter (TOML or YAML, as a table) and the body of a file.
fn split(file: &Path, text: &str) -> Result<(Table, String), Failure> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fence = match text.lines().next().map(str::trim_end) {
        Some("+++") => "+++",
        Some("---") => "---",
        _ => return Ok((Table::new(), text.to_string())),
    };
    let after_first = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_first;
    for line in text[after_first..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let front = &text[after_first..offset];
            let body = text[offset + line.len()..]
                .trim_start_matches(['\n', '\r'])
                .to_string();
            let meta = if fence == "+++" {
                toml::from_str::<Table>(front).map_err(|e| {
                    let line = 1 + text[..after_first + e.span().map_or(0, |s| s.start)]
                        .matches('\n')
                        .count();
                    Failure::new(format!(
                        "{}:{line}: its TOML front matter cannot be read: {}",
                        file.display(),
                        e.message().trim()
                    ))
                    .hint("correct the front matter in the site, then import again")
                })?
            } else {
                let value: serde_norway::Value = serde_norway::from_str(front).map_err(|e| {
                    let line = 1 + e.location().map_or(0, |l| l.line());
                    Failure::new(format!(
                        "{}:{line}: its YAML front matter cannot be read: {e}",
                        file.display()
                    ))
                    .hint("correct the front matter in the site, then import again")
                })?;
                match yaml_to_toml(value) {
                    Some(Value::Table(table)) => table,
                    _ => Table::new(),
                }
            };
            return Ok((meta, body));
        }
        offset += line.len();
    }
    Err(Failure::new(format!(
        "{}:1: its front matter is never closed",
        file.display()
    ))
    .hint(format!("add a `{fence}` line after the front matter")))
}

/// YAML as TOML values: nulls (which TOML has not) are left out.
fn yaml_to_toml(value: serde_norway::Value) -> Option<Value> {
    use serde_norway::Value as Y;
    Some(match value {
        Y::Null => return None,
        Y::Bool(b) => Value::Boolean(b),
        Y::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Float(n.as_f64().unwrap_or_default()),
        },
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().filter_map(yaml_to_toml).collect()),
        Y::Mapping(map) => Value::Table(
            map.into_iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        Y::Number(n) => n.to_string(),
                        Y::Bool(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_toml(v)?))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => return yaml_to_toml(tagged.value),
    })
}

fn text_field(meta: &Table, key: &str) -> Option<String> {
    match meta.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

fn list_field(meta: &Table, key: &str) -> Vec<String> {
    match meta.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Zola's links to other content files (`](@/blog/x.md#part)`) as links to their
/// new addresses; one that names no imported file is reported and left.
fn internal_links(
    body: &str,
    addresses: &HashMap<String, String>,
    report: &mut Report,
    origin: &str,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("(@/") {
        out.push_str(&rest[..at + 1]);
        rest = &rest[at + 3..];
        let end = rest.find([')', '#', ' ']).unwrap_or(rest.len());
        match addresses.get(&rest[..end]) {
            Some(address) => out.push_str(address),
            None => {
                report.note(
                    origin,
                    format!(
                        "its link to @/{} names no imported file: left as it was",
                        &rest[..end]
                    ),
                );
                out.push_str("@/");
                out.push_str(&rest[..end]);
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The address the old site gave the item, from its root.
fn old_address(source: &Source, meta: &Table, slug: &str, flavour: Flavour) -> String {
    let own = match flavour {
        Flavour::Zola => text_field(meta, "path"),
        Flavour::Hugo => text_field(meta, "url"),
    };
    if let Some(path) = own {
        let path = path.trim_matches('/');
        return if path.contains('.') {
            format!("/{path}")
        } else {
            format!("/{path}/")
        };
    }
    let mut parts: Vec<String> = source.section.iter().map(|s| s.to_lowercase()).collect();
    parts.push(slug.to_string());
    format!("/{}/", parts.join("/"))
}

/// The labels of an item: tags, categories and every other taxonomy.
fn labels(meta: &Table, report: &mut Report, origin: &str) -> Vec<String> {
    let mut names = list_field(meta, "tags");
    names.extend(list_field(meta, "categories"));
    if let Some(Value::Table(taxonomies)) = meta.get("taxonomies") {
        for values in taxonomies.values() {
            if let Value::Array(items) = values {
                names.extend(items.iter().filter_map(|v| v.as_str().map(String::from)));
            }
        }
    }
    let mut labels = Vec::new();
    for name in names {
        match to_slug(&name) {
            Some(slug) => {
                report.labels.insert(name, slug.clone());
                if !labels.contains(&slug) {
                    labels.push(slug);
                }
            }
            None => report.note(
                origin,
                format!(
                    "the tag “{name}” has no letters or digits to make an address of: left out"
                ),
            ),
        }
    }
    labels
}

/// Shortcodes of either generator, as `{{ name(` / `{% name(` (Zola) and
/// `{{< name` / `{{% name` (Hugo): their names, once each.
fn shortcodes(body: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for opener in ["{{<", "{{%", "{{", "{%"] {
        let mut rest = body;
        while let Some(at) = rest.find(opener) {
            rest = &rest[at + opener.len()..];
            let name: String = rest
                .trim_start_matches([' ', '/'])
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            let is_call = rest
                .trim_start_matches([' ', '/'])
                .get(name.len()..)
                .is_some_and(|after| opener.len() == 3 || after.starts_with('('));
            if !name.is_empty() && is_call && name != "end" && !found.contains(&name) {
                found.push(name);
            }
        }
    }
    found
}

fn write_item(
    source: &Source,
    meta: &Table,
    body: String,
    is_page: bool,
    slug: &str,
    out: &mut Output,
    origin: &str,
) -> Result<String, Failure> {
    let title = text_field(meta, "title").unwrap_or_else(|| {
        out.report
            .note(origin, "it had no title: it is named after its file");
        source.name.clone()
    });
    let draft = meta.get("draft").and_then(Value::as_bool).unwrap_or(false);
    let summary = text_field(meta, "description").or_else(|| text_field(meta, "summary"));
    // `<!-- more -->` marks a summary's end in both generators; Quire makes its
    // own excerpts, and would show the comment as text.
    let body = body
        .replace("<!-- more -->\n", "")
        .replace("<!-- more -->", "");
    for name in shortcodes(&body) {
        out.report.shortcodes.push((origin.to_string(), name));
    }
    let date = text_field(meta, "date")
        .or_else(|| text_field(meta, "publishDate"))
        .and_then(|d| dates::parse(&d));
    if is_page {
        let front = PageFrontMatter {
            title,
            slug: None,
            order: meta.get("weight").and_then(Value::as_integer),
            nav: true,
            draft,
            summary,
            date,
        };
        let slug = out.page(slug, front, &body, origin)?;
        return Ok(format!("/{slug}"));
    }
    let (date, draft) = match date {
        Some(date) => (date, draft),
        None => {
            out.report.note(
                origin,
                "it had no date: imported as a draft dated 1970-01-01; give it its date",
            );
            (
                "1970-01-01"
                    .parse()
                    .map_err(|_| Failure::new("a fixed date does not parse"))?,
                true,
            )
        }
    };
    let mut files = Vec::new();
    if let Some(folder) = &source.folder {
        collect_files(folder, &mut files, &mut out.report);
    }
    let author =
        text_field(meta, "author").or_else(|| list_field(meta, "authors").into_iter().next());
    let front = FrontMatter {
        title,
        slug: None,
        date,
        author,
        labels: labels(meta, &mut out.report, origin),
        draft,
        summary,
        excerpt_only: false,
    };
    let slug = out.post(
        NewPost {
            slug: slug.to_string(),
            front,
            markdown: body,
            files,
        },
        origin,
    )?;
    Ok(format!("/posts/{slug}"))
}

/// Every plain file under `dir` (not hidden; symbolic links are not followed: a
/// site imports its own files only), in order, with its path from `dir` cleaned
/// of anything a path must not have (`a b/c.png` → `a-b/c.png`).
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()).filter(|p| !hidden(p)) {
            match fs::symlink_metadata(&path).map(|m| m.file_type()) {
                Ok(kind) if kind.is_dir() => pending.push(path),
                Ok(kind) if kind.is_file() => {
                    let relative = path.strip_prefix(dir).unwrap_or(&path);
                    let clean: Vec<String> = relative
                        .components()
                        .map(|c| clean_name(&c.as_os_str().to_string_lossy()))
                        .collect();
                    found.push((path.clone(), clean.join("/")));
                }
                _ => {}
            }
        }
    }
    found.sort();
    found
}

/// A post folder's files (not its Markdown), by their clean names.
fn collect_files(folder: &Path, files: &mut Vec<(String, FileSource)>, report: &mut Report) {
    for (path, name) in files_under(folder) {
        if path.extension().is_none_or(|x| x != "md") {
            files.push((name, FileSource::Path(path)));
        } else if path.parent() != Some(folder) || path.file_name().is_some_and(|n| n != "index.md")
        {
            report.skip(
                path.display().to_string(),
                "another Markdown file in a post folder (a translation?)",
            );
        }
    }
}

/// A file name with nothing but letters, digits, `-`, `_` and `.`, not starting
/// with a dot.
fn clean_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    if cleaned.is_empty() {
        "file".to_string()
    } else {
        cleaned.to_string()
    }
}

fn copy_static(dir: &Path, out: &mut Output) -> Result<(), Failure> {
    for (path, name) in files_under(dir) {
        out.static_file(Path::new(&name), &path)?;
    }
    Ok(())
}

/// The site's title.
fn site_title(dir: &Path) -> Option<String> {
    site_setting(dir, &["title"])
}

/// The first of `keys` set in the site's configuration: `config.toml`, `hugo.toml`
/// or `zola.toml`, or Hugo's `config.yaml` / `hugo.yaml`.
fn site_setting(dir: &Path, keys: &[&str]) -> Option<String> {
    let toml = ["config.toml", "hugo.toml", "zola.toml"]
        .iter()
        .find_map(|name| {
            let text = fs::read_to_string(dir.join(name)).ok()?;
            let table: Table = toml::from_str(&text).ok()?;
            keys.iter()
                .find_map(|key| table.get(*key)?.as_str().map(String::from))
        });
    toml.or_else(|| {
        ["config.yaml", "config.yml", "hugo.yaml", "hugo.yml"]
            .iter()
            .find_map(|name| {
                let text = fs::read_to_string(dir.join(name)).ok()?;
                let value: serde_norway::Value = serde_norway::from_str(&text).ok()?;
                keys.iter()
                    .find_map(|key| value.get(*key)?.as_str().map(String::from))
            })
    })
}
