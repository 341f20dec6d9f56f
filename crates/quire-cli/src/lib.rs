//! `quire`: the author's command. `quire help` lists what it does. A library too,
//! so that `cargo xtask build` runs it in its own process: a second `cargo build`
//! to make sure the binary is fresh cost a third of a second of every build.

mod pull;
mod writing;

use quire_content::publish::{self, Clock, Showing};
use quire_content::{content, diagnostic::Diagnostic};
use quire_site::images::{self, Processing};
use quire_site::write;
use std::path::{Path, PathBuf};
use writing::Writing;

const USAGE: &str = "\
quire: turn a content/ folder into the JSON bundles of a Quire blog

usage:
  quire build [--content DIR] [--out DIR] [--base-url URL] [--shell FILE]
              [--app DIR] [--no-compress | --smallest] [--cache DIR] [--future]
        check everything, then bring DIR (the site root, default dist) up to
        date in place: the bundles, feeds, the post folders' and static files;
        with --shell (the app's index.html as Trunk built it), also an HTML
        page for every route and the host's _headers, which lets the app's
        content-named files (in --app DIR, default the site root) be cached.
        Only files whose bytes changed are written; files an earlier build
        wrote that the site no longer has are removed. Last, a .br and .gz
        beside every text file: brotli 11 for the app, 5 for pages, bundles and
        feeds (--smallest: 11 for all, slow the first time; --no-compress:
        none), kept by content in --cache (default: .quire-cache/NAME beside
        DIR) so the next build compresses only what changed. The app's own
        twins are taken from --app DIR's .quire-twins when its build kept them
        (cargo xtask build does).
        Drafts are never published, nor posts dated after now (scheduled) unless
        --future; QUIRE_NOW=2027-03-01 (or 2027-03-01T09:30:00Z) sets now
  quire new \"A title\" [--content DIR]
        start a post: writes DIR/posts/<slug>.md (slug from the title), dated
        today, as a draft; never replaces a file, and prints the path
  quire serve [--content DIR] [--app DIR] [--shell FILE] [--port N]
        preview the site as you write: built with drafts and scheduled posts
        (marked), served on http://127.0.0.1:N (8080), rebuilt on every save
        in DIR; open tabs follow without a reload, and show any problem a save
        makes. --app: a built app (default dist, as `cargo xtask build` leaves
        it); --shell: Trunk's index.html (default target/shells/dist.html)
  quire check [--content DIR]
        check everything and write nothing; lists when each scheduled post
        goes live
  quire comments pull --from URL [--content DIR]
        write the approved comments of the comments service at URL (its address,
        like https://blog.example/api, with QUIRE_COMMENTS_ADMIN_TOKEN set) into
        DIR/comments/, for the prerendered pages
  quire comments pull --file FILE [--content DIR]
        the same from the output of `quire-comments export` (- reads stdin)
  quire import blogger FILE [--content DIR] [--force] [--download-images] [--no-check]
        move a Blogger blog in: FILE is Google Takeout's feed.atom or the older
        blog-MM-DD-YYYY.xml; posts, pages, comments, labels, and redirects from
        every old address
  quire import zola DIR [--content DIR] [--force] [--no-check]
  quire import hugo DIR [--content DIR] [--force] [--no-check]
        move a Zola or Hugo site in (DIR: the site's folder)
        Each import writes nothing unless it all works, replaces nothing without
        --force, prints what it did with every item, then checks the result
        (--no-check leaves that to `quire check` or the build)
  quire render FILE.md
        print the HTML a reader's browser shows for FILE.md's Markdown
  quire help
";

struct Options {
    content: PathBuf,
    out: PathBuf,
    base_url: Option<String>,
    shell: Option<PathBuf>,
    /// Where the compressed twins of earlier builds are kept; `None` for the default.
    cache: Option<PathBuf>,
    compress: bool,
    smallest: bool,
    /// Publish posts dated after now too.
    future: bool,
    /// The app as Trunk built it, whose content-named files `_headers` lets be
    /// cached; `None`: those in the site root.
    app: Option<PathBuf>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        content: PathBuf::from("content"),
        out: PathBuf::from("dist"),
        base_url: None,
        shell: None,
        cache: None,
        compress: true,
        smallest: false,
        future: false,
        app: None,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || value_of(flag, &mut args);
        match flag.as_str() {
            "--content" => options.content = PathBuf::from(value()?),
            "--out" => options.out = PathBuf::from(value()?),
            "--base-url" => options.base_url = Some(value()?),
            "--shell" => options.shell = Some(PathBuf::from(value()?)),
            "--cache" => options.cache = Some(PathBuf::from(value()?)),
            "--no-compress" => options.compress = false,
            "--smallest" => options.smallest = true,
            "--future" => options.future = true,
            "--app" => options.app = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
        }
    }
    Ok(options)
}

/// The value that follows `flag` among `args`.
fn value_of(flag: &str, args: &mut std::slice::Iter<'_, String>) -> Result<String, String> {
    args.next()
        .cloned()
        .ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
}

/// Runs the command `args` (without the program's name), printing as it goes; the
/// error is what to print last.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("build") => build(&parse_options(&args[1..])?),
        Some("check") => check(&parse_options(&args[1..])?).map(|_| ()),
        Some("serve") => serve(&args[1..]),
        Some("new") => match args.get(1) {
            Some(title) if !title.starts_with("--") => new_post(title, &parse_options(&args[2..])?),
            _ => Err(format!("new takes the post's title, in quotes\n\n{USAGE}")),
        },
        Some("comments") => match args.get(1).map(String::as_str) {
            Some("pull") => comments_pull(&args[2..]),
            _ => Err(format!("comments takes `pull`\n\n{USAGE}")),
        },
        Some("import") => import(&args[1..]),
        Some("render") => match &args[1..] {
            [file] => render(Path::new(file)),
            _ => Err(format!("render takes one Markdown file\n\n{USAGE}")),
        },
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

fn comments_pull(args: &[String]) -> Result<(), String> {
    let mut source = None;
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--from" | "--file" => {
                let value = value_of(arg, &mut args)?;
                source = Some(if arg == "--from" {
                    pull::Source::Url(value)
                } else {
                    pull::Source::File(value)
                });
            }
            _ => rest.push(arg.clone()),
        }
    }
    let source =
        source.ok_or_else(|| format!("say where from: --from URL or --file FILE\n\n{USAGE}"))?;
    let options = parse_options(&rest)?;
    // Only onto content that checks: a pull never builds on a broken folder.
    let (content, _) = check(&options)?;
    let slugs = content.posts.iter().map(|p| p.slug.clone()).collect();
    pull::pull(&source, &options.content, &slugs)?;
    check(&options).map(|_| ())
}

fn import(args: &[String]) -> Result<(), String> {
    let (Some(kind), Some(from)) = (args.first(), args.get(1)) else {
        return Err(format!(
            "import takes a kind (blogger, zola, hugo) and a file or folder\n\n{USAGE}"
        ));
    };
    let mut import_options = quire_import::Options::default();
    let mut rest = Vec::new();
    let mut check_after = true;
    for arg in &args[2..] {
        match arg.as_str() {
            "--force" => import_options.force = true,
            "--no-check" => check_after = false,
            "--download-images" => import_options.download_images = true,
            _ => rest.push(arg.clone()),
        }
    }
    let options = parse_options(&rest)?;
    let from = Path::new(from);
    let report = match kind.as_str() {
        "blogger" => quire_import::blogger::import(from, &options.content, import_options),
        "zola" | "hugo" => {
            if import_options.download_images {
                return Err(
                    "--download-images is for Blogger exports: a Zola or Hugo site's \
                            images are already files"
                        .to_string(),
                );
            }
            let flavour = if kind == "zola" {
                quire_import::static_site::Flavour::Zola
            } else {
                quire_import::static_site::Flavour::Hugo
            };
            quire_import::static_site::import(from, &options.content, import_options, flavour)
        }
        other => {
            return Err(format!(
                "cannot import `{other}`: say blogger, zola or hugo\n\n{USAGE}"
            ))
        }
    }
    .map_err(|failure| failure.to_string())?;
    println!("{report}");
    if !check_after {
        return Ok(());
    }
    eprintln!(
        "checking {} as `quire check` does:",
        options.content.display()
    );
    check(&options).map(|_| ())
}

/// Prints every diagnostic, then fails if any is an error.
/// Where processed images are kept: `--cache`'s `images/`, or beside the content.
fn image_cache(options: &Options) -> quire_images::Cache {
    quire_images::Cache::new(match &options.cache {
        Some(cache) => cache.join("images"),
        None => quire_site::images::default_cache(&options.content),
    })
}

fn check(options: &Options) -> Result<(content::Content, Processing), String> {
    let loaded = content::load_at(&options.content, options.base_url.as_deref());
    let mut diagnostics = loaded.diagnostics;
    // Images are read only when the rest is sound: their errors would be noise
    // beside a post that does not load.
    let processed = match &loaded.content {
        Some(content) if !diagnostics.iter().any(|d| d.is_error()) => {
            let (processing, found) = images::process(content, &image_cache(options));
            diagnostics.extend(found);
            Some(processing)
        }
        _ => None,
    };
    for d in &diagnostics {
        eprintln!("{d}\n");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    match (loaded.content, processed) {
        (Some(content), Some(processing)) if errors == 0 => {
            let now = Clock::from_env()?.now();
            let drafts = content.posts.iter().filter(|p| p.draft).count();
            let scheduled = publish::scheduled(&content, now);
            eprintln!(
                "checked {} posts ({} published, {drafts} drafts, {} scheduled)",
                content.posts.len(),
                content.posts.len() - drafts - scheduled.len(),
                scheduled.len()
            );
            for post in &scheduled {
                eprintln!(
                    "  scheduled: {} goes live on {}{} ({})",
                    post.slug,
                    post.date.long(),
                    time_of_day(post.time_of_day),
                    post.source.display()
                );
            }
            Ok((content, processing))
        }
        _ => Err(format!(
            "{errors} problem{} in {}; nothing was written",
            if errors == 1 { "" } else { "s" },
            options.content.display()
        )),
    }
}

fn serve(args: &[String]) -> Result<(), String> {
    let mut app = PathBuf::from("dist");
    let mut port = 8080u16;
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || value_of(arg, &mut args);
        match arg.as_str() {
            "--app" => app = PathBuf::from(value()?),
            "--port" => {
                let text = value()?;
                port = text
                    .parse()
                    .map_err(|_| format!("--port takes a number, not `{text}`"))?;
            }
            _ => rest.push(arg.clone()),
        }
    }
    let options = parse_options(&rest)?;
    let site = content::load_site_config(&options.content)
        .map_err(|_| "site.toml has problems; `quire check` lists them".to_string())?;
    let out = options
        .content
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(".quire-cache/preview");
    let host = quire_host::Host::bind_under(
        &out,
        &format!("127.0.0.1:{port}"),
        &quire_schema::base_path(&site.base_url),
    )
    .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (try --port)"))?;
    let preview = quire_serve::Options {
        content: options.content.clone(),
        out,
        app,
        shell: options
            .shell
            .clone()
            .unwrap_or_else(|| PathBuf::from("target/shells/dist.html")),
        clock: Clock::from_env()?,
        verbose: true,
    };
    let _watching = quire_serve::start(&preview, &host)?;
    eprintln!(
        "previewing {} on {}{} (drafts and scheduled posts included); every save rebuilds it. \
         Ctrl-C stops.",
        options.content.display(),
        host.url(),
        quire_schema::base_path(&site.base_url)
    );
    host.serve_forever()
        .map_err(|e| format!("the preview server stopped: {e}"))
}

fn new_post(title: &str, options: &Options) -> Result<(), String> {
    let today = Clock::from_env()?.now().date;
    let path = quire_content::new_post::write(&options.content, title, today)?;
    println!("{}", path.display());
    eprintln!("a draft until you remove `draft = true`; the preview shows it meanwhile");
    Ok(())
}

fn build(options: &Options) -> Result<(), String> {
    let (content, processing) = check(options)?;
    let showing = Showing {
        future: options.future,
        ..Showing::PUBLISHED
    };
    let mut content = publish::select(content, Clock::from_env()?.now(), showing);
    let images = images::apply(&mut content, &processing);
    // Read before anything is written: the shell may be the index.html pages replace.
    let shell = match &options.shell {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the page shell {}: {e}", path.display()))?,
        ),
        None => None,
    };
    let cache = options
        .cache
        .clone()
        .unwrap_or_else(|| default_cache(&options.out));
    let record = cache.join(write::RECORD_NAME);
    let before = write::Record::read(&record, &options.out);
    let could_not = |err: &dyn std::fmt::Display| {
        format!(
            "could not write the site into {}: {err}; it is as it was",
            options.out.display()
        )
    };
    // The site is written as it is made, a few hundred posts at a time, so that a
    // big one is never held whole; but no page a reader can reach changes until
    // every file is whole, and a failure undoes what was written (see
    // `write::Writer`). The content was checked whole before this.
    let effort = if options.smallest {
        quire_site::compress::Effort::Smallest
    } else {
        quire_site::compress::Effort::PerKind
    };
    // Each part's new contents are compressed into the cache while the next is
    // made; the twins are placed in the site only once it is whole (below).
    let ahead = options
        .compress
        .then(|| quire_site::compress::Ahead::start(&options.out, &cache, effort));
    let (counts, updated, written, ahead) = std::thread::scope(|scope| {
        let writer = write::Writer::new(&options.out, &before);
        // Each part is written on a thread of its own while the next is made.
        let writing = Writing::start(scope, writer, ahead, |err| could_not(err));
        let made = quire_site::site::make_into(
            &content,
            &options.content,
            shell.as_deref(),
            options.app.as_deref().unwrap_or(&options.out),
            &images,
            // One build: nothing made before to reuse, nor kept for after.
            None,
            &mut |files| writing.part(files),
        );
        let ((copies, counts), mut writer, ahead) = writing.finish(made)?;
        let entries: Vec<write::Entry> = copies.iter().map(write::Entry::copy).collect();
        writer.part(&entries).map_err(|err| could_not(&err))?;
        let (updated, written) = writer.finish().map_err(|err| {
            format!(
                "could not write the site into {}: {err}; every file there is whole, old or new",
                options.out.display()
            )
        })?;
        Ok::<_, String>((counts, updated, written, ahead))
    })?;
    written
        .write(&record, &options.out)
        .map_err(|err| format!("could not keep the list of the site's files: {err}"))?;
    eprintln!(
        "{} files of the site in {}: {} written, {} unchanged, {} stale removed",
        updated.written.len() + updated.unchanged,
        options.out.display(),
        updated.written.len(),
        updated.unchanged,
        updated.removed.len()
    );
    eprintln!(
        "{} bundles in {}",
        counts.bundle_files,
        options.out.join(quire_schema::DATA_DIR).display()
    );
    eprintln!("{} feeds, sitemap.xml and robots.txt", counts.feeds);
    if !content.redirects.is_empty() {
        eprintln!(
            "_redirects and {} pages at old addresses",
            counts.redirect_pages
        );
    }
    eprintln!(
        "{} files from post folders and {} from {}",
        counts.folder_files,
        counts.static_files,
        options.content.join(content::STATIC_DIR).display()
    );
    if counts.images > 0 {
        eprintln!(
            "published {} images resized, in WebP and their own format, without their \
             metadata{}",
            counts.images,
            if content.site.publish_original_images {
                ", and their originals"
            } else {
                " (originals kept back: publish_original_images in site.toml)"
            }
        );
    }
    if shell.is_some() {
        eprintln!(
            "{} pages and _headers (the Content-Security-Policy and caching)",
            counts.pages
        );
    }
    // Freed on a thread of their own: the posts of a big blog and the lists of its
    // files take a tenth of a second to free, on one core, which neither the
    // compressing below nor the end of the command need to wait for.
    let done_with = (content, images, before, written, updated);
    std::thread::spawn(move || drop(done_with));
    if let Some(ahead) = ahead {
        let known = ahead.finish();
        // The app's own twins, when its build kept them, are taken as they are.
        let shared = options
            .app
            .as_ref()
            .map(|app| app.join(quire_site::compress::APP_TWINS_DIR));
        let report = quire_site::compress::precompress_knowing(
            &options.out,
            Some(&cache),
            shared.as_deref(),
            effort,
            &known,
        )
        .map_err(|err| format!("could not write the compressed twins: {err}"))?;
        eprintln!("{report}");
    }
    Ok(())
}

/// `.quire-cache/dist` beside `dist`: on the same disk, out of the published folder,
/// one per site so two sites' builds never evict each other's twins.
fn default_cache(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    parent
        .unwrap_or(Path::new("."))
        .join(".quire-cache")
        .join(name)
}

fn render(file: &Path) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(file, "the file is not valid UTF-8 text", "save it as UTF-8").to_string()
    })?;
    print!(
        "{}",
        quire_markdown::render_html(content::markdown_of(&text))
    );
    Ok(())
}

/// ` at 09:30 UTC`, or nothing for a post dated by its day alone.
fn time_of_day(seconds: u32) -> String {
    if seconds == 0 {
        String::new()
    } else {
        format!(" at {:02}:{:02} UTC", seconds / 3600, seconds / 60 % 60)
    }
}
