//! The `quire` binary as an author runs it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn quire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .output()
        .expect("the quire binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quire-cli-it-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn sample_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

#[test]
fn render_prints_what_the_browser_shows() {
    let post = sample_content().join("posts/europe-ukraine-security-guarantees-defense-boost.md");
    let out = quire(&["render", post.to_str().unwrap()]);
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let text = fs::read_to_string(&post).unwrap();
    let body = text
        .splitn(3, "+++\n")
        .nth(2)
        .unwrap()
        .trim_start_matches('\n');
    assert_eq!(printed, quire_markdown::render_html(body));
    assert!(printed.contains(r#"<h2 id="sec-the-historical-context-why-security-guarantees-matter-for-ukraine">The Historical Context"#));
    assert!(!printed.contains("title ="), "front matter is not rendered");
}

#[test]
fn build_writes_the_bundles_and_check_writes_nothing() {
    let out_dir = scratch("build");
    let content = sample_content();
    let check = quire(&["check", "--content", content.to_str().unwrap()]);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("checked 4 posts"));
    assert_eq!(fs::read_dir(&out_dir).unwrap().count(), 0);

    let build = quire(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    for file in [
        "site.json",
        "feed/1.json",
        "popular.json",
        "posts/trump-greenland-gambit.json",
    ] {
        assert!(out_dir.join("data").join(file).is_file(), "{file}");
    }
}

#[test]
fn a_bad_post_fails_the_build_with_its_location_and_keeps_the_old_bundles() {
    let content = scratch("bad-content");
    fs::create_dir_all(content.join("posts")).unwrap();
    fs::write(
        content.join("site.toml"),
        "title = \"T\"\ndescription = \"D\"\nauthor = \"A\"\nbase_url = \"https://x.org/\"\n",
    )
    .unwrap();
    fs::write(
        content.join("posts/bad.md"),
        "+++\ntitle = \"Bad\"\ndate = 2026-13-01\n+++\nText\n",
    )
    .unwrap();
    let out_dir = scratch("bad-out");
    fs::create_dir_all(out_dir.join("data")).unwrap();
    fs::write(out_dir.join("data/site.json"), "previous").unwrap();

    let build = quire(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(!build.status.success());
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(stderr.contains("bad.md:3:"), "{stderr}");
    assert!(stderr.contains("field `date`"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        fs::read_to_string(out_dir.join("data/site.json")).unwrap(),
        "previous"
    );
}

#[test]
fn unknown_commands_and_options_explain_the_usage() {
    let out = quire(&["publish"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
    let out = quire(&["build", "--colour"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option `--colour`"));
}

/// A copy of the sample content, to change.
fn content_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    let from = sample_content();
    fs::create_dir_all(dir.join("posts")).unwrap();
    for file in ["site.toml", "popularity.toml"] {
        fs::copy(from.join(file), dir.join(file)).unwrap();
    }
    for post in fs::read_dir(from.join("posts")).unwrap().flatten() {
        fs::copy(post.path(), dir.join("posts").join(post.file_name())).unwrap();
    }
    dir
}

const POST: &str = "europe-ukraine-security-guarantees-defense-boost";

fn export(comments: &str) -> String {
    let format = quire_schema::FORMAT_VERSION;
    format!(r#"{{"format":{format},"posts":{{"{POST}":[{comments}],"gone-post":[]}}}}"#)
}

#[test]
fn comments_pull_keeps_hand_written_comments_and_follows_the_service() {
    let content = content_copy("pull");
    fs::create_dir_all(content.join("comments")).unwrap();
    let file = content.join(format!("comments/{POST}.toml"));
    fs::write(
        &file,
        "[[comment]]\nauthor = \"Hand\"\ndate = 2026-01-01\ntext = \"Written by the author.\"\n",
    )
    .unwrap();
    let export_file = content.join("export.json");
    let service = r#"{"id":"c3","author":"Ann","date":"2026-02-01","markdown":"From the *service*.","replies":[{"id":"c5","author":"Ben","date":"2026-02-02","markdown":"A reply."}]}"#;
    fs::write(&export_file, export(service)).unwrap();
    let pull = |export: &Path| {
        quire(&[
            "comments",
            "pull",
            "--file",
            export.to_str().unwrap(),
            "--content",
            content.to_str().unwrap(),
        ])
    };
    let out = pull(&export_file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 comments from the service"));
    let written = fs::read_to_string(&file).unwrap();
    assert!(written.contains("Written by the author."), "{written}");
    assert!(
        written.contains("id = \"c3\"") && written.contains("id = \"c5\""),
        "{written}"
    );

    // The build shows them, with the service's ids.
    let out_dir = scratch("pull-build");
    let build = quire(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let bundles: String = fs::read_dir(out_dir.join("data/h"))
        .unwrap()
        .flatten()
        .map(|f| fs::read_to_string(f.path()).unwrap_or_default())
        .collect();
    assert!(bundles.contains(r#""id":"c3""#) && bundles.contains("From the *service*."));
    assert!(bundles.contains(r#""id":"comment-1""#));

    // Deleted at the service: gone here too, the author's own comment stays.
    fs::write(&export_file, export("")).unwrap();
    let out = pull(&export_file);
    assert!(out.status.success());
    let written = fs::read_to_string(&file).unwrap();
    assert!(
        !written.contains("c3") && written.contains("Written by the author."),
        "{written}"
    );

    // Not an export: an error, and the file as it was.
    fs::write(&export_file, "<html>login</html>").unwrap();
    let out = pull(&export_file);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an export"));
    assert_eq!(fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn a_comment_id_not_from_the_service_is_an_error_at_its_line() {
    let content = content_copy("bad-id");
    fs::create_dir_all(content.join("comments")).unwrap();
    fs::write(
        content.join(format!("comments/{POST}.toml")),
        "[[comment]]\nid = \"mine\"\nauthor = \"A\"\ndate = 2026-01-01\ntext = \"x\"\n",
    )
    .unwrap();
    let out = quire(&["check", "--content", content.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(":1:1") && said.contains("id") && said.contains("quire comments pull"),
        "{said}"
    );
}

/// A shell as Trunk writes it: its boot script, and the app's hashed files beside.
fn app_around(out: &Path) -> PathBuf {
    fs::create_dir_all(out).unwrap();
    fs::write(
        out.join("quire-0123456789abcdef_bg.wasm"),
        "\0asm".repeat(500),
    )
    .unwrap();
    let shell = out.join("shell.html");
    fs::write(
        &shell,
        "<!doctype html><html lang=en><meta charset=utf-8><title>Quire</title>\
         <script type=module>import init, * as bindings from '/quire-0123456789abcdef.js';\n\
         const wasm = await init({ module_or_path: '/quire-0123456789abcdef_bg.wasm' });</script>\
         </head><body></body></html>",
    )
    .unwrap();
    shell
}

/// `quire build` of `content` into `out` with the page shell `shell`: whether it
/// succeeded, and what it said.
fn try_build_site(content: &Path, out: &Path, shell: &Path) -> (bool, String) {
    let run = quire(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--shell",
        shell.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&run.stderr).into_owned();
    (run.status.success(), said)
}

/// As [`try_build_site`], which must succeed; what it said.
fn build_site(content: &Path, out: &Path, shell: &Path) -> String {
    let (built, said) = try_build_site(content, out, shell);
    assert!(built, "{said}");
    said
}

#[test]
fn build_alone_makes_a_whole_site_and_a_rebuild_compresses_only_what_changed() {
    let root = scratch("whole");
    let content = content_copy("whole-content");
    let out = root.join("site");
    let shell = app_around(&out);
    let build = || build_site(&content, &out, &shell);
    let first = build();
    let headers = fs::read_to_string(out.join("_headers")).unwrap();
    assert!(headers.contains("Content-Security-Policy: default-src 'none'"));
    assert!(headers.contains("/quire-0123456789abcdef_bg.wasm\n  Cache-Control"));
    for file in [
        "index.html",
        "data/site.json",
        "atom.xml",
        "quire-0123456789abcdef_bg.wasm",
    ] {
        assert!(out.join(format!("{file}.br")).exists(), "{file}.br");
        assert!(out.join(format!("{file}.gz")).exists(), "{file}.gz");
    }
    assert!(first.contains("0 from the cache"), "{first}");
    assert!(
        root.join(".quire-cache/site").is_dir(),
        "the cache is beside the output, out of what is published"
    );

    // One post changes: only what shows it is compressed again.
    let post = content.join("posts/europe-ukraine-security-guarantees-defense-boost.md");
    let text = fs::read_to_string(&post).unwrap();
    fs::write(&post, text.replacen("\n\n", "\n\nA new first line.\n\n", 1)).unwrap();
    let second = build();
    let line = second
        .lines()
        .find(|l| l.starts_with("compressed "))
        .unwrap_or_default()
        .to_string();
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let (compressed, cached) = (numbers[1], numbers[2]);
    // (On four posts, one post is in most lists, feeds and pages.)
    assert!(compressed > 0 && compressed < cached, "{line}");
}

#[test]
fn a_build_that_cannot_write_midway_says_where_and_leaves_no_file_of_its_own() {
    let root = scratch("blocked");
    let content = content_copy("blocked-content");
    let out = root.join("site");
    let shell = app_around(&out);
    // A file where the label pages' folder goes: the posts' bundles and pages and
    // the search index are written before the label pages are reached.
    fs::write(out.join("labels"), "in the way").unwrap();
    let (built, said) = try_build_site(&content, &out, &shell);
    assert!(!built, "{said}");
    // The writer's own error, not that making the site had to stop for it.
    assert!(said.contains("could not write the site into"), "{said}");
    assert!(said.contains("labels"), "{said}");
    assert!(said.contains("it is as it was"), "{said}");
    assert!(!said.contains("stopped"), "{said}");
    let mut left = Vec::new();
    let mut folders = vec![out.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                folders.push(entry.path());
            } else {
                left.push(entry.path().strip_prefix(&out).unwrap().to_path_buf());
            }
        }
    }
    left.sort();
    let expected: Vec<PathBuf> = ["labels", "quire-0123456789abcdef_bg.wasm", "shell.html"]
        .iter()
        .map(PathBuf::from)
        .collect();
    assert_eq!(left, expected, "only what was there before");
    assert_eq!(
        fs::read_to_string(out.join("labels")).unwrap(),
        "in the way"
    );
}

#[test]
fn a_rebuild_writes_in_place_only_what_changed_and_removes_a_deleted_posts_files() {
    use std::os::unix::fs::MetadataExt;
    let root = scratch("in-place");
    let content = content_copy("in-place-content");
    let out = root.join("site");
    let shell = app_around(&out);
    let build = || build_site(&content, &out, &shell);
    build();
    let inode = |path: &str| fs::metadata(out.join(path)).map(|m| m.ino()).ok();
    let (about_page, wasm) = (
        inode("labels.html"),
        inode("quire-0123456789abcdef_bg.wasm"),
    );
    let again = build();
    assert!(again.contains(" 0 written, "), "nothing changed: {again}");

    // A post is deleted: its page, bundle and their twins go; the rest is not rewritten.
    fs::remove_file(content.join("posts").join(format!("{POST}.md"))).unwrap();
    let third = build();
    assert!(!third.contains(" 0 stale removed"), "{third}");
    for gone in [
        format!("posts/{POST}.html"),
        format!("posts/{POST}.html.br"),
        format!("data/posts/{POST}.json"),
        format!("data/posts/{POST}.json.gz"),
    ] {
        assert!(!out.join(&gone).exists(), "{gone} is stale");
    }
    assert!(!fs::read_to_string(out.join("data/archive.json"))
        .unwrap()
        .contains(POST));
    assert_eq!(
        inode("quire-0123456789abcdef_bg.wasm"),
        wasm,
        "the app is not the build's"
    );
    assert!(out.join("quire-0123456789abcdef_bg.wasm.br").exists());
    assert_eq!(
        inode("labels.html"),
        about_page,
        "a page whose bytes did not change is not written again"
    );
}

fn quire_at(now: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .env("QUIRE_NOW", now)
        .output()
        .expect("the quire binary runs")
}

#[test]
fn new_starts_a_dated_draft_prints_its_path_and_never_replaces_one() {
    let content = content_copy("new");
    let dir = content.to_str().unwrap();
    let made = quire_at("2026-11-26", &["new", "Ships & Harbours", "--content", dir]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let path = content.join("posts/ships-harbours.md");
    assert_eq!(
        String::from_utf8_lossy(&made.stdout).trim(),
        path.display().to_string()
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(
            "+++\ntitle = \"Ships & Harbours\"\ndate = 2026-11-26\ndraft = true\n+++\n"
        ),
        "{text}"
    );
    let check = quire(&["check", "--content", dir]);
    assert!(check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr)
        .contains("5 posts (4 published, 1 drafts, 0 scheduled)"));

    fs::write(
        &path,
        "+++\ntitle = \"Mine\"\ndate = 2026-11-26\n+++\nWritten.\n",
    )
    .unwrap();
    let again = quire(&["new", "Ships & Harbours", "--content", dir]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(
        fs::read_to_string(&path).unwrap().contains("Written."),
        "nothing was replaced"
    );
    assert!(!quire(&["new", "--content", dir]).status.success());
}

#[test]
fn a_scheduled_post_is_listed_by_check_and_published_from_its_moment_on() {
    let content = content_copy("schedule");
    fs::write(
        content.join("posts/spring.md"),
        "+++\ntitle = \"Spring\"\ndate = 2027-03-01T09:30:00Z\n+++\nLater.\n",
    )
    .unwrap();
    let dir = content.to_str().unwrap();
    let check = quire_at("2026-11-26", &["check", "--content", dir]);
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{said}");
    assert!(
        said.contains("(4 published, 0 drafts, 1 scheduled)"),
        "{said}"
    );
    assert!(
        said.contains("scheduled: spring goes live on March 1, 2027 at 09:30 UTC"),
        "{said}"
    );

    let build = |now: &str, extra: &[&str]| {
        let out = scratch(&format!("schedule-out-{now}-{}", extra.len()));
        let mut args = vec![
            "build",
            "--content",
            dir,
            "--out",
            out.to_str().unwrap(),
            "--no-compress",
        ];
        args.extend_from_slice(extra);
        let run = quire_at(now, &args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let feed = fs::read_to_string(out.join("atom.xml")).unwrap();
        let bundle = fs::read_to_string(out.join("data/posts/spring.json")).unwrap_or_default();
        assert!(
            !bundle.contains("unpublished"),
            "a build marks nothing: {bundle}"
        );
        (
            out.join("data/posts/spring.json").exists(),
            feed.contains("Spring"),
        )
    };
    assert_eq!(build("2027-03-01T09:29:59Z", &[]), (false, false));
    assert_eq!(build("2026-11-26", &["--future"]), (true, true));
    assert_eq!(build("2027-03-01T09:30:00Z", &[]), (true, true));
    let bad = quire_at(
        "next spring",
        &["build", "--content", dir, "--out", "/nonexistent"],
    );
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("QUIRE_NOW=`next spring` is not a moment")
    );
}

#[test]
fn an_image_that_cannot_be_read_fails_check_and_build_at_its_line() {
    let content = content_copy("bad-image");
    fs::create_dir_all(content.join("static")).unwrap();
    // A JPEG's start and nothing after: what a cut-short copy leaves.
    fs::write(
        content.join("static/cut.jpg"),
        [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0,
            0,
        ],
    )
    .unwrap();
    fs::write(
        content.join("posts/with-photo.md"),
        "+++\ntitle = \"With a photo\"\ndate = 2026-01-05\n+++\nThe quay.\n\n![The quay](/cut.jpg)\n",
    )
    .unwrap();
    let cache = scratch("bad-image-cache");
    let check = quire(&[
        "check",
        "--content",
        content.to_str().unwrap(),
        "--cache",
        cache.to_str().unwrap(),
    ]);
    assert!(!check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("with-photo.md:7:1: error: the image `/cut.jpg` cannot be decoded"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
}
