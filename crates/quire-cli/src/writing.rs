//! Writing a site's parts on a thread of their own while the next part is made.
//!
//! `quire build` makes a big site a part at a time (`site::make_into`), and each
//! part's files must be written before the part is let go. Made and written in
//! turn, the cores wait at every hand-over: making a part ends with one core
//! finishing its half, writing one with the file system's locks, and both
//! between them. With the writing on its own thread, each fills the other's
//! gaps.

use quire_site::bundle::OutputFile;
use quire_site::compress::Ahead;
use quire_site::write::{Entry, Writer};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};

/// The writing thread: hand it each part with [`Writing::part`], then
/// [`Writing::finish`].
pub struct Writing<'scope> {
    parts: SyncSender<Vec<OutputFile>>,
    worker: ScopedJoinHandle<'scope, Result<(Writer<'scope>, Option<Ahead>), String>>,
}

/// What [`Writing::part`] says when the writer has stopped: its own error,
/// returned by [`Writing::finish`], says why.
pub const STOPPED: &str = "the site's writing stopped";

impl<'scope> Writing<'scope> {
    /// Starts writing with `writer` on a thread of `scope`; each part written is
    /// handed on to `ahead` to compress. A part that fails to write becomes the
    /// error `could_not` says.
    pub fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        mut writer: Writer<'scope>,
        ahead: Option<Ahead>,
        could_not: impl Fn(&std::io::Error) -> String + Send + 'scope,
    ) -> Writing<'scope> {
        // None waiting: a part is handed over only when the last one is written,
        // so no more than two are held at a time (one written, one made).
        let (parts, received) = sync_channel::<Vec<OutputFile>>(0);
        let worker = scope.spawn(move || {
            for files in received {
                let entries: Vec<Entry> = files.iter().map(Entry::text).collect();
                writer.part(&entries).map_err(|err| could_not(&err))?;
                drop(entries);
                if let Some(ahead) = &ahead {
                    ahead.add(files);
                }
            }
            Ok((writer, ahead))
        });
        Writing { parts, worker }
    }

    /// Hands on a part: waits for the one before to be written.
    pub fn part(&self, files: Vec<OutputFile>) -> Result<(), String> {
        // Fails only once the writer has stopped, on an error of its own.
        self.parts.send(files).map_err(|_| STOPPED.to_string())
    }

    /// Waits for every part to be written: the writer, to finish the site, and
    /// the compressing. `made` is how making the site ended; an error the
    /// writer stopped on comes first, as it is why making stopped.
    pub fn finish<T>(
        self,
        made: Result<T, String>,
    ) -> Result<(T, Writer<'scope>, Option<Ahead>), String> {
        drop(self.parts);
        let written = match self.worker.join() {
            Ok(written) => written,
            // A panic while writing is a bug: let it show as one.
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let (writer, ahead) = written?;
        Ok((made?, writer, ahead))
    }
}
