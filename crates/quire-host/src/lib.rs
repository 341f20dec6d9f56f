//! A files-only static host for a built `dist/`, behaving like the simplest CDN or
//! GitHub Pages: it serves files, `x.html` for `/x` (clean URLs), `index.html` for
//! folders, and `404.html` with status 404 for anything else. It applies `_headers`
//! and the exact-path rules of `_redirects`. It knows nothing of the app, so a site that works here works
//! on any static host.
//!
//! Tests can make a path answer differently ([`Host::set_override`]) to see how the
//! app copes with a slow, missing or damaged bundle, or no answer at all.

mod http;
pub mod live;
mod proxy;

pub use live::{Event, Events, Live};
pub use proxy::Proxy;

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

/// What an overridden path answers instead of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canned {
    pub status: u16,
    pub content_type: String,
    /// `br` or `gzip` when the body is a precompressed file.
    pub content_encoding: Option<String>,
    /// Where a redirect points.
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Canned {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Canned {
        Canned {
            status,
            content_type: content_type.to_string(),
            content_encoding: None,
            location: None,
            body: body.into(),
        }
    }
}

/// How an overridden path answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// This response instead of the file.
    Canned(Canned),
    /// The real file, after a wait.
    Slowly(std::time::Duration),
    /// Close the connection without a word, as a dropped network does.
    HangUp,
    /// This response for the next `times` requests, then the real file again: a
    /// transient fault.
    First { times: usize, canned: Canned },
}

impl From<Canned> for Answer {
    fn from(canned: Canned) -> Answer {
        Answer::Canned(canned)
    }
}

struct State {
    root: PathBuf,
    /// The path the site is served under: `/`, or `/blog/` for a sub-path deploy.
    prefix: String,
    overrides: Mutex<HashMap<String, Answer>>,
    /// Bodies POSTed to overridden paths, by path, oldest first.
    posted: Mutex<Vec<(String, Vec<u8>)>>,
    stopping: AtomicBool,
    /// A path passed on to a service, if any.
    proxy: Mutex<Option<Proxy>>,
    /// A development server's additions, if any.
    live: Mutex<Option<Arc<Live>>>,
}

pub struct Host {
    addr: SocketAddr,
    state: Arc<State>,
    listener: Option<TcpListener>,
    accept_thread: Option<thread::JoinHandle<()>>,
}

/// A port on 127.0.0.1 that nothing listens on just now, for a test server.
pub fn free_port() -> io::Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
}

impl Host {
    /// Binds `addr` (e.g. "127.0.0.1:0" for any free port) to serve `root`.
    /// Nothing is served until [`Host::spawn`] or [`Host::serve_forever`].
    pub fn bind(root: impl Into<PathBuf>, addr: &str) -> io::Result<Host> {
        Host::bind_under(root, addr, "/")
    }

    /// As [`Host::bind`], with the site under `prefix` (e.g. `/blog/`), as on a host
    /// that serves it from a sub-path; anything outside the prefix is not found.
    pub fn bind_under(root: impl Into<PathBuf>, addr: &str, prefix: &str) -> io::Result<Host> {
        let listener = TcpListener::bind(addr)?;
        let prefix = format!("/{}/", prefix.trim_matches('/')).replace("//", "/");
        Ok(Host {
            addr: listener.local_addr()?,
            state: Arc::new(State {
                prefix,
                root: root.into(),
                overrides: Mutex::new(HashMap::new()),
                posted: Mutex::new(Vec::new()),
                stopping: AtomicBool::new(false),
                proxy: Mutex::new(None),
                live: Mutex::new(None),
            }),
            listener: Some(listener),
            accept_thread: None,
        })
    }

    /// Serves in a background thread until the `Host` is dropped.
    pub fn spawn(mut self) -> io::Result<Host> {
        let listener = self.take_listener()?;
        let state = Arc::clone(&self.state);
        self.accept_thread = Some(thread::spawn(move || accept_loop(&listener, &state)));
        Ok(self)
    }

    /// Serves on this thread until the process ends.
    pub fn serve_forever(mut self) -> io::Result<()> {
        let listener = self.take_listener()?;
        accept_loop(&listener, &self.state);
        Ok(())
    }

    fn take_listener(&mut self) -> io::Result<TcpListener> {
        self.listener
            .take()
            .ok_or_else(|| io::Error::other("the host is already serving"))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn root(&self) -> &Path {
        &self.state.root
    }

    /// Makes `path` (as requested, e.g. "/data/site.json") answer otherwise.
    pub fn set_override(&self, path: &str, answer: impl Into<Answer>) {
        self.overrides().insert(path.to_string(), answer.into());
    }

    /// The bodies POSTed to `path` (answered by its override), oldest first.
    pub fn posted(&self, path: &str) -> Vec<String> {
        self.state
            .posted
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, body)| String::from_utf8_lossy(body).into_owned())
            .collect()
    }

    /// Passes requests under `prefix` (like `/api/`) to a service at `upstream`,
    /// with the prefix cut, as the deploy guide's web server set-ups do.
    pub fn pass_to(&self, prefix: &str, upstream: SocketAddr) {
        *self
            .state
            .proxy
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Proxy {
            prefix: prefix.to_string(),
            upstream,
        });
    }

    /// Serves as a development server: the event stream at `live.events_path`, and
    /// `live.head_snippet` in every HTML page (never precompressed twins, which
    /// would not have it). Files on disk stay as they are.
    pub fn go_live(&self, live: Live) {
        *self
            .state
            .live
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(live));
    }

    pub fn clear_overrides(&self) {
        self.overrides().clear();
    }

    fn overrides(&self) -> std::sync::MutexGuard<'_, HashMap<String, Answer>> {
        // A panic while holding the lock cannot leave the map half-updated.
        self.state
            .overrides
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.state.stopping.store(true, Ordering::SeqCst);
        if let Some(handle) = self.accept_thread.take() {
            // Wake the blocking accept() so the loop sees the flag.
            let _ = TcpStream::connect(self.addr);
            let _ = handle.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, state: &Arc<State>) {
    for stream in listener.incoming() {
        if state.stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(state);
        thread::spawn(move || {
            let proxy = state
                .proxy
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            let live = state
                .live
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            let _ = http::handle(
                stream,
                &state.root,
                &state.prefix,
                proxy.as_ref(),
                live.as_deref().map(|live| (live, &state.stopping)),
                |path| {
                    let mut overrides = state
                        .overrides
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner);
                    match overrides.get_mut(path) {
                        Some(Answer::First { times: 0, .. }) => None,
                        Some(Answer::First { times, canned }) => {
                            *times -= 1;
                            Some(Answer::Canned(canned.clone()))
                        }
                        other => other.cloned(),
                    }
                },
                |path, body| {
                    state
                        .posted
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push((path.to_string(), body));
                },
            );
        });
    }
}

#[cfg(test)]
mod tests;
