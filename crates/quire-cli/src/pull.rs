//! `quire comments pull`: the comments service's approved comments into
//! `content/comments/`, from its moderation API or from `quire-comments export`.

use quire_schema::comments::CommentExport;
use std::collections::BTreeSet;
use std::path::Path;

/// Where the export comes from.
pub enum Source {
    Url(String),
    File(String),
}

pub fn pull(source: &Source, content: &Path, slugs: &BTreeSet<String>) -> Result<(), String> {
    let json = match source {
        Source::Url(url) => fetch(url)?,
        Source::File(file) if file == "-" => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| format!("cannot read the export from stdin: {e}"))?;
            text
        }
        Source::File(file) => std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read the export {file}: {e}"))?,
    };
    let export: CommentExport = quire_schema::decode(&json)
        .map_err(|e| format!("that is not an export of quire-comments: {e}"))?;
    let pulled = quire_content::pull::write_pulled(content, slugs, &export)?;
    for (post, count) in &pulled.written {
        eprintln!(
            "{post}: {count} comment{} from the service",
            if *count == 1 { "" } else { "s" }
        );
    }
    if pulled.written.is_empty() {
        eprintln!("no post's comments changed");
    }
    for post in &pulled.unknown {
        eprintln!("warning: the service has comments for `{post}`, which content/ has no post for: left out");
    }
    Ok(())
}

fn fetch(url: &str) -> Result<String, String> {
    let token = std::env::var("QUIRE_COMMENTS_ADMIN_TOKEN").map_err(|_| {
        "set QUIRE_COMMENTS_ADMIN_TOKEN to the service's moderation token first".to_string()
    })?;
    let address = format!("{}/admin/export", url.trim_end_matches('/'));
    let mut response = ureq::get(&address)
        .header("Authorization", &format!("Bearer {token}"))
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .map_err(|e| format!("cannot reach the comments service at {address}: {e}"))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|e| format!("{address}: the answer was cut short: {e}"))?;
    match status {
        200 => Ok(body),
        401 => Err(format!("{address} refused the moderation token (HTTP 401): check QUIRE_COMMENTS_ADMIN_TOKEN")),
        404 => Err(format!("{address} answered 404: is the URL the service's (…/api, not …/api/comments), and is its moderation API on?")),
        other => Err(format!("{address} answered HTTP {other}: {body}")),
    }
}
