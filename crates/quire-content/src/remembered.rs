//! Posts as an earlier load read them, kept so that the next load (the preview's,
//! on every save) reads and parses again only the posts that changed: in a blog of
//! ten thousand posts, parsing them all took a second of every save.
//!
//! A post's loading depends on its file, for a post folder the folder's files, the
//! files its images and links name (whether each exists), and the settings every
//! post is read with. A post is reused only when all of these are as they were:
//! its file's and folder's sizes, times and inodes, and every file it looked for
//! found, or not, again. A post whose file was saved within seconds of its reading
//! is not kept: a file system that keeps times to the second would not tell a
//! second save of the same size from the first.

use crate::content::Post;
use crate::diagnostic::Diagnostic;
// Hashed quickly: every load looks up every post by its path.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Each post as last loaded, by its Markdown file.
#[derive(Default)]
pub struct Remembered {
    /// The settings the posts were read with.
    context: String,
    /// By the path's bytes: a `Path` hashes component by component, which took a
    /// tenth of a save's load at ten thousand posts (the paths come from one
    /// folder listing, so equal paths are spelt alike).
    posts: HashMap<OsString, Kept>,
    /// How many posts the last load read and parsed.
    read: usize,
}

/// A post's loading: what it depended on, and what came of it.
pub(crate) struct Kept {
    stamps: Vec<Stamp>,
    pub looked_up: Vec<(PathBuf, bool)>,
    pub post: Option<Arc<Post>>,
    pub found: Vec<Diagnostic>,
}

impl Kept {
    pub(crate) fn new(
        looked_up: Vec<(PathBuf, bool)>,
        post: Option<Arc<Post>>,
        found: Vec<Diagnostic>,
    ) -> Kept {
        Kept {
            stamps: Vec::new(),
            looked_up,
            post,
            found,
        }
    }
}

/// A file as the file system last saw it.
#[derive(PartialEq, Eq)]
struct Stamp {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            path: path.to_path_buf(),
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// What a post's loading depends on, as it stands now: `None` when its file
/// cannot be read.
pub(crate) struct Stamps {
    stamps: Vec<Stamp>,
    /// When they were taken.
    taken: SystemTime,
}

/// How close to its reading a file's time may be and still be trusted: a file
/// system may keep times to the second (or two), so a file saved again within
/// that, at the same size, would keep its time. Such a post is read again on
/// the next load (as git does with its index).
pub const RACY: Duration = Duration::from_secs(3);

impl Stamps {
    /// The post file's stamp and, for a post folder's `index.md`, those of the
    /// folder's other files. Taken before the post is read: a file saved while it
    /// was read then has another stamp next time, and is read again.
    pub(crate) fn of(path: &Path) -> Option<Stamps> {
        let taken = SystemTime::now();
        let mut stamps = vec![Stamp::of(path)?];
        if let Some(folder) = crate::content::post_folder(path) {
            for file in crate::content::folder_files(folder) {
                stamps.push(Stamp::of(&folder.join(file))?);
            }
        }
        Some(Stamps { stamps, taken })
    }

    /// Whether every file's time is far enough from the reading to tell a later
    /// save from it.
    fn settled(&self) -> bool {
        self.stamps.iter().all(|stamp| {
            stamp
                .modified
                .is_some_and(|modified| modified + RACY <= self.taken)
        })
    }
}

impl Remembered {
    /// Starts a load with `context`, the settings every post is read with: posts
    /// read with others are forgotten.
    pub(crate) fn begin(&mut self, context: String) {
        self.read = 0;
        if self.context != context {
            self.posts.clear();
            self.context = context;
        }
    }

    /// Whether nothing the post from `path` depends on changed since it was kept.
    pub(crate) fn unchanged(&self, path: &Path, now: &Stamps) -> bool {
        self.posts.get(path.as_os_str()).is_some_and(|kept| {
            kept.stamps == now.stamps
                && kept
                    .looked_up
                    .iter()
                    .all(|(file, existed)| file.is_file() == *existed)
        })
    }

    /// What loading `path` came to, as kept.
    pub(crate) fn get(&self, path: &Path) -> Option<&Kept> {
        self.posts.get(path.as_os_str())
    }

    /// Counts a post read and parsed.
    pub(crate) fn read_one(&mut self) {
        self.read += 1;
    }

    /// How many posts the last load read and parsed, rather than reused.
    pub fn last_read(&self) -> usize {
        self.read
    }

    /// Remembers what loading `path`, as `stamps` found it, came to; gives it back
    /// when it cannot be kept (its file was saved just now).
    pub(crate) fn keep(&mut self, path: &Path, stamps: Stamps, kept: Kept) -> Option<Kept> {
        if !stamps.settled() {
            // Read again next time, when its time can be trusted.
            self.posts.remove(path.as_os_str());
            return Some(kept);
        }
        self.posts.insert(
            path.as_os_str().to_owned(),
            Kept {
                stamps: stamps.stamps,
                ..kept
            },
        );
        None
    }

    /// Forgets the posts whose files are not among `paths` (deleted ones).
    pub(crate) fn keep_only(&mut self, paths: &[PathBuf]) {
        let kept: HashSet<&OsStr> = paths.iter().map(|path| path.as_os_str()).collect();
        self.posts.retain(|path, _| kept.contains(path.as_os_str()));
    }

    pub fn len(&self) -> usize {
        self.posts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }
}
