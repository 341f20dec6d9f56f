//! What a build wrote, kept for the next.

use super::{at, write_whole};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;

/// The record's file name, in the compression cache's folder.
pub const RECORD_NAME: &str = "site-files.txt";

/// The files a build wrote, each with a hash of its bytes (0 for files copied as
/// they are), kept out of the site (beside the compression cache) for the next build:
/// to know what went stale, and which new files can be links to old ones.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Record {
    pub files: BTreeMap<String, u64>,
    /// In memory only, kept by [`update_own`]: the very contents written for each
    /// made file. An entry sharing them (a page or bundle the preview kept, not made
    /// again) is unchanged, known without hashing its bytes: hashing every file of a
    /// ten-thousand-post blog took a sixth of each save.
    pub held: HashMap<String, Arc<str>>,
}

impl Record {
    /// The record at `path` of the build of the site in `root`. A missing or
    /// unreadable one, or one of another folder's site (a cache shared by two), is
    /// empty: the next build then removes stale files only from [`OWNED_DIRS`].
    pub fn read(path: &Path, root: &Path) -> Record {
        let text = fs::read_to_string(path).unwrap_or_default();
        let mut lines = text.lines();
        if lines.next() != Some(&header(root)) {
            return Record::default();
        }
        let files = lines
            .filter_map(|line| {
                let (hash, path) = line.split_once(' ')?;
                Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?))
            })
            .collect();
        Record {
            files,
            held: HashMap::default(),
        }
    }

    /// Keeps the record of the site in `root` at `path`, whole.
    pub fn write(&self, path: &Path, root: &Path) -> io::Result<()> {
        let mut text = header(root);
        text.push('\n');
        for (file, hash) in &self.files {
            text.push_str(&format!("{hash:016x} {file}\n"));
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| at(parent, e))?;
        }
        write_whole(path, text.as_bytes())
    }
}

/// A record's first line: which folder's site it is of.
pub(super) fn header(root: &Path) -> String {
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    format!("# the files quire build wrote in {}", root.display())
}
