use super::*;
use std::io::{Read, Write};

fn site() -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("quire-host-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data/posts")).unwrap();
    std::fs::write(dir.join("index.html"), "home").unwrap();
    std::fs::write(dir.join("404.html"), "missing").unwrap();
    std::fs::write(dir.join("data/posts/a b.json"), "{}").unwrap();
    std::fs::write(dir.join("app.wasm"), [0, 97, 115, 109]).unwrap();
    dir
}

fn head_of(host: &Host, path: &str) -> String {
    let mut stream = TcpStream::connect(host.addr()).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    text.split_once("\r\n\r\n").unwrap().0.to_string()
}

fn get(host: &Host, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(host.addr()).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let status = text[9..12].parse().unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let content_type = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Type: "))
        .unwrap()
        .to_string();
    (status, content_type, body.to_string())
}

#[test]
fn serves_files_folders_and_the_404_page() {
    let host = Host::bind(site(), "127.0.0.1:0").unwrap().spawn().unwrap();
    assert_eq!(get(&host, "/").0, 200);
    assert_eq!(get(&host, "/").2, "home");
    assert_eq!(get(&host, "/data/posts/a%20b.json?x=1").2, "{}");
    assert_eq!(get(&host, "/app.wasm").1, "application/wasm");
    let (status, kind, body) = get(&host, "/posts/deep/link");
    assert_eq!(
        (status, kind.as_str(), body.as_str()),
        (404, "text/html; charset=utf-8", "missing")
    );
}

#[test]
fn never_leaves_the_root() {
    let host = Host::bind(site(), "127.0.0.1:0").unwrap().spawn().unwrap();
    for path in ["/../etc/passwd", "/data/%2e%2e/%2e%2e/x", "/%ff"] {
        assert_eq!(get(&host, path).0, 404, "{path}");
    }
}

#[test]
fn overrides_replace_a_path_until_cleared() {
    let host = Host::bind(site(), "127.0.0.1:0").unwrap().spawn().unwrap();
    host.set_override("/", Canned::new(503, "text/plain", "busy"));
    assert_eq!(get(&host, "/").0, 503);
    host.clear_overrides();
    assert_eq!(get(&host, "/").0, 200);
}

#[test]
fn a_hang_up_sends_nothing_and_a_slow_answer_comes_late() {
    let host = Host::bind(site(), "127.0.0.1:0").unwrap().spawn().unwrap();
    host.set_override("/", Answer::HangUp);
    let mut stream = TcpStream::connect(host.addr()).unwrap();
    write!(stream, "GET / HTTP/1.1\r\n\r\n").unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert_eq!(text, "");

    let wait = std::time::Duration::from_millis(300);
    host.set_override("/", Answer::Slowly(wait));
    let started = std::time::Instant::now();
    assert_eq!(get(&host, "/").2, "home");
    assert!(started.elapsed() >= wait);
}

#[test]
fn a_transient_fault_clears_after_its_count() {
    let host = Host::bind(site(), "127.0.0.1:0").unwrap().spawn().unwrap();
    host.set_override(
        "/",
        Answer::First {
            times: 2,
            canned: Canned::new(503, "text/plain", "busy"),
        },
    );
    assert_eq!(get(&host, "/").0, 503);
    assert_eq!(get(&host, "/").0, 503);
    assert_eq!(get(&host, "/").0, 200);
}

#[test]
fn headers_from_the_headers_file_apply_by_path_and_the_file_is_hidden() {
    let root = site();
    std::fs::write(
        root.join("_headers"),
        "# rules\n/*\n  X-Frame-Options: DENY\n/data/*\n  Cache-Control-Extra: data\n",
    )
    .unwrap();
    let host = Host::bind(root, "127.0.0.1:0").unwrap().spawn().unwrap();
    let home = head_of(&host, "/");
    assert!(home.contains("X-Frame-Options: DENY"), "{home}");
    assert!(!home.contains("Cache-Control-Extra"), "{home}");
    let data = head_of(&host, "/data/posts/a%20b.json");
    assert!(
        data.contains("X-Frame-Options: DENY") && data.contains("Cache-Control-Extra: data"),
        "{data}"
    );
    assert_eq!(get(&host, "/_headers").0, 404);
}

#[test]
fn precompressed_twins_are_served_to_browsers_that_accept_them() {
    let root = site();
    std::fs::write(root.join("index.html.gz"), "gzipped home").unwrap();
    let host = Host::bind(root, "127.0.0.1:0").unwrap().spawn().unwrap();
    let mut stream = TcpStream::connect(host.addr()).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nAccept-Encoding: gzip, deflate\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.contains("Content-Encoding: gzip\r\n"), "{text}");
    assert!(text.contains("Content-Type: text/html"), "{text}");
    assert!(text.ends_with("gzipped home"), "{text}");
    assert_eq!(get(&host, "/").2, "home", "no Accept-Encoding, no encoding");
}

#[test]
fn a_site_under_a_prefix_is_served_only_there() {
    let host = Host::bind_under(site(), "127.0.0.1:0", "/blog/")
        .unwrap()
        .spawn()
        .unwrap();
    assert_eq!(get(&host, "/blog/").2, "home");
    assert_eq!(get(&host, "/blog").2, "home");
    assert_eq!(get(&host, "/blog/data/posts/a%20b.json").2, "{}");
    assert_eq!(
        get(&host, "/blog/posts/deep").2,
        "missing",
        "the site's 404.html"
    );
    assert_eq!(get(&host, "/").0, 404);
    assert_eq!(get(&host, "/blogger/").0, 404);
    assert_eq!(get(&host, "/data/posts/a%20b.json").0, 404);
}

#[test]
fn clean_urls_serve_the_page_of_that_name() {
    let root = site();
    std::fs::create_dir_all(root.join("posts")).unwrap();
    std::fs::write(root.join("posts/hello.html"), "a post").unwrap();
    std::fs::write(root.join("popular.html"), "popular").unwrap();
    let host = Host::bind(&root, "127.0.0.1:0").unwrap().spawn().unwrap();
    assert_eq!(get(&host, "/posts/hello").2, "a post");
    assert_eq!(get(&host, "/posts/hello").0, 200);
    assert_eq!(get(&host, "/popular").2, "popular");
    assert_eq!(get(&host, "/posts/hello.html").2, "a post");
    assert_eq!(get(&host, "/posts/nope").0, 404);
}

#[test]
fn redirects_are_applied_and_the_file_itself_is_not_served() {
    let root = site();
    std::fs::write(
        root.join("_redirects"),
        "# feeds\n/feed.xml /atom.xml 301\n/old /new 302\n",
    )
    .unwrap();
    let host = Host::bind_under(&root, "127.0.0.1:0", "/blog/")
        .unwrap()
        .spawn()
        .unwrap();
    let head = head_of(&host, "/blog/feed.xml");
    assert!(head.starts_with("HTTP/1.1 301"), "{head}");
    assert!(head.contains("\r\nLocation: /blog/atom.xml"), "{head}");
    assert!(head_of(&host, "/blog/old").starts_with("HTTP/1.1 302"));
    assert_eq!(get(&host, "/blog/_redirects").0, 404);
}

#[test]
fn a_post_to_an_overridden_path_is_answered_and_recorded() {
    let host = Host::bind(site(), "127.0.0.1:0").unwrap().spawn().unwrap();
    host.set_override("/api/comments", Canned::new(201, "application/json", "{}"));
    let mut stream = TcpStream::connect(host.addr()).unwrap();
    write!(
        stream,
        "POST /api/comments HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\n\r\n{{\"a\":\"b\"}}"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 201"), "{text}");
    assert_eq!(host.posted("/api/comments"), [r#"{"a":"b"}"#]);
    // Files are never written to.
    let mut stream = TcpStream::connect(host.addr()).unwrap();
    write!(
        stream,
        "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 405"), "{text}");
}

#[test]
fn a_service_path_is_passed_on_with_the_prefix_cut_and_the_readers_address() {
    use std::io::{BufRead, BufReader, Write};
    let upstream = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream_addr = upstream.local_addr().unwrap();
    let service = std::thread::spawn(move || {
        let (stream, _) = upstream.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut seen = Vec::new();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 2 {
            seen.push(line.trim_end().to_string());
            line.clear();
        }
        let body = seen.join("|");
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 202 Accepted\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
    });
    let host = Host::bind(site(), "127.0.0.1:0").unwrap().spawn().unwrap();
    host.pass_to("/api/", upstream_addr);
    let (status, _, body) = get(&host, "/api/comments/a-post");
    service.join().unwrap();
    assert_eq!(status, 202);
    assert!(body.starts_with("GET /comments/a-post HTTP/1.1"), "{body}");
    assert!(body.contains("X-Forwarded-For: 127.0.0.1"), "{body}");

    // No service there: the host says so.
    let gone = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    host.pass_to("/api/", gone);
    assert_eq!(get(&host, "/api/comments/a-post").0, 502);
    // Other paths are the site's as before.
    assert_eq!(get(&host, "/index.html").0, 200);
}
