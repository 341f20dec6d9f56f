//! Comments kept with the content: `content/comments/<post-slug>.toml`, one
//! `[[comment]]` table per comment (author, date, text in Markdown), its replies as
//! `[[comment.reply]]` tables under it. Replies go one level deep.

use crate::content::{parse_settings, post_date, read_text, Post};
use crate::diagnostic::{Diagnostic, Lines};
use quire_schema::{Comment, COMMENT_AUTHOR_MAX_CHARS, COMMENT_TEXT_MAX_CHARS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

/// The folder of `content/` that holds comments.
pub const COMMENTS_DIR: &str = "comments";

const HINT: &str = "write each comment as a [[comment]] table with author, date and text, \
                    and its replies as [[comment.reply]] tables under it";

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommentsFile {
    #[serde(default)]
    pub comment: Vec<Entry>,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The comments service's id (`c12`), written by `quire comments pull`; none
    /// for comments written by hand or imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub author: String,
    pub date: toml::value::Datetime,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reply: Vec<Reply>,
}

/// A reply: a comment without replies of its own.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub author: String,
    pub date: toml::value::Datetime,
    pub text: String,
}

/// Every post's comments, by slug, oldest first.
pub fn load(
    content_dir: &Path,
    posts: &[Arc<Post>],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<Comment>> {
    let mut all = BTreeMap::new();
    let Ok(entries) = fs::read_dir(content_dir.join(COMMENTS_DIR)) else {
        return all;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let slug = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !posts.iter().any(|p| p.slug == slug) {
            diagnostics.push(Diagnostic::error(
                &path,
                format!("there is no post `{slug}` for these comments"),
                "name the file after the post's slug: content/comments/<slug>.toml",
            ));
            continue;
        }
        if let Some(comments) = load_file(&path, diagnostics) {
            all.insert(slug, comments);
        }
    }
    all
}

fn load_file(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Comment>> {
    let text = read_text(path, diagnostics)?;
    let file: CommentsFile = parse_settings(path, &text, HINT, diagnostics)?;
    let headers = table_positions(&text, "[[comment]]");
    let reply_headers = table_positions(&text, "[[comment.reply]]");
    let mut replies_seen = 0;
    let mut comments = Vec::new();
    for (n, entry) in file.comment.into_iter().enumerate() {
        let at = headers.get(n).copied().unwrap_or((1, 1));
        let id = comment_id(
            path,
            entry.id,
            format!("comment-{}", n + 1),
            at,
            diagnostics,
        )?;
        let mut replies = Vec::new();
        for (r, reply) in entry.reply.into_iter().enumerate() {
            let reply_at = reply_headers.get(replies_seen).copied().unwrap_or(at);
            replies_seen += 1;
            let reply_id = comment_id(
                path,
                reply.id,
                format!("{id}-{}", r + 1),
                reply_at,
                diagnostics,
            )?;
            replies.extend(comment(
                path,
                reply_id,
                (reply.author, reply.date, reply.text),
                Vec::new(),
                reply_at,
                diagnostics,
            ));
        }
        comments.extend(comment(
            path,
            id,
            (entry.author, entry.date, entry.text),
            replies,
            at,
            diagnostics,
        ));
    }
    Some(comments)
}

/// A comment's id: the service's, checked, or `generated` for one written by hand.
fn comment_id(
    path: &Path,
    given: Option<String>,
    generated: String,
    at: (usize, usize),
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match given {
        None => Some(generated),
        Some(id) if quire_schema::comments::service_number(&id).is_some() => Some(id),
        Some(id) => {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!("`{id}` is not an id the comments service gives"),
                    "ids are written by `quire comments pull` (like `c12`); leave `id` out of \
                     comments written by hand",
                )
                .at(at.0, at.1)
                .field("id"),
            );
            None
        }
    }
}

/// One checked comment, or a diagnostic at `at` (its table's header).
fn comment(
    path: &Path,
    id: String,
    (author, date, text): (String, toml::value::Datetime, String),
    replies: Vec<Comment>,
    at: (usize, usize),
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Comment> {
    let problem = |message: String, hint: &str, field: &str| {
        Diagnostic::error(path, message, hint)
            .at(at.0, at.1)
            .field(field)
    };
    let date = match post_date(&date) {
        Ok((date, _)) => date,
        Err(why) => {
            diagnostics.push(problem(
                format!("the date is not a date: {why}"),
                "write the date as YYYY-MM-DD, like `date = 2026-01-28`",
                "date",
            ));
            return None;
        }
    };
    if author.trim().is_empty() {
        diagnostics.push(problem(
            "the comment has no author".to_string(),
            "give the commenter's name: `author = \"Ann\"`",
            "author",
        ));
        return None;
    }
    let author_chars = author.chars().count();
    if author_chars > COMMENT_AUTHOR_MAX_CHARS {
        diagnostics.push(problem(
            format!("the commenter's name is {author_chars} characters long"),
            "a name may have at most 80 characters, as the comment form allows",
            "author",
        ));
        return None;
    }
    let chars = text.chars().count();
    if text.trim().is_empty() || chars > COMMENT_TEXT_MAX_CHARS {
        diagnostics.push(problem(
            format!("the comment's text is {chars} characters long"),
            "a comment needs text, and at most 10,000 characters of it",
            "text",
        ));
        return None;
    }
    Some(Comment {
        id,
        author: author.trim().to_string(),
        date,
        markdown: text,
        replies,
    })
}

/// Where each line starting with `header` is, in order.
fn table_positions(text: &str, header: &str) -> Vec<(usize, usize)> {
    let lines = Lines::new(text);
    let mut offset = 0;
    let mut found = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(header) {
            found.push(lines.at(offset));
        }
        offset += line.len();
    }
    found
}
