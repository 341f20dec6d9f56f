//! Quire's project commands. `cargo xtask help` lists them.

mod bench;
mod comments;
mod fuzz;
mod postgres;
mod run;
mod site;
mod synthetic;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask: build, serve and test Quire

  cargo xtask serve [--port N]       build the sample blog and preview it on http://127.0.0.1:8080,
                                     rebuilt on every save, with its comment service at /api/
  cargo xtask comments ARGS          moderate the served blog's comments: pending,
                                     approve ID, reject ID, delete ID; pull (into content/)
  cargo xtask new \"A title\"          start a draft post in content/posts/ (quire new)
  cargo xtask build [--base-url URL] build a deployable dist/ (also: --content DIR, --out DIR)
  cargo xtask test                   run every test: format, lints, unit tests, browser tests
  cargo xtask fuzz [--seconds N]     fuzz the Markdown renderer and the bundle decoder
  cargo xtask bench                  measure; write bench/results.json and BENCHMARKS.md
  cargo xtask bench comments         only the comment service's load figures, printed
  cargo xtask bench author           only the author's loop (builds, save to screen), printed
  cargo xtask bench scale            only quire build on 10 to 10,000 posts, printed
  cargo xtask bench images           only the photo figures, written into BENCHMARKS.md
  cargo xtask bench search           only search beside Pagefind, written into BENCHMARKS.md
  cargo xtask bench lighthouse       only Lighthouse on the home page and a post, printed
  cargo xtask help

Each command installs the tools it lacks first (wasm32 target, Trunk, wasm-bindgen,
wasm-opt, Chromium and chromedriver) from the package registries, and says so.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => site::build_command(&args[1..]),
        Some("new") => site::new_command(&args[1..]),
        Some("serve") => site::serve_command(&args[1..]),
        Some("test") => test::run_all(),
        Some("comments") => comments::command(&args[1..]),
        Some("fuzz") => fuzz::command(&args[1..]),
        Some("bench") => bench::command(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
