//! [`Writer`]: a site written a part at a time, as it is made.

use super::paths::{check_paths, each_once, invalid, is_named_by_content};
use super::put::{linkable_before, put, Linkable, Placed, Put};
use super::{
    at, beside, hash_of, moves, Entry, Record, Source, Updated, OWNED_DIRS, TEMPORARY, TWINS,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Brings `root` to hold `entries`, in place. `before` is what the last build wrote
/// (see [`Record`]): those of its files this build does not write are removed, as is
/// anything in [`OWNED_DIRS`] not written now, with their compressed twins. A file
/// that changes loses its twins first, so no host serves an old twin for it.
///
/// Paths are checked before anything is written: one that leaves the root, or a file
/// where another needs a folder, fails with nothing changed. Returns what was done,
/// and the record of this build for the next. (A site made and written a part at a
/// time, so as not to hold it all: [`Writer`].)
pub fn update(root: &Path, entries: &[Entry], before: &Record) -> io::Result<(Updated, Record)> {
    let mut writer = Writer::new(root, before);
    writer.part(entries)?;
    writer.finish()
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
    let mut writer = Writer {
        knowing: Knowing::ByRecord,
        ..Writer::with(root, Cow::Owned(before))
    };
    writer.same_bytes = linkable_before(&writer.before);
    let entries = writer.accept(entries)?;
    // The preview's folders of content-named files that a save renames are moved,
    // not written again (see `moves`); the record then says where their files are.
    let paths: Vec<&str> = entries.iter().map(|e| e.path).collect();
    let moved = moves::move_folders(root, &paths, writer.before.to_mut())?;
    if !moved.is_empty() {
        writer.same_bytes = linkable_before(&writer.before);
    }
    writer.write(&entries)?;
    let (mut updated, record) = writer.finish()?;
    // A moved file is new at its new path and gone from its old one, for whoever
    // follows what changed (the preview's tabs), written or not.
    let written: HashSet<String> = updated.written.iter().cloned().collect();
    for moved in &moved {
        for name in &moved.names {
            let new = format!("{}/{name}", moved.to);
            if record.files.contains_key(&new) && !written.contains(&new) {
                updated.written.push(new);
                updated.unchanged = updated.unchanged.saturating_sub(1);
            }
            updated.removed.push(format!("{}/{name}", moved.from));
        }
    }
    Ok((updated, record))
}

/// Writes `entries` into a folder only [`update_own`] writes, beside the files of
/// `record` (what it holds) and removing none: the live preview's first writing
/// of an edited post's files, before the whole site is made and written with
/// `update_own`. Returns the site paths written (those whose bytes changed); the
/// record then holds the entries too.
///
/// After an error the record no longer says what the folder holds, as after one
/// of `update_own`.
pub fn add_own(root: &Path, entries: &[Entry], record: &mut Record) -> io::Result<Vec<String>> {
    // Not linked to the record's files of the same bytes: gathering those by
    // hash takes longer than writing a few files.
    let mut writer = Writer {
        knowing: Knowing::ByRecord,
        ..Writer::with(root, Cow::Borrowed(&*record))
    };
    writer.part(entries)?;
    writer.place_staged()?;
    let Writer {
        updated,
        record: added,
        ..
    } = writer;
    record.files.extend(added.files);
    record.held.extend(added.held);
    Ok(updated.written)
}

/// How an update knows what a file holds now.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Knowing {
    /// Reading it: someone may have changed the folder since the record was made.
    ByReading,
    /// From the record: nothing else writes the folder.
    ByRecord,
}

/// A site written into its folder a part at a time, as it is made, so that a big
/// site is never all in memory (`quire build` writes each few hundred posts'
/// bundles and pages, then lets them go). Each part is checked whole before any of
/// it is written; the files at paths that were free are written in place at once,
/// and those that replace others are written whole under a temporary name and
/// renamed into place only by [`Writer::finish`]: until then, no page a reader can
/// reach by the site's links changes, and none names a file not there yet.
///
/// A part that fails undoes the update: the files written at free paths go, and
/// the temporary ones, and the folder is as it was but for empty folders and the
/// twins of files that were to be replaced.
pub struct Writer<'r> {
    root: PathBuf,
    before: Cow<'r, Record>,
    knowing: Knowing,
    /// The files copied so far, each from its source: the same path again must be
    /// the same copy, as a made one must have the same hash (in `record`).
    copied: HashMap<String, PathBuf>,
    /// Every folder the paths so far need, with the first path that needs it.
    folders: HashMap<String, String>,
    /// The folders listed so far, and the paths found taken in them (see `free`).
    listed: HashSet<String>,
    taken: HashSet<String>,
    /// The files whose bytes a new file may share, by hash (see `put`).
    same_bytes: HashMap<u64, Vec<Linkable>>,
    /// Files that replace others, whole under their temporary names.
    staged: Vec<String>,
    /// Files written at paths that were free.
    placed: Vec<String>,
    /// Whether each of [`OWNED_DIRS`] was there before this update: one that was
    /// not holds nothing stale, and is not looked through for it (forty thousand
    /// files, on one core, at the end of a big site's first build).
    owned_were_there: [bool; OWNED_DIRS.len()],
    updated: Updated,
    record: Record,
}

impl<'r> Writer<'r> {
    /// An update of the site in `root`, written before as `before` says (see
    /// [`update`]).
    pub fn new(root: &Path, before: &'r Record) -> Writer<'r> {
        let mut writer = Writer::with(root, Cow::Borrowed(before));
        writer.same_bytes = linkable_before(&writer.before);
        writer.owned_were_there = OWNED_DIRS.map(|dir| root.join(dir).exists());
        writer
    }

    /// A writer that links no new file to one of `before`'s files of the same
    /// bytes until `same_bytes` is filled (see `linkable_before`).
    fn with(root: &Path, before: Cow<'r, Record>) -> Writer<'r> {
        Writer {
            root: root.to_path_buf(),
            same_bytes: HashMap::default(),
            before,
            knowing: Knowing::ByReading,
            copied: HashMap::default(),
            folders: HashMap::default(),
            listed: HashSet::default(),
            taken: HashSet::default(),
            staged: Vec::new(),
            placed: Vec::new(),
            owned_were_there: [true; OWNED_DIRS.len()],
            updated: Updated::default(),
            record: Record::default(),
        }
    }

    /// Writes one part of the site: checked whole first, then its content-named
    /// files, then the rest at free paths; those that replace others wait, whole,
    /// for [`Writer::finish`]. On an error, everything this update wrote is undone.
    pub fn part(&mut self, entries: &[Entry]) -> io::Result<()> {
        let entries = match self.accept(entries) {
            Ok(entries) => entries,
            Err(e) => return Err(self.undo(e)),
        };
        self.write(&entries).map_err(|e| self.undo(e))
    }

    /// Every file of the parts in place, and what the site no longer has removed
    /// (with its twins). Returns what was done, and the record of this update.
    pub fn finish(mut self) -> io::Result<(Updated, Record)> {
        self.place_staged()?;
        let now = &self.record.files;
        for gone in self.before.files.keys().filter(|p| !now.contains_key(*p)) {
            if remove_with_twins(&self.root.join(gone))? {
                self.updated.removed.push(gone.clone());
            }
        }
        if self.knowing == Knowing::ByReading {
            for (dir, was_there) in OWNED_DIRS.into_iter().zip(self.owned_were_there) {
                if was_there {
                    remove_unwritten(&self.root, Path::new(dir), now, &mut self.updated.removed)?;
                }
            }
        }
        Ok((self.updated, self.record))
    }

    /// Renames the files that replace others into place.
    fn place_staged(&mut self) -> io::Result<()> {
        // In the order they were made: a page made later may name one made before.
        for (i, path) in self.staged.iter().enumerate() {
            let path = self.root.join(path);
            if let Err(e) = fs::rename(beside(&path, TEMPORARY), &path) {
                // Those not yet renamed are not left behind.
                for rest in &self.staged[i..] {
                    let _ = fs::remove_file(beside(&self.root.join(rest), TEMPORARY));
                }
                return Err(at(&path, e));
            }
        }
        self.staged.clear();
        Ok(())
    }

    /// Removes what this update wrote, after `error`, and returns it.
    fn undo(&mut self, error: io::Error) -> io::Error {
        for path in self.placed.drain(..) {
            let _ = fs::remove_file(self.root.join(path));
        }
        for path in self.staged.drain(..) {
            let _ = fs::remove_file(beside(&self.root.join(path), TEMPORARY));
        }
        error
    }

    /// `entries` each once, new to this update, with their paths checked against
    /// each other and against the parts before.
    fn accept<'a>(&mut self, entries: &[Entry<'a>]) -> io::Result<Vec<Entry<'a>>> {
        let once = each_once(entries)?;
        let mut new = Vec::with_capacity(once.len());
        // (Two bundles of the same bytes have the same content-named file.)
        for entry in once {
            let same = match (self.record.files.get(entry.path), entry.source) {
                (None, _) => {
                    new.push(entry);
                    continue;
                }
                (Some(hash), Source::Text(text)) => {
                    !self.copied.contains_key(entry.path) && hash_of(text.as_bytes()) == *hash
                }
                (Some(_), Source::Copy(from)) => self
                    .copied
                    .get(entry.path)
                    .is_some_and(|other| other == from),
            };
            if !same {
                return Err(invalid(format!(
                    "two files would be published as {}, with different bytes; rename or move one",
                    entry.path
                )));
            }
        }
        check_paths(&new, &mut self.folders, &self.record.files)?;
        Ok(new)
    }

    /// Writes `entries` (accepted): see [`Writer::part`].
    fn write(&mut self, entries: &[Entry]) -> io::Result<()> {
        let root = self.root.clone();
        let mut folders: Vec<&str> = entries
            .iter()
            .filter_map(|e| e.path.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        folders.sort_unstable();
        folders.dedup();
        folders.retain(|dir| !self.listed.contains(*dir));
        for folder in folders.iter().map(|dir| root.join(dir)) {
            fs::create_dir_all(&folder).map_err(|e| at(&folder, e))?;
        }
        if self.knowing == Knowing::ByReading {
            self.list(entries);
        }
        // Files named by their content first (no file the host serves names them
        // yet); then the plain files at free paths, which only new files name; then
        // the plain files that replace others (the home page, a changed post's
        // page), which may name any of them, and are renamed into place only at the
        // end. A free path is written straight into place, with no temporary name
        // and rename (which made creating a file take half as long again): a reader
        // following links cannot reach it before the end, when it is whole.
        let (named_by_content, plain): (Vec<&Entry>, Vec<&Entry>) =
            entries.iter().partition(|e| is_named_by_content(e.path));
        let (new, replacing): (Vec<&Entry>, Vec<&Entry>) =
            plain.into_iter().partition(|e| self.is_free(e.path));
        for part in [named_by_content, new, replacing] {
            let this = &*self;
            let done: Vec<io::Result<Put>> = part
                .par_iter()
                // In runs of neighbours, mostly of one folder: two threads adding
                // names to the same folder at once wait on its lock.
                .with_min_len(256)
                .map(|entry| {
                    let recorded = (this.knowing == Knowing::ByRecord)
                        .then(|| this.before.files.get(entry.path).copied())
                        .flatten();
                    if let (Some(hash), Source::Text(text)) = (recorded, entry.source) {
                        // Held, and so never freed, since: the same bytes as then.
                        if this
                            .before
                            .held
                            .get(entry.path)
                            .is_some_and(|held| Arc::ptr_eq(held, text))
                        {
                            return Ok(Put {
                                written: None,
                                hash: Some(hash),
                            });
                        }
                    }
                    let free = this.is_free(entry.path);
                    put(&this.root, entry, recorded, free, &this.same_bytes)
                })
                .collect();
            // Every file written is known before any error is passed on: an undo
            // must find them all.
            let mut failed = None;
            for (entry, done) in part.iter().zip(done) {
                let done = match done {
                    Ok(done) => done,
                    Err(e) => {
                        failed.get_or_insert(e);
                        continue;
                    }
                };
                self.took(entry, done);
            }
            if let Some(e) = failed {
                return Err(e);
            }
        }
        Ok(())
    }

    /// Whether nothing is at `path`, its twins' or its temporary name. The
    /// preview's folder holds what its record says and nothing more: no twins
    /// (nothing compresses it), and a temporary name only after a failed write,
    /// which a write replaces.
    fn is_free(&self, path: &str) -> bool {
        match self.knowing {
            Knowing::ByReading => !self.taken.contains(path),
            Knowing::ByRecord => !self.before.files.contains_key(path),
        }
    }

    /// Keeps what writing `entry` came to.
    fn took(&mut self, entry: &Entry, done: Put) {
        let path = entry.path;
        let linkable = match done.written {
            Some(Placed::InPlace) => {
                self.placed.push(path.to_string());
                Some(path.to_string())
            }
            Some(Placed::Staged) => {
                self.staged.push(path.to_string());
                // Its bytes are under the temporary name until the end.
                Some(format!("{path}{TEMPORARY}"))
            }
            None => None,
        };
        match &linkable {
            Some(_) => self.updated.written.push(path.to_string()),
            None => self.updated.unchanged += 1,
        }
        if let (Knowing::ByRecord, Source::Text(text)) = (self.knowing, entry.source) {
            self.record.held.insert(path.to_string(), text.clone());
        }
        if let Source::Copy(from) = entry.source {
            self.copied.insert(path.to_string(), from.to_path_buf());
        }
        // Files copied as they are have no hash, but are the site's all the same.
        let hash = done.hash.unwrap_or(0);
        self.record.files.insert(path.to_string(), hash);
        // The files after may be links to this one (those of the last update are
        // already).
        let known = self.before.files.get(path) == Some(&hash);
        if done.hash.is_some() && (linkable.is_some() || !known) {
            self.same_bytes.entry(hash).or_default().push(Linkable {
                path: linkable.unwrap_or_else(|| path.to_string()),
                written_now: done.written.is_some(),
            });
        }
    }

    /// Lists the folders of `entries` not listed yet: a path found in none is known
    /// to be free, and is not looked up before it is written (with its twins and
    /// temporary name, four lookups of a name that is not there, in folders of
    /// thousands: a tenth of a first build of a big site).
    fn list(&mut self, entries: &[Entry]) {
        let mut dirs: Vec<&str> = entries
            .iter()
            .map(|e| e.path.rsplit_once('/').map_or("", |(dir, _)| dir))
            .filter(|dir| !self.listed.contains(*dir))
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        let root = &self.root;
        let found: Vec<String> = dirs
            .par_iter()
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
            .collect();
        self.taken.extend(found);
        self.listed.extend(dirs.into_iter().map(String::from));
    }
}

/// Removes `path` and its twins; whether there was anything to remove.
pub(super) fn remove_with_twins(path: &Path) -> io::Result<bool> {
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
pub(super) fn remove_unwritten(
    root: &Path,
    dir: &Path,
    now: &BTreeMap<String, u64>,
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
        let written = |path: &str| now.contains_key(path);
        let plain = TWINS.iter().find_map(|suffix| name.strip_suffix(suffix));
        if !written(&name) && !plain.is_some_and(written) {
            fs::remove_file(&full).map_err(|e| at(&full, e))?;
            removed.push(name.into_owned());
        }
    }
    Ok(())
}
