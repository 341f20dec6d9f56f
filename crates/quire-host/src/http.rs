//! Just enough HTTP/1.1 to serve static files to browsers: GET and HEAD, one request
//! per connection.

use crate::{Answer, Canned};
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

pub fn handle(
    stream: TcpStream,
    root: &Path,
    prefix: &str,
    proxy: Option<&crate::proxy::Proxy>,
    live: Option<(&crate::Live, &std::sync::atomic::AtomicBool)>,
    override_for: impl Fn(&str) -> Option<Answer>,
    record_post: impl Fn(&str, Vec<u8>),
) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Of the request headers, only the encodings the browser accepts matter here.
    let mut accepts = Vec::new();
    let mut content_length = 0usize;
    let mut header = String::new();
    // Kept whole for a request passed on to a service.
    let mut lines = Vec::new();
    while reader.read_line(&mut header)? > 2 {
        lines.push(header.clone());
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0);
            }
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accepts = value
                    .split(',')
                    .map(|e| {
                        e.split(';')
                            .next()
                            .unwrap_or("")
                            .trim()
                            .to_ascii_lowercase()
                    })
                    .collect();
            }
        }
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return respond(
            stream,
            &Canned::new(400, "text/plain", "bad request"),
            &[],
            false,
        );
    };
    let head_only = method == "HEAD";
    if let Some((proxy, path)) = proxy.and_then(|p| p.route(target).map(|path| (p, path))) {
        return proxy.pass(stream, &mut reader, (method, &path), &lines, content_length);
    }
    // A test may stand in for a service (a comments endpoint) with an override;
    // files themselves are only ever read.
    if method == "POST" {
        let requested = target.split(['?', '#']).next().unwrap_or("/");
        if let Some(Answer::Canned(answer)) = override_for(requested) {
            let mut body = vec![0; content_length.min(1 << 20)];
            std::io::Read::read_exact(&mut reader, &mut body)?;
            record_post(requested, body);
            return respond(stream, &answer, &[], false);
        }
    }
    if method != "GET" && !head_only {
        return respond(
            stream,
            &Canned::new(405, "text/plain", "method not allowed"),
            &[],
            false,
        );
    }
    let requested = target.split(['?', '#']).next().unwrap_or("/");
    // The site's own path: what follows the prefix, or nothing for other paths.
    let Some(path) = requested
        .strip_prefix(prefix.trim_end_matches('/'))
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .map(|rest| if rest.is_empty() { "/" } else { rest })
    else {
        return respond(
            stream,
            &Canned::new(404, "text/plain", "not found"),
            &[],
            head_only,
        );
    };
    if let Some((live, stopping)) = live {
        if path == live.events_path {
            return crate::live::stream(stream, &live.events, stopping);
        }
        // Precompressed twins would lack the snippet.
        accepts.clear();
    }
    let headers = headers_for(root, path);
    // Asked once: a transient fault counts the requests it answers.
    let overridden = override_for(requested);
    if let (None, Some((status, to))) = (&overridden, redirect_for(root, path)) {
        let location = format!("{}{}", prefix.trim_end_matches('/'), to);
        let mut answer = Canned::new(status, "text/plain; charset=utf-8", "");
        answer.location = Some(location);
        return respond(stream, &answer, &headers, head_only);
    }
    let answer = match overridden {
        None => serve_file(root, path, &accepts),
        Some(Answer::Canned(canned)) => canned,
        Some(Answer::Slowly(wait)) => {
            std::thread::sleep(wait);
            serve_file(root, path, &accepts)
        }
        Some(Answer::HangUp) => return Ok(()),
        // Resolved to a Canned answer or to the file before it gets here.
        Some(Answer::First { canned, .. }) => canned,
    };
    let answer = match live {
        Some((live, _)) if answer.content_type.starts_with("text/html") => Canned {
            body: crate::live::inject(&answer.body, &live.head_snippet),
            ..answer
        },
        _ => answer,
    };
    respond(stream, &answer, &headers, head_only)
}

fn respond(
    mut stream: TcpStream,
    answer: &Canned,
    headers: &[(String, String)],
    head_only: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nVary: Accept-Encoding\r\nConnection: close\r\n",
        answer.status,
        reason(answer.status),
        answer.content_type,
        answer.body.len()
    );
    if let Some(encoding) = &answer.content_encoding {
        head.push_str(&format!("Content-Encoding: {encoding}\r\n"));
    }
    if let Some(location) = &answer.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    // Revalidate unless the site's _headers says otherwise (hashed assets do).
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("cache-control"))
    {
        head.push_str("Cache-Control: no-cache\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&answer.body)?;
    }
    stream.flush()
}

/// The file, or its precompressed twin (`.br`, then `.gz`) when the browser accepts
/// that encoding and the twin exists, as hosts that serve precompressed files do.
fn serve_file(root: &Path, url_path: &str, accepts: &[String]) -> Canned {
    let Some(file) = resolve(root, url_path) else {
        return not_found(root);
    };
    for (encoding, suffix) in [("br", "br"), ("gzip", "gz")] {
        if accepts.iter().any(|a| a == encoding) {
            let mut twin = file.clone().into_os_string();
            twin.push(".");
            twin.push(suffix);
            if let Ok(body) = fs::read(&twin) {
                return Canned {
                    status: 200,
                    content_type: content_type(&file).to_string(),
                    content_encoding: Some(encoding.to_string()),
                    location: None,
                    body,
                };
            }
        }
    }
    match fs::read(&file) {
        Ok(body) => Canned::new(200, content_type(&file), body),
        Err(_) => not_found(root),
    }
}

/// The headers `root/_headers` gives `path`, in the format Netlify and Cloudflare
/// Pages read: a path pattern (`*` matches anything) on its own line, then its
/// headers indented as `Name: value`. Every matching rule applies.
fn headers_for(root: &Path, path: &str) -> Vec<(String, String)> {
    let Ok(rules) = fs::read_to_string(root.join("_headers")) else {
        return Vec::new();
    };
    let mut headers = Vec::new();
    let mut matching = false;
    for line in rules.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let (true, Some((name, value))) = (matching, line.split_once(':')) {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
        } else {
            matching = pattern_matches(line.trim(), path);
        }
    }
    headers
}

/// Where `root/_redirects` sends `path`, in the format Netlify and Cloudflare Pages
/// read: `from to [status]` per line (status 301 unless given). Only exact paths
/// are matched here, which is all a Quire site writes.
fn redirect_for(root: &Path, path: &str) -> Option<(u16, String)> {
    let rules = fs::read_to_string(root.join("_redirects")).ok()?;
    rules.lines().find_map(|line| {
        let mut fields = line.split_whitespace();
        let (from, to) = (fields.next()?, fields.next()?);
        if from.starts_with('#') || from != path {
            return None;
        }
        let status = fields.next().and_then(|s| s.parse().ok()).unwrap_or(301);
        Some((status, to.to_string()))
    })
}

fn pattern_matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        Some((prefix, suffix)) => {
            path.len() >= prefix.len() + suffix.len()
                && path.starts_with(prefix)
                && path.ends_with(suffix)
        }
        None => pattern == path,
    }
}

/// The file a URL path names: the file itself, or `index.html` in a folder. `None`
/// for paths that leave `root` or name nothing.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = quire_schema::percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    // Host configuration is not content.
    if relative == Path::new("_headers") || relative == Path::new("_redirects") {
        return None;
    }
    let candidate = root.join(relative);
    if candidate.is_file() {
        return Some(candidate);
    }
    // Clean URLs, as GitHub Pages, Netlify and Cloudflare Pages serve them:
    // `/posts/x` is `posts/x.html`.
    let mut page = candidate.clone().into_os_string();
    page.push(".html");
    let page = PathBuf::from(page);
    if page.is_file() && !decoded.ends_with('/') {
        return Some(page);
    }
    let index = candidate.join("index.html");
    index.is_file().then_some(index)
}

fn not_found(root: &Path) -> Canned {
    match fs::read(root.join("404.html")) {
        Ok(body) => Canned::new(404, "text/html; charset=utf-8", body),
        Err(_) => Canned::new(404, "text/plain; charset=utf-8", "not found"),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "xml" if file.file_name().is_some_and(|n| n == "atom.xml") => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
