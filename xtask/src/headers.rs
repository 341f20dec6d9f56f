//! `dist/_headers`: the response headers a CDN should send (Netlify and Cloudflare
//! Pages read this file; quire-host applies it too, so the browser tests run under
//! exactly these headers).
//!
//! The Content-Security-Policy allows no inline script but Trunk's boot script, by
//! its SHA-256 computed here from the built page, and no inline style at all.

use crate::run::Result;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

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
fn comments_origin(site_root: &Path) -> Option<String> {
    let json = fs::read_to_string(site_root.join(quire_schema::site_path())).ok()?;
    let site: quire_schema::SiteBundle = quire_schema::decode(&json).ok()?;
    let endpoint = site.comments_endpoint?;
    let (scheme, rest) = endpoint.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

pub fn write(site_root: &Path) -> Result {
    // Pages differ in their loader (some start the app at once), so every page's
    // inline scripts are allowed, each once.
    let mut hashes: Vec<String> = Vec::new();
    for page in html_files(site_root)? {
        let html = fs::read_to_string(&page)
            .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        for script in inline_scripts(&html) {
            let hash = base64(&Sha256::digest(script.as_bytes()));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
    }
    hashes.sort();
    let mut headers = format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n  X-Frame-Options: DENY\n  \
         Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n",
        content_security_policy(&hashes, comments_origin(site_root).as_deref())
    );
    // Trunk names its outputs by their content, and `quire` its bundles under
    // data/h/: a new build means new names, so these can be kept for a year. HTML,
    // plainly named bundles and feeds keep the host's default (revalidate), so a
    // redeploy is seen at once.
    headers.push_str(&format!(
        "/{}/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        quire_schema::IMMUTABLE_DIR
    ));
    let mut hashed: Vec<String> = fs::read_dir(site_root)
        .map_err(|e| format!("cannot list {}: {e}", site_root.display()))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| has_content_hash(name))
        .collect();
    hashed.sort();
    for name in hashed {
        headers.push_str(&format!(
            "/{name}\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
    }
    fs::write(site_root.join("_headers"), headers)
        .map_err(|e| format!("cannot write _headers: {e}"))
}

/// Every `.html` file under `dir`.
fn html_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut found = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(html_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
    Ok(found)
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
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(tag_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[tag_end..].find("</script>").map(|i| tag_end + i) else {
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

    fn site_with_endpoint(endpoint: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "xtask-headers-{}-{}",
            std::process::id(),
            endpoint.len()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("data")).unwrap();
        let site = quire_schema::SiteBundle {
            format: quire_schema::FORMAT_VERSION,
            title: "t".into(),
            description: "d".into(),
            author: "a".into(),
            base_url: "https://blog.example/".into(),
            language: "en".into(),
            comments_endpoint: Some(endpoint.into()),
            pages: Vec::new(),
        };
        fs::write(
            dir.join(quire_schema::site_path()),
            quire_schema::encode(&site),
        )
        .unwrap();
        dir
    }

    #[test]
    fn the_comment_service_is_the_only_addition_to_the_policy() {
        // On the blog's own domain: nothing to add.
        let same = site_with_endpoint("/api/comments");
        assert_eq!(comments_origin(&same), None);
        let plain = content_security_policy(&[], None);
        assert!(plain.contains("connect-src 'self';") && plain.contains("form-action 'self';"));

        // On a host of its own: that origin, in connect-src and form-action alone.
        let other = site_with_endpoint("https://comments.example:8443/comments");
        let origin = comments_origin(&other);
        assert_eq!(origin.as_deref(), Some("https://comments.example:8443"));
        let policy = content_security_policy(&[], origin.as_deref());
        assert_eq!(policy.matches("https://comments.example:8443").count(), 2);
        assert!(policy.contains("connect-src 'self' https://comments.example:8443;"));
        assert!(policy.contains("form-action 'self' https://comments.example:8443;"));
        let _ = fs::remove_dir_all(same);
        let _ = fs::remove_dir_all(other);
    }
}
