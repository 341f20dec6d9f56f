//! Folders moved rather than written again, in the preview's own folder.
//!
//! The search index keeps its files in folders named by a hash of what they hold
//! (`quire_schema::search_dir`), so that a host may cache them for a year. A save
//! that changes one fragment gives its folder of 256 a new name, and writing the
//! new folder file by file, then removing the old one, was most of a save's writing
//! in a blog of ten thousand posts. Instead the old folder is renamed to the new
//! name, and only the files that differ are written after.
//!
//! Only for a folder nothing else writes ([`super::update_own`]): a reader there
//! (the author's own tab) may ask for the old folder's files while the save is
//! written, and is sent the new page at the end of it anyway.

use super::{at, Record};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fs;
use std::io;
use std::path::Path;

/// A folder moved: from, to, and the files it held.
pub(super) struct Moved {
    pub from: String,
    pub to: String,
    pub names: Vec<String>,
}

fn split(path: &str) -> Option<(&str, &str)> {
    path.rsplit_once('/')
}

fn parent(dir: &str) -> &str {
    split(dir).map_or("", |(parent, _)| parent)
}

/// Moves each folder of `record` that none of `paths` is in, and that shares at
/// least half its names with a folder of `paths` the record has no file in, to that
/// folder (beside it: the same parent), and brings `record` to say so (the moved
/// files under their new paths, with the same hashes). Returns the moves.
pub(super) fn move_folders(
    root: &Path,
    paths: &[&str],
    record: &mut Record,
) -> io::Result<Vec<Moved>> {
    let mut now: HashMap<&str, HashSet<&str>> = HashMap::default();
    for (dir, name) in paths.iter().filter_map(|p| split(p)) {
        now.entry(dir).or_default().insert(name);
    }
    let mut then: HashMap<&str, Vec<&str>> = HashMap::default();
    for (dir, name) in record.files.keys().filter_map(|p| split(p)) {
        then.entry(dir).or_default().push(name);
    }
    let mut new: Vec<&str> = now
        .keys()
        .filter(|d| !then.contains_key(*d))
        .copied()
        .collect();
    let mut gone: Vec<&str> = then
        .keys()
        .filter(|d| !now.contains_key(*d))
        .copied()
        .collect();
    if new.is_empty() || gone.is_empty() {
        return Ok(Vec::new());
    }
    new.sort_unstable();
    gone.sort_unstable();
    let mut moves = Vec::new();
    for to in new {
        let wanted = &now[to];
        let shared = |from: &&str| then[*from].iter().filter(|n| wanted.contains(*n)).count();
        let best = gone
            .iter()
            .filter(|from| parent(from) == parent(to))
            .max_by_key(|from| (shared(from), std::cmp::Reverse(**from)))
            .copied();
        let Some(from) = best.filter(|from| shared(from) > 0 && 2 * shared(from) >= wanted.len())
        else {
            continue;
        };
        // A folder of that name left from an earlier save is empty (its files were
        // removed) and is replaced; a full one stays, and the files are written.
        match fs::rename(root.join(from), root.join(to)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => continue,
            Err(e) => return Err(at(&root.join(to), e)),
        }
        gone.retain(|d| *d != from);
        moves.push(Moved {
            from: from.to_string(),
            to: to.to_string(),
            names: then[from].iter().map(|n| n.to_string()).collect(),
        });
    }
    for moved in &moves {
        for name in &moved.names {
            let (old, new) = (
                format!("{}/{name}", moved.from),
                format!("{}/{name}", moved.to),
            );
            if let Some(hash) = record.files.remove(&old) {
                record.files.insert(new.clone(), hash);
            }
            if let Some(held) = record.held.remove(&old) {
                record.held.insert(new, held);
            }
        }
    }
    Ok(moves)
}
