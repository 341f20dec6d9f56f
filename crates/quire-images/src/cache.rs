//! The image work, done once per image content and settings: each image's files
//! are kept in a folder named by that key, so a second build with no new image
//! reads a few small `meta.json` files and decodes nothing.

use crate::decode::{decode, Kind};
use crate::variants::{self, File};
use crate::{Problem, SETTINGS};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder of processed images (outside the published site).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What became of one image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Processed {
    /// Names the content and the settings; the published files carry it, so they
    /// never change under a name and can be cached for a year.
    pub key: String,
    /// What the file is, found from its bytes.
    pub kind: String,
    /// As a reader sees it (after the EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// The widths published, ascending; empty for a GIF, published as it is.
    pub widths: Vec<u32>,
    /// The link-preview crop's size, when there is one.
    pub share: Option<(u32, u32)>,
}

impl Processed {
    /// What the bytes are.
    pub fn kind(&self) -> Kind {
        match self.kind.as_str() {
            "jpg" => Kind::Jpeg,
            "png" => Kind::Png,
            "webp" => Kind::Webp,
            _ => Kind::Gif,
        }
    }

    /// The names of every file made (each under [`Cache::file`]).
    pub fn files(&self) -> Vec<String> {
        let kind = self.kind();
        let mut names = Vec::new();
        for w in &self.widths {
            names.push(format!("{w}.webp"));
            if kind != Kind::Webp {
                names.push(format!("{w}.{}", kind.extension()));
            }
        }
        if self.share.is_some() {
            names.push("share.jpg".to_string());
        }
        names
    }
}

const META: &str = "meta.json";

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// Where the file `name` of `processed` is kept.
    pub fn file(&self, processed: &Processed, name: &str) -> PathBuf {
        self.dir.join(&processed.key).join(name)
    }

    /// The image at `source`, processed now or earlier.
    pub fn process(&self, source: &Path) -> Result<Processed, Problem> {
        let bytes = fs::read(source).map_err(|e| Problem::Io(e.to_string()))?;
        let key = key_of(&bytes);
        let folder = self.dir.join(&key);
        if let Some(done) = read_meta(&folder) {
            return Ok(done);
        }
        let decoded = decode(&bytes)?;
        drop(bytes);
        let kind = decoded.kind;
        let (processed, files) = if kind == Kind::Gif {
            let (width, height) = decoded.upright_size();
            let processed = Processed {
                key,
                kind: kind.extension().to_string(),
                width,
                height,
                widths: Vec::new(),
                share: None,
            };
            (processed, Vec::new())
        } else {
            let made = variants::make(decoded)?;
            let processed = Processed {
                key,
                kind: kind.extension().to_string(),
                width: made.width,
                height: made.height,
                widths: made.widths,
                share: Some(made.share),
            };
            (processed, made.files)
        };
        self.store(&folder, &processed, &files)
            .map_err(|e| Problem::Io(format!("the image cache {}: {e}", self.dir.display())))?;
        Ok(processed)
    }

    /// Writes the image's folder whole, then renames it into place: a build stopped
    /// half-way leaves no folder that looks finished.
    fn store(&self, folder: &Path, processed: &Processed, files: &[File]) -> std::io::Result<()> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        fs::create_dir_all(&self.dir)?;
        let staging = self.dir.join(format!(
            "{}.tmp-{}-{}",
            processed.key,
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir_all(&staging)?;
        for file in files {
            fs::write(staging.join(&file.name), &file.bytes)?;
        }
        let meta = serde_json::to_vec(processed).map_err(std::io::Error::other)?;
        fs::write(staging.join(META), meta)?;
        if fs::rename(&staging, folder).is_err() {
            // Another build made the same image meanwhile: theirs is as good.
            let _ = fs::remove_dir_all(&staging);
            if read_meta(folder).is_none() {
                return Err(std::io::Error::other(
                    "cannot put the processed image in place",
                ));
            }
        }
        Ok(())
    }
}

fn read_meta(folder: &Path) -> Option<Processed> {
    let text = fs::read(folder.join(META)).ok()?;
    serde_json::from_slice(&text).ok()
}

/// The cache key: the settings and the bytes, hashed; 16 hex digits.
fn key_of(bytes: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(SETTINGS.as_bytes());
    hasher.update(bytes);
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
