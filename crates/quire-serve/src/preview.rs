//! The preview folder: the site as an author sees it (drafts and scheduled posts
//! included and marked), rebuilt from `content/` on each save. A rebuild writes only
//! the files whose bytes changed and removes those the site no longer has, so the
//! host never serves a half-written page and a tab is told exactly what changed.

use quire_content::content;
use quire_content::content::Content;
use quire_content::publish::{self, Clock, Showing};
use quire_content::remembered::Remembered;
use quire_site::images;
use quire_site::site::Made;
use quire_site::write::{self, Entry, Record};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a rebuild came to.
#[derive(Debug)]
pub enum Outcome {
    /// The site was rebuilt: the files written or removed (site paths), and how
    /// long it took.
    Built {
        changed: Vec<String>,
        took: Duration,
        /// When the save edited posts the last build had: how long until their
        /// own pages were written, before the rest of the site.
        first: Option<Duration>,
    },
    /// Content has errors: every diagnostic as `quire check` prints it. The
    /// preview keeps the last good build.
    Problems(String),
    /// A newer save came in while the rest of the site was being made (after the
    /// edited posts' pages, which were written): the site was left as it was for
    /// the rebuild that takes the newer save in.
    Superseded,
}

impl Outcome {
    /// A build's times and files, as the terminal shows them: `"rebuilt in 840 ms
    /// (the edited posts' pages in 62 ms): 846 files changed"`; `None` for problems.
    pub fn summary(&self) -> Option<String> {
        let Outcome::Built {
            changed,
            took,
            first,
        } = self
        else {
            return matches!(self, Outcome::Superseded)
                .then(|| "a newer save came in: rebuilding for it".to_string());
        };
        let first = first
            .map(|first| format!(" (the edited posts' pages in {} ms)", first.as_millis()))
            .unwrap_or_default();
        Some(format!(
            "rebuilt in {} ms{first}: {} files changed",
            took.as_millis(),
            changed.len()
        ))
    }
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
    /// Each post's Markdown as last built, by slug: a post whose Markdown is not
    /// this very text (shared with `remembered`), nor the same words, was edited
    /// since.
    built: HashMap<String, Arc<str>>,
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
            built: HashMap::new(),
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
        self.rebuild_telling(&mut |_| {})
    }

    /// [`Preview::rebuild`], writing the pages of the posts the save edited first
    /// and handing `first` the files that changed then, so that a tab open on an
    /// edited post can show it while the rest of the site is made.
    pub fn rebuild_telling(&mut self, first: &mut dyn FnMut(Vec<String>)) -> Outcome {
        self.rebuild_unless_saved_again(first, &|| false)
    }

    /// [`Preview::rebuild_telling`], stopping (with [`Outcome::Superseded`]) when
    /// `saved_again` says a newer save came in while the whole site is made: that
    /// save's rebuild then starts at once, and shows its edited post without
    /// waiting for this one's lists, feeds and index (most of a second in a blog of
    /// ten thousand posts), which it makes again anyway. What was made so far is
    /// kept for it (`quire_site::site::make_into`); nothing of the site is written.
    pub fn rebuild_unless_saved_again(
        &mut self,
        first: &mut dyn FnMut(Vec<String>),
        saved_again: &dyn Fn() -> bool,
    ) -> Outcome {
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
        let first_at = match self.edited_first(&content) {
            Ok(Some(changed)) => {
                let at = started.elapsed();
                first(changed);
                Some(at)
            }
            Ok(None) => None,
            Err(problem) => return self.start_again(problem),
        };
        if saved_again() {
            return Outcome::Superseded;
        }
        let (mut files, mut superseded) = (Vec::new(), false);
        let made = quire_site::site::make_into(
            &content,
            &self.content,
            Some(&self.shell),
            &self.out,
            &images,
            Some(&mut self.made),
            &mut |part| {
                // Asked a part at a time: a part is a few hundred posts' files.
                if saved_again() {
                    superseded = true;
                    return Err("a newer save".to_string());
                }
                files.extend(part);
                Ok(())
            },
        );
        let copies = match made {
            Ok((copies, _)) => copies,
            Err(_) if superseded => return Outcome::Superseded,
            Err(problem) => return Outcome::Problems(problem),
        };
        let entries: Vec<Entry> = files
            .iter()
            .map(Entry::text)
            .chain(copies.iter().map(Entry::copy))
            .collect();
        // Only what changed is written; what the site no longer has (a deleted
        // post's bundle and page) goes.
        let before = std::mem::take(&mut self.record);
        let (updated, record) = match write::update_own(&self.out, &entries, before) {
            Ok(done) => done,
            Err(e) => return self.start_again(format!("cannot write the preview: {e}")),
        };
        self.record = record;
        self.built = content
            .posts
            .iter()
            .map(|post| (post.slug.clone(), post.markdown.clone()))
            .collect();
        let mut changed = updated.written;
        changed.extend(updated.removed);
        changed.sort();
        Outcome::Built {
            changed,
            took: started.elapsed(),
            first: first_at,
        }
    }

    /// Writes the bundles and pages of the posts of `content` edited since the
    /// last build (see `quire_site::site::edited_posts`), and returns the files
    /// that changed; `None` when no post the last build had was edited, or more
    /// than a few were (the whole site is made next in any case).
    fn edited_first(&mut self, content: &Content) -> Result<Option<Vec<String>>, String> {
        /// More posts than a tab shows at once: a save of many files, such as a
        /// checkout, waits for the whole site.
        const AT_MOST: usize = 4;
        let edited: Vec<&str> = content
            .posts
            .iter()
            .filter(|post| {
                self.built
                    .get(&post.slug)
                    // (A post saved within seconds of its reading is read
                    // again at the next save, edited or not.)
                    .is_some_and(|was| !Arc::ptr_eq(was, &post.markdown) && *was != post.markdown)
            })
            .map(|post| post.slug.as_str())
            .take(AT_MOST + 1)
            .collect();
        if edited.is_empty() || edited.len() > AT_MOST {
            return Ok(None);
        }
        let files =
            match quire_site::site::edited_posts(content, &edited, &self.shell, &mut self.made)? {
                Some(files) => files,
                None => return Ok(None),
            };
        let entries: Vec<Entry> = files.iter().map(Entry::text).collect();
        let mut changed = write::add_own(&self.out, &entries, &mut self.record)
            .map_err(|e| format!("cannot write the preview: {e}"))?;
        changed.sort();
        Ok(Some(changed))
    }

    /// After a failed write, when the record no longer says what the folder holds:
    /// the folder is made again, whole, by the next save.
    fn start_again(&mut self, problem: String) -> Outcome {
        self.record = Record::default();
        self.built.clear();
        let reset = fs::remove_dir_all(&self.out)
            .and_then(|()| fs::create_dir_all(&self.out))
            .map_err(|e| e.to_string())
            .and_then(|()| copy_app(&self.app, &self.out));
        let reset = reset
            .err()
            .map(|r| format!(" (and then: {r})"))
            .unwrap_or_default();
        Outcome::Problems(format!("{problem}{reset}"))
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

#[cfg(test)]
mod tests {
    use super::{Outcome, Preview};
    use quire_content::fixtures::{numbered_posts, scratch};
    use quire_content::publish::{parse_moment, Clock};
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::Path;

    #[test]
    fn a_build_is_summed_up_with_its_edited_pages_time_when_it_had_one() {
        use std::time::Duration;
        let built = |first| Outcome::Built {
            changed: vec!["index.html".into(), "posts/a.html".into()],
            took: Duration::from_millis(840),
            first,
        };
        assert_eq!(
            built(Some(Duration::from_millis(62))).summary().as_deref(),
            Some("rebuilt in 840 ms (the edited posts' pages in 62 ms): 2 files changed")
        );
        assert_eq!(
            built(None).summary().as_deref(),
            Some("rebuilt in 840 ms: 2 files changed")
        );
        assert_eq!(Outcome::Problems("bad".into()).summary(), None);
    }

    const SHELL: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>Quire</title>\
<script type=module>import init, * as bindings from '/app-0123456789abcdef.js';\n\
const wasm = await init({ module_or_path: '/app-0123456789abcdef_bg.wasm' });</script>\
<link crossorigin href=/app-0123456789abcdef.js rel=modulepreload>\
</head><body><noscript>needs JS</noscript></body></html>";

    fn preview_of(content: &Path) -> Preview {
        let app = scratch();
        fs::write(app.join("app-0123456789abcdef.js"), "// the app").unwrap();
        let clock = Clock::Fixed(parse_moment("2026-06-01").unwrap());
        Preview::new(content, &scratch(), &app, SHELL.to_string(), clock).unwrap()
    }

    /// Every file under `root`, with its bytes.
    fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut found = BTreeMap::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let name = path.strip_prefix(root).unwrap().display().to_string();
                    found.insert(name, fs::read(&path).unwrap());
                }
            }
        }
        found
    }

    #[test]
    fn an_edited_post_is_written_and_told_of_before_the_rest_of_the_site() {
        let content = numbered_posts(30);
        let mut preview = preview_of(&content);
        assert!(matches!(
            preview.rebuild(),
            Outcome::Built { first: None, .. }
        ));
        let post = content.join("posts/p5.md");
        let mut text = fs::read_to_string(&post).unwrap();
        text.push_str("\nFreshly saved words.\n");
        fs::write(&post, text).unwrap();

        let out = preview.out().to_path_buf();
        let mut told = Vec::new();
        let outcome = preview.rebuild_telling(&mut |changed| {
            // What a tab open on the post fetches when it is told.
            let page = fs::read_to_string(out.join("posts/p5.html")).unwrap();
            let list = fs::read_to_string(out.join("page/3.html")).unwrap();
            told.push((changed, page, list));
        });
        let Outcome::Built { changed, first, .. } = outcome else {
            panic!("the save did not build: {outcome:?}");
        };
        assert!(first.is_some(), "the edited post's page came first");
        let [(first_changed, page, list_then)] = &told[..] else {
            panic!("told {} times before the end, not once", told.len());
        };
        assert!(first_changed.contains(&"posts/p5.html".to_string()));
        assert!(first_changed.iter().any(|p| p.starts_with("data/h/")));
        assert!(page.contains("Freshly saved words."), "{page}");
        assert!(
            !first_changed.contains(&"page/3.html".to_string()),
            "the lists wait for the whole site: {first_changed:?}"
        );
        // The rest followed: the list with the post (p10 to p1) names the post's
        // new bundle, and the post's page, written already, is not written again.
        let list_now = fs::read_to_string(out.join("page/3.html")).unwrap();
        assert_ne!(&list_now, list_then);
        assert!(changed.contains(&"page/3.html".to_string()));
        assert!(!changed.contains(&"posts/p5.html".to_string()));

        // And the folder is what a preview made afresh from the same content holds.
        let mut fresh = preview_of(&content);
        assert!(matches!(fresh.rebuild(), Outcome::Built { .. }));
        assert_eq!(files(&out), files(fresh.out()));
    }

    #[test]
    fn a_newer_save_stops_the_rest_of_the_site_and_the_next_rebuild_makes_it() {
        let content = numbered_posts(600);
        let mut preview = preview_of(&content);
        assert!(matches!(preview.rebuild(), Outcome::Built { .. }));
        let out = preview.out().to_path_buf();
        // The list page that shows p5 (the last, as the posts go newest first).
        let list_page = format!("page/{}.html", 600 / 10);
        let shown = fs::read_to_string(out.join(&list_page)).unwrap();
        assert!(shown.contains("/posts/p5\""), "{list_page} lists p5");
        let edit = |name: &str, words: &str| {
            let post = content.join(format!("posts/{name}.md"));
            let text = fs::read_to_string(&post).unwrap() + words;
            fs::write(&post, text).unwrap();
        };
        // Asked at once, and after each part of the site in turn: a newer save came.
        for asked_before_yes in [0, 1, 2, 3] {
            let words = format!("\nSaved while the site was made ({asked_before_yes}).\n");
            edit("p5", &words);
            let list_before = fs::read_to_string(out.join(&list_page)).unwrap();
            let asked = std::cell::Cell::new(0);
            let saved_again = || {
                asked.set(asked.get() + 1);
                asked.get() > asked_before_yes
            };
            let outcome = preview.rebuild_unless_saved_again(&mut |_| {}, &saved_again);
            assert!(matches!(outcome, Outcome::Superseded), "{outcome:?}");
            // The edited post's page was written first; the lists were not.
            let page = fs::read_to_string(out.join("posts/p5.html")).unwrap();
            assert!(page.contains(words.trim()), "{page}");
            let list = fs::read_to_string(out.join(&list_page)).unwrap();
            assert_eq!(list, list_before, "the list was left for the next rebuild");
        }
        // The next rebuild, for another save, makes the whole site: every edit in.
        edit("p7", "\nThe newer save.\n");
        let outcome = preview.rebuild();
        let Outcome::Built { changed, first, .. } = outcome else {
            panic!("the next save did not build: {outcome:?}");
        };
        assert!(first.is_some(), "both edited posts' pages came first");
        assert!(changed.contains(&list_page));
        let mut fresh = preview_of(&content);
        assert!(matches!(fresh.rebuild(), Outcome::Built { .. }));
        assert_eq!(files(&out), files(fresh.out()));
    }

    #[test]
    fn a_new_post_waits_for_the_whole_site() {
        let content = numbered_posts(3);
        let mut preview = preview_of(&content);
        preview.rebuild();
        fs::write(
            content.join("posts/new.md"),
            quire_content::fixtures::post("New", "2026-02-01"),
        )
        .unwrap();
        let mut told = 0;
        let outcome = preview.rebuild_telling(&mut |_| told += 1);
        assert!(matches!(outcome, Outcome::Built { first: None, .. }));
        assert_eq!(
            told, 0,
            "a new post has no neighbours kept to make its page with"
        );
        assert!(preview.out().join("posts/new.html").is_file());
    }
}
