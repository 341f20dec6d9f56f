//! Installing the build and test tools a fresh machine lacks, from the package
//! registries only (crates.io, npm, Debian). Nothing downloads a binary from anywhere
//! else: Trunk runs offline and finds these on PATH. See shared/TOOLCHAIN.md for why
//! each version is what it is.

use crate::run::{output, root, run, step, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";
/// Debian's binaryen (108) breaks wasm-bindgen's reference-type table; npm has a
/// current one. Keep in step with `wasm_opt` in Trunk.toml.
const BINARYEN_VERSION: &str = "132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where `cargo install` puts binaries.
fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// npm's binaryen lives inside the repository's target folder, so nothing global
/// changes and `cargo clean` removes it like any other build product.
fn binaryen_dir() -> PathBuf {
    root().join("target/tools/binaryen")
}

/// PATH with our wasm-opt first (ahead of any Debian one) and cargo's bin folder.
pub fn path() -> OsString {
    let mut dirs = vec![binaryen_dir().join("node_modules/.bin"), cargo_bin()];
    if let Some(existing) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

fn tool(name: &str) -> Command {
    let mut cmd = Command::new(name);
    cmd.env("PATH", path());
    cmd
}

fn version_of(name: &str) -> Option<String> {
    output(tool(name).arg("--version")).map(|v| v.trim().to_string())
}

/// Everything `cargo xtask build` needs.
pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()
}

fn ensure_wasm_target() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    step(&format!("installing the {WASM_TARGET} target (rustup)"));
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk() -> Result {
    if version_of("trunk").is_some_and(|v| v == format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    step(&format!(
        "installing Trunk {TRUNK_VERSION} from crates.io (cargo install; about 9 minutes on 2 cores)"
    ));
    run(cargo().args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".to_string())
}

fn ensure_wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen_version()?;
    if version_of("wasm-bindgen").is_some_and(|v| v == format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {version} (matching Cargo.lock) from crates.io (about 3 minutes)"
    ));
    // Not --locked: its lockfile names a crate version the registry no longer has.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &version]))
}

fn ensure_wasm_opt() -> Result {
    if version_of("wasm-opt").is_some_and(|v| v.contains(&format!("version {BINARYEN_VERSION}"))) {
        return Ok(());
    }
    if version_of("npm").is_none() {
        return Err(
            "npm is needed to install wasm-opt (binaryen); install Node.js: apt-get install -y nodejs npm"
                .to_string(),
        );
    }
    step(&format!(
        "installing wasm-opt from npm binaryen@{BINARYEN_VERSION} into target/tools/binaryen"
    ));
    npm_install(&binaryen_dir(), &format!("binaryen@{BINARYEN_VERSION}"))?;
    match version_of("wasm-opt") {
        Some(v) if v.contains(&format!("version {BINARYEN_VERSION}")) => Ok(()),
        other => Err(format!("wasm-opt after installing binaryen: {other:?}")),
    }
}

const COMMONMARK_SPEC_VERSION: &str = "0.31.2";

/// The CommonMark spec's examples, for the renderer's conformance test; its path.
pub fn ensure_commonmark_spec() -> Result<PathBuf> {
    ensure_npm_tool("commonmark-spec", COMMONMARK_SPEC_VERSION, "spec.txt")
}

const AXE_CORE_VERSION: &str = "4.10.3";

/// axe-core, the accessibility checker the browser tests run in each page; the path
/// of its script.
pub fn ensure_axe_core() -> Result<PathBuf> {
    ensure_npm_tool("axe-core", AXE_CORE_VERSION, "axe.min.js")
}

/// An npm package installed into target/tools/<name> once (tests and the benchmark
/// use these; nothing outside the repository changes); the path of `file` in it.
pub fn ensure_npm_tool(name: &str, version: &str, file: &str) -> Result<PathBuf> {
    let dir = root().join("target/tools").join(name);
    let path = dir.join("node_modules").join(name).join(file);
    let manifest = dir.join("node_modules").join(name).join("package.json");
    let installed = std::fs::read_to_string(&manifest)
        .is_ok_and(|m| m.contains(&format!("\"version\": \"{version}\"")));
    if installed && path.exists() {
        return Ok(path);
    }
    step(&format!(
        "installing npm {name}@{version} into target/tools"
    ));
    npm_install(&dir, &format!("{name}@{version}"))?;
    Ok(path)
}

const TWIGGY_VERSION: &str = "0.8.0";

/// twiggy, which says what a wasm file's bytes are, for the benchmark.
pub fn ensure_twiggy() -> Result<Command> {
    let installed = Command::new("twiggy")
        .arg("--version")
        .env("PATH", path())
        .output()
        .ok()
        .filter(|out| String::from_utf8_lossy(&out.stdout).contains(TWIGGY_VERSION));
    if installed.is_none() {
        step(&format!(
            "installing twiggy {TWIGGY_VERSION} (cargo install --locked)"
        ));
        run(cargo().args(["install", "--locked", "twiggy", "--version", TWIGGY_VERSION]))?;
    }
    let mut twiggy = Command::new("twiggy");
    twiggy.env("PATH", path());
    Ok(twiggy)
}

/// Installs an npm package into `dir`/node_modules, leaving the rest of the
/// machine alone.
fn npm_install(dir: &Path, package: &str) -> Result {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    run(Command::new("npm")
        .arg("install")
        .arg("--prefix")
        .arg(dir)
        .args(["--no-audit", "--no-fund", "--loglevel=error", package]))
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian's Chromium and its driver, for the browser tests.
pub fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    step("installing Chromium and chromedriver from Debian (apt-get)");
    apt_install(&["chromium", "chromium-driver"])
}

/// A C compiler and make, which building jemalloc (the `quire` command's
/// allocator) from its crate's source takes.
pub fn ensure_c_tools() -> Result {
    if version_of("cc").is_some() && version_of("make").is_some() {
        return Ok(());
    }
    step(
        "installing a C compiler and make from Debian (apt-get build-essential), to build jemalloc",
    );
    apt_install(&["build-essential"])
}

/// wrk, the HTTP load generator, for the comment service's read figure.
pub fn ensure_wrk() -> Result {
    if Command::new("wrk").arg("--version").output().is_ok() {
        return Ok(());
    }
    step("installing wrk from Debian (apt-get), to measure the comment service's reads");
    apt_install(&["wrk"])
}

/// Installs Debian packages, through sudo unless this is root.
pub fn apt_install(packages: &[&str]) -> Result {
    let as_root = output(Command::new("id").arg("-u")).is_some_and(|id| id.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update", "-q"]))?;
    let mut install = vec!["install", "-y", "-q"];
    install.extend_from_slice(packages);
    run(&mut apt(&install))
}

pub fn trunk() -> Command {
    tool("trunk")
}

pub fn cargo() -> Command {
    crate::run::cargo()
}
