//! Passing a path to a service, as a blog's own web server or CDN does for the
//! comment service (`/api/` → `http://127.0.0.1:8081/`, the set-up the deploy guide
//! recommends): the request goes on with the prefix cut, the reader's address in
//! `X-Forwarded-For`, and the service's answer comes back as it is.

use std::io::{self, BufRead, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Where requests under a path go.
#[derive(Debug, Clone)]
pub struct Proxy {
    /// The path prefix passed on, like `/api/`.
    pub prefix: String,
    pub upstream: SocketAddr,
}

impl Proxy {
    /// The upstream path for `target`, if it is under the prefix: `/api/comments/x`
    /// → `/comments/x`.
    pub fn route(&self, target: &str) -> Option<String> {
        let rest = target.strip_prefix(self.prefix.trim_end_matches('/'))?;
        if rest.is_empty() {
            Some("/".to_string())
        } else if rest.starts_with('/') {
            Some(rest.to_string())
        } else {
            None
        }
    }

    /// Sends the request on and copies the answer back to `client`.
    pub fn pass(
        &self,
        mut client: TcpStream,
        reader: &mut impl BufRead,
        request: (&str, &str),
        headers: &[String],
        content_length: usize,
    ) -> io::Result<()> {
        let (method, path) = request;
        let peer = client
            .peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_default();
        let mut upstream = match TcpStream::connect_timeout(&self.upstream, Duration::from_secs(5))
        {
            Ok(stream) => stream,
            Err(_) => {
                let body = "The comment service is not running.";
                return write!(
                    client,
                    "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        };
        upstream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let mut head = format!("{method} {path} HTTP/1.1\r\n");
        for line in headers {
            let name = line.split(':').next().unwrap_or_default().trim();
            if !name.eq_ignore_ascii_case("connection")
                && !name.eq_ignore_ascii_case("x-forwarded-for")
            {
                head.push_str(line.trim_end());
                head.push_str("\r\n");
            }
        }
        head.push_str(&format!(
            "X-Forwarded-For: {peer}\r\nConnection: close\r\n\r\n"
        ));
        upstream.write_all(head.as_bytes())?;
        let mut body = reader.take(content_length as u64);
        io::copy(&mut body, &mut upstream)?;
        upstream.flush()?;
        io::copy(&mut upstream, &mut client)?;
        client.flush()
    }
}
