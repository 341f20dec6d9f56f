//! `cargo xtask test`: every check, cheapest first, so a mistake fails fast.

use crate::run::{cargo, root, run, run_tests, step, Result, Tally};
use crate::site;
use crate::tools;

pub fn run_all() -> Result {
    step("checking formatting (cargo fmt)");
    run(cargo().args(["fmt", "--all", "--check"]))?;

    // The `quire` command's allocator is built from C source (see its Cargo.toml).
    tools::ensure_c_tools()?;
    step("linting the tools and libraries (cargo clippy -D warnings)");
    run(cargo().args([
        "clippy",
        "--quiet",
        "--workspace",
        "--exclude",
        "quire",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    tools::ensure_build_tools()?;
    step("linting the browser app and its modules for wasm32 (cargo clippy -D warnings)");
    run(cargo().args([
        "clippy",
        "--quiet",
        "--package",
        "quire",
        "--package",
        "quire-search-module",
        "--package",
        "quire-markdown-module",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;

    let spec = tools::ensure_commonmark_spec()?;
    let mut tally = Tally::default();
    // The comment service's tests run on SQLite and on this PostgreSQL alike.
    let postgres = crate::postgres::Postgres::start()?;
    step("unit tests: schema, renderer (with the CommonMark spec), bundler, host, comments");
    run_tests(
        cargo()
            .env("QUIRE_COMMONMARK_SPEC", spec)
            .env("QUIRE_TEST_DATABASE_URL", postgres.url())
            .env("QUIRE_REQUIRE_POSTGRES", "1")
            .args([
                "test",
                "--workspace",
                "--exclude",
                "quire",
                "--exclude",
                "quire-e2e",
                "--lib",
                "--bins",
                "--tests",
                "--",
                // Shows what passing tests report, such as the CommonMark counts.
                "--show-output",
            ]),
        &mut tally,
    )?;
    drop(postgres);

    tools::ensure_chromium()?;
    site::build(&site::BuildOptions::default())?;
    step("building the site again for a sub-path (--base-url …/blog/), for its browser tests");
    let subpath = root().join("target/dist-subpath");
    site::build(&site::BuildOptions {
        base_url: Some("http://127.0.0.1:8080/blog/".to_string()),
        dist: subpath.clone(),
        ..site::BuildOptions::default()
    })?;

    step("building a synthetic blog of 25 posts around the same app, for the feed's pages");
    let many = root().join("target/dist-many");
    let many_content = root().join("target/content-many");
    crate::synthetic::write_blog(&many_content, 25)?;
    site::build_around_app(&site::dist_dir(), &many_content, &many)?;

    let axe = tools::ensure_axe_core()?;
    let comments = crate::comments::binary()?;
    step("building quire, for the browser tests that pull comments and build");
    site::quire_binary()?;
    step("browser tests: dist/ on a files-only host, read by headless Chromium");
    // The same packages as the unit tests' (quire-e2e's test targets picked by
    // name), so cargo gives every crate the same features and builds only the
    // browser tests themselves: with quire-e2e alone, mio lost a feature and a
    // third of the workspace (leptos, quire-site, quire-serve …) was compiled again,
    // three minutes of every run.
    let mut browser_tests = cargo();
    browser_tests.args(["test", "--workspace", "--exclude", "quire"]);
    for name in e2e_test_names()? {
        browser_tests.args(["--test", &name]);
    }
    run_tests(
        browser_tests
            .env("QUIRE_DIST", site::dist_dir())
            .env("QUIRE_DIST_SUBPATH", &subpath)
            .env("QUIRE_DIST_MANY", &many)
            .env("QUIRE_AXE", &axe)
            .env("QUIRE_COMMENTS_BIN", &comments)
            .env("QUIRE_BIN", root().join("target/debug/quire"))
            .env("QUIRE_SHELL", site::shell_of(&site::dist_dir()))
            .env("QUIRE_CHROMIUM", tools::CHROMIUM)
            .env("QUIRE_CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("QUIRE_SCREENSHOTS", root().join("target/screenshots")),
        &mut tally,
    )?;

    step("all tests passed");
    if tally.passed == 0 {
        return Err("no test ran: the test targets are missing".to_string());
    }
    // The plain closing line CI reads, whatever the runners printed before it.
    println!("tests: {} passed, {} failed", tally.passed, tally.failed);
    Ok(())
}

/// The browser tests' targets: each file in `tests/e2e/tests/`.
fn e2e_test_names() -> Result<Vec<String>> {
    let dir = root().join("tests/e2e/tests");
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".rs").map(str::to_string)
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no browser tests in {}", dir.display()));
    }
    Ok(names)
}
