//! The live preview (`quire serve`, `cargo xtask serve`): the site is built into a
//! preview folder ([`preview`]), a host serves it in live mode (`quire_host::live`),
//! and a watcher rebuilds it on every save in `content/`. Each open tab runs
//! `live.js`, which the host puts into every page it serves: on a rebuild it swaps
//! the new page in without a reload, keeping the scroll; on a save that breaks the
//! content it shows the same diagnostics `quire check` prints over the last good
//! page, until the file is fixed. Content with problems from the start shows them
//! over a page that says nothing is built yet, and the site once they are fixed.
//!
//! Nothing of this reaches a built site: the script is added as pages are served,
//! not written into them, and `quire build` never goes through here.

pub mod preview;

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};
use preview::{Outcome, Preview};
use quire_content::publish::Clock;
use quire_host::{Canned, Event, Events, Host, Live};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The script every previewed page runs, and its overlay's styles.
const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
/// The page every address shows while the content has never built: the problems
/// go over it, as over a last good page.
const UNBUILT_HTML: &str = include_str!("unbuilt.html");

/// Where, under the site's path, the preview's own files and event stream are.
pub const LIVE_DIR: &str = "_quire/";

/// How long the watcher waits for an editor's burst of events to end.
const SETTLE: Duration = Duration::from_millis(25);

pub struct Options {
    /// The content folder to watch.
    pub content: PathBuf,
    /// Where the preview is built (emptied first).
    pub out: PathBuf,
    /// A built app (`dist/` after `cargo xtask build`), and Trunk's page shell.
    pub app: PathBuf,
    pub shell: PathBuf,
    pub clock: Clock,
    /// Print each rebuild and problem to stderr.
    pub verbose: bool,
}

/// A running preview. Dropping it stops the watching; the host serves on.
pub struct Watching {
    pub events: Arc<Events>,
    preview: Arc<Mutex<Preview>>,
    _watcher: Watcher,
}

impl Watching {
    /// Rebuilds now and tells the tabs, as a save does.
    pub fn rebuild(&self) -> Outcome {
        rebuild_and_tell(&self.preview, &self.events, &|| false, false)
    }

    /// Waits for a rebuild under way to end (the whole site, not only an edited
    /// post's page): a benchmark's next save then starts from a quiet preview.
    pub fn wait_for_rebuild(&self) {
        drop(lock(&self.preview));
    }

    /// Whether a rebuild is under way (for the benchmark).
    pub fn is_rebuilding(&self) -> bool {
        matches!(
            self.preview.try_lock(),
            Err(std::sync::TryLockError::WouldBlock)
        )
    }

    /// Takes in a new build of the app, rebuilds every page around it, and reloads
    /// the tabs.
    pub fn new_app(&self, app: &Path, shell: &Path) -> Result<(), String> {
        let shell = read_shell(shell)?;
        lock(&self.preview).new_app(app, shell)?;
        if let Outcome::Built { .. } =
            rebuild_and_tell(&self.preview, &self.events, &|| false, false)
        {
            self.events.send("reload", "the app changed");
        }
        Ok(())
    }
}

/// The preview's folder, the app copied in and built once, served by `host` (made to
/// serve `options.out`) in live mode, and rebuilt on every save from now on.
pub fn start(options: &Options, host: &Host) -> Result<Watching, String> {
    let site = quire_content::content::load_site_config(&options.content).map_err(|_| {
        format!(
            "{} has problems; `quire check --content {}` lists them",
            options.content.join("site.toml").display(),
            options.content.display()
        )
    })?;
    let base = quire_schema::base_path(&site.base_url);
    let shell = read_shell(&options.shell)?;
    let mut preview = Preview::new(
        &options.content,
        &options.out,
        &options.app,
        shell,
        options.clock,
    )?;
    // Content that has problems from the start is previewed all the same: its tabs
    // show the problems until a save fixes them, as after any broken save.
    let first_problems = match preview.rebuild() {
        Outcome::Problems(problems) => {
            write_unbuilt(preview.out())?;
            if options.verbose {
                eprintln!(
                    "{problems}\n\nthe content has problems (above): the preview shows them \
                     until a save fixes them, then the site"
                );
            }
            Some(problems)
        }
        Outcome::Built { .. } | Outcome::Superseded => None,
    };
    let script = format!("{base}{LIVE_DIR}live.js");
    let style = format!("{base}{LIVE_DIR}live.css");
    host.set_override(
        &script,
        Canned::new(200, "text/javascript; charset=utf-8", LIVE_JS),
    );
    host.set_override(
        &style,
        Canned::new(200, "text/css; charset=utf-8", LIVE_CSS),
    );
    let events = Events::new();
    if let Some(problems) = first_problems {
        events.set_state(Some(Event {
            name: "problems".to_string(),
            data: problems,
        }));
    }
    host.go_live(Live {
        head_snippet: format!(
            "<link rel=stylesheet href=\"{style}\"><script src=\"{script}\" \
             data-events=\"{base}{LIVE_DIR}events\"></script>"
        ),
        // The host matches it after cutting the site's path.
        events_path: format!("/{LIVE_DIR}events"),
        events: Arc::clone(&events),
    });
    let preview = Arc::new(Mutex::new(preview));
    let (shared, tell) = (Arc::clone(&preview), Arc::clone(&events));
    let verbose = options.verbose;
    let watcher = on_save(std::slice::from_ref(&options.content), move |saved_again| {
        rebuild_and_tell(&shared, &tell, saved_again, verbose);
    })?;
    Ok(Watching {
        events,
        preview,
        _watcher: watcher,
    })
}

/// Watches files and folders for saves, until dropped.
pub struct Watcher {
    _debouncer: Box<dyn std::any::Any + Send>,
}

/// Calls `act` after each save under any of `paths` (a burst of events as one),
/// on a thread of its own, until the returned [`Watcher`] is dropped. `act` is
/// handed a question it may ask as it goes: whether a save came in since it began
/// (it is called again for that save once it returns, whatever the answer).
pub fn on_save(
    paths: &[PathBuf],
    mut act: impl FnMut(&dyn Fn() -> bool) + Send + 'static,
) -> Result<Watcher, String> {
    let (tx, rx) = mpsc::channel::<()>();
    let saved = Arc::new(AtomicBool::new(false));
    let told = Arc::clone(&saved);
    let mut debouncer = new_debouncer(SETTLE, None, move |result: DebounceEventResult| {
        let saved = match result {
            Ok(events) => events.iter().any(is_a_save),
            Err(_) => true,
        };
        if saved {
            // The send is what takes every save in: a call begins after it. The
            // flag only tells the call in progress that its work is already old.
            told.store(true, Ordering::SeqCst);
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch for changes: {e}"))?;
    for path in paths {
        debouncer
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    }
    std::thread::spawn(move || {
        // Ends when the debouncer goes, with the `Watcher`: its sender closes.
        while rx.recv().is_ok() {
            // The saves that came in while `act` last ran are all taken in by this
            // call. One that comes in from here on sets the flag and sends again.
            while rx.try_recv().is_ok() {}
            saved.store(false, Ordering::SeqCst);
            act(&|| saved.load(Ordering::SeqCst));
        }
    });
    Ok(Watcher {
        _debouncer: Box::new(debouncer),
    })
}

/// Whether an event changes the content: not a read, nor an editor's swap or
/// backup file, nor a preview's own temporary file.
fn is_a_save(event: &DebouncedEvent) -> bool {
    let changes = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    );
    let scratch = |path: &PathBuf| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.starts_with(".#")
            || name.ends_with(".quire-tmp")
            || name == "4913"
    };
    changes && !event.paths.iter().all(scratch)
}

fn rebuild_and_tell(
    preview: &Mutex<Preview>,
    events: &Events,
    saved_again: &dyn Fn() -> bool,
    verbose: bool,
) -> Outcome {
    // The edited posts' own pages are told of as soon as they are written: a tab
    // open on one shows it while the rest of the site is made.
    let outcome = lock(preview).rebuild_unless_saved_again(
        &mut |changed| {
            if events.set_state(None).is_some() || !changed.is_empty() {
                events.send("built", &changed.join("\n"));
            }
        },
        saved_again,
    );
    match &outcome {
        Outcome::Built { changed, .. } => {
            let was_broken = events.set_state(None).is_some();
            // A fix back to the last good build changes no file, but the tabs must
            // still hear that the problem is gone.
            if !changed.is_empty() || was_broken {
                events.send("built", &changed.join("\n"));
            }
            if verbose {
                if let Some(summary) = outcome.summary() {
                    eprintln!("{summary}");
                }
            }
        }
        // The next rebuild follows at once, and tells the tabs.
        Outcome::Superseded => {
            if verbose {
                if let Some(summary) = outcome.summary() {
                    eprintln!("{summary}");
                }
            }
        }
        Outcome::Problems(problems) => {
            events.set_state(Some(Event {
                name: "problems".to_string(),
                data: problems.clone(),
            }));
            if verbose {
                eprintln!(
                    "{problems}\n\nthe preview keeps the last good build until this is fixed"
                );
            }
        }
    }
    outcome
}

/// The home page and the not-found page (so every address) as [`UNBUILT_HTML`],
/// until the first good build writes the site's own over them.
fn write_unbuilt(out: &Path) -> Result<(), String> {
    for page in ["index.html", "404.html"] {
        let path = out.join(page);
        std::fs::write(&path, UNBUILT_HTML)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn lock(preview: &Mutex<Preview>) -> std::sync::MutexGuard<'_, Preview> {
    // A panic mid-rebuild leaves the last written files, which are whole.
    preview.lock().unwrap_or_else(PoisonError::into_inner)
}

fn read_shell(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read the page shell {}: {e} (`cargo xtask build` keeps it in target/shells/)",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::on_save;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    #[test]
    fn an_action_hears_of_a_save_made_while_it_runs_and_runs_again_for_it() {
        let dir = quire_content::fixtures::scratch();
        let file = dir.join("post.md");
        std::fs::write(&file, "first").unwrap();
        let (tx, rx) = mpsc::channel();
        let mut calls = 0;
        let _watcher = on_save(std::slice::from_ref(&dir), move |saved_again| {
            calls += 1;
            // The first call runs until it hears of the second save, as a rebuild
            // asks between the parts of the site; the second call is for that save.
            let until = Instant::now() + Duration::from_secs(10);
            while calls == 1 && !saved_again() && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(5));
            }
            let _ = tx.send((calls, saved_again()));
        })
        .unwrap();
        std::fs::write(&file, "second").unwrap();
        // (Past the watcher's settling time: a save of its own.)
        std::thread::sleep(Duration::from_millis(300));
        std::fs::write(&file, "third").unwrap();
        let wait = Duration::from_secs(20);
        assert_eq!(rx.recv_timeout(wait), Ok((1, true)));
        assert_eq!(rx.recv_timeout(wait), Ok((2, false)));
        // No save is left over.
        assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
    }
}
