//! The comment service under load, on loopback only, bounded in count and time:
//! - 200 concurrent writers for 60 s on each store: comments accepted, none lost,
//!   no 5xx, latency and throughput;
//! - a `kill -9` of the service in the middle of a write run, a restart, and a
//!   check that every comment that got a 202 is there;
//! - reads of one post's comments with the service held to one core.
//!
//! The service runs with its default abuse limits. Each comment comes from an
//! address of its own (`X-Forwarded-For`, as behind the recommended proxy), as when
//! many readers write at once, so the rate limits are checked for every comment
//! and refuse none; forms are sent with tokens older than the minimum time.

use crate::postgres::{free_port, Postgres};
use crate::run::{cargo, root, run, step, Result};
use crate::site;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WRITERS: usize = 200;
const WRITE_SECONDS: u64 = 60;
const KILL_RUN_SECONDS: u64 = 20;
const READ_SECONDS: u64 = 10;
const POST: &str = "europe-ukraine-security-guarantees-defense-boost";
const ADMIN: &str = "bench-admin-token";

fn binary() -> Result<PathBuf> {
    step("building the comment service as it is deployed (the `service` profile)");
    run(cargo().args([
        "build",
        "--quiet",
        "--profile",
        "service",
        "--package",
        "quire-comments",
    ]))?;
    Ok(root().join("target/service/quire-comments"))
}

struct Service {
    child: Child,
    port: u16,
}

impl Service {
    fn start(binary: &PathBuf, database: &str, port: u16, one_core: bool) -> Result<Service> {
        let mut cmd = if one_core {
            let mut taskset = Command::new("taskset");
            taskset.args(["-c", "0"]).arg(binary);
            taskset.env("QUIRE_COMMENTS_WORKERS", "1");
            taskset
        } else {
            Command::new(binary)
        };
        let child = cmd
            .env("DATABASE_URL", database)
            .env("QUIRE_COMMENTS_ADDR", format!("127.0.0.1:{port}"))
            .env("QUIRE_COMMENTS_SITE", site::dist_dir())
            .env("QUIRE_COMMENTS_ORIGIN", "http://127.0.0.1:8080")
            .env(
                "QUIRE_COMMENTS_SECRET",
                "bench-secret-bench-secret-bench-secret",
            )
            .env("QUIRE_COMMENTS_ADMIN_TOKEN", ADMIN)
            .env("QUIRE_COMMENTS_TRUST_PROXY", "1")
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the comment service: {e}"))?;
        let service = Service { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while ureq::get(&service.url("/health")).call().is_err() {
            if Instant::now() > deadline {
                return Err("the comment service did not start".to_string());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(service)
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// `kill -9`: no chance to finish anything.
    fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

/// What a write run saw.
#[derive(Default)]
struct Writes {
    accepted: Vec<String>,
    latencies_ms: Vec<f64>,
    server_errors: usize,
    /// Requests that got no answer (the service was down).
    unanswered: usize,
    other: usize,
}

/// A form's token, once it is old enough to send.
fn token(port: u16) -> Result<String> {
    let answer: Value = ureq::get(&format!("http://127.0.0.1:{port}/comments/{POST}/token"))
        .call()
        .map_err(|e| format!("no token: {e}"))?
        .into_json()
        .map_err(|e| format!("no token: {e}"))?;
    let token = answer["token"]
        .as_str()
        .map(String::from)
        .ok_or_else(|| "no token".to_string())?;
    std::thread::sleep(Duration::from_secs(
        quire_schema::limits::COMMENT_MIN_SECONDS + 1,
    ));
    Ok(token)
}

/// An address for each comment: writer `w`'s `n`th.
fn address(w: usize, n: usize) -> String {
    format!("2001:db8::{w:x}:{n:x}")
}

/// `WRITERS` writers for `seconds`, each sending one comment after another on a
/// kept-alive connection (a new one when the service went away), all on one thread.
fn write_load(port: u16, seconds: u64, during: impl FnOnce() + Send + 'static) -> Result<Writes> {
    let token = token(port)?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let side = std::thread::spawn(during);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("no runtime for the writers: {e}"))?;
    let all = runtime.block_on(async {
        let mut writers = tokio::task::JoinSet::new();
        for w in 0..WRITERS {
            writers.spawn(writer(w, port, token.clone(), deadline));
        }
        let mut all = Writes::default();
        while let Some(done) = writers.join_next().await {
            if let Ok(mut mine) = done {
                all.accepted.append(&mut mine.accepted);
                all.latencies_ms.append(&mut mine.latencies_ms);
                all.server_errors += mine.server_errors;
                all.unanswered += mine.unanswered;
                all.other += mine.other;
            }
        }
        all
    });
    side.join()
        .map_err(|_| "the kill thread panicked".to_string())?;
    Ok(all)
}

async fn writer(w: usize, port: u16, token: String, deadline: Instant) -> Writes {
    use http_body_util::{BodyExt, Full};
    let mut mine = Writes::default();
    let mut n = 0;
    while Instant::now() < deadline {
        let Ok(stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
            mine.unanswered += 1;
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let Ok((mut send, connection)) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await
        else {
            mine.unanswered += 1;
            continue;
        };
        tokio::spawn(connection);
        while Instant::now() < deadline {
            n += 1;
            let text = format!("writer {w} comment {n}");
            let body = json!({"post": POST, "author": format!("Writer {w}"), "text": text, "token": token});
            let Ok(request) = hyper::Request::post("/comments")
                .header("Host", format!("127.0.0.1:{port}"))
                .header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:8080")
                .header("X-Forwarded-For", address(w, n))
                .body(Full::new(bytes::Bytes::from(body.to_string())))
            else {
                break;
            };
            let started = Instant::now();
            let answer = match send.send_request(request).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    response.into_body().collect().await.map(|_| status).ok()
                }
                Err(_) => None,
            };
            match answer {
                Some(202) => {
                    mine.latencies_ms
                        .push(started.elapsed().as_secs_f64() * 1000.0);
                    mine.accepted.push(text);
                }
                Some(code) if code >= 500 => mine.server_errors += 1,
                Some(_) => mine.other += 1,
                None => {
                    // The service went away: a new connection once it is back.
                    mine.unanswered += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    break;
                }
            }
        }
    }
    mine
}

/// The texts of every stored (pending) comment.
fn stored_texts(port: u16) -> Result<HashSet<String>> {
    let pending: Value = ureq::get(&format!("http://127.0.0.1:{port}/admin/pending"))
        .set("Authorization", &format!("Bearer {ADMIN}"))
        .timeout(Duration::from_secs(120))
        .call()
        .map_err(|e| format!("cannot list the stored comments: {e}"))?
        .into_json()
        .map_err(|e| format!("cannot read the stored comments: {e}"))?;
    Ok(pending
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|c| c["text"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn summary(store: &str, writes: &Writes, lost: usize, seconds: u64) -> Value {
    let mut sorted = writes.latencies_ms.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    json!({
        "store": store,
        "writers": WRITERS,
        "seconds": seconds,
        "accepted": writes.accepted.len(),
        "per_second": writes.accepted.len() as f64 / seconds as f64,
        "p50_ms": percentile(&sorted, 0.5),
        "p99_ms": percentile(&sorted, 0.99),
        "max_ms": sorted.last().copied().unwrap_or(f64::NAN),
        "server_errors": writes.server_errors,
        "unanswered": writes.unanswered,
        "refused_otherwise": writes.other,
        "lost": lost,
    })
}

fn lost(writes: &Writes, port: u16) -> Result<usize> {
    let stored = stored_texts(port)?;
    Ok(writes
        .accepted
        .iter()
        .filter(|t| !stored.contains(*t))
        .count())
}

/// Runs the write figures on one store.
fn writes_on(binary: &PathBuf, store: &str, database: &str) -> Result<(Value, Value)> {
    let port = free_port()?;
    step(&format!("{store}: {WRITERS} writers for {WRITE_SECONDS} s"));
    let service = Service::start(binary, database, port, false)?;
    let writes = write_load(port, WRITE_SECONDS, || {})?;
    let steady = summary(store, &writes, lost(&writes, port)?, WRITE_SECONDS);
    drop(service);

    step(&format!(
        "{store}: {WRITERS} writers for {KILL_RUN_SECONDS} s, the service killed (-9) halfway and restarted"
    ));
    let service = Arc::new(Mutex::new(Some(Service::start(
        binary, database, port, false,
    )?)));
    let killer = {
        let (service, binary, database) = (service.clone(), binary.clone(), database.to_string());
        move || {
            std::thread::sleep(Duration::from_secs(KILL_RUN_SECONDS / 2));
            if let Ok(mut running) = service.lock() {
                if let Some(mut old) = running.take() {
                    old.kill_hard();
                }
                *running = Service::start(&binary, &database, port, false).ok();
            }
        }
    };
    let writes = write_load(port, KILL_RUN_SECONDS, killer)?;
    let killed = summary(store, &writes, lost(&writes, port)?, KILL_RUN_SECONDS);
    drop(service);
    Ok((steady, killed))
}

/// Reads of one post's approved comments, the service on one core, wrk on the other.
fn reads(binary: &PathBuf, database: &str) -> Result<Value> {
    crate::tools::ensure_wrk()?;
    let port = free_port()?;
    let service = Service::start(binary, database, port, true)?;
    // Twenty approved comments to list.
    let token = token(port)?;
    for n in 0..20 {
        let answer: Value = ureq::post(&service.url("/comments"))
            .set("Origin", "http://127.0.0.1:8080")
            .set("X-Forwarded-For", &address(9999, n))
            .send_json(json!({"post": POST, "author": "Reader", "text": format!("A comment worth reading, number {n}."), "token": token}))
            .map_err(|e| format!("cannot add a comment to read: {e}"))?
            .into_json()
            .map_err(|e| format!("{e}"))?;
        let id = answer["id"].as_str().unwrap_or_default();
        ureq::post(&service.url(&format!("/admin/comments/{id}/approve")))
            .set("Authorization", &format!("Bearer {ADMIN}"))
            .call()
            .map_err(|e| format!("cannot approve: {e}"))?;
    }
    step(&format!(
        "reads: GET /comments/<slug> for {READ_SECONDS} s, the service on one core"
    ));
    let out = Command::new("taskset")
        .args(["-c", "1", "wrk", "-t1", "-c32"])
        .arg(format!("-d{READ_SECONDS}s"))
        .arg(service.url(&format!("/comments/{POST}")))
        .output()
        .map_err(|e| format!("cannot run wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let per_second = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .ok_or_else(|| format!("wrk printed no rate:\n{text}"))?;
    let non_2xx = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Non-2xx or 3xx responses:"))
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0);
    Ok(
        json!({"per_second": per_second, "non_2xx": non_2xx, "comments_listed": 20, "seconds": READ_SECONDS}),
    )
}

pub fn measure() -> Result<(String, Value)> {
    let binary = binary()?;
    let scratch = std::env::temp_dir().join(format!("quire-bench-comments-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let sqlite = |name: &str| format!("sqlite://{}", scratch.join(name).display());

    let (sqlite_steady, sqlite_killed) = writes_on(&binary, "SQLite", &sqlite("writes.db"))?;
    let postgres = Postgres::start()?;
    let (pg_steady, pg_killed) = writes_on(&binary, "PostgreSQL", &postgres.url())?;
    drop(postgres);
    let read = reads(&binary, &sqlite("reads.db"))?;
    let _ = std::fs::remove_dir_all(&scratch);

    let mut table = String::from(
        "| run | store | accepted | per second | p50 ms | p99 ms | 5xx | other 4xx | unanswered | lost |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (run, v) in [
        ("200 writers, 60 s", &sqlite_steady),
        ("200 writers, 60 s", &pg_steady),
        ("kill -9 at 10 s of 20", &sqlite_killed),
        ("kill -9 at 10 s of 20", &pg_killed),
    ] {
        let _ = writeln!(
            table,
            "| {run} | {} | {} | {:.0} | {:.1} | {:.1} | {} | {} | {} | {} |",
            v["store"].as_str().unwrap_or_default(),
            v["accepted"],
            v["per_second"].as_f64().unwrap_or(0.0),
            v["p50_ms"].as_f64().unwrap_or(f64::NAN),
            v["p99_ms"].as_f64().unwrap_or(f64::NAN),
            v["server_errors"],
            v["refused_otherwise"],
            v["unanswered"],
            v["lost"],
        );
    }
    let _ = writeln!(
        table,
        "\nReads of one post's 20 approved comments, the service on one core (taskset, one \
         worker thread), wrk on the other: **{:.0} requests/s**, {} answers not 2xx.",
        read["per_second"].as_f64().unwrap_or(0.0),
        read["non_2xx"]
    );
    Ok((
        table,
        json!({"writes": [sqlite_steady, pg_steady], "killed": [sqlite_killed, pg_killed], "reads": read}),
    ))
}
