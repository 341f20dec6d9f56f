//! The preview folder: the site as an author sees it (drafts and scheduled posts
//! included and marked), rebuilt from `content/` on each save. A rebuild writes only
//! the files whose bytes changed and removes those the site no longer has, so the
//! host never serves a half-written page and a tab is told exactly what changed.

use quire_content::content;
use quire_content::publish::{self, Clock, Showing};
use quire_content::remembered::Remembered;
use quire_site::images;
use quire_site::site::Made;
use quire_site::write::{self, Entry, Record};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a rebuild came to.
#[derive(Debug)]
pub enum Outcome {
    /// The site was rebuilt: the files written or removed (site paths), and how
    /// long it took.
    Built {
        changed: Vec<String>,
        took: Duration,
    },
    /// Content has errors: every diagnostic as `quire check` prints it. The
    /// preview keeps the last good build.
    Problems(String),
}

pub struct Preview {
    content: PathBuf,
    out: PathBuf,
    /// The built app the folder holds, to put back if the folder must be made anew.
    app: PathBuf,
    shell: String,
    clock: Clock,
    /// The site's files as last written.
    record: Record,
    /// The posts as last loaded, and the pages and search index as last made, each
    /// with what it was made from: a save reads again only the posts it changed,
    /// and makes again only the pages and the runs of the index it changed.
    remembered: Remembered,
    made: Made,
}

impl Preview {
    /// A preview of `content` in `out`, around the app built into `app` (its
    /// content-hashed files are copied) with the page shell `shell`.
    pub fn new(
        content: &Path,
        out: &Path,
        app: &Path,
        shell: String,
        clock: Clock,
    ) -> Result<Preview, String> {
        let _ = fs::remove_dir_all(out);
        fs::create_dir_all(out).map_err(|e| format!("cannot make {}: {e}", out.display()))?;
        copy_app(app, out)?;
        Ok(Preview {
            content: content.to_path_buf(),
            out: out.to_path_buf(),
            app: app.to_path_buf(),
            shell,
            clock,
            record: Record::default(),
            remembered: Remembered::default(),
            made: Made::default(),
        })
    }

    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Takes in a new build of the app (after a change to its code).
    pub fn new_app(&mut self, app: &Path, shell: String) -> Result<(), String> {
        copy_app(app, &self.out)?;
        self.app = app.to_path_buf();
        // Every page names the app's files: the next rebuild writes them all again.
        self.shell = shell;
        Ok(())
    }

    /// Loads and checks the content, and rebuilds what changed.
    pub fn rebuild(&mut self) -> Outcome {
        let started = Instant::now();
        let loaded = content::load_remembering(&self.content, &mut self.remembered);
        let problems: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
        let has_errors = loaded.diagnostics.iter().any(|d| d.is_error());
        let content = match loaded.content {
            Some(content) if !has_errors => content,
            _ => return Outcome::Problems(problems.join("\n\n")),
        };
        // Images are checked and processed as a build does (cached by content, so
        // a save that adds none costs a few reads).
        let cache = quire_images::Cache::new(images::default_cache(&self.content));
        let (processing, found) = images::process(&content, &cache);
        if found.iter().any(|d| d.is_error()) {
            let all = loaded.diagnostics.iter().chain(&found);
            return Outcome::Problems(all.map(|d| d.to_string()).collect::<Vec<_>>().join("\n\n"));
        }
        let mut content = publish::select(content, self.clock.now(), Showing::PREVIEW);
        let images = images::apply(&mut content, &processing);
        let site = match quire_site::site::make(
            &content,
            &self.content,
            Some(&self.shell),
            &self.out,
            &images,
            Some(&mut self.made),
        ) {
            Ok(site) => site,
            Err(problem) => return Outcome::Problems(problem),
        };
        let entries: Vec<Entry> = site
            .files
            .iter()
            .map(Entry::text)
            .chain(site.copies.iter().map(Entry::copy))
            .collect();
        // Only what changed is written; what the site no longer has (a deleted
        // post's bundle and page) goes.
        let before = std::mem::take(&mut self.record);
        let (updated, record) = match write::update_own(&self.out, &entries, before) {
            Ok(done) => done,
            Err(e) => {
                // The record no longer says what the folder holds: it is made again,
                // whole, by the next save.
                let reset = fs::remove_dir_all(&self.out)
                    .and_then(|()| fs::create_dir_all(&self.out))
                    .map_err(|e| e.to_string())
                    .and_then(|()| copy_app(&self.app, &self.out));
                let reset = reset
                    .err()
                    .map(|r| format!(" (and then: {r})"))
                    .unwrap_or_default();
                return Outcome::Problems(format!("cannot write the preview: {e}{reset}"));
            }
        };
        self.record = record;
        let mut changed = updated.written;
        changed.extend(updated.removed);
        changed.sort();
        Outcome::Built {
            changed,
            took: started.elapsed(),
        }
    }
}

/// The app's files from a build: Trunk's content-hashed `.js`, `.wasm`, `.css` and
/// icons (not the pages, bundles or twins a site build put beside them).
fn copy_app(app: &Path, out: &Path) -> Result<(), String> {
    let entries = fs::read_dir(app).map_err(|e| {
        format!(
            "cannot read the built app in {}: {e} (build it first: cargo xtask build)",
            app.display()
        )
    })?;
    let mut found = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let twin = name.ends_with(".br") || name.ends_with(".gz");
        if !twin && quire_site::headers::has_content_hash(&name) {
            fs::copy(entry.path(), out.join(&name))
                .map_err(|e| format!("cannot copy {name} from the built app: {e}"))?;
            found += 1;
        }
    }
    if found == 0 {
        return Err(format!(
            "{} has no built app (no content-hashed .js or .wasm): build it first with \
             `cargo xtask build`",
            app.display()
        ));
    }
    Ok(())
}
