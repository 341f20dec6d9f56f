//! The few W3C WebDriver commands the tests need, over plain HTTP.

use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a reader is prepared to wait for something to appear.
const PATIENCE: Duration = Duration::from_secs(15);

pub struct Browser {
    session: String,
    profile: std::path::PathBuf,
}

fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let request = ureq::request(method, url).timeout(Duration::from_secs(60));
    let response = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let value: Value = match response {
        Ok(r) => r.into_json().unwrap_or(Value::Null),
        Err(ureq::Error::Status(code, r)) => {
            let text = r.into_string().unwrap_or_default();
            panic!("WebDriver {method} {url} answered {code}: {text}")
        }
        Err(e) => panic!("WebDriver {method} {url} failed: {e}"),
    };
    value.get("value").cloned().unwrap_or(Value::Null)
}

impl Browser {
    /// A fresh headless Chromium; `extra` are more command-line switches.
    pub fn start(driver: &str, chromium: &str, width: u32, height: u32, extra: &[&str]) -> Browser {
        let profile = std::env::temp_dir().join(format!(
            "quire-e2e-profile-{}-{}",
            std::process::id(),
            unique()
        ));
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--disable-quic".to_string(),
            "--no-first-run".to_string(),
            "--hide-scrollbars".to_string(),
            format!("--user-data-dir={}", profile.display()),
            format!("--window-size={width},{height}"),
        ];
        args.extend(extra.iter().map(|arg| arg.to_string()));
        let session = call(
            "POST",
            &format!("{driver}/session"),
            Some(json!({
                "capabilities": {"alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": chromium, "args": args},
                    "goog:loggingPrefs": {"browser": "ALL"},
                }}
            })),
        );
        let id = session["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id in {session}"))
            .to_string();
        Browser {
            session: format!("{driver}/session/{id}"),
            profile,
        }
    }

    pub fn goto(&self, url: &str) {
        call(
            "POST",
            &format!("{}/url", self.session),
            Some(json!({ "url": url })),
        );
    }

    pub fn refresh(&self) {
        call(
            "POST",
            &format!("{}/refresh", self.session),
            Some(json!({})),
        );
    }

    pub fn back(&self) {
        call("POST", &format!("{}/back", self.session), Some(json!({})));
    }

    pub fn title(&self) -> String {
        call("GET", &format!("{}/title", self.session), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn url(&self) -> String {
        call("GET", &format!("{}/url", self.session), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its result.
    pub fn eval(&self, script: &str, args: Value) -> Value {
        call(
            "POST",
            &format!("{}/execute/sync", self.session),
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs `script`, which hands its result to the callback that is its last
    /// argument, and returns that result.
    pub fn eval_async(&self, script: &str, args: Value) -> Value {
        call(
            "POST",
            &format!("{}/execute/async", self.session),
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Sends a Chrome DevTools Protocol command (device emulation, print media…).
    pub fn cdp(&self, command: &str, params: Value) -> Value {
        call(
            "POST",
            &format!("{}/goog/cdp/execute", self.session),
            Some(json!({ "cmd": command, "params": params })),
        )
    }

    /// Waits until `script` returns something truthy, and returns it.
    pub fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let value = self.eval(script, json!([]));
            let truthy = match &value {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                Value::Array(a) => !a.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return value;
            }
            if Instant::now() > deadline {
                let body = self.eval("return document.body.innerText", json!([]));
                panic!("timed out waiting for {what}; the page shows:\n{body}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The visible texts of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.strings(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim())",
            json!([css]),
        )
    }

    /// Runs `script`, which returns an array of strings, and gives them back (none
    /// when it returns anything else).
    pub fn strings(&self, script: &str, args: Value) -> Vec<String> {
        self.eval(script, args)
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Clicks the first element matching `css` as a user would (a real click event).
    pub fn click(&self, css: &str) {
        let found = call(
            "POST",
            &format!("{}/element", self.session),
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element matches {css}"))
            .to_string();
        call(
            "POST",
            &format!("{}/element/{id}/click", self.session),
            Some(json!({})),
        );
    }

    /// Presses Tab `times` times on the page.
    pub fn press_tab(&self, times: usize) {
        let keys: Vec<Value> = (0..times)
            .flat_map(|_| {
                [
                    json!({"type": "keyDown", "value": "\u{E004}"}),
                    json!({"type": "keyUp", "value": "\u{E004}"}),
                ]
            })
            .collect();
        call(
            "POST",
            &format!("{}/actions", self.session),
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": keys}]})),
        );
    }

    /// Messages the page wrote to the console since the last call.
    pub fn console(&self) -> Vec<String> {
        let entries = call(
            "POST",
            &format!("{}/se/log", self.session),
            Some(json!({"type": "browser"})),
        );
        entries
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn screenshot(&self, path: &Path) {
        let data = call("GET", &format!("{}/screenshot", self.session), None);
        let bytes = decode_base64(data.as_str().unwrap_or_default());
        if let Err(e) = std::fs::write(path, bytes) {
            eprintln!("could not save {}: {e}", path.display());
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&self.session).call();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn unique() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
