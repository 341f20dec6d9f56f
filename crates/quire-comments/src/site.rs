//! What the service knows of the blog, read from its built folder: which posts
//! exist (`data/archive.json`) and the blog's address (`data/site.json`). The
//! folder is looked at again now and then, so a new post takes comments without a
//! restart.

use quire_schema::{Archive, Route, SiteBundle};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime};

/// How often the built blog is looked at for new posts.
const RELOAD_EVERY: Duration = Duration::from_secs(5);

pub struct Site {
    folder: PathBuf,
    known: RwLock<Known>,
}

struct Known {
    posts: HashSet<String>,
    base_url: String,
    modified: Option<SystemTime>,
    checked: Instant,
}

impl Site {
    pub fn open(folder: &Path) -> Result<Site, String> {
        let known = read(folder)?;
        Ok(Site {
            folder: folder.to_path_buf(),
            known: RwLock::new(known),
        })
    }

    /// Whether the blog has a post `slug`.
    pub fn has_post(&self, slug: &str) -> bool {
        self.refresh();
        self.known
            .read()
            .map(|k| k.posts.contains(slug))
            .unwrap_or(false)
    }

    /// The blog's address, with one trailing slash.
    pub fn url(&self) -> String {
        self.known
            .read()
            .map(|k| quire_schema::site_url(&k.base_url))
            .unwrap_or_default()
    }

    /// The blog's origin (`https://blog.example`), from its address.
    pub fn origin(&self) -> String {
        origin_of(&self.url())
    }

    /// The path of the post `slug`'s page on the blog's host (`/blog/posts/x`).
    pub fn post_path(&self, slug: &str) -> String {
        format!(
            "{}{}",
            quire_schema::base_path(&self.url()),
            Route::post(slug).path()
        )
    }

    fn refresh(&self) {
        let due = self
            .known
            .read()
            .map(|k| k.checked.elapsed() >= RELOAD_EVERY)
            .unwrap_or(false);
        if !due {
            return;
        }
        let modified = archive_modified(&self.folder);
        if let Ok(mut known) = self.known.write() {
            known.checked = Instant::now();
            if modified == known.modified {
                return;
            }
            // A half-deployed folder keeps the posts known before.
            if let Ok(fresh) = read(&self.folder) {
                *known = fresh;
            }
        }
    }
}

/// `scheme://host[:port]` of an address.
pub fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            format!("{scheme}://{host}")
        }
        None => String::new(),
    }
}

fn archive_modified(folder: &Path) -> Option<SystemTime> {
    std::fs::metadata(folder.join(quire_schema::archive_path()))
        .and_then(|m| m.modified())
        .ok()
}

fn read(folder: &Path) -> Result<Known, String> {
    let load = |path: String| -> Result<String, String> {
        std::fs::read_to_string(folder.join(&path)).map_err(|e| {
            format!(
                "cannot read {}: {e}: QUIRE_COMMENTS_SITE must name a built blog (dist/)",
                folder.join(&path).display()
            )
        })
    };
    let archive: Archive = quire_schema::decode(&load(quire_schema::archive_path())?)
        .map_err(|e| format!("{}: {e}", quire_schema::archive_path()))?;
    let site: SiteBundle = quire_schema::decode(&load(quire_schema::site_path())?)
        .map_err(|e| format!("{}: {e}", quire_schema::site_path()))?;
    Ok(Known {
        posts: archive.posts.into_iter().map(|p| p.slug).collect(),
        base_url: site.base_url,
        modified: archive_modified(folder),
        checked: Instant::now(),
    })
}
