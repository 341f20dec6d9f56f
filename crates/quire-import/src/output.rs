//! Where an import's files go: first into a staging folder inside `content/`, then,
//! once the whole import has worked and nothing it would replace exists (or
//! `--force` says to replace it), moved into place. A failure at any point leaves
//! `content/` as it was. Every path is made here from slugs and cleaned file names,
//! and checked again before writing: nothing lands outside `content/`.

use crate::links::{self, OldHosts};
use crate::{Failure, Report};
use quire_content::comments::{CommentsFile, Entry};
use quire_content::content::FrontMatter;
use quire_content::pages::FrontMatter as PageFrontMatter;
use quire_content::redirects::Redirect;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// A post to write.
pub struct NewPost {
    /// Wanted; made unique here.
    pub slug: String,
    pub front: FrontMatter,
    pub markdown: String,
    /// Files for the post's folder: a clean name, and where to copy it from.
    pub files: Vec<(String, FileSource)>,
}

pub enum FileSource {
    Path(PathBuf),
    Bytes(Vec<u8>),
}

pub struct Output {
    content_dir: PathBuf,
    staging: PathBuf,
    /// Staged files, relative to `content/`.
    staged: Vec<PathBuf>,
    committed: bool,
    pub report: Report,
    post_slugs: HashSet<String>,
    page_slugs: HashSet<String>,
    redirects: Vec<Redirect>,
    comments: BTreeMap<String, Vec<Entry>>,
    /// Where the old blog was served from, so that its links to itself can be
    /// pointed at the new addresses.
    pub old_hosts: OldHosts,
    /// Old addresses that are a new one but for a trailing slash.
    same_address: Vec<(String, String)>,
}

impl Output {
    pub fn new(content_dir: &Path) -> Result<Output, Failure> {
        fs::create_dir_all(content_dir).map_err(|e| {
            Failure::new(format!(
                "cannot make the content folder {}: {e}",
                content_dir.display()
            ))
        })?;
        let staging = content_dir.join(format!(".quire-import-{}", std::process::id()));
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir_all(&staging)
            .map_err(|e| Failure::new(format!("cannot write in {}: {e}", content_dir.display())))?;
        Ok(Output {
            content_dir: content_dir.to_path_buf(),
            staging,
            staged: Vec::new(),
            committed: false,
            report: Report::default(),
            post_slugs: HashSet::new(),
            page_slugs: HashSet::new(),
            redirects: Vec::new(),
            comments: BTreeMap::new(),
            old_hosts: OldHosts::default(),
            same_address: Vec::new(),
        })
    }

    /// `wanted`, or `wanted-2`, `-3` … if this import already has it.
    fn unique(taken: &mut HashSet<String>, wanted: &str) -> String {
        let mut slug = wanted.to_string();
        let mut n = 1;
        while taken.contains(&slug) {
            n += 1;
            slug = format!("{wanted}-{n}");
        }
        taken.insert(slug.clone());
        slug
    }

    /// Writes a post (as a folder when it has files); returns its slug.
    pub fn post(&mut self, post: NewPost, origin: &str) -> Result<String, Failure> {
        let slug = Self::unique(&mut self.post_slugs, &post.slug);
        if slug != post.slug {
            self.report.note(
                origin,
                format!("its address `{}` was taken: it is now `{slug}`", post.slug),
            );
        }
        let text = quire_content::compose(&post.front, &post.markdown)
            .map_err(|e| Failure::new(format!("{origin}: cannot write its front matter: {e}")))?;
        if post.files.is_empty() {
            self.stage(
                &Path::new("posts").join(format!("{slug}.md")),
                text.as_bytes(),
            )?;
        } else {
            let folder = Path::new("posts").join(&slug);
            self.stage(&folder.join("index.md"), text.as_bytes())?;
            for (name, source) in post.files {
                let target = folder.join(&name);
                match source {
                    FileSource::Bytes(bytes) => self.stage(&target, &bytes)?,
                    FileSource::Path(from) => self.copy(&target, &from)?,
                }
                self.report.files += 1;
            }
        }
        self.report.posts += 1;
        if post.front.draft {
            self.report.drafts += 1;
        }
        Ok(slug)
    }

    /// Writes a page; returns its slug.
    pub fn page(
        &mut self,
        wanted: &str,
        front: PageFrontMatter,
        markdown: &str,
        origin: &str,
    ) -> Result<String, Failure> {
        let wanted = if quire_schema::is_page_slug(wanted) {
            wanted.to_string()
        } else {
            format!("{wanted}-page")
        };
        let slug = Self::unique(&mut self.page_slugs, &wanted);
        if slug != wanted || wanted.ends_with("-page") {
            self.report
                .note(origin, format!("the page's address is `/{slug}`"));
        }
        let text = quire_content::compose(&front, markdown)
            .map_err(|e| Failure::new(format!("{origin}: cannot write its front matter: {e}")))?;
        self.stage(
            &Path::new("pages").join(format!("{slug}.md")),
            text.as_bytes(),
        )?;
        self.report.pages += 1;
        Ok(slug)
    }

    pub fn comments(&mut self, slug: &str, comments: Vec<Entry>) {
        self.report.comments += comments.iter().map(|c| 1 + c.reply.len()).sum::<usize>();
        self.comments
            .entry(slug.to_string())
            .or_default()
            .extend(comments);
    }

    /// An old address that should lead to `to` (a site path of the new blog).
    pub fn redirect(&mut self, from: &str, to: &str) {
        if from.trim_end_matches('/') == to.trim_end_matches('/') || from == "/" {
            // No redirect (every host takes `/posts/x/` to `/posts/x` itself), but
            // links written with the old form are still pointed at the new one.
            self.same_address.push((from.to_string(), to.to_string()));
            return;
        }
        if self.redirects.iter().any(|r| r.from == from) {
            return;
        }
        if let Some(why) = quire_content::redirects::why_not_an_old_address(from) {
            self.report.skip(
                format!("the old address `{}`", from.escape_debug()),
                format!("no redirect: it {why}"),
            );
            return;
        }
        self.redirects.push(Redirect {
            from: from.to_string(),
            to: to.to_string(),
        });
    }

    /// A file for `content/static/` (a site's own images and downloads).
    pub fn static_file(&mut self, relative: &Path, from: &Path) -> Result<(), Failure> {
        self.copy(
            &Path::new(quire_content::content::STATIC_DIR).join(relative),
            from,
        )?;
        self.report.files += 1;
        Ok(())
    }

    fn checked(relative: &Path) -> Result<(), Failure> {
        let plain = relative.components().all(|c| match c {
            Component::Normal(part) => part
                .to_str()
                .is_some_and(|s| !s.starts_with('.') && !s.chars().any(char::is_control)),
            _ => false,
        });
        if plain && relative.components().count() > 0 {
            Ok(())
        } else {
            Err(Failure::new(format!(
                "refused to write `{}`: a path from the import leaves content/ or is hidden",
                relative.display()
            )))
        }
    }

    fn stage(&mut self, relative: &Path, bytes: &[u8]) -> Result<(), Failure> {
        Self::checked(relative)?;
        let target = self.staging.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| write_failure(&target, e))?;
        }
        fs::write(&target, bytes).map_err(|e| write_failure(&target, e))?;
        self.staged.push(relative.to_path_buf());
        Ok(())
    }

    fn copy(&mut self, relative: &Path, from: &Path) -> Result<(), Failure> {
        Self::checked(relative)?;
        let target = self.staging.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| write_failure(&target, e))?;
        }
        fs::copy(from, &target)
            .map_err(|e| Failure::new(format!("cannot copy {}: {e}", from.display())))?;
        self.staged.push(relative.to_path_buf());
        Ok(())
    }

    /// Writes the comments, the redirects (added to those already there) and, for a
    /// folder without one, a `site.toml`; then moves everything into `content/`.
    pub fn finish(mut self, site_title: &str, force: bool) -> Result<Report, Failure> {
        if self.report.posts + self.report.pages == 0 {
            return Err(Failure::new("the import found no posts and no pages")
                .hint("check that this is the right file or folder: everything in it was skipped or empty"));
        }
        self.rewrite_links()?;
        for (slug, comment) in std::mem::take(&mut self.comments) {
            let text = toml::to_string(&CommentsFile { comment })
                .map_err(|e| Failure::new(format!("cannot write the comments of {slug}: {e}")))?;
            self.stage(
                &Path::new("comments").join(format!("{slug}.toml")),
                text.as_bytes(),
            )?;
        }
        self.report.redirects = self.redirects.len();
        if !self.redirects.is_empty() {
            let text = self.merged_redirects()?;
            self.stage(
                Path::new(quire_content::redirects::REDIRECTS_FILE),
                text.as_bytes(),
            )?;
        }
        if !self.content_dir.join("site.toml").exists() {
            let text = format!(
                "# Written by `quire import`: check each setting.\n\
                 title = {}\ndescription = \"\"\nauthor = {}\n\
                 # The address the blog will have; `cargo xtask build --base-url` overrides it.\n\
                 base_url = \"http://127.0.0.1:8080/\"\n",
                toml::Value::String(site_title.to_string()),
                toml::Value::String(site_title.to_string()),
            );
            self.stage(Path::new("site.toml"), text.as_bytes())?;
        }
        self.commit(force)?;
        Ok(std::mem::take(&mut self.report))
    }

    /// Points the posts', pages' and comments' links to old addresses at their new
    /// ones (see [`links`]), once every item's new address is known.
    fn rewrite_links(&mut self) -> Result<(), Failure> {
        let moved: HashMap<String, String> = self
            .redirects
            .iter()
            .filter(|r| r.to.starts_with('/'))
            .map(|r| (r.from.clone(), r.to.clone()))
            .chain(self.same_address.iter().cloned())
            .collect();
        if moved.is_empty() {
            return Ok(());
        }
        let mut count = 0;
        let documents: Vec<PathBuf> = self
            .staged
            .iter()
            .filter(|rel| {
                rel.extension().is_some_and(|e| e == "md")
                    && rel.starts_with("posts") | rel.starts_with("pages")
            })
            .cloned()
            .collect();
        for rel in documents {
            let path = self.staging.join(&rel);
            let text = fs::read_to_string(&path).map_err(|e| write_failure(&path, e))?;
            let body = quire_content::content::markdown_of(&text);
            let Some(head) = text.strip_suffix(body) else {
                continue;
            };
            let (body, n) = links::rewrite(body, &self.old_hosts, &moved);
            if n > 0 {
                fs::write(&path, format!("{head}{body}")).map_err(|e| write_failure(&path, e))?;
                count += n;
            }
        }
        for entry in self.comments.values_mut().flatten() {
            let (text, n) = links::rewrite(&entry.text, &self.old_hosts, &moved);
            entry.text = text;
            count += n;
            for reply in &mut entry.reply {
                let (text, n) = links::rewrite(&reply.text, &self.old_hosts, &moved);
                reply.text = text;
                count += n;
            }
        }
        self.report.links_rewritten = count;
        Ok(())
    }

    /// The redirects already in `content/` with this import's added, each old
    /// address once.
    fn merged_redirects(&self) -> Result<String, Failure> {
        #[derive(serde::Serialize, serde::Deserialize, Default)]
        struct File {
            #[serde(default)]
            redirect: Vec<Redirect>,
        }
        let path = self
            .content_dir
            .join(quire_content::redirects::REDIRECTS_FILE);
        let mut file: File = match fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                Failure::new(format!(
                    "{} cannot be read: {}",
                    path.display(),
                    e.message()
                ))
                .hint("correct it (see `quire check`), then import again")
            })?,
            Err(_) => File::default(),
        };
        for redirect in &self.redirects {
            file.redirect.retain(|r| r.from != redirect.from);
            file.redirect.push(redirect.clone());
        }
        toml::to_string(&file).map_err(|e| Failure::new(format!("cannot write redirects: {e}")))
    }

    /// Refuses to replace anything without `force`, then moves the staged files in.
    fn commit(&mut self, force: bool) -> Result<(), Failure> {
        let merged = [
            Path::new(quire_content::redirects::REDIRECTS_FILE),
            Path::new("site.toml"),
        ];
        let conflicts: Vec<String> = self
            .staged
            .iter()
            .filter(|rel| !merged.contains(&rel.as_path()))
            .filter(|rel| self.taken(rel))
            .map(|rel| rel.display().to_string())
            .collect();
        if !force && !conflicts.is_empty() {
            let shown: Vec<&str> = conflicts.iter().take(10).map(String::as_str).collect();
            let more = conflicts.len().saturating_sub(shown.len());
            return Err(Failure::new(format!(
                "the import would replace {} existing file{} in {}: {}{}",
                conflicts.len(),
                if conflicts.len() == 1 { "" } else { "s" },
                self.content_dir.display(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ))
            .hint("import into an empty content folder, or add --force to replace them"));
        }
        for rel in &self.staged {
            let target = self.content_dir.join(rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| write_failure(&target, e))?;
            }
            fs::rename(self.staging.join(rel), &target).map_err(|e| write_failure(&target, e))?;
        }
        self.committed = true;
        Ok(())
    }

    /// Whether `relative` (or the other form of the same post) is already there.
    fn taken(&self, relative: &Path) -> bool {
        let target = self.content_dir.join(relative);
        if target.exists() {
            return true;
        }
        // `posts/x.md` and `posts/x/index.md` are one post.
        let mut parts = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy());
        match (parts.next().as_deref(), parts.next(), parts.next()) {
            (Some("posts"), Some(name), None) => name
                .strip_suffix(".md")
                .is_some_and(|slug| self.content_dir.join("posts").join(slug).exists()),
            (Some("posts"), Some(slug), Some(file)) if file == "index.md" => self
                .content_dir
                .join("posts")
                .join(format!("{slug}.md"))
                .exists(),
            _ => false,
        }
    }
}

impl Drop for Output {
    /// The staging folder never outlives the import, worked or not.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.staging);
        let _ = self.committed;
    }
}

fn write_failure(path: &Path, err: std::io::Error) -> Failure {
    Failure::new(format!("cannot write {}: {err}", path.display()))
}
