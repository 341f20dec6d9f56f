//! `quire new "A title"`: the file a new post starts from, named by the same slug
//! rule as every other address, dated today and kept a draft until the author says.

use crate::content::FrontMatter;
use quire_schema::Date;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `posts/<slug>.md` under `content` for a post called `title`, dated
/// `today`, as a draft; returns its path. Never replaces a file: a post with that
/// slug (a file or a post folder) is an error that says what to do.
pub fn write(content: &Path, title: &str, today: Date) -> Result<PathBuf, String> {
    let title = title.trim();
    let slug = quire_schema::to_slug(title).ok_or_else(|| {
        format!(
            "`{title}` has no letters or digits to make an address from: give the post a \
             title with some"
        )
    })?;
    let posts = content.join(crate::content::POSTS_DIR);
    let path = posts.join(format!("{slug}.md"));
    let folder = posts.join(&slug).join("index.md");
    if folder.exists() {
        return Err(format!(
            "{} already holds the post at /posts/{slug}: choose another title, or edit that one",
            folder.display()
        ));
    }
    let front_matter = FrontMatter {
        title: title.to_string(),
        slug: None,
        date: toml::value::Datetime {
            date: Some(toml::value::Date {
                year: today.year,
                month: today.month,
                day: today.day,
            }),
            time: None,
            offset: None,
        },
        author: None,
        labels: Vec::new(),
        draft: true,
        summary: None,
        excerpt_only: false,
    };
    let text = crate::compose(
        &front_matter,
        "Write here. The preview (`cargo xtask serve`) shows each save; remove \
         `draft = true` when the post is ready to publish.",
    )?;
    fs::create_dir_all(&posts).map_err(|e| format!("cannot make {}: {e}", posts.display()))?;
    // `create_new` refuses an existing file in the same step that creates it.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} already exists: choose another title, or edit that post",
                path.display()
            ),
            _ => format!("cannot write {}: {e}", path.display()),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::content_dir;

    #[test]
    fn a_new_post_is_a_dated_draft_at_its_slug_that_passes_the_checks() {
        let dir = content_dir(&[]);
        let today = Date::new(2026, 11, 26).unwrap();
        let path = write(&dir, "  Ships & Harbours: Café Notes ", today).unwrap();
        assert_eq!(path, dir.join("posts/ships-harbours-cafe-notes.md"));
        let loaded = crate::content::load(&dir);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let content = loaded.content.unwrap();
        let post = &content.posts[0];
        assert_eq!(post.title, "Ships & Harbours: Café Notes");
        assert_eq!(post.date, today);
        assert!(post.draft);
    }

    #[test]
    fn it_never_replaces_a_post() {
        let dir = content_dir(&[(
            "taken.md",
            "+++\ntitle = \"Mine\"\ndate = 2026-01-01\n+++\nKeep me\n",
        )]);
        let today = Date::new(2026, 11, 26).unwrap();
        let error = write(&dir, "Taken", today).unwrap_err();
        assert!(error.contains("already exists"), "{error}");
        assert!(fs::read_to_string(dir.join("posts/taken.md"))
            .unwrap()
            .contains("Keep me"));

        fs::create_dir_all(dir.join("posts/folder")).unwrap();
        fs::write(dir.join("posts/folder/index.md"), "x").unwrap();
        let error = write(&dir, "Folder", today).unwrap_err();
        assert!(
            error.contains("already holds the post at /posts/folder"),
            "{error}"
        );
        assert!(write(&dir, "!!!", today)
            .unwrap_err()
            .contains("no letters"));
    }
}
