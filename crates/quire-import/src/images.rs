//! `--download-images`: each remote image of a post fetched into the post's folder,
//! bounded in size and time. A failure is listed and the image stays remote; the
//! import goes on.

use crate::output::FileSource;
use crate::report::Report;
use std::collections::HashMap;
use std::io::Read;
use std::time::Duration;

/// The most one image may weigh.
const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;
/// The longest one image may take, from asking to the last byte.
const IMAGE_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether an address is on one of the hosts Blogger keeps images on.
pub fn is_google_hosted(url: &str) -> bool {
    let host = url.split_once("://").map_or("", |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or("")
    });
    [
        "googleusercontent.com",
        "blogspot.com",
        "ggpht.com",
        "blogger.com",
    ]
    .iter()
    .any(|google| host == *google || host.ends_with(&format!(".{google}")))
}

fn is_remote(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Fetches the remote images among `images` and rewrites `markdown` to name the
/// fetched files, which are returned for the post's folder.
pub fn download(
    images: &[String],
    markdown: &mut String,
    origin: &str,
    report: &mut Report,
) -> Vec<(String, FileSource)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(IMAGE_TIMEOUT))
        .http_status_as_error(true)
        .build()
        .into();
    let mut files = Vec::new();
    let mut names: HashMap<String, String> = HashMap::new();
    for url in images.iter().filter(|u| is_remote(u)) {
        if names.contains_key(url) {
            continue;
        }
        match fetch(&agent, url) {
            Ok(bytes) => {
                let name = file_name(url, names.len() + 1, &names);
                // htmd writes the address as it was, or with `(` `)` escaped.
                *markdown = markdown
                    .replace(&format!("({url}"), &format!("({name}"))
                    .replace(
                        &format!("({})", url.replace('(', "\\(").replace(')', "\\)")),
                        &format!("({name})"),
                    );
                names.insert(url.clone(), name.clone());
                files.push((name, FileSource::Bytes(bytes)));
                report.images_downloaded += 1;
            }
            Err(why) => {
                report
                    .image_failures
                    .push((format!("{origin}: {url}"), why));
                report.images_remote += 1;
            }
        }
    }
    files
}

fn fetch(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, String> {
    let response = agent.get(url).call().map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("the download failed: {e}"))?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(format!("larger than {} MB", MAX_IMAGE_BYTES / 1024 / 1024));
    }
    Ok(bytes)
}

/// A clean, unique file name from the address's last segment: its stem as a slug
/// and a short alphanumeric extension; `image-<n>` when nothing is usable.
fn file_name(url: &str, n: usize, taken: &HashMap<String, String>) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or("");
    let (stem, ext) = last.rsplit_once('.').unwrap_or((last, ""));
    let ext = ext.to_ascii_lowercase();
    let ext = if !ext.is_empty() && ext.len() <= 5 && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        format!(".{ext}")
    } else {
        String::new()
    };
    let stem = quire_schema::to_slug(stem).unwrap_or_else(|| format!("image-{n}"));
    let mut name = format!("{stem}{ext}");
    let mut k = 1;
    while taken.values().any(|v| v == &name) {
        k += 1;
        name = format!("{stem}-{k}{ext}");
    }
    name
}
