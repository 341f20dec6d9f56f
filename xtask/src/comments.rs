//! The comment service beside the sample blog (`cargo xtask serve`), and its
//! moderation from the terminal (`cargo xtask comments …`). Its database, signing
//! secret and moderation token live in `target/comments/`, made on first use and
//! never committed.

use crate::run::{cargo, root, run, step, Result};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn dir() -> PathBuf {
    root().join("target/comments")
}

fn database_url() -> String {
    format!("sqlite://{}", dir().join("comments.db").display())
}

/// Builds the service and returns its binary.
pub fn binary() -> Result<PathBuf> {
    step("building the comment service (quire-comments)");
    run(cargo().args(["build", "--quiet", "--package", "quire-comments"]))?;
    Ok(root().join("target/debug/quire-comments"))
}

/// A secret kept in `target/comments/<name>`, made of 32 random bytes on first use.
fn secret(name: &str) -> Result<String> {
    let path = dir().join(name);
    if let Ok(kept) = std::fs::read_to_string(&path) {
        return Ok(kept.trim().to_string());
    }
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("no randomness for a secret: {e}"))?;
    let made: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::create_dir_all(dir()).map_err(|e| format!("{}: {e}", dir().display()))?;
    std::fs::write(&path, &made).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(made)
}

/// The running service, stopped when dropped.
pub struct Running {
    child: Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the service for the blog built in `site`, whose pages come from `origin`.
pub fn start(site: &std::path::Path, origin: &str, addr: SocketAddr) -> Result<Running> {
    let binary = binary()?;
    let child = Command::new(binary)
        .env("DATABASE_URL", database_url())
        .env("QUIRE_COMMENTS_ADDR", addr.to_string())
        .env("QUIRE_COMMENTS_SITE", site)
        .env("QUIRE_COMMENTS_ORIGIN", origin)
        .env("QUIRE_COMMENTS_SECRET", secret("secret")?)
        .env("QUIRE_COMMENTS_ADMIN_TOKEN", secret("admin-token")?)
        .env("QUIRE_COMMENTS_TRUST_PROXY", "1")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the comment service: {e}"))?;
    let running = Running { child };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            return Err(format!("the comment service did not start on {addr}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(running)
}

/// `cargo xtask comments ARGS`: `quire-comments ARGS` on the served blog's
/// database; `pull` writes its approved comments into content/comments/.
pub fn command(args: &[String]) -> Result {
    let binary = binary()?;
    if args.first().map(String::as_str) == Some("pull") {
        step("pulling the approved comments into content/comments/ (quire-comments export | quire comments pull)");
        let export = Command::new(&binary)
            .arg("export")
            .env("DATABASE_URL", database_url())
            .output()
            .map_err(|e| format!("cannot run quire-comments: {e}"))?;
        if !export.status.success() {
            return Err(String::from_utf8_lossy(&export.stderr).into_owned());
        }
        let file = dir().join("export.json");
        std::fs::write(&file, &export.stdout).map_err(|e| format!("{}: {e}", file.display()))?;
        crate::site::run_quire(&[
            "comments".as_ref(),
            "pull".as_ref(),
            "--file".as_ref(),
            file.as_os_str(),
            "--content".as_ref(),
            root().join("content").as_os_str(),
        ])?;
        step("run `cargo xtask serve` again to see them on the prerendered pages");
        return Ok(());
    }
    run(Command::new(binary)
        .args(args)
        .env("DATABASE_URL", database_url()))
}
