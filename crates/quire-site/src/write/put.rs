//! Writing one file of a site, or finding it unchanged, or a link to one that
//! holds its bytes.

use super::{at, beside, hash_of, Entry, Record, Source, TEMPORARY, TWINS};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::Path;

/// The files of the last update, by hash: a new file whose bytes one of them has
/// already (a plain bundle and its content-named twin; a search file in this
/// build's folder and in the last build's) becomes a hard link to it: no bytes
/// written, and no new inode, which is what makes creating files slow.
pub(super) fn linkable_before(before: &Record) -> HashMap<u64, Vec<Linkable>> {
    let mut same_bytes: HashMap<u64, Vec<Linkable>> = HashMap::default();
    for (path, hash) in &before.files {
        same_bytes.entry(*hash).or_default().push(Linkable {
            path: path.clone(),
            written_now: false,
        });
    }
    same_bytes
}

/// Writes one entry unless the file holds its bytes already (or, with `recorded`,
/// the hash the record has for it is theirs); says whether it wrote, and the hash
/// of a made file's bytes. `free`: nothing is at its path, its twins' or its
/// temporary name.
pub(super) fn put(
    root: &Path,
    entry: &Entry,
    recorded: Option<u64>,
    free: bool,
    same_bytes: &HashMap<u64, Vec<Linkable>>,
) -> io::Result<Put> {
    let path = root.join(entry.path);
    let (bytes, hash, stamp) = match entry.source {
        Source::Text(text) => (
            Cow::Borrowed(text.as_bytes()),
            Some(hash_of(text.as_bytes())),
            None,
        ),
        Source::Copy(from) => {
            // A copy is taken as unchanged by its size and time, as rsync does: a
            // big site's photos are not read on every build. A copy is given its
            // source's time (below) for this.
            let source = fs::metadata(from).map_err(|e| at(from, e))?;
            let stamp = source.modified().ok();
            let copied = if free { None } else { fs::metadata(&path).ok() };
            if stamp.is_some()
                && copied.is_some_and(|c| c.len() == source.len() && c.modified().ok() == stamp)
            {
                return Ok(Put {
                    written: None,
                    hash: None,
                });
            }
            (
                Cow::Owned(fs::read(from).map_err(|e| at(from, e))?),
                None,
                stamp,
            )
        }
    };
    let unchanged = Put {
        written: None,
        hash,
    };
    if recorded.is_some() && recorded == hash {
        return Ok(unchanged);
    }
    if !free && stamp.is_none() && holds(&path, &bytes) {
        return Ok(unchanged);
    }
    // A free path is written in place (see `update_knowing`); another is written
    // whole under a temporary name, then renamed over the old file.
    let written_to = if free {
        path.clone()
    } else {
        for suffix in TWINS {
            match fs::remove_file(beside(&path, suffix)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(at(&path, e)),
                _ => {}
            }
        }
        let temporary = beside(&path, TEMPORARY);
        let _ = fs::remove_file(&temporary);
        temporary
    };
    let candidates = hash.and_then(|h| same_bytes.get(&h)).into_iter().flatten();
    let mut linked = false;
    for other in candidates.filter(|other| other.path != entry.path) {
        if fs::hard_link(root.join(&other.path), &written_to).is_err() {
            continue;
        }
        // A file this update wrote holds these bytes. One from before is compared
        // after linking, not before: it may be replaced meanwhile, and then the
        // link holds what it held, not what is wanted.
        if other.written_now || holds(&written_to, &bytes) {
            linked = true;
            break;
        }
        // Never written through: that would change the other file too.
        fs::remove_file(&written_to).map_err(|e| at(&written_to, e))?;
    }
    if !linked {
        fs::write(&written_to, &bytes).map_err(|e| at(&written_to, e))?;
    }
    if let Some(time) = stamp {
        fs::File::options()
            .write(true)
            .open(&written_to)
            .and_then(|file| file.set_modified(time))
            .map_err(|e| at(&written_to, e))?;
    }
    // A file that replaces another is renamed into place by `Writer::finish`.
    Ok(Put {
        written: Some(if free {
            Placed::InPlace
        } else {
            Placed::Staged
        }),
        hash,
    })
}

/// What [`put`] did with an entry.
pub(super) struct Put {
    /// Where it wrote, if it did.
    pub(super) written: Option<Placed>,
    /// The hash of a made file's bytes.
    pub(super) hash: Option<u64>,
}

#[derive(Clone, Copy)]
pub(super) enum Placed {
    /// At its path, which was free.
    InPlace,
    /// Under its temporary name, to replace the file at its path.
    Staged,
}

/// A file whose bytes a new file may share, as a hard link to it.
pub(super) struct Linkable {
    /// Its site path (a file not yet renamed into place: its temporary one).
    pub(super) path: String,
    /// Written by this update, so known to hold the bytes it was written with.
    pub(super) written_now: bool,
}

/// Whether the file at `path` holds exactly `bytes`.
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}
