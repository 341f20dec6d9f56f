//! Running commands with their progress shown, and the repository's layout.

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root: xtask lives one folder below it.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Prints a step the way cargo prints its own, so a newcomer sees what happens.
pub fn step(what: &str) {
    eprintln!("\x1b[1;32m==>\x1b[0m {what}");
}

/// Runs `cmd` in the workspace root, failing with the command line if it fails.
pub fn run(cmd: &mut Command) -> Result {
    cmd.current_dir(root());
    let shown = format!("{cmd:?}").replace('"', "");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Tests passed and failed, added up over every `cargo test` run.
#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
}

/// Runs a `cargo test` command, showing its output as it comes, and adds its
/// "test result:" counts to `tally`.
pub fn run_tests(cmd: &mut Command, tally: &mut Tally) -> Result {
    use std::io::{BufRead, BufReader};
    cmd.current_dir(root()).stdout(std::process::Stdio::piped());
    let shown = format!("{cmd:?}").replace('"', "");
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            println!("{line}");
            if let Some(counts) = line.strip_prefix("test result: ") {
                tally.passed += count(counts, " passed");
                tally.failed += count(counts, " failed");
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("`{shown}` did not finish: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The number before `label` in "ok. 16 passed; 0 failed; …".
fn count(counts: &str, label: &str) -> usize {
    counts
        .split(';')
        .find_map(|part| part.trim().strip_suffix(label))
        .and_then(|n| n.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Runs `cmd` and returns its standard output, or `None` if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.current_dir(root()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn cargo() -> Command {
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()));
    // `cargo run` set these for xtask; a build started from here must not see them.
    // ring's build script reruns when they change, so a nested build would compile
    // ring, rustls and all that use them again, and the next outer one once more.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let of_the_package = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
            || name == "CARGO_PRIMARY_PACKAGE";
        if of_the_package {
            cargo.env_remove(name.as_ref());
        }
    }
    cargo
}
