//! The paths a site is written at: each once, inside the site, and none a file
//! where another needs a folder.

use super::{Entry, Source};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::io;

pub(super) fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

/// Files named by their content (bundles under `data/h/`, resized images): a reader
/// may hold a page naming them, so they are written first and never change.
pub(super) fn is_named_by_content(path: &str) -> bool {
    [quire_schema::IMMUTABLE_DIR, quire_schema::PICTURES_DIR]
        .iter()
        .any(|dir| path.strip_prefix(dir).is_some_and(|p| p.starts_with('/')))
}

/// `entries` with each path once: two bundles of the same bytes have the same
/// content-named file. The same path with other bytes is a mistake.
pub(super) fn each_once<'a>(entries: &[Entry<'a>]) -> io::Result<Vec<Entry<'a>>> {
    let mut seen: HashMap<&str, Source> =
        HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut once = Vec::with_capacity(entries.len());
    for entry in entries {
        match seen.get(entry.path) {
            None => {
                seen.insert(entry.path, entry.source);
                once.push(*entry);
            }
            Some(Source::Text(text)) if matches!(entry.source, Source::Text(t) if t == *text) => {}
            // (Two posts showing the same photo publish the same resized copies.)
            Some(Source::Copy(from)) if matches!(entry.source, Source::Copy(f) if f == *from) => {}
            Some(Source::Copy(from)) => {
                let other = match entry.source {
                    Source::Copy(other) => other.display().to_string(),
                    Source::Text(_) => "a file the build makes".to_string(),
                };
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "two files would be published as {}: {} and {other}; rename or move one",
                        entry.path,
                        from.display()
                    ),
                ));
            }
            Some(Source::Text(_)) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "two files would be published as {}: the build makes it, and \
                         another file is published there too; rename or move that one",
                        entry.path
                    ),
                ))
            }
        }
    }
    Ok(once)
}

/// Every path stays inside the root, and none is a file where another is a folder,
/// among `entries` and the files of the parts before (`earlier`, and the `folders`
/// they need, which this part's are added to).
pub(super) fn check_paths(
    entries: &[Entry],
    folders: &mut HashMap<String, String>,
    earlier: &BTreeMap<String, u64>,
) -> io::Result<()> {
    let mut files: HashSet<&str> = HashSet::default();
    for entry in entries {
        let path = entry.path;
        let bad_part = path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..");
        if bad_part || path.contains('\\') {
            return Err(invalid(format!("{path} is not a path inside the site")));
        }
        files.insert(path);
    }
    let is_file = |path: &str| files.contains(path) || earlier.contains_key(path);
    let mut needed: HashMap<&str, &str> = HashMap::default();
    for path in &files {
        let mut folder = *path;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if is_file(parent) {
                return Err(invalid(format!(
                    "{parent} is a file, but {path} needs it to be a folder"
                )));
            }
            if !folders.contains_key(parent) {
                needed.entry(parent).or_insert(path);
            }
            folder = parent;
        }
    }
    for path in &files {
        if let Some(other) = folders
            .get(*path)
            .map(String::as_str)
            .or(needed.get(path).copied())
        {
            return Err(invalid(format!(
                "{path} is a file, but {other} needs it to be a folder"
            )));
        }
    }
    folders.extend(
        needed
            .into_iter()
            .map(|(folder, path)| (folder.to_string(), path.to_string())),
    );
    Ok(())
}
