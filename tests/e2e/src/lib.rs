//! The harness for Quire's end-to-end tests: the built `dist/` on a files-only host,
//! read by headless Chromium through chromedriver, as a reader would.
//!
//! Nothing here skips: a missing `dist/`, browser or driver is a failure that says
//! how to fix it (run the tests through `cargo xtask test`).

pub mod authoring;
mod service;
mod webdriver;

pub use service::{binary, CommentService, ADMIN_TOKEN};

pub use quire_host::{Answer, Canned};
pub use serde_json::{json, Value};
pub use webdriver::Browser;

use quire_host::Host;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// The built sample blog the tests read.
pub fn dist() -> PathBuf {
    built_site(
        "QUIRE_DIST",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist"),
    )
}

/// A built site, named by `variable` (set by `cargo xtask test`) or at `default`.
fn built_site(variable: &str, default: &str) -> PathBuf {
    let dist = PathBuf::from(setting(variable, default));
    assert!(
        dist.join("index.html").is_file() && dist.join("data/site.json").is_file(),
        "no built site in {}: run the browser tests with `cargo xtask test`, which builds it",
        dist.display()
    );
    dist
}

/// A chromedriver process, ended when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Driver {
        let binary = setting("QUIRE_CHROMEDRIVER", "/usr/bin/chromedriver");
        let port = free_port();
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {binary}: {e}; `cargo xtask test` installs it")
            });
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("{}/status", driver.url)).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    quire_host::free_port().unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// One reader: the site on its own host, and a fresh browser pointed at it.
pub struct Reader {
    // Field order is drop order: the browser session closes before its driver.
    pub browser: Browser,
    _driver: Driver,
    pub host: Host,
    /// The built site the host serves.
    pub site: PathBuf,
}

impl Reader {
    /// A desktop-sized reader.
    pub fn new() -> Reader {
        Reader::with_window(1280, 900)
    }

    pub fn with_window(width: u32, height: u32) -> Reader {
        Reader::reading(dist(), "/", width, height, &[])
    }

    /// A reader on a phone `width` CSS pixels wide (320 is the narrowest in use),
    /// emulated as Chromium's device mode does it: headless windows cannot be that
    /// narrow.
    pub fn on_phone(width: u32) -> Reader {
        let reader = Reader::new();
        reader.browser.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 720, "deviceScaleFactor": 2, "mobile": true}),
        );
        reader
    }

    /// A reader whose browser runs no JavaScript at all.
    pub fn without_javascript() -> Reader {
        Reader::reading(
            dist(),
            "/",
            1280,
            900,
            &["--blink-settings=scriptEnabled=false"],
        )
    }

    /// A reader of the site built with `--base-url …/blog/`, served under `/blog/`.
    pub fn under_blog_path() -> Reader {
        let site = built_site(
            "QUIRE_DIST_SUBPATH",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/dist-subpath"),
        );
        Reader::reading(site, "/blog/", 1280, 900, &[])
    }

    /// A reader of a synthetic blog of 25 posts ("Post 1" to "Post 25", newest last),
    /// built around the same app.
    pub fn of_many_posts() -> Reader {
        let site = built_site(
            "QUIRE_DIST_MANY",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/dist-many"),
        );
        Reader::reading(site, "/", 1280, 900, &[])
    }

    /// A desktop reader of the site built in `site` (a copy a test built itself).
    pub fn of_site(site: PathBuf) -> Reader {
        Reader::reading(site, "/", 1280, 900, &[])
    }

    /// A reader of the site in `site` in a window `width` × `height`.
    pub fn of_site_in(site: PathBuf, width: u32, height: u32) -> Reader {
        Reader::reading(site, "/", width, height, &[])
    }

    /// A reader without JavaScript of the site built in `site` (a copy a test may
    /// rebuild).
    pub fn without_javascript_of(site: PathBuf) -> Reader {
        Reader::reading(
            site,
            "/",
            1280,
            900,
            &["--blink-settings=scriptEnabled=false"],
        )
    }

    fn reading(site: PathBuf, prefix: &str, width: u32, height: u32, extra: &[&str]) -> Reader {
        let host = Host::bind_under(&site, "127.0.0.1:0", prefix)
            .and_then(Host::spawn)
            .unwrap_or_else(|e| panic!("cannot start the test host: {e}"));
        let driver = Driver::start();
        let chromium = setting("QUIRE_CHROMIUM", "/usr/bin/chromium");
        let browser = Browser::start(&driver.url, &chromium, width, height, extra);
        Reader {
            browser,
            _driver: driver,
            host,
            site,
        }
    }

    /// Opens `path` (e.g. "/posts/x") on the test host, and waits for the app to
    /// take the prerendered page over.
    pub fn open(&self, path: &str) {
        self.open_page(path);
        self.wait_for_app();
    }

    /// Opens `path` and waits for nothing: what the host sent is on screen.
    pub fn open_page(&self, path: &str) {
        self.browser.goto(&format!("{}{path}", self.host.url()));
    }

    /// The reader's first touch of the page, which starts the app (pages do not
    /// load it for readers who only read).
    pub fn touch(&self) {
        self.browser.eval(
            "document.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}))",
            json!([]),
        );
    }

    /// Touches the page and waits until the app has replaced the prerendered page.
    pub fn wait_for_app(&self) {
        self.touch();
        self.browser.wait_for(
            "the app to take the page over",
            "return document.documentElement.dataset.app === 'running' && !document.getElementById('prerendered')",
        );
    }

    /// Gets to `path` as a reader of the running app does: opens a route that links
    /// to it, then follows the link (the home feed links each post; the not-found
    /// page, which loads no list, links home and /popular). The page is marked first
    /// (see [`Reader::page_was_kept`]).
    pub fn arrive_at(&self, path: &str) {
        self.open(if path.starts_with("/posts/") {
            "/"
        } else {
            "/no-such-page"
        });
        self.mark_page();
        self.browser.click(&format!(".page-root a[href='{path}']"));
    }

    /// Runs axe-core (installed by `cargo xtask test`, named by $QUIRE_AXE) on the
    /// page and returns its violations, one line each: rule, impact, where.
    pub fn accessibility_violations(&self) -> Vec<String> {
        let path = setting(
            "QUIRE_AXE",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../target/tools/axe-core/node_modules/axe-core/axe.min.js"
            ),
        );
        let script = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("no axe-core at {path}: {e}; `cargo xtask test` installs it")
        });
        // Evaluated by the driver, outside the page's CSP; it defines window.axe.
        self.browser
            .eval(&format!("{script}\nreturn typeof window.axe"), json!([]));
        let found = self.browser.eval_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v =>
                 v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                 .catch(e => done(['axe failed: ' + e]));",
            json!([]),
        );
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_else(|| vec![format!("axe gave no list: {found}")])
    }

    /// Makes the bundle `plain` (e.g. "/data/posts/x.json") answer `answer`, under its
    /// plain name and under its content-hashed name alike.
    pub fn break_bundle(&self, plain: &str, answer: impl Into<Answer>) {
        let answer = answer.into();
        if let Some(hashed) = self.hashed_name(plain) {
            self.host.set_override(&hashed, answer.clone());
        }
        self.host.set_override(plain, answer);
    }

    /// The content-hashed twin of the bundle `plain` in the built site (e.g.
    /// "/data/h/0123456789abcdef.json").
    pub fn hashed_name(&self, plain: &str) -> Option<String> {
        let contents = std::fs::read(self.site.join(plain.trim_start_matches('/'))).ok()?;
        std::fs::read_dir(self.site.join("data/h"))
            .ok()?
            .flatten()
            .find(|entry| std::fs::read(entry.path()).ok().as_ref() == Some(&contents))
            .map(|entry| format!("/data/h/{}", entry.file_name().to_string_lossy()))
    }

    /// Saves a screenshot under target/screenshots (or $QUIRE_SCREENSHOTS), for people
    /// to look at; tests assert on the DOM, not on pixels.
    pub fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(setting(
            "QUIRE_SCREENSHOTS",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/screenshots"),
        ));
        let _ = std::fs::create_dir_all(&dir);
        self.browser.screenshot(&dir.join(format!("{name}.png")));
    }
}

/// What readers see and do, shared by every test file.
impl Reader {
    /// Waits for the article's title and returns it.
    pub fn article_title(&self) -> String {
        self.browser
            .wait_for(
                "the article's title",
                "const h = document.querySelector('article.post h1'); return h && h.innerText",
            )
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits for the home feed to list the sample blog's four posts.
    pub fn wait_for_feed(&self) {
        self.browser.wait_for(
            "the feed",
            "return document.querySelectorAll('.feed-entry').length === 4",
        );
    }

    /// The cumulative layout shift the page has seen since it started loading (not
    /// counting shifts right after input).
    pub fn layout_shift(&self) -> f64 {
        const SHIFTS: &str = "
            const done = arguments[arguments.length - 1];
            let total = 0;
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
            }).observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done(total), 300);";
        let shift = self.browser.eval_async(SHIFTS, json!([]));
        shift.as_f64().unwrap_or(f64::MAX)
    }

    /// Waits for the failure message a view shows in `main`, and returns it.
    pub fn failure(&self) -> Failure {
        self.browser.wait_for(
            "a failure message",
            "const e = document.querySelector('main .load-failed h2'); return e && e.innerText",
        );
        let text = |css: &str| {
            self.browser
                .texts(&format!("main .load-failed {css}"))
                .join("")
        };
        Failure {
            headline: text("h2"),
            explanation: text("p"),
            button: text("button"),
        }
    }

    /// Fails if the app panicked since the last look at the console.
    pub fn assert_no_panic(&self) {
        let console = self.browser.console();
        assert!(
            !console.iter().any(|m| m.contains("panicked")),
            "the app panicked: {console:#?}"
        );
    }

    /// The paths of the files the page has fetched so far whose path holds `part`
    /// (resource timing: what the page itself asked for).
    pub fn fetched(&self, part: &str) -> Vec<String> {
        self.browser.strings(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
               .filter(p => p.includes(arguments[0]))",
            json!([part]),
        )
    }

    /// Marks the current page so that [`Reader::page_was_kept`] can tell whether it
    /// was reloaded since.
    pub fn mark_page(&self) {
        self.browser.eval("window.__quireMark = 1", json!([]));
    }

    pub fn page_was_kept(&self) -> bool {
        self.browser
            .eval("return window.__quireMark === 1", json!([]))
            == json!(true)
    }
}

/// A failure message as a reader reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub headline: String,
    pub explanation: String,
    /// What the reader can do: "Try again", or "Reload the page".
    pub button: String,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new()
    }
}
