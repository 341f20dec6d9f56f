//! `dist/_headers`: the response headers a CDN should send (Netlify and Cloudflare
//! Pages read this file; quire-host applies it too, so the browser tests run under
//! exactly these headers).
//!
//! The Content-Security-Policy allows no inline script but Trunk's boot script, by
//! its SHA-256 computed here from the built page, and no inline style at all.

use crate::bundle::OutputFile;
use memchr::memmem;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::sync::Arc;

/// Everything but the boot script comes from the site itself; images may come from
/// any https host, as authors link them.
fn content_security_policy(script_hashes: &[String], comments_origin: Option<&str>) -> String {
    let hashes: String = script_hashes
        .iter()
        .map(|hash| format!(" 'sha256-{hash}'"))
        .collect();
    // The comment form posts to its endpoint, from the app (connect) or without it (form).
    let comments = comments_origin
        .map(|origin| format!(" {origin}"))
        .unwrap_or_default();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' https:; connect-src 'self'{comments}; font-src 'self'; manifest-src 'self'; \
         base-uri 'none'; form-action 'self'{comments}; frame-ancestors 'none'"
    )
}

/// The origin of the site's comments endpoint when it is on another host.
fn comments_origin(endpoint: Option<&str>) -> Option<String> {
    let (scheme, rest) = endpoint?.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// The inline scripts found in each page, kept by the live preview with the page
/// they were found in: a save looks only into the pages it made again (looking
/// into all 13,000 of a 10,000-post blog's took 40 ms of every save).
#[derive(Default)]
pub struct Found {
    /// Each page's scripts, by its path, with the page they are of.
    pages: HashMap<String, (Arc<str>, Vec<Arc<str>>)>,
    /// Each script once: the pages' are these, so telling them apart is comparing
    /// pointers, not texts.
    scripts: HashSet<Arc<str>>,
}

impl Found {
    /// Looks into the pages of `pages` that are not as they were.
    fn add(&mut self, pages: &[&OutputFile]) {
        for page in pages {
            let same = |(held, _): &(Arc<str>, _)| Arc::ptr_eq(held, &page.contents);
            if self.pages.get(&page.path).is_some_and(same) {
                continue;
            }
            let scripts = inline_scripts(&page.contents)
                .into_iter()
                .map(|script| match self.scripts.get(script) {
                    Some(known) => known.clone(),
                    None => {
                        let new: Arc<str> = script.into();
                        self.scripts.insert(new.clone());
                        new
                    }
                })
                .collect();
            self.pages
                .insert(page.path.clone(), (page.contents.clone(), scripts));
        }
    }

    /// Forgets the pages not in `now`; the scripts of those left, each once.
    fn keep_only(&mut self, now: &HashSet<String>) -> Vec<&str> {
        self.pages.retain(|path, _| now.contains(path));
        // A script no page holds any more is forgotten: those left are all used.
        self.scripts.retain(|script| Arc::strong_count(script) > 1);
        self.scripts.iter().map(|script| &**script).collect()
    }
}

/// The inline scripts of a site's pages, gathered as its pages are made, a part at
/// a time (see `site::make`), for its `_headers`.
pub struct Scripts<'f> {
    /// What the last pages held (the preview's): only pages made again are looked
    /// into.
    found: Option<&'f mut Found>,
    /// With `found`, the pages so far; without, every script so far, each once.
    pages: HashSet<String>,
    scripts: HashSet<String>,
}

impl<'f> Scripts<'f> {
    pub fn new(found: Option<&'f mut Found>) -> Scripts<'f> {
        Scripts {
            found,
            pages: HashSet::new(),
            scripts: HashSet::new(),
        }
    }

    /// Looks into `pages` (and passes over the files among them that are not).
    pub fn add(&mut self, pages: &[OutputFile]) {
        let html: Vec<&OutputFile> = pages.iter().filter(|p| p.path.ends_with(".html")).collect();
        match &mut self.found {
            Some(found) => {
                found.add(&html);
                self.pages.extend(html.iter().map(|p| p.path.clone()));
            }
            // Pages differ in their loader (some start the app at once), so every
            // page's inline scripts are allowed, each once. (Ten thousand pages share
            // a few scripts: each is hashed once, not once per page.)
            None => {
                let found: HashSet<&str> = html
                    .par_iter()
                    .flat_map_iter(|page| inline_scripts(&page.contents))
                    .collect();
                for script in found {
                    if !self.scripts.contains(script) {
                        self.scripts.insert(script.to_string());
                    }
                }
            }
        }
    }

    /// `_headers` for the site of the pages added, around the app Trunk built into
    /// `site_root`, with its comments at `comments_endpoint`.
    pub fn file(
        self,
        site_root: &Path,
        comments_endpoint: Option<&str>,
    ) -> Result<OutputFile, String> {
        let scripts: Vec<&str> = match self.found {
            Some(found) => found.keep_only(&self.pages),
            None => self.scripts.iter().map(String::as_str).collect(),
        };
        headers(site_root, &scripts, comments_endpoint)
    }
}

/// `_headers` for a site whose pages are `pages`, around the app Trunk built into
/// `site_root`, with its comments at `comments_endpoint`. With `found`, what the
/// last pages held, only pages made again are looked into.
pub fn file(
    site_root: &Path,
    pages: &[OutputFile],
    comments_endpoint: Option<&str>,
    found: Option<&mut Found>,
) -> Result<OutputFile, String> {
    let mut scripts = Scripts::new(found);
    scripts.add(pages);
    scripts.file(site_root, comments_endpoint)
}

/// `_headers` allowing the inline `scripts`.
fn headers(
    site_root: &Path,
    scripts: &[&str],
    comments_endpoint: Option<&str>,
) -> Result<OutputFile, String> {
    let mut hashes: Vec<String> = scripts
        .iter()
        .map(|script| base64(&Sha256::digest(script.as_bytes())))
        .collect();
    hashes.sort();
    hashes.dedup();
    let mut headers = format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n  X-Frame-Options: DENY\n  \
         Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n",
        content_security_policy(&hashes, comments_origin(comments_endpoint).as_deref())
    );
    // Trunk names its outputs by their content, and `quire` its bundles under
    // data/h/: a new build means new names, so these can be kept for a year. HTML,
    // plainly named bundles and feeds keep the host's default (revalidate), so a
    // redeploy is seen at once.
    headers.push_str(&format!(
        "/{}/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        quire_schema::IMMUTABLE_DIR
    ));
    // Resized images are named by their source's content and the settings.
    headers.push_str(&format!(
        "/{}/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        quire_schema::PICTURES_DIR
    ));
    // A folder not made yet holds no app: a site built without one.
    let entries = match fs::read_dir(site_root) {
        Ok(entries) => entries.flatten().collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(format!("cannot list {}: {e}", site_root.display())),
    };
    let mut hashed: Vec<String> = entries
        .into_iter()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        // (Their compressed twins are served at the same address, not their own.)
        .filter(|name| has_content_hash(name) && !name.ends_with(".br") && !name.ends_with(".gz"))
        .collect();
    hashed.sort();
    for name in hashed {
        headers.push_str(&format!(
            "/{name}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    Ok(OutputFile {
        path: "_headers".to_string(),
        contents: headers.into(),
    })
}

/// Trunk's file names end in `-` and a 64-bit hash in hex (15 or 16 digits: it is
/// not zero-padded) before the extension
/// (`quire-ddfa572d837e3dff_bg.wasm`, `main-f53bc1e51a838d1e.css`).
pub fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (15..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The text of every `<script>` without a `src`, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> Vec<&str> {
    // Every page is read to its end, most of it past its last script: `memmem`
    // looks for the tags many bytes at a time. With `str::find`, the 10,000 post
    // pages of a big blog took 67 ms of a core; with `memmem`, 30.
    let (open, close_tag) = (
        memmem::Finder::new("<script"),
        memmem::Finder::new("</script>"),
    );
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = open.find(rest.as_bytes()) {
        let Some(tag_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = close_tag
            .find(rest.as_bytes().get(tag_end..).unwrap_or_default())
            .map(|i| tag_end + i)
        else {
            break;
        };
        let tag = &rest[start..tag_end];
        // Data blocks (JSON-LD) are never run, so the policy need not allow them.
        if !tag.contains("src=") && !tag.contains("application/ld+json") {
            scripts.push(&rest[tag_end..close]);
        }
        rest = &rest[close..];
    }
    scripts
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_hashed_as_browsers_do() {
        let html = "<script src=/a.js></script><script type=module>alert(1)</script><p>x\
                    <script type=\"application/ld+json\">{}</script>";
        assert_eq!(inline_scripts(html), ["alert(1)"]);
        // Far into a page, after text that nearly opens a tag; and one never closed.
        let long = format!(
            "<script>a()</script>{}<scrip><script defer>b()</script><p>&lt;script</p><script>c()",
            "<p>prose</p>".repeat(500)
        );
        assert_eq!(inline_scripts(&long), ["a()", "b()"]);
        // The CSP hash of `alert(1)`, as browsers report it.
        assert_eq!(
            base64(&Sha256::digest(b"alert(1)")),
            "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert!(has_content_hash("quire-ddfa572d837e3dff_bg.wasm"));
        assert!(has_content_hash("main-f53bc1e51a838d1e.css"));
        assert!(has_content_hash("favicon-c02fc08b91f58ac.svg"));
        assert!(!has_content_hash("index.html"));
        assert!(!has_content_hash("my-post-about-things.json"));
        assert_eq!(base64(b"a"), "YQ==");
    }

    #[test]
    fn the_preview_looks_again_only_into_pages_made_again_and_forgets_scripts_gone() {
        let page = |path: &str, script: &str| OutputFile {
            path: path.to_string(),
            contents: format!("<script>{script}</script><p>{path}</p>").into(),
        };
        let mut found = Found::default();
        // As a save does: the pages of the site now, then what they hold.
        let mut update = |pages: &[&OutputFile]| {
            found.add(pages);
            let now = pages.iter().map(|p| p.path.clone()).collect();
            let mut scripts: Vec<String> = found
                .keep_only(&now)
                .into_iter()
                .map(String::from)
                .collect();
            scripts.sort();
            scripts
        };
        let (a, b) = (page("a.html", "one()"), page("b.html", "two()"));
        assert_eq!(update(&[&a, &b]), ["one()", "two()"]);
        // `b` made again with another script; `a` as it was, the same page.
        let b = page("b.html", "three()");
        assert_eq!(update(&[&a, &b]), ["one()", "three()"]);
        // `b` gone: its script goes with it.
        assert_eq!(update(&[&a]), ["one()"]);
        assert_eq!((found.pages.len(), found.scripts.len()), (1, 1));
    }

    #[test]
    fn the_comment_service_is_the_only_addition_to_the_policy() {
        // On the blog's own domain: nothing to add.
        assert_eq!(comments_origin(Some("/api/comments")), None);
        assert_eq!(comments_origin(None), None);
        let plain = content_security_policy(&[], None);
        assert!(plain.contains("connect-src 'self';") && plain.contains("form-action 'self';"));

        // On a host of its own: that origin, in connect-src and form-action alone.
        let origin = comments_origin(Some("https://comments.example:8443/comments"));
        assert_eq!(origin.as_deref(), Some("https://comments.example:8443"));
        let policy = content_security_policy(&[], origin.as_deref());
        assert_eq!(policy.matches("https://comments.example:8443").count(), 2);
        assert!(policy.contains("connect-src 'self' https://comments.example:8443;"));
        assert!(policy.contains("form-action 'self' https://comments.example:8443;"));
    }

    #[test]
    fn each_inline_script_of_the_pages_is_allowed_once() {
        let page = |path: &str, body: &str| OutputFile {
            path: path.to_string(),
            contents: body.to_string().into(),
        };
        let dir = std::env::temp_dir().join(format!("quire-headers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("quire-ddfa572d837e3dff_bg.wasm"), "").unwrap();
        let pages = [
            page("index.html", "<script>a()</script>"),
            page("posts/x.html", "<script>a()</script><script>b()</script>"),
            page("data/site.json", "<script>not a page</script>"),
        ];
        let headers = file(&dir, &pages, None, None).unwrap().contents;
        assert_eq!(headers.matches("'sha256-").count(), 2, "{headers}");
        assert!(headers.contains("/quire-ddfa572d837e3dff_bg.wasm\n  Cache-Control"));
        let _ = fs::remove_dir_all(dir);
    }
}
