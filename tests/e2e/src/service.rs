//! The comment service as the tests run it: the real binary on loopback, with a
//! fresh SQLite file, serving the blog that a [`crate::Reader`]'s host serves, and
//! stopped when dropped. Moderation goes through its command line, as an author's.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN_TOKEN: &str = "an-e2e-moderation-token";

pub struct CommentService {
    child: Child,
    pub addr: std::net::SocketAddr,
    database: PathBuf,
}

/// A binary the tests run, named by `variable` (set by `cargo xtask test`).
pub fn binary(variable: &str, name: &str) -> PathBuf {
    let path = std::env::var(variable)
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/debug")).join(name)
        });
    assert!(
        path.is_file(),
        "no {name} at {}: run the browser tests with `cargo xtask test`, which builds it",
        path.display()
    );
    path
}

impl CommentService {
    /// The service for the blog built in `site`, taking comments from pages at
    /// `origin`; a form may be sent `min_seconds` after it was given.
    pub fn start(site: &Path, origin: &str, min_seconds: u32) -> CommentService {
        let port = crate::free_port();
        let dir =
            std::env::temp_dir().join(format!("quire-e2e-comments-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let database = dir.join("comments.db");
        let child = Command::new(binary("QUIRE_COMMENTS_BIN", "quire-comments"))
            .env("DATABASE_URL", format!("sqlite://{}", database.display()))
            .env("QUIRE_COMMENTS_ADDR", format!("127.0.0.1:{port}"))
            .env("QUIRE_COMMENTS_SITE", site)
            .env("QUIRE_COMMENTS_ORIGIN", origin)
            .env("QUIRE_COMMENTS_ADMIN_TOKEN", ADMIN_TOKEN)
            .env(
                "QUIRE_COMMENTS_SECRET",
                "e2e-secret-e2e-secret-e2e-secret-e2e",
            )
            .env("QUIRE_COMMENTS_TRUST_PROXY", "1")
            .env("QUIRE_COMMENTS_MIN_SECONDS", min_seconds.to_string())
            .stdout(Stdio::null())
            .spawn()
            .expect("the comment service starts");
        let service = CommentService {
            child,
            addr: format!("127.0.0.1:{port}").parse().expect("an address"),
            database,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("http://{}/health", service.addr))
            .call()
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "the comment service did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        service
    }

    /// `quire-comments ARGS` on this service's database, as the author runs it.
    pub fn moderate(&self, args: &[&str]) -> String {
        let out: Output = Command::new(binary("QUIRE_COMMENTS_BIN", "quire-comments"))
            .args(args)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", self.database.display()),
            )
            .output()
            .expect("quire-comments runs");
        assert!(
            out.status.success(),
            "quire-comments {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The ids of the pending comments, oldest first.
    pub fn pending(&self) -> Vec<String> {
        self.moderate(&["pending"])
            .lines()
            .filter(|line| line.starts_with('c'))
            .filter_map(|line| line.split_whitespace().next().map(String::from))
            .collect()
    }
}

impl Drop for CommentService {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = self.database.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
