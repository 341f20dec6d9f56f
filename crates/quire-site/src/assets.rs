//! Files published as they are: those a post folder keeps beside its `index.md`
//! (images, downloads), under the post's address (`posts/<slug>/index.md`'s
//! `map.png` is `/posts/<slug>/map.png`, where the post's relative links lead), and
//! `content/static/`'s, at the site's root.

use quire_content::content::Content;
use std::fs;
use std::path::{Path, PathBuf};

/// Each published post folder's files: where it is, and its path in the site.
pub fn post_files(content: &Content) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for post in &content.posts {
        let Some(folder) = &post.folder else {
            continue;
        };
        let base = quire_schema::post_files_base(&post.slug, true);
        for file in &post.files {
            let parts: Vec<String> = file
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            found.push((
                folder.join(file),
                format!("{}{}", base.trim_start_matches('/'), parts.join("/")),
            ));
        }
    }
    found
}

/// `content/static/`'s files (images and downloads a post names from the site's
/// root, `/images/x.png`), each with its path in the site.
pub fn static_files(content_dir: &Path) -> Vec<(PathBuf, String)> {
    let root = content_dir.join(quire_content::content::STATIC_DIR);
    let mut found = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(path),
                Ok(kind) if kind.is_file() => {
                    let relative = path.strip_prefix(&root).unwrap_or(&path);
                    let parts: Vec<String> = relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect();
                    found.push((path.clone(), parts.join("/")));
                }
                _ => {}
            }
        }
    }
    found.sort();
    found
}
