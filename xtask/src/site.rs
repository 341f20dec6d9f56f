//! Building `dist/` (the app by Trunk, the bundles by `quire`) and serving it.

use crate::run::{cargo, root, run, step, Result};
use crate::tools;
use quire_host::Host;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

pub struct BuildOptions {
    pub base_url: Option<String>,
    pub content: PathBuf,
    pub dist: PathBuf,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            base_url: None,
            content: root().join("content"),
            dist: dist_dir(),
        }
    }
}

pub fn build_command(args: &[String]) -> Result {
    let usage = "usage: cargo xtask build [--base-url URL] [--content DIR] [--out DIR]";
    let mut options = BuildOptions::default();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(usage)?;
        match flag.as_str() {
            "--base-url" => options.base_url = Some(value.clone()),
            "--content" => options.content = PathBuf::from(value),
            "--out" => options.dist = PathBuf::from(value),
            _ => return Err(usage.to_string()),
        }
    }
    build(&options)?;
    step(&format!(
        "{} is ready: copy it to any static host",
        options.dist.display()
    ));
    Ok(())
}

/// `quire new` on the sample blog's content/.
pub fn new_command(args: &[String]) -> Result {
    let [title] = args else {
        return Err("usage: cargo xtask new \"A title\"".to_string());
    };
    run_quire(&[
        "new".as_ref(),
        title.as_ref(),
        "--content".as_ref(),
        root().join("content").as_os_str(),
    ])
}

pub fn serve_command(args: &[String]) -> Result {
    let port = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => port
            .parse()
            .map_err(|_| format!("--port takes a number, not `{port}`"))?,
        _ => return Err("usage: cargo xtask serve [--port N]".to_string()),
    };
    let options = BuildOptions::default();
    let (app, shell) = match build(&options) {
        Ok(()) => (dist_dir(), shell_of(&dist_dir())),
        Err(e) => app_for_broken_content(&options, e)?,
    };
    let preview_dir = root().join("target/preview");
    let host = Host::bind_under(
        &preview_dir,
        &format!("127.0.0.1:{port}"),
        &base_path(&options)?,
    )
    .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (try --port)"))?;
    step("starting the live preview: content/ with its drafts and scheduled posts, rebuilt on every save");
    let preview = quire_serve::Options {
        content: options.content.clone(),
        out: preview_dir.clone(),
        app,
        shell,
        clock: quire_content::publish::Clock::from_env()?,
        verbose: true,
    };
    let watching = quire_serve::start(&preview, &host)?;
    // The comment service beside it, under /api/ as the deploy guide sets it up.
    let service_addr = std::net::SocketAddr::from(([127, 0, 0, 1], crate::postgres::free_port()?));
    let _service = comment_service(&preview_dir, &host.url(), service_addr)?;
    host.pass_to("/api/", service_addr);
    let url = host.url();
    let _host = host
        .spawn()
        .map_err(|e| format!("the server stopped: {e}"))?;
    step(&format!(
        "serving the sample blog on {url}/ with its comment service at {url}/api/. Edit \
         anything in content/ and open tabs follow; edit the app (src/, style/, crates/quire-views/) \
         and it is rebuilt and the tabs reload. Ctrl-C stops."
    ));
    step(
        "dist/ (from the same build) is the site to deploy: no drafts, no preview script. \
         Comments: `cargo xtask comments pending`, `cargo xtask comments approve c1`",
    );
    let (tx, rx) = std::sync::mpsc::channel();
    let _app_watch = quire_serve::on_save(&app_sources(), move |_| {
        let _ = tx.send(());
    })?;
    while rx.recv().is_ok() {
        // Saves made while Trunk works are taken in by the next build.
        while rx.try_recv().is_ok() {}
        step("the app's code changed: rebuilding it with Trunk (a minute or two)");
        let staging = root().join("target/app-staging");
        let rebuilt = build_app(&staging, &base_path(&options)?).and_then(|()| {
            let shell = root().join("target/shells/preview.html");
            copy(&staging.join("index.html"), &shell)?;
            watching.new_app(&staging, &shell)
        });
        match rebuilt {
            Ok(()) => step("the app is rebuilt; open tabs reload"),
            Err(e) => eprintln!("{e}\nthe preview keeps the previous app"),
        }
    }
    Ok(())
}

/// The comment service for the preview in `preview_dir`. It reads the built blog,
/// so a preview whose content has never built starts it at its first good build.
fn comment_service(
    preview_dir: &Path,
    origin: &str,
    addr: std::net::SocketAddr,
) -> Result<Arc<Mutex<Option<crate::comments::Running>>>> {
    let service = Arc::new(Mutex::new(None));
    let built = |dir: &Path| dir.join("data/archive.json").is_file();
    if built(preview_dir) {
        *service.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(crate::comments::start(preview_dir, origin, addr)?);
        return Ok(service);
    }
    let (later, dir, origin) = (
        Arc::clone(&service),
        preview_dir.to_path_buf(),
        origin.to_string(),
    );
    std::thread::spawn(move || {
        while !built(&dir) {
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        match crate::comments::start(&dir, &origin, addr) {
            Ok(running) => {
                *later.lock().unwrap_or_else(PoisonError::into_inner) = Some(running);
                step("the content built: the comment service is up");
            }
            Err(e) => eprintln!("{e}\nthe preview goes on without its comment service"),
        }
    });
    Ok(service)
}

/// When the build failed because content/ has problems, the app alone (and its page
/// shell), for a preview that shows those problems in the tab until a save fixes
/// them; any other failure is `failed`.
fn app_for_broken_content(options: &BuildOptions, failed: String) -> Result<(PathBuf, PathBuf)> {
    let checked = quire()
        .arg("check")
        .arg("--content")
        .arg(&options.content)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    if !checked.is_ok_and(|status| !status.success()) {
        return Err(failed);
    }
    step("content/ has problems (above): previewing it all the same; open tabs show them until a save fixes them");
    let staging = root().join("target/app-staging");
    build_app(&staging, &base_path(options)?)?;
    let shell = root().join("target/shells/preview.html");
    copy(&staging.join("index.html"), &shell)?;
    Ok((staging, shell))
}

/// What the app is built from: a save in any of these rebuilds it.
fn app_sources() -> Vec<PathBuf> {
    APP_SOURCES
        .iter()
        .map(|p| root().join(p))
        .filter(|p| p.exists())
        .collect()
}

/// Trunk's release build of the app into `staging` (emptied first), for a site
/// served under `base`.
fn build_app(staging: &Path, base: &str) -> Result {
    let _ = fs::remove_dir_all(staging);
    copy_dir(&built_app()?, staging)?;
    write_shell(staging, base, &staging.join("index.html"))
}

/// What Trunk is given as the app's address (`--public-url`), in place of a site's
/// base path. Trunk writes it only into `index.html`, the pages' shell: the app's
/// files are the same for every base path, so one build serves them all, and each
/// site's shell is that file with this replaced by the site's base path. (Built
/// anew for each base path, the tests' second site cost a minute of wasm-opt.)
const BASE_PLACEHOLDER: &str = "/quire-base-path-of-the-site/";

/// Writes to `to` the shell of the app built into `app`, for a site served under
/// `base` (as `quire_schema::base_path` gives it: letters, digits and `-_.~`
/// between slashes, so it needs no quoting where the placeholder needed none).
fn write_shell(app: &Path, base: &str, to: &Path) -> Result {
    let from = app.join("index.html");
    let html = fs::read_to_string(&from).map_err(|e| format!("{}: {e}", from.display()))?;
    let shell = shell_for_base(&html, base).map_err(|e| format!("{}: {e}", from.display()))?;
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(to, shell).map_err(|e| format!("{}: {e}", to.display()))
}

/// The shell Trunk wrote, `html`, with its placeholder for the base path replaced.
fn shell_for_base(html: &str, base: &str) -> Result<String> {
    if !html.contains(BASE_PLACEHOLDER) {
        return Err(format!(
            "Trunk's index.html does not name its files under {BASE_PLACEHOLDER}, the \
             --public-url it was given; delete target/app-builds to build the app again"
        ));
    }
    Ok(html.replace(BASE_PLACEHOLDER, base))
}

/// The folder of Trunk's release build of the app, for a site served under any
/// base path (its `index.html` names the app's files under `BASE_PLACEHOLDER`).
/// A build is kept by the fingerprint of everything it was made from, and reused
/// while that is unchanged: Trunk's own work (wasm-bindgen, wasm-opt) takes a minute
/// even when no code changed.
fn built_app() -> Result<PathBuf> {
    let builds = root().join("target/app-builds");
    let kept = builds.join(app_fingerprint()?);
    if kept.join("index.html").is_file() {
        step("the app is unchanged since it was last built (same sources and tools): reusing that build");
        // An app built before its builds kept their twins gets them now, once.
        keep_app_twins(&kept)?;
        return Ok(kept);
    }
    let staging = root().join("target/trunk-staging");
    let _ = fs::remove_dir_all(&staging);
    // Only when Trunk runs: an author's build that reuses the app spends no time
    // on Trunk's tools or its crates (half a second of every rebuild).
    tools::ensure_build_tools()?;
    step("fetching crates (Trunk builds offline)");
    run(cargo().args(["fetch", "--quiet"]))?;
    step("building the app with Trunk (release wasm, wasm-opt -Oz; takes a few minutes)");
    run(tools::trunk()
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            BASE_PLACEHOLDER,
            "--dist",
        ])
        .arg(&staging))?;
    // The latest few are kept: a checkout switched back and forth reuses them.
    let mut older: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(&builds)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
                .collect()
        })
        .unwrap_or_default();
    older.sort();
    for (_, path) in older.iter().rev().skip(3) {
        let _ = fs::remove_dir_all(path);
    }
    for module in MODULES {
        name_module(&staging, module)?;
    }
    copy_dir(&staging, &kept)?;
    let _ = fs::remove_dir_all(&staging);
    keep_app_twins(&kept)?;
    Ok(kept)
}

/// The wasm modules Trunk builds beside the app, which the app imports when needed.
const MODULES: [&str; 2] = [quire_schema::SEARCH_MODULE, quire_schema::MARKDOWN_MODULE];

/// Names a module's files (search's, Markdown's) by their content, as Trunk names
/// the app's (it does not for a module built as `data-type="worker"`, which it
/// expects a script to name), and tells the pages that name in the shell's head:
/// so the module is cached for a year and placed, compressed and replaced like the
/// rest of the app.
fn name_module(app: &Path, module: &str) -> Result {
    use sha2::{Digest, Sha256};
    let files = [format!("{module}.js"), format!("{module}_bg.wasm")];
    let mut hash = Sha256::new();
    for file in &files {
        let path = app.join(file);
        hash.update(fs::read(&path).map_err(|e| {
            format!(
                "Trunk did not build the module {module} ({}: {e})",
                path.display()
            )
        })?);
    }
    let digest = hash.finalize();
    let named = format!(
        "{module}-{}",
        digest[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    for (file, suffix) in files.iter().zip([".js", "_bg.wasm"]) {
        let to = app.join(format!("{named}{suffix}"));
        fs::rename(app.join(file), &to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    let shell = app.join("index.html");
    let html = fs::read_to_string(&shell).map_err(|e| format!("{}: {e}", shell.display()))?;
    let meta = format!("<meta name={module} content={named}>");
    let with_meta = html.replacen("</head>", &format!("{meta}</head>"), 1);
    if with_meta == html {
        return Err(format!("{} has no </head>", shell.display()));
    }
    fs::write(&shell, with_meta).map_err(|e| format!("{}: {e}", shell.display()))
}

/// Compresses the app's files once, beside its build, for every site built around
/// it (`quire build --app` takes them): else each new site's first build would
/// spend seconds on the wasm at brotli's highest quality.
fn keep_app_twins(app: &Path) -> Result {
    // (Each file is looked for all the same: a build stopped halfway has some.)
    if !app.join(quire_site::compress::APP_TWINS_DIR).is_dir() {
        step("compressing the app's files (brotli and gzip at their highest), once for every site built around it");
    }
    quire_site::compress::keep_app_twins(app)
        .map(|_| ())
        .map_err(|e| format!("could not compress the app's files: {e}"))
}

/// Whether a build of the app from its sources as they are now is kept.
fn app_is_built() -> Result<bool> {
    Ok(root()
        .join("target/app-builds")
        .join(app_fingerprint()?)
        .join("index.html")
        .is_file())
}

/// What the app is built from: its sources, the crates it uses from this
/// workspace, the lock file and Trunk's settings.
const APP_SOURCES: [&str; 15] = [
    "src",
    ".cargo/config.toml",
    "style",
    "public",
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "Cargo.lock",
    "crates/quire-views",
    "crates/quire-markdown",
    "crates/quire-schema",
    "crates/quire-search",
    "crates/quire-search-module",
    "crates/quire-markdown-module",
    "vendor/pulldown-cmark",
];

/// A hash of every file the app is built from, the compiler and the placeholder
/// for the base path (builds before it named their files under a real one).
fn app_fingerprint() -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut files = Vec::new();
    for source in APP_SOURCES {
        files_under(&root().join(source), &mut files);
    }
    files.sort();
    let mut hash = Sha256::new();
    let rustc = std::process::Command::new("rustc")
        .arg("-V")
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    hash.update(&rustc.stdout);
    hash.update(BASE_PLACEHOLDER.as_bytes());
    for file in files {
        let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        hash.update(
            file.strip_prefix(root())
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn files_under(path: &Path, found: &mut Vec<PathBuf>) {
    if path.is_file() {
        found.push(path.to_path_buf());
    } else if let Ok(entries) = fs::read_dir(path) {
        for entry in entries.flatten() {
            files_under(&entry.path(), found);
        }
    }
}

/// Copies the folder `from`, with everything in it, to `to`.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            copy(&path, &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Builds the whole site into `dist/` in place: the app (Trunk's build, kept and
/// reused while its sources are unchanged), then `quire build`, which writes only
/// what changed and removes what the site no longer has. Content with problems fails
/// before anything in `dist/` is touched but the new app's files, which are then
/// taken out again.
pub fn build(options: &BuildOptions) -> Result {
    let base = base_path(options)?;
    // When Trunk must run, content first: a bad post fails in seconds, not after a
    // long wasm build. (`quire build` checks it anyway, before it writes anything.)
    if !app_is_built()? {
        step("checking content/");
        run_quire(&[
            "check".as_ref(),
            "--content".as_ref(),
            options.content.as_os_str(),
        ])
        .map_err(|_| "content/ has problems (listed above); dist/ was not changed".to_string())?;
    }
    let app = built_app()?;
    // Kept for sites built around this app later (`build_around_app`).
    let shell = shell_of(&options.dist);
    write_shell(&app, &base, &shell)?;
    // The app's files go in first, under new names: pages written next name them.
    let added = place_app(&app, &options.dist)?;
    let cache = cache_of(&options.dist);
    let built = finish(
        &options.dist,
        &options.content,
        options.base_url.as_deref(),
        &shell,
        &cache,
        &app,
    );
    if let Err(e) = built {
        for name in added {
            let _ = fs::remove_file(options.dist.join(name));
        }
        return Err(format!("{e}; {} was not changed", options.dist.display()));
    }
    remove_old_app(&app, &options.dist, &cache)
}

/// Copies the app's content-named files (not its `index.html`, which is the pages'
/// shell) into `dist` where they are not there already; returns those it added.
fn place_app(app: &Path, dist: &Path) -> Result<Vec<String>> {
    fs::create_dir_all(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut added = Vec::new();
    for name in app_files(app)? {
        let (from, to) = (app.join(&name), dist.join(&name));
        let bytes = fs::read(&from).map_err(|e| format!("{}: {e}", from.display()))?;
        if !fs::read(&to).is_ok_and(|old| old == bytes) {
            quire_site::write::write_whole(&to, &bytes).map_err(|e| e.to_string())?;
            added.push(name);
        }
    }
    Ok(added)
}

/// The names of the content-named files of the app built into `app`.
fn app_files(app: &Path) -> Result<Vec<String>> {
    let entries = fs::read_dir(app).map_err(|e| format!("{}: {e}", app.display()))?;
    Ok(entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| quire_site::headers::has_content_hash(name))
        .collect())
}

/// Removes from `dist` the files of earlier builds of the app (content-named files
/// at the top that neither this app nor `quire build`'s record has), with their twins.
fn remove_old_app(app: &Path, dist: &Path, cache: &Path) -> Result {
    let current = app_files(app)?;
    let record = quire_site::write::Record::read(&cache.join(quire_site::write::RECORD_NAME), dist);
    let entries = fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let plain = name
            .strip_suffix(".br")
            .or_else(|| name.strip_suffix(".gz"))
            .unwrap_or(&name);
        let old = quire_site::headers::has_content_hash(plain)
            && !current.iter().any(|n| n == plain)
            && !record.files.contains_key(plain);
        if old && entry.file_type().is_ok_and(|t| t.is_file()) {
            fs::remove_file(entry.path()).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    Ok(())
}

/// Where the page shell Trunk wrote for the build into `dist` is kept.
pub fn shell_of(dist: &Path) -> PathBuf {
    root()
        .join("target/shells")
        .join(format!("{}.html", site_name(dist)))
}

/// `dist`, `dist-many`: what the files kept for a site's later builds are named by.
fn site_name(dist: &Path) -> String {
    dist.file_name().map_or_else(
        || "dist".to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Builds the site of `content` into `dist` around the app already built into
/// `app_from` (with the default base URL), skipping Trunk: for test sites that
/// differ from dist/ only in their posts.
pub fn build_around_app(app_from: &Path, content: &Path, dist: &Path) -> Result {
    let staging = root().join("target/dist-staging");
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    let entries = fs::read_dir(app_from).map_err(|e| format!("{}: {e}", app_from.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let plain = name.trim_end_matches(".br").trim_end_matches(".gz");
        if quire_site::headers::has_content_hash(plain) {
            copy(&entry.path(), &staging.join(&name))?;
        }
    }
    finish(
        &staging,
        content,
        None,
        &shell_of(app_from),
        &cache_of(dist),
        &staging,
    )?;
    swap_in(&staging, dist)
}

/// Everything after the app: `quire build` writes the bundles, pages, feeds, static
/// files, host files and compressed twins into `staging` around the app already
/// there, keeping the twins in `cache` for the next build of the same site.
fn finish(
    staging: &Path,
    content: &Path,
    base_url: Option<&str>,
    shell: &Path,
    cache: &Path,
    app: &Path,
) -> Result {
    step("writing the JSON bundles, feeds, a prerendered page for every route, and their .br and .gz");
    let mut args = vec![
        "build".as_ref(),
        "--content".as_ref(),
        content.as_os_str(),
        "--out".as_ref(),
        staging.as_os_str(),
        "--shell".as_ref(),
        shell.as_os_str(),
        "--cache".as_ref(),
        cache.as_os_str(),
        "--app".as_ref(),
        app.as_os_str(),
    ];
    if let Some(url) = base_url {
        args.extend([
            std::ffi::OsStr::new("--base-url"),
            std::ffi::OsStr::new(url),
        ]);
    }
    run_quire(&args)
}

/// `quire ARGS`, run in this process (xtask links quire-cli): as a command, `quire`
/// would first need a `cargo build` to be sure it is fresh, a third of a second of
/// every build. Its messages are printed as it goes.
pub fn run_quire(args: &[&std::ffi::OsStr]) -> Result {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    quire_cli::run(&args).map_err(|message| {
        eprintln!("{message}");
        format!(
            "quire {} failed (above)",
            args.first().map_or("", String::as_str)
        )
    })
}

/// Where the compressed twins of the site built into `dist` are kept between builds
/// (every build stages in one folder, so `quire build`'s default would mix sites).
fn cache_of(dist: &Path) -> PathBuf {
    root().join("target/quire-cache").join(site_name(dist))
}

/// The path the site is served under (`/` or `/blog/`), from the base URL given on
/// the command line or else in site.toml.
fn base_path(options: &BuildOptions) -> Result<String> {
    let url = match &options.base_url {
        Some(url) => url.clone(),
        None => quire_content::content::load_site_config(&options.content)
            .map(|site| site.base_url)
            .map_err(|_| "content/site.toml has problems; run `cargo run -p quire-cli -- check`")?,
    };
    Ok(quire_schema::base_path(&url))
}

/// The author's `quire`, built once per run. It is built together with xtask, in
/// one cargo invocation: built alone, it would get other features for crates the
/// two share (ring, through two ureq versions), and every `cargo xtask` after a
/// `quire` build would recompile them both, some 16 seconds each time.
pub fn quire_binary() -> Result<PathBuf> {
    static BUILT: std::sync::OnceLock<std::result::Result<PathBuf, String>> =
        std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            // The binary has its allocator, built from C source (see quire-cli).
            crate::tools::ensure_c_tools()?;
            run(cargo().args([
                "build",
                "--quiet",
                "--package",
                "xtask",
                "--package",
                "quire-cli",
            ]))
            .map(|()| root().join("target/debug/quire"))
        })
        .clone()
}

fn quire() -> std::process::Command {
    // A failed build is reported when the command runs: `quire` is then missing.
    std::process::Command::new(quire_binary().unwrap_or_else(|_| root().join("target/debug/quire")))
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn swap_in(staging: &Path, dist: &Path) -> Result {
    quire_site::write::swap_in(staging, dist)
        .map_err(|e| format!("cannot move the new site into {}: {e}", dist.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every module the app imports is one `index.html` asks Trunk to build, as a
    /// worker (so no page loads it) with the web target (so the app can import it).
    #[test]
    fn a_shell_names_the_apps_files_under_the_sites_base_path() {
        let trunk = format!(
            "<script type=module>import init from '{p}quire-1.js';</script>\
             <link href={p}main-2.css rel=stylesheet>",
            p = BASE_PLACEHOLDER
        );
        assert_eq!(
            shell_for_base(&trunk, "/blog/").unwrap(),
            "<script type=module>import init from '/blog/quire-1.js';</script>\
             <link href=/blog/main-2.css rel=stylesheet>"
        );
        assert!(shell_for_base(&trunk, "/")
            .unwrap()
            .contains("href=/main-2.css "));
        // A Trunk that stopped writing the address it was given is not papered over.
        let err = shell_for_base("<link href=/main-2.css>", "/blog/").unwrap_err();
        assert!(err.contains("--public-url"), "{err}");
    }

    #[test]
    fn index_html_has_trunk_build_every_module() {
        let index = fs::read_to_string(root().join("index.html")).expect("index.html");
        for module in MODULES {
            let link = index
                .lines()
                .find(|line| line.contains(&format!("data-bin=\"{module}\"")))
                .unwrap_or_else(|| panic!("index.html has Trunk build {module}"));
            assert!(link.contains("data-type=\"worker\""), "{link}");
            assert!(link.contains("data-bindgen-target=\"web\""), "{link}");
        }
    }

    /// The crates of this workspace that `Cargo.toml` at `dir` names, by folder.
    fn workspace_crates_of(dir: &Path) -> Vec<String> {
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        let dependencies = manifest
            .split("\n[")
            .filter(|table| table.starts_with("dependencies]"))
            .collect::<String>();
        dependencies
            .lines()
            .filter_map(|line| line.split(['.', ' ', '=']).next())
            .filter(|name| name.starts_with("quire-"))
            .map(|name| format!("crates/{name}"))
            .collect()
    }

    /// A build in place takes the new app in and the old one out, and touches
    /// nothing else: not the site's own files, even one named like an app file.
    #[test]
    fn an_app_is_placed_in_dist_and_the_one_before_removed() {
        let scratch = std::env::temp_dir().join(format!("quire-xtask-app-{}", std::process::id()));
        let _ = fs::remove_dir_all(&scratch);
        let (app, dist, cache) = (
            scratch.join("app"),
            scratch.join("dist"),
            scratch.join("cache"),
        );
        for dir in [&app, &dist, &cache] {
            fs::create_dir_all(dir).unwrap();
        }
        fs::write(app.join("index.html"), "shell").unwrap();
        fs::write(app.join("quire-1111111111111111_bg.wasm"), "new app").unwrap();
        fs::write(dist.join("index.html"), "the home page").unwrap();
        for old in [
            "quire-0000000000000000_bg.wasm",
            "quire-0000000000000000_bg.wasm.br",
        ] {
            fs::write(dist.join(old), "old app").unwrap();
        }
        // A file of the site's own (from content/static/) with an app-like name.
        fs::write(dist.join("photo-0123456789abcdef.jpg"), "mine").unwrap();
        let mut record = quire_site::write::Record::default();
        record
            .files
            .insert("photo-0123456789abcdef.jpg".to_string(), 0);
        record
            .write(&cache.join(quire_site::write::RECORD_NAME), &dist)
            .unwrap();

        let added = place_app(&app, &dist).unwrap();
        assert_eq!(added, ["quire-1111111111111111_bg.wasm"]);
        assert_eq!(
            fs::read_to_string(dist.join("index.html")).unwrap(),
            "the home page",
            "the app's index.html is the pages' shell, not a page"
        );
        assert!(
            place_app(&app, &dist).unwrap().is_empty(),
            "in place already"
        );
        remove_old_app(&app, &dist, &cache).unwrap();
        let mut left: Vec<String> = fs::read_dir(&dist)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "index.html",
                "photo-0123456789abcdef.jpg",
                "quire-1111111111111111_bg.wasm"
            ]
        );
        let _ = fs::remove_dir_all(&scratch);
    }

    /// A change to any crate the app is made of must rebuild it: a crate missing
    /// here once left the bench timing an app without the change it measured.
    #[test]
    fn every_crate_the_app_is_built_from_is_among_its_sources() {
        let mut seen: Vec<String> = Vec::new();
        let mut next = workspace_crates_of(&root());
        assert!(!next.is_empty(), "the app uses crates of this workspace");
        while let Some(krate) = next.pop() {
            if seen.contains(&krate) {
                continue;
            }
            assert!(
                APP_SOURCES.contains(&krate.as_str()),
                "the app is built from {krate}: add it to APP_SOURCES"
            );
            next.extend(workspace_crates_of(&root().join(&krate)));
            seen.push(krate);
        }
    }

    /// A patched dependency (`[patch.crates-io]`) replaces the registry's for the app
    /// too, so a change to its copy must rebuild the app.
    #[test]
    fn every_patched_dependency_is_among_the_app_sources() {
        let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap();
        let patches = manifest
            .split("\n[")
            .find(|table| table.starts_with("patch.crates-io]"))
            .unwrap_or_default();
        let paths: Vec<&str> = patches
            .lines()
            .filter_map(|line| line.split("path = \"").nth(1)?.split('"').next())
            .collect();
        assert!(!paths.is_empty(), "pulldown-cmark is patched");
        for path in paths {
            assert!(
                APP_SOURCES.contains(&path),
                "the app is built with {path}: add it to APP_SOURCES"
            );
        }
    }

    #[test]
    fn a_build_with_bad_content_fails_fast_and_leaves_dist_as_it_was() {
        let scratch = std::env::temp_dir().join(format!("xtask-build-{}", std::process::id()));
        let _ = fs::remove_dir_all(&scratch);
        let content = scratch.join("content");
        let dist = scratch.join("dist");
        fs::create_dir_all(content.join("posts")).unwrap();
        fs::create_dir_all(dist.join("data")).unwrap();
        fs::write(
            content.join("site.toml"),
            "title = \"T\"\ndescription = \"D\"\nauthor = \"A\"\nbase_url = \"https://x.org/\"\n",
        )
        .unwrap();
        fs::write(content.join("posts/bad.md"), "+++\ntitle = \"B\"\n+++\n").unwrap();
        fs::write(dist.join("index.html"), "the previous site").unwrap();
        fs::write(dist.join("data/site.json"), "previous bundle").unwrap();

        let started = std::time::Instant::now();
        let result = build(&BuildOptions {
            base_url: None,
            content,
            dist: dist.clone(),
        });
        let error = result.expect_err("bad content fails the build");
        assert!(error.contains("was not changed"), "{error}");
        assert!(
            started.elapsed().as_secs() < 60,
            "it failed before the wasm build"
        );
        assert_eq!(
            fs::read_to_string(dist.join("index.html")).unwrap(),
            "the previous site"
        );
        assert_eq!(
            fs::read_to_string(dist.join("data/site.json")).unwrap(),
            "previous bundle"
        );
        assert_eq!(fs::read_dir(&dist).unwrap().count(), 2);
    }
}
