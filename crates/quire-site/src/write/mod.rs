//! Writing a site into its folder in place: only the files whose bytes changed are
//! written, a file that replaces another whole (a temporary name renamed over the
//! old one), and what the site no longer has is removed last. A rebuild of a big
//! site then creates a few files, not tens of thousands: creating and deleting
//! files is most of a big build's time.
//!
//! Readers who follow the site's links never see a half-written file, and never a
//! page that names a bundle not there yet: content-named files (`data/h/`,
//! `data/img/`) are written first, then files at paths that were free (named only
//! by new files), and the files that replace others, which may name any of them,
//! are renamed into place only once every file is whole; stale files go last. A
//! site may be written a part at a time as it is made ([`Writer`]), so that a big
//! one is never held whole.

use crate::bundle::OutputFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod moves;

/// Where a file's bytes come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// Made by the build.
    Text(&'a Arc<str>),
    /// Published as it is, from this file.
    Copy(&'a Path),
}

/// One file of the site: its path under the site's root, and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub path: &'a str,
    pub source: Source<'a>,
}

impl<'a> Entry<'a> {
    pub fn text(file: &'a OutputFile) -> Entry<'a> {
        Entry {
            path: &file.path,
            source: Source::Text(&file.contents),
        }
    }

    pub fn copy((from, to): &'a (PathBuf, String)) -> Entry<'a> {
        Entry {
            path: to,
            source: Source::Copy(from),
        }
    }
}

/// What an update did: for what the commands say, and for the live preview, which
/// tells open tabs what changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Updated {
    /// The site paths written.
    pub written: Vec<String>,
    pub unchanged: usize,
    /// The site paths removed (with their twins).
    pub removed: Vec<String>,
}

/// The folders only the build writes into: anything in them the build did not write
/// this time is stale, even without a record of an earlier build.
pub const OWNED_DIRS: [&str; 1] = [quire_schema::DATA_DIR];

/// The compressed twins a host serves in a file's place (see `compress`).
pub(crate) const TWINS: [&str; 2] = [".br", ".gz"];

/// What a file is written under before it is renamed into place.
const TEMPORARY: &str = ".quire-tmp";

mod paths;
mod put;
mod record;
mod writer;

pub use record::{Record, RECORD_NAME};
pub use writer::{add_own, update, update_own, Writer};

fn hash_of(bytes: &[u8]) -> u64 {
    // XXH3: every byte of a big site is hashed on each build and save, and SipHash
    // took a third of a preview's save doing it.
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Writes `bytes` to `path` into a temporary name, then renamed: a reader never sees
/// half a file.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = beside(path, TEMPORARY);
    fs::write(&temporary, bytes).map_err(|e| at(&temporary, e))?;
    fs::rename(&temporary, path).map_err(|e| at(path, e))
}

/// `path` with `suffix` added to its name (`a.html` → `a.html.br`).
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `error`, saying which file it was about.
pub(crate) fn at(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

/// Moves `staging` to `dir`, keeping the old `dir` until the new one is in place.
pub fn swap_in(staging: &Path, dir: &Path) -> io::Result<()> {
    let old = sibling(dir, "old")?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    let had_old = dir.exists();
    if had_old {
        fs::rename(dir, &old)?;
    }
    if let Err(err) = fs::rename(staging, dir) {
        if had_old {
            let _ = fs::rename(&old, dir);
        }
        return Err(err);
    }
    if had_old {
        fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// `dist` → `.dist.old` beside it: same file system, so renames are atomic.
fn sibling(dir: &Path, tag: &str) -> io::Result<PathBuf> {
    let name = dir.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} has no folder name", dir.display()),
        )
    })?;
    let parent = dir.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{}.{tag}", name.to_string_lossy())))
}
