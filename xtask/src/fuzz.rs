//! `cargo xtask fuzz`: cargo-fuzz (libFuzzer) on nightly, for a bounded time, with
//! anything it finds kept as a regression test.

use crate::run::{cargo, output, root, run, step, Result};
use std::fs;
use std::process::Command;

const TARGETS: [&str; 2] = ["markdown", "bundle"];

pub fn command(args: &[String]) -> Result {
    let mut seconds = 60u64;
    let mut targets: Vec<&str> = TARGETS.to_vec();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--seconds", Some(n)) => {
                seconds = n
                    .parse()
                    .map_err(|_| format!("--seconds takes a number, not `{n}`"))?
            }
            ("--target", Some(t)) if TARGETS.contains(&t.as_str()) => targets = vec![t.as_str()],
            _ => {
                return Err(format!(
                    "usage: cargo xtask fuzz [--seconds N] [--target {}]",
                    TARGETS.join("|")
                ))
            }
        }
    }
    ensure_tools()?;
    let mut found = Vec::new();
    for target in targets {
        step(&format!(
            "fuzzing `{target}` for {seconds} s (cargo fuzz, nightly)"
        ));
        let corpus = root().join("fuzz/corpus").join(target);
        fs::create_dir_all(&corpus)
            .map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
        seed_corpus(target, &corpus);
        // A failing run is what we are looking for: its inputs are collected below.
        let _ = run(Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-max_len=65536",
            ]));
        found.extend(keep_findings(target)?);
    }
    if found.is_empty() {
        step("fuzzing found nothing");
        Ok(())
    } else {
        Err(format!(
            "fuzzing found {} failing input(s), now kept as regression tests: {}",
            found.len(),
            found.join(", ")
        ))
    }
}

fn ensure_tools() -> Result {
    let toolchains = output(Command::new("rustup").args(["toolchain", "list"])).unwrap_or_default();
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        return Err(
            "cargo fuzz needs a nightly toolchain: `rustup toolchain install nightly`".into(),
        );
    }
    if output(Command::new("cargo").args(["fuzz", "--version"])).is_none() {
        step("installing cargo-fuzz from crates.io (cargo install; a few minutes)");
        run(cargo().args(["install", "cargo-fuzz", "--locked"]))?;
    }
    Ok(())
}

/// Starts the markdown fuzzer from the hostile corpus's kind of input.
fn seed_corpus(target: &str, corpus: &std::path::Path) {
    let seeds = root().join("crates/quire-markdown/tests/fuzz-regressions");
    if target == "markdown" {
        if let Ok(entries) = fs::read_dir(seeds) {
            for entry in entries.flatten() {
                let _ = fs::copy(entry.path(), corpus.join(entry.file_name()));
            }
        }
    }
}

/// Copies libFuzzer's crash, timeout and out-of-memory inputs into the regression
/// folder of the crate they exercise, and names them.
fn keep_findings(target: &str) -> Result<Vec<String>> {
    let artifacts = root().join("fuzz/artifacts").join(target);
    let keep_in = root().join(match target {
        "bundle" => "crates/quire-schema/tests/fuzz-regressions",
        _ => "crates/quire-markdown/tests/fuzz-regressions",
    });
    let mut kept = Vec::new();
    let Ok(entries) = fs::read_dir(&artifacts) else {
        return Ok(kept);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["crash-", "timeout-", "oom-"]
            .iter()
            .any(|p| name.starts_with(p))
        {
            fs::create_dir_all(&keep_in).map_err(|e| format!("{}: {e}", keep_in.display()))?;
            let to = keep_in.join(&name);
            fs::copy(entry.path(), &to).map_err(|e| format!("{}: {e}", to.display()))?;
            kept.push(to.strip_prefix(root()).unwrap_or(&to).display().to_string());
        }
    }
    Ok(kept)
}
