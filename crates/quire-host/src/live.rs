//! A development server's additions, off unless [`crate::Host::go_live`] turns them
//! on: a stream of server-sent events that open tabs listen to, and a snippet put
//! into every HTML page served (the script that listens). The files on disk are
//! never changed, so a folder served this way deploys without a trace of it.

use std::io::{self, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

/// What a live host adds.
pub struct Live {
    /// Put before `</head>` in every HTML page served.
    pub head_snippet: String,
    /// The path of the event stream, such as `/_quire/live`.
    pub events_path: String,
    pub events: Arc<Events>,
}

/// One event: its name and its data (one line of text, or several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub name: String,
    pub data: String,
}

/// Events for every listening tab. Each listener gets every event sent while it
/// listens; a state (see [`Events::set_state`]) is also given to each new listener.
#[derive(Default)]
pub struct Events {
    inner: Mutex<Inner>,
    sent: Condvar,
}

#[derive(Default)]
struct Inner {
    /// Events sent so far, numbered from 1 by their place here (only the recent
    /// ones are kept: a listener that falls that far behind just misses some).
    recent: Vec<(u64, Event)>,
    last: u64,
    state: Option<Event>,
}

/// How many sent events are kept for listeners that are a little behind.
const KEPT: usize = 32;

impl Events {
    pub fn new() -> Arc<Events> {
        Arc::new(Events::default())
    }

    /// Sends `name` with `data` to every listener now.
    pub fn send(&self, name: &str, data: &str) {
        let mut inner = self.lock();
        inner.last += 1;
        let number = inner.last;
        inner.recent.push((
            number,
            Event {
                name: name.to_string(),
                data: data.to_string(),
            },
        ));
        if inner.recent.len() > KEPT {
            inner.recent.remove(0);
        }
        self.sent.notify_all();
    }

    /// Sends `event` now and keeps it for tabs that connect later (a problem
    /// shown until it is fixed); `None` ends the state. Returns the state before.
    pub fn set_state(&self, event: Option<Event>) -> Option<Event> {
        if let Some(event) = &event {
            self.send(&event.name, &event.data);
        }
        std::mem::replace(&mut self.lock().state, event)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The events after `seen`, waiting up to `wait` for one; and the newest number.
    fn after(&self, seen: u64, wait: Duration) -> (Vec<Event>, u64) {
        let mut inner = self.lock();
        if inner.last == seen {
            inner = self
                .sent
                .wait_timeout(inner, wait)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        let events = inner
            .recent
            .iter()
            .filter(|(n, _)| *n > seen)
            .map(|(_, e)| e.clone())
            .collect();
        (events, inner.last)
    }
}

/// Answers a request for the event stream: the state first, if any, then each
/// event as it is sent, with a comment line now and then so that a closed tab is
/// noticed, until the tab goes or the host stops.
pub fn stream(mut stream: TcpStream, events: &Events, stopping: &AtomicBool) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: keep-alive\r\n\r\n",
    )?;
    let (state, mut seen) = {
        let inner = events.lock();
        (inner.state.clone(), inner.last)
    };
    stream.write_all(b"retry: 500\n\n")?;
    if let Some(event) = state {
        write_event(&mut stream, &event)?;
    }
    stream.flush()?;
    while !stopping.load(Ordering::SeqCst) {
        let (sent, last) = events.after(seen, Duration::from_secs(5));
        seen = last;
        if sent.is_empty() {
            stream.write_all(b": still here\n\n")?;
        }
        for event in &sent {
            write_event(&mut stream, event)?;
        }
        stream.flush()?;
    }
    Ok(())
}

fn write_event(stream: &mut TcpStream, event: &Event) -> io::Result<()> {
    let mut text = format!("event: {}\n", event.name);
    for line in event.data.lines() {
        text.push_str(&format!("data: {line}\n"));
    }
    if event.data.is_empty() {
        text.push_str("data:\n");
    }
    text.push('\n');
    stream.write_all(text.as_bytes())
}

/// `html` with `snippet` before its `</head>` (or at the start, if it has none).
pub fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .position(|w| w.eq_ignore_ascii_case(b"</head>"))
        .unwrap_or(0);
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_goes_before_the_end_of_the_head() {
        assert_eq!(
            inject(
                b"<html><head><title>t</title></head><body>",
                "<script src=/l.js></script>"
            ),
            b"<html><head><title>t</title><script src=/l.js></script></head><body>".to_vec()
        );
        assert_eq!(inject(b"<p>no head", "<x>"), b"<x><p>no head".to_vec());
    }

    #[test]
    fn a_listener_gets_what_was_sent_after_it_last_looked() {
        let events = Events::new();
        events.send("built", "a");
        let (_, seen) = events.after(0, Duration::ZERO);
        events.send("built", "b");
        events.set_state(Some(Event {
            name: "problems".into(),
            data: "x.md:1:1".into(),
        }));
        let (sent, last) = events.after(seen, Duration::ZERO);
        let names: Vec<&str> = sent.iter().map(|e| e.data.as_str()).collect();
        assert_eq!(names, ["b", "x.md:1:1"]);
        assert_eq!(last, 3);
        assert!(events.lock().state.is_some());
        events.set_state(None);
        assert!(events.lock().state.is_none());
    }
}
