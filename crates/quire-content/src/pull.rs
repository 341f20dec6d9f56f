//! Writing the comments service's approved comments into `content/comments/`
//! (`quire comments pull`), so the prerendered pages, feeds and crawlers have them
//! after the next build.
//!
//! A post's file keeps every comment written by hand (those without an `id`), in
//! its place; the service's comments (with their `id`) are replaced by what the
//! service now approves, so a comment deleted there goes here too. Each file is
//! written whole to a temporary name and renamed over the old one, so a failed
//! pull leaves it as it was. TOML comments in a pulled file are not kept.

use crate::comments::{CommentsFile, Entry, Reply, COMMENTS_DIR};
use quire_schema::comments::CommentExport;
use quire_schema::{Comment, Date};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// What a pull did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pulled {
    /// Posts whose file was written, with their number of service comments.
    pub written: Vec<(String, usize)>,
    /// Posts of the export that the content has no post for: left alone.
    pub unknown: Vec<String>,
}

/// Writes `export` into `content_dir/comments/` for the posts in `slugs`.
pub fn write_pulled(
    content_dir: &Path,
    slugs: &BTreeSet<String>,
    export: &CommentExport,
) -> Result<Pulled, String> {
    let dir = content_dir.join(COMMENTS_DIR);
    let mut pulled = Pulled::default();
    // Posts that had service comments before and have none now must lose them.
    let mut posts: BTreeSet<String> = export.posts.keys().cloned().collect();
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "toml") {
                if let Some(stem) = path.file_stem() {
                    posts.insert(stem.to_string_lossy().into_owned());
                }
            }
        }
    }
    for post in posts {
        if !slugs.contains(&post) {
            if export.posts.contains_key(&post) {
                pulled.unknown.push(post);
            }
            continue;
        }
        let path = dir.join(format!("{post}.toml"));
        let mut file = match fs::read_to_string(&path) {
            Ok(text) => toml::from_str::<CommentsFile>(&text).map_err(|e| {
                format!(
                    "{}: {e}\nfix the file (quire check shows where), then pull again; nothing was written",
                    path.display()
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => CommentsFile { comment: Vec::new() },
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let had_service = file.comment.iter().any(|c| c.id.is_some());
        let service = export.posts.get(&post).cloned().unwrap_or_default();
        if service.is_empty() && !had_service {
            continue;
        }
        file.comment.retain(|c| c.id.is_none());
        let count = service.len() + service.iter().map(|c| c.replies.len()).sum::<usize>();
        file.comment.extend(service.into_iter().map(entry));
        file.comment.sort_by_key(|c| {
            (
                c.date.date.map(|d| (d.year, d.month, d.day)),
                c.id.is_some(),
            )
        });
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let text = format!(
            "# Comments on `{post}`. Those with an id come from the comments service and are\n\
             # rewritten by `quire comments pull`; write your own without one.\n\n{}",
            toml::to_string(&file).map_err(|e| format!("{post}: {e}"))?
        );
        let partial = dir.join(format!(".{post}.toml.partial"));
        fs::write(&partial, text)
            .map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
        fs::rename(&partial, &path)
            .map_err(|e| format!("cannot replace {}: {e}", path.display()))?;
        pulled.written.push((post, count));
    }
    Ok(pulled)
}

fn entry(comment: Comment) -> Entry {
    Entry {
        id: Some(comment.id),
        author: comment.author,
        date: datetime(comment.date),
        text: comment.markdown,
        reply: comment
            .replies
            .into_iter()
            .map(|r| Reply {
                id: Some(r.id),
                author: r.author,
                date: datetime(r.date),
                text: r.markdown,
            })
            .collect(),
    }
}

fn datetime(date: Date) -> toml::value::Datetime {
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: date.year,
            month: date.month,
            day: date.day,
        }),
        time: None,
        offset: None,
    }
}
