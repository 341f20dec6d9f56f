//! Writing a site into its folder in place: only the files whose bytes changed are
//! written, a file that replaces another whole (a temporary name renamed over the
//! old one), and what the site no longer has is removed last. A rebuild of a big
//! site then creates a few files, not tens of thousands: creating and deleting
//! files is most of a big build's time.
//!
//! Readers who follow the site's links never see a half-written file, and never a
//! page that names a bundle not there yet: content-named files (`data/h/`,
//! `data/img/`) are written first, then files at paths that were free (named only
//! by new files), then the files that replace others and may name any of them;
//! stale files go only at the end.

use crate::bundle::OutputFile;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
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

/// Brings `root` to hold `entries`, in place. `before` is what the last build wrote
/// (see [`Record`]): those of its files this build does not write are removed, as is
/// anything in [`OWNED_DIRS`] not written now, with their compressed twins. A file
/// that changes loses its twins first, so no host serves an old twin for it.
///
/// Paths are checked before anything is written: one that leaves the root, or a file
/// where another needs a folder, fails with nothing changed. Returns what was done,
/// and the record of this build for the next.
pub fn update(root: &Path, entries: &[Entry], before: &Record) -> io::Result<(Updated, Record)> {
    update_knowing(root, entries, Cow::Borrowed(before), Knowing::ByReading)
}

/// As [`update`], for a folder that only these updates write, each given the
/// record of the one before (the live preview's): a file the record says holds an
/// entry's bytes is taken to hold them, unread, and nothing but the record's files
/// is looked for to remove. A save in a blog of ten thousand posts then reads no
/// page, where reading them all back took half a second.
///
/// The record is taken, not borrowed: a folder this update moves (see `moves`) is
/// moved in it too. After an error it no longer says what the folder holds, so
/// the folder must be made again from nothing.
pub fn update_own(root: &Path, entries: &[Entry], before: Record) -> io::Result<(Updated, Record)> {
    update_knowing(root, entries, Cow::Owned(before), Knowing::ByRecord)
}

/// How an update knows what a file holds now.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Knowing {
    /// Reading it: someone may have changed the folder since the record was made.
    ByReading,
    /// From the record: nothing else writes the folder.
    ByRecord,
}

fn update_knowing(
    root: &Path,
    entries: &[Entry],
    mut before: Cow<Record>,
    knowing: Knowing,
) -> io::Result<(Updated, Record)> {
    let entries = &each_once(entries)?;
    check_paths(entries)?;
    // The preview's folders of content-named files that a save renames are moved,
    // not written again (see `moves`); the record then says where their files are.
    let moved = match knowing {
        Knowing::ByRecord => {
            let paths: Vec<&str> = entries.iter().map(|e| e.path).collect();
            moves::move_folders(root, &paths, before.to_mut())?
        }
        Knowing::ByReading => Vec::new(),
    };
    let before = &*before;
    let mut folders: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders.iter().map(|dir| root.join(dir)) {
        fs::create_dir_all(&folder).map_err(|e| at(&folder, e))?;
    }
    // What the folders hold, listed once: a path found in none is known to be free,
    // and is not looked up before it is written (with its twins and temporary name,
    // four lookups of a name that is not there, in folders of thousands: a tenth of
    // a first build of a big site). The preview's folder is known by its record.
    let taken: Option<HashSet<String>> = (knowing == Knowing::ByReading).then(|| {
        let mut dirs: Vec<&str> = entries
            .iter()
            .map(|e| e.path.rsplit_once('/').map_or("", |(dir, _)| dir))
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        dirs.par_iter()
            .flat_map_iter(|dir| {
                let listed = fs::read_dir(root.join(dir)).into_iter().flatten().flatten();
                listed.map(move |entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    // A twin or a temporary name takes its file's path too.
                    let stem = [TWINS[0], TWINS[1], TEMPORARY]
                        .iter()
                        .find_map(|suffix| name.strip_suffix(suffix))
                        .unwrap_or(&name);
                    if dir.is_empty() {
                        stem.to_string()
                    } else {
                        format!("{dir}/{stem}")
                    }
                })
            })
            .collect()
    });
    // The preview's folder holds what its record says and nothing more: no twins
    // (nothing compresses it), and a temporary name only after a failed write, which
    // a write replaces.
    let free = |path: &str| match &taken {
        Some(taken) => !taken.contains(path),
        None => !before.files.contains_key(path),
    };
    // A new file whose bytes some file has already (a plain bundle and its
    // content-named twin; a search file in this build's folder and in the last
    // build's) becomes a hard link to it: no bytes written, and no new inode, which
    // is what makes creating files slow.
    let mut same_bytes: HashMap<u64, Vec<Linkable>> = HashMap::default();
    for (path, hash) in &before.files {
        same_bytes.entry(*hash).or_default().push(Linkable {
            path,
            written_now: false,
        });
    }
    // Three parts, each whole before the next: files named by their content (no
    // file the host serves names them yet); then the plain files at free paths,
    // which only the new files name; then the plain files that replace others
    // (the home page, a changed post's page), which may name any of them. A free
    // path is written straight into place, with no temporary name and rename
    // (which made creating a file take half as long again): a reader following
    // links cannot reach it before the last part, when it is whole.
    let (named_by_content, plain): (Vec<&Entry>, Vec<&Entry>) =
        entries.iter().partition(|e| is_named_by_content(e.path));
    let (new, replacing): (Vec<&Entry>, Vec<&Entry>) =
        plain.into_iter().partition(|e| free(e.path));
    let mut updated = Updated::default();
    let mut record = Record::default();
    for part in [named_by_content, new, replacing] {
        let done: Vec<(bool, Option<u64>)> = part
            .par_iter()
            // In runs of neighbours, mostly of one folder: two threads adding names
            // to the same folder at once wait on its lock.
            .with_min_len(256)
            .map(|entry| {
                let recorded = (knowing == Knowing::ByRecord)
                    .then(|| before.files.get(entry.path).copied())
                    .flatten();
                if let (Some(hash), Source::Text(text)) = (recorded, entry.source) {
                    // Held, and so never freed, since: the same bytes as then.
                    if before
                        .held
                        .get(entry.path)
                        .is_some_and(|held| Arc::ptr_eq(held, text))
                    {
                        return Ok((false, Some(hash)));
                    }
                }
                let free = free(entry.path);
                put(root, entry, recorded, free, &same_bytes)
            })
            .collect::<io::Result<_>>()?;
        for (entry, (written, hash)) in part.iter().zip(done) {
            if written {
                updated.written.push(entry.path.to_string());
            } else {
                updated.unchanged += 1;
            }
            if let (Knowing::ByRecord, Source::Text(text)) = (knowing, entry.source) {
                record.held.insert(entry.path.to_string(), text.clone());
            }
            if let Some(hash) = hash {
                record.files.insert(entry.path.to_string(), hash);
                // The plain files after may be links to these.
                same_bytes.entry(hash).or_default().push(Linkable {
                    path: entry.path,
                    written_now: written,
                });
            }
        }
    }
    let now: HashSet<&str> = entries.iter().map(|e| e.path).collect();
    for gone in before.files.keys().filter(|p| !now.contains(p.as_str())) {
        if remove_with_twins(&root.join(gone))? {
            updated.removed.push(gone.clone());
        }
    }
    // A moved file is new at its new path and gone from its old one, for whoever
    // follows what changed (the preview's tabs), written or not.
    let written: HashSet<String> = updated.written.iter().cloned().collect();
    for moved in &moved {
        for name in &moved.names {
            let new = format!("{}/{name}", moved.to);
            if now.contains(new.as_str()) && !written.contains(&new) {
                updated.written.push(new);
                updated.unchanged = updated.unchanged.saturating_sub(1);
            }
            updated.removed.push(format!("{}/{name}", moved.from));
        }
    }
    if knowing == Knowing::ByReading {
        for dir in OWNED_DIRS {
            remove_unwritten(root, Path::new(dir), &now, &mut updated.removed)?;
        }
    }
    // Files copied as they are have no hash, but are the site's all the same.
    for entry in entries {
        if let Source::Copy(_) = entry.source {
            record.files.entry(entry.path.to_string()).or_insert(0);
        }
    }
    Ok((updated, record))
}

/// Files named by their content (bundles under `data/h/`, resized images): a reader
/// may hold a page naming them, so they are written first and never change.
fn is_named_by_content(path: &str) -> bool {
    [quire_schema::IMMUTABLE_DIR, quire_schema::PICTURES_DIR]
        .iter()
        .any(|dir| path.strip_prefix(dir).is_some_and(|p| p.starts_with('/')))
}

/// `entries` with each path once: two bundles of the same bytes have the same
/// content-named file. The same path with other bytes is a mistake.
fn each_once<'a>(entries: &[Entry<'a>]) -> io::Result<Vec<Entry<'a>>> {
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

/// Every path stays inside the root, and none is a file where another is a folder.
fn check_paths(entries: &[Entry]) -> io::Result<()> {
    let invalid = |message: String| io::Error::new(io::ErrorKind::InvalidInput, message);
    let mut paths: Vec<&str> = Vec::with_capacity(entries.len());
    for entry in entries {
        let path = entry.path;
        let bad_part = path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..");
        if bad_part || path.contains('\\') {
            return Err(invalid(format!("{path} is not a path inside the site")));
        }
        paths.push(path);
    }
    paths.sort_unstable();
    for pair in paths.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a == b {
            return Err(invalid(format!(
                "{a} is written twice, with different bytes"
            )));
        }
    }
    let files: HashSet<&str> = paths.iter().copied().collect();
    for path in &paths {
        let mut folder = *path;
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if files.contains(parent) {
                return Err(invalid(format!(
                    "{parent} is a file, but {path} needs it to be a folder"
                )));
            }
            folder = parent;
        }
    }
    Ok(())
}

/// Writes one entry unless the file holds its bytes already (or, with `recorded`,
/// the hash the record has for it is theirs); says whether it wrote, and the hash
/// of a made file's bytes. `free`: nothing is at its path, its twins' or its
/// temporary name.
fn put(
    root: &Path,
    entry: &Entry,
    recorded: Option<u64>,
    free: bool,
    same_bytes: &HashMap<u64, Vec<Linkable>>,
) -> io::Result<(bool, Option<u64>)> {
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
                return Ok((false, None));
            }
            (
                Cow::Owned(fs::read(from).map_err(|e| at(from, e))?),
                None,
                stamp,
            )
        }
    };
    if recorded.is_some() && recorded == hash {
        return Ok((false, hash));
    }
    if !free && stamp.is_none() && holds(&path, &bytes) {
        return Ok((false, hash));
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
        if fs::hard_link(root.join(other.path), &written_to).is_err() {
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
    if !free {
        fs::rename(&written_to, &path).map_err(|e| at(&path, e))?;
    }
    Ok((true, hash))
}

/// A file whose bytes a new file may share, as a hard link to it.
struct Linkable<'a> {
    path: &'a str,
    /// Written by this update, so known to hold the bytes it was written with.
    written_now: bool,
}

/// Whether the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

/// The compressed twins a host serves in a file's place (see `compress`).
pub(crate) const TWINS: [&str; 2] = [".br", ".gz"];

/// What a file is written under before it is renamed into place.
const TEMPORARY: &str = ".quire-tmp";

/// Removes `path` and its twins; whether there was anything to remove.
fn remove_with_twins(path: &Path) -> io::Result<bool> {
    let mut removed = false;
    for suffix in ["", TWINS[0], TWINS[1]] {
        match fs::remove_file(beside(path, suffix)) {
            Ok(()) => removed = true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(at(path, e)),
        }
    }
    Ok(removed)
}

/// Removes every file under `root/dir` that is not in `now` (nor a twin of one),
/// and the folders left empty; adds the site paths removed to `removed`.
fn remove_unwritten(
    root: &Path,
    dir: &Path,
    now: &HashSet<&str>,
    removed: &mut Vec<String>,
) -> io::Result<()> {
    let entries = match fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(at(&root.join(dir), e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| at(&root.join(dir), e))?;
        let relative = dir.join(entry.file_name());
        let full = root.join(&relative);
        if entry.file_type().map_err(|e| at(&full, e))?.is_dir() {
            remove_unwritten(root, &relative, now, removed)?;
            // Fails, as it should, unless the folder is empty now.
            let _ = fs::remove_dir(&full);
            continue;
        }
        let name = relative.to_string_lossy();
        let written = |path: &str| now.contains(path);
        let plain = TWINS.iter().find_map(|suffix| name.strip_suffix(suffix));
        if !written(&name) && !plain.is_some_and(written) {
            fs::remove_file(&full).map_err(|e| at(&full, e))?;
            removed.push(name.into_owned());
        }
    }
    Ok(())
}

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
fn header(root: &Path) -> String {
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    format!("# the files quire build wrote in {}", root.display())
}

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
