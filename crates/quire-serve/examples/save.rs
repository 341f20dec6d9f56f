//! `cargo run -p quire-serve --example save -- CONTENT POST [SAVES]`: how long the
//! preview takes to rebuild after a save to `POST` (a file under `CONTENT`), as
//! `cargo xtask serve` rebuilds it but without a browser or a watcher, for
//! profiling. Each save appends a sentence to the post (so use a copy of the
//! content), and prints the rebuild's time and how many files changed. Needs a
//! built app in `dist/` and its shell in `target/shells/dist.html`.

use quire_content::publish::Clock;
use quire_serve::preview::{Outcome, Preview};
use std::path::PathBuf;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (Some(content), Some(post)) = (args.next(), args.next()) else {
        return Err("usage: save CONTENT POST [SAVES]".to_string());
    };
    let saves: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let (content, post) = (PathBuf::from(content), PathBuf::from(post));
    let shell = std::fs::read_to_string("target/shells/dist.html")
        .map_err(|e| format!("target/shells/dist.html: {e} (run cargo xtask build)"))?;
    let out = std::env::temp_dir().join(format!("quire-save-{}", std::process::id()));
    let mut preview = Preview::new(
        &content,
        &out,
        std::path::Path::new("dist"),
        shell,
        Clock::from_env()?,
    )?;
    let report = |name: &str, outcome: Outcome| match outcome {
        Outcome::Problems(problems) => Err(problems),
        built => {
            println!("{name}: {}", built.summary().unwrap_or_default());
            Ok(())
        }
    };
    report("first build", preview.rebuild())?;
    for n in 1..=saves {
        let mut text =
            std::fs::read_to_string(&post).map_err(|e| format!("{}: {e}", post.display()))?;
        text.push_str(&format!("\nA sentence saved for the {n}th time.\n"));
        std::fs::write(&post, text).map_err(|e| format!("{}: {e}", post.display()))?;
        report(&format!("save {n}"), preview.rebuild())?;
    }
    let _ = std::fs::remove_dir_all(&out);
    Ok(())
}
