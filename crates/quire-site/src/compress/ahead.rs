//! Compressing a site's files into the cache while the build is still making the
//! rest of the site.
//!
//! A build makes and writes a big site a part at a time (`site::make_into`), and
//! [`precompress`](super::precompress) then reads every file back to compress it.
//! Making leaves a core idle much of the time, and compressing is most of a first
//! build's work: so each part, once written, is handed to [`Ahead`], which
//! compresses its new contents from memory, on the cores making leaves free, into
//! the cache. `precompress` then finds every twin there, and is told each file's
//! content key ([`Known`]) rather than reading and hashing the file again.
//!
//! Only the cache is written here, never the site: a build that fails later leaves
//! the site's twins as they were, and a twin in the cache is named by the hash of
//! the content it was made from, so it is right for any build that has it.

use super::{brotli_bytes, cache_key, cached, gzip_bytes, level_for, Effort};
use crate::bundle::OutputFile;
use crate::write::write_whole;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// The content key and length of each file handed to an [`Ahead`], by its path
/// under the site's folder.
#[derive(Default)]
pub struct Known {
    pub(super) keys: HashMap<PathBuf, (String, u64)>,
    /// How many contents were compressed (the rest were in the cache already).
    pub(super) compressed: usize,
}

/// Compresses the parts of a site handed to it, on a thread of its own, into a
/// cache; [`Ahead::finish`] waits for it.
pub struct Ahead {
    parts: Option<SyncSender<Vec<OutputFile>>>,
    worker: Option<JoinHandle<Known>>,
}

impl Ahead {
    /// Starts compressing into `cache` the files of a site being written into `root`,
    /// as `precompress` with `effort` would.
    pub fn start(root: &Path, cache: &Path, effort: Effort) -> Ahead {
        // One part waiting besides the one being compressed: making waits for
        // compressing rather than holding a big site whole in memory.
        let (parts, received) = sync_channel(1);
        let (root, cache) = (root.to_path_buf(), cache.to_path_buf());
        let worker = std::thread::spawn(move || compress_all(&root, &cache, effort, received));
        Ahead {
            parts: Some(parts),
            worker: Some(worker),
        }
    }

    /// Hands on the files of a part of the site, once they are written.
    pub fn add(&self, files: Vec<OutputFile>) {
        if let Some(parts) = &self.parts {
            // Fails only when the worker has stopped (it panicked): `precompress`
            // then does the work.
            let _ = parts.send(files);
        }
    }

    /// Waits for every part to be compressed; what is known of the files.
    pub fn finish(mut self) -> Known {
        self.stop().unwrap_or_default()
    }

    fn stop(&mut self) -> Option<Known> {
        drop(self.parts.take());
        self.worker.take()?.join().ok()
    }
}

impl Drop for Ahead {
    /// A build that fails midway still lets the part being compressed finish: the
    /// cache keeps only whole twins either way, but no thread outlives the build.
    fn drop(&mut self) {
        self.stop();
    }
}

/// What the cache holds and this build has compressed so far.
struct Cache<'a> {
    dir: &'a Path,
    /// Names of its twins, and of its folders, listed once.
    held: HashSet<String>,
    folders: HashSet<String>,
}

fn compress_all(
    root: &Path,
    cache: &Path,
    effort: Effort,
    parts: Receiver<Vec<OutputFile>>,
) -> Known {
    let mut known = Known::default();
    let mut kept = Cache::list(cache);
    for files in parts {
        compress_part(root, &mut kept, effort, &files, &mut known);
    }
    known
}

impl<'a> Cache<'a> {
    fn list(dir: &'a Path) -> Cache<'a> {
        let (mut held, mut folders) = (HashSet::new(), HashSet::new());
        for folder in fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = folder.file_name().to_string_lossy().into_owned();
            if name.len() == 2 && folder.file_type().is_ok_and(|t| t.is_dir()) {
                for twin in fs::read_dir(folder.path()).into_iter().flatten().flatten() {
                    held.insert(twin.file_name().to_string_lossy().into_owned());
                }
                folders.insert(name);
            }
        }
        Cache { dir, held, folders }
    }

    fn has(&self, key: &str) -> bool {
        [".br", ".gz"]
            .iter()
            .all(|suffix| self.held.contains(&format!("{key}{suffix}")))
    }
}

/// Compresses the contents of `files` that neither the cache nor an earlier part
/// has, and adds every compressible file's key to `known`.
fn compress_part(
    root: &Path,
    cache: &mut Cache,
    effort: Effort,
    files: &[OutputFile],
    known: &mut Known,
) {
    let keyed: Vec<(&OutputFile, &str, String)> = files
        .par_iter()
        .filter_map(|file| {
            let extension = Path::new(&file.path).extension()?.to_str()?;
            // The kinds `precompress` finds compressible, whatever the effort.
            level_for(extension, Effort::PerKind)?;
            let key = cache_key(file.contents.as_bytes(), extension, effort);
            Some((file, extension, key))
        })
        .collect();
    let mut new = Vec::new();
    for (file, extension, key) in keyed {
        let length = file.contents.len() as u64;
        if !cache.has(&key) {
            // Both twins count as held from now: a content in two files of this
            // part, or in a later part, is compressed once.
            for suffix in [".br", ".gz"] {
                cache.held.insert(format!("{key}{suffix}"));
            }
            new.push((key.clone(), extension, file));
        }
        known.keys.insert(root.join(&file.path), (key, length));
    }
    for (key, _, _) in &new {
        let folder = key.get(..2).unwrap_or("00");
        if !cache.folders.contains(folder) {
            // A cache that cannot be written only leaves the work to `precompress`.
            let _ = fs::create_dir_all(cache.dir.join(folder));
            cache.folders.insert(folder.to_string());
        }
    }
    let dir = cache.dir;
    known.compressed += new
        .par_iter()
        .filter(|(key, extension, file)| {
            let level = level_for(extension, effort).unwrap_or(super::MOST);
            let data = file.contents.as_bytes();
            // A twin that could not be made or kept is made again by `precompress`,
            // which finds it missing from the cache.
            let (Ok(br), Ok(gz)) = (
                brotli_bytes(data, level.brotli),
                gzip_bytes(data, level.gzip),
            ) else {
                return false;
            };
            write_whole(&cached(dir, key, ".br"), &br)
                .and_then(|()| write_whole(&cached(dir, key, ".gz"), &gz))
                .is_ok()
        })
        .count();
}

#[cfg(test)]
mod tests {
    use super::super::tests::unbrotli;
    use super::super::{precompress_knowing, Ahead, Effort};
    use crate::bundle::OutputFile;
    use std::fs;
    use std::path::Path;
    use std::sync::Arc;

    fn file(path: &str, contents: &Arc<str>) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            contents: contents.clone(),
        }
    }

    /// Writes `files` under `site` as a build's writer would, and hands them on.
    fn written(site: &Path, ahead: &Ahead, files: Vec<OutputFile>) {
        for file in &files {
            let path = site.join(&file.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, file.contents.as_bytes()).unwrap();
        }
        ahead.add(files);
    }

    #[test]
    fn parts_are_compressed_into_the_cache_while_the_site_is_made_and_each_content_once() {
        let dir = std::env::temp_dir().join(format!("quire-ahead-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (site, cache) = (dir.join("site"), dir.join("cache"));
        let bundle: Arc<str> = "{\"a\": \"a bundle under two names\"}".repeat(40).into();
        let page: Arc<str> = "<p>a page</p>".repeat(40).into();
        let build = || {
            let ahead = Ahead::start(&site, &cache, Effort::PerKind);
            written(
                &site,
                &ahead,
                vec![
                    file("data/posts/a.json", &bundle),
                    file("data/h/0123456789abcdef.json", &bundle),
                ],
            );
            // A later part: its page is new, its bundle was in the part before.
            written(
                &site,
                &ahead,
                vec![
                    file("posts/a.html", &page),
                    file("data/h/again.json", &bundle),
                    file("robots.png", &"not text".into()),
                ],
            );
            ahead.finish()
        };
        let known = build();
        assert_eq!(known.compressed, 2, "the bundle once, and the page");
        assert_eq!(
            known.keys.len(),
            4,
            "every compressible file, not the image"
        );
        assert!(
            !site.join("posts/a.html.br").exists(),
            "only the cache is written ahead, never the site"
        );
        let report =
            precompress_knowing(&site, Some(&cache), None, Effort::PerKind, &known).unwrap();
        assert_eq!((report.compressed, report.cached), (2, 0));
        assert_eq!(unbrotli(&site.join("posts/a.html.br")), page.as_bytes());
        for name in ["data/posts/a.json", "data/h/again.json"] {
            assert_eq!(
                unbrotli(&site.join(format!("{name}.br"))),
                bundle.as_bytes()
            );
        }
        assert!(!site.join("robots.png.br").exists());

        // The next build finds every content in the cache.
        let again = build();
        assert_eq!(again.compressed, 0);
        let report =
            precompress_knowing(&site, Some(&cache), None, Effort::PerKind, &again).unwrap();
        assert_eq!((report.compressed, report.cached), (0, 2));
        let _ = fs::remove_dir_all(&dir);
    }
}
