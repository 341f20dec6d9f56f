//! Splitting a post file into its TOML front matter and Markdown body, and reading
//! the front matter with errors located in the original file.

use crate::diagnostic::{line_and_column, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

const FENCE: &str = "+++";

/// A post file cut in two. Offsets are byte offsets into the whole file, so that
/// errors in either part can be located in the file the author edits.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let first_line_end = text_no_bom.find('\n').unwrap_or(text_no_bom.len());
    if text_no_bom[..first_line_end].trim_end() != FENCE {
        return Err(Diagnostic::error(
            file,
            "the post does not start with front matter",
            "begin the file with a line `+++`, then fields such as `title = \"…\"` and \
             `date = 2026-01-27`, then another `+++` line, then the Markdown",
        )
        .at(1, 1));
    }
    let fm_start = bom + first_line_end + 1;
    let rest = text.get(fm_start..).unwrap_or("");
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            let body_offset = fm_start + offset + line.len();
            return Ok(Split {
                front_matter: &rest[..offset],
                front_matter_offset: fm_start,
                body: text.get(body_offset..).unwrap_or(""),
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        file,
        "the front matter is never closed",
        "add a line `+++` after the last front-matter field, before the Markdown",
    )
    .at(1, 1))
}

/// The fields a post's front matter may have, for hints.
pub const POST_FIELDS: &str =
    "a post may have: title, date, slug, author, labels, draft, summary, excerpt_only";

/// Reads front matter into `T`, turning TOML and schema errors into a diagnostic that
/// points into the whole file and names the field at fault. `fields` says which
/// fields the file may have (like [`POST_FIELDS`]).
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    whole_text: &str,
    split: &Split<'_>,
    fields: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(split.front_matter).map_err(|err| {
        let local = err.span().map_or(0, |span| span.start);
        let absolute = split.front_matter_offset + local;
        let (line, column) = line_and_column(whole_text, absolute);
        let message = err.message().trim().to_string();
        let field = field_named_in(&message)
            .or_else(|| key_on_line(split.front_matter, local))
            .unwrap_or_default();
        let mut diagnostic =
            Diagnostic::error(file, message.clone(), hint_for(&message, &field, fields))
                .at(line, column);
        if !field.is_empty() {
            diagnostic = diagnostic.field(field);
        }
        diagnostic
    })
}

/// serde names the field in "missing field `x`" and "unknown field `x`".
fn field_named_in(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    let named = &message[start..start + len];
    (message.contains("field")).then(|| named.to_string())
}

/// The key of the `key = value` line holding byte `offset`, for value errors.
fn key_on_line(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty()).then(|| key.to_string())
}

fn hint_for(message: &str, field: &str, fields: &str) -> String {
    if message.contains("unknown field") {
        format!("remove `{field}` or correct its spelling; {fields}")
    } else if message.contains("missing field") {
        format!("add `{field} = …` to the front matter")
    } else if field == "date" {
        "write the date as `date = 2026-01-27` (or `2026-01-27T18:00:00Z` to order posts on one day)"
            .to_string()
    } else if field == "labels" {
        "write labels as a list of strings: `labels = [\"europe\", \"security\"]`".to_string()
    } else {
        "check the TOML syntax of this line: strings in double quotes, lists in [ ]".to_string()
    }
}

/// A post or page file: `front_matter` as TOML between `+++` lines, then `body`.
pub fn compose<T: serde::Serialize>(front_matter: &T, body: &str) -> Result<String, String> {
    let fields = toml::to_string(front_matter).map_err(|e| e.to_string())?;
    Ok(format!("{FENCE}\n{fields}{FENCE}\n\n{}\n", body.trim_end()))
}
