//! Writing a folder so that readers of it never see it half-written: everything goes
//! into a fresh sibling folder, which then replaces the old one with renames.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use crate::bundle::OutputFile;

/// Replaces the top folder of `files` (all of them live in one, such as `data/`) under
/// `root` with a folder holding exactly `files`; the rest of `root` is not touched.
/// If anything fails before the swap, the old folder is left as it was.
pub fn replace_dir(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    // (The inner list copies each file's text: cheap beside writing it.)
    let top = files
        .first()
        .and_then(|f| f.path.split_once('/'))
        .map(|(top, _)| top)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no files in a folder"))?;
    let mut inner = Vec::with_capacity(files.len());
    for file in files {
        match file
            .path
            .strip_prefix(top)
            .and_then(|p| p.strip_prefix('/'))
        {
            Some(path) => inner.push(OutputFile {
                path: path.to_string(),
                contents: file.contents.clone(),
            }),
            None => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{} is not in {top}/", file.path),
                ))
            }
        }
    }
    replace_folder(&root.join(top), &inner)
}

/// Replaces `dir` with a folder holding exactly `files`.
fn replace_folder(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = sibling(dir, "new")?;
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    let written = write_all(&staging, files);
    if let Err(err) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    swap_in(&staging, dir)
}

/// Writes `files` under `root`. A file identical to one already written (a bundle's
/// plain-named twin) becomes a hard link to it: the same bytes are not written twice.
/// Creating thousands of files is the slow part of a big build, so two threads share it.
fn write_all(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir_all(root)?;
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| root.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        fs::create_dir_all(folder)?;
    }
    // The first file of each content is written; the others link to it.
    let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut twins: Vec<(usize, usize)> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let key = {
            let mut hasher = DefaultHasher::new();
            file.contents.hash(&mut hasher);
            hasher.finish()
        };
        let same = first.entry(key).or_default();
        match same.iter().find(|&&j| files[j].contents == file.contents) {
            Some(&j) => twins.push((i, j)),
            None => same.push(i),
        }
    }
    let unique: Vec<usize> = first.into_values().flatten().collect();
    let halves = unique.split_at(unique.len() / 2);
    let write = |part: &[usize]| -> io::Result<()> {
        for &i in part {
            fs::write(root.join(&files[i].path), &files[i].contents)?;
        }
        Ok(())
    };
    let write = &write;
    std::thread::scope(|scope| {
        let other = scope.spawn(move || write(halves.1));
        let mine = write(halves.0);
        other
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("a writing thread failed")))
            .and(mine)
    })?;
    for (i, j) in twins {
        let (path, twin) = (root.join(&files[i].path), root.join(&files[j].path));
        // Hosts and file systems without hard links get a copy.
        if fs::hard_link(&twin, &path).is_err() {
            fs::write(&path, &files[i].contents)?;
        }
    }
    Ok(())
}

/// Writes each file under `root`, each one whole: into a temporary name first, then
/// renamed over the old one, so no reader ever sees half a file.
pub fn write_files(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    for file in files {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let temporary = path.with_extension("quire-tmp");
        fs::write(&temporary, &file.contents)?;
        fs::rename(&temporary, &path)?;
    }
    Ok(())
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

/// `dist` → `.dist.new` beside it: same file system, so renames are atomic.
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
