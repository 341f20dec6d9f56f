//! What an import did with every item: counts, and each thing skipped, dropped or
//! changed with its reason, so that an author knows what to look at.

use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Default, Clone)]
pub struct Report {
    pub posts: usize,
    pub drafts: usize,
    pub pages: usize,
    pub comments: usize,
    /// Images left where they are (remote), and those fetched into post folders.
    pub images_remote: usize,
    /// Of those left remote, how many are on Google's hosts (Blogger's).
    pub images_on_google: usize,
    pub images_downloaded: usize,
    pub redirects: usize,
    /// Links between the old blog's items, now to their new addresses.
    pub links_rewritten: usize,
    pub files: usize,
    /// Each item skipped: which, and why.
    pub skipped: Vec<(String, String)>,
    /// What was left out of a body, by post: `script ×2`.
    pub dropped: Vec<(String, String)>,
    /// Notes on single items: renamed, shortened, imported as a draft.
    pub notes: Vec<(String, String)>,
    /// Images that could not be fetched, with why.
    pub image_failures: Vec<(String, String)>,
    /// Labels (tags, categories) as they were → as Quire has them.
    pub labels: BTreeMap<String, String>,
    /// Shortcodes Quire does not know, left as text: where, and which.
    pub shortcodes: Vec<(String, String)>,
}

impl Report {
    pub fn skip(&mut self, what: impl Into<String>, why: impl Into<String>) {
        self.skipped.push((what.into(), why.into()));
    }

    pub fn note(&mut self, what: impl Into<String>, note: impl Into<String>) {
        self.notes.push((what.into(), note.into()));
    }

    pub fn dropped(&mut self, what: &str, dropped: &BTreeMap<String, usize>) {
        if dropped.is_empty() {
            return;
        }
        let list: Vec<String> = dropped
            .iter()
            .map(|(kind, n)| {
                if *n == 1 {
                    kind.clone()
                } else {
                    format!("{kind} ×{n}")
                }
            })
            .collect();
        self.dropped.push((what.to_string(), list.join(", ")));
    }
}

fn section(f: &mut fmt::Formatter<'_>, title: &str, items: &[(String, String)]) -> fmt::Result {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(f, "\n{title}:")?;
    for (what, why) in items {
        writeln!(f, "  {what}: {why}")?;
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "imported {} posts ({} of them drafts), {} pages, {} comments, {} redirects from old addresses",
            self.posts, self.drafts, self.pages, self.comments, self.redirects
        )?;
        writeln!(
            f,
            "images: {} left at their remote addresses ({} of them on Google's hosts), {} fetched \
             into post folders; {} files copied",
            self.images_remote, self.images_on_google, self.images_downloaded, self.files
        )?;
        if self.links_rewritten > 0 {
            writeln!(
                f,
                "links: {} between the old blog's posts and pages now lead to their new addresses",
                self.links_rewritten
            )?;
        }
        if !self.labels.is_empty() {
            writeln!(f, "\nlabels:")?;
            for (from, to) in &self.labels {
                writeln!(f, "  {from} → {to}")?;
            }
        }
        section(f, "skipped", &self.skipped)?;
        section(
            f,
            "left out of bodies (not Markdown, or not safe)",
            &self.dropped,
        )?;
        section(
            f,
            "shortcodes Quire does not know, left as text",
            &self.shortcodes,
        )?;
        section(
            f,
            "images that could not be fetched (left remote)",
            &self.image_failures,
        )?;
        section(f, "notes", &self.notes)?;
        Ok(())
    }
}
