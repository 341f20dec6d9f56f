//! The files a post folder keeps beside its `index.md` (images, downloads),
//! published under the post's address: `posts/<slug>/index.md`'s `map.png` is
//! `/posts/<slug>/map.png`, where the post's relative links lead.

use quire_content::content::Content;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Each published post folder's files: where it is, and its path in the site.
pub fn post_files(content: &Content) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for post in content.posts.iter().filter(|p| !p.draft) {
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

/// Copies `files` (from [`post_files`]) under `root`.
pub fn copy(root: &Path, files: &[(PathBuf, String)]) -> io::Result<()> {
    for (from, to) in files {
        let target = root.join(to);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, &target).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("{} → {}: {e}", from.display(), target.display()),
            )
        })?;
    }
    Ok(())
}
