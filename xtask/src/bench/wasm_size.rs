//! Where the app's wasm bytes go: twiggy over the wasm as cargo built it (before
//! wasm-bindgen and wasm-opt, so function names are kept), each item's shallow
//! size summed by the crate its name starts with.

use crate::run::{root, Result};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;

pub fn measure() -> Result<(String, Value)> {
    let wasm = root().join("target/wasm32-unknown-unknown/release/quire.wasm");
    let out = crate::tools::ensure_twiggy()?
        .args(["top", "-n", "100000", "--format", "json"])
        .arg(&wasm)
        .output()
        .map_err(|e| format!("cannot run twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy failed on {}: {}",
            wasm.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let items: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("twiggy's JSON: {e}"))?;
    let mut by_crate: HashMap<String, u64> = HashMap::new();
    let mut total = 0;
    for item in items.as_array().into_iter().flatten() {
        let size = item["shallow_size"].as_u64().unwrap_or(0);
        total += size;
        let name = item["name"].as_str().unwrap_or_default();
        *by_crate.entry(crate_of(name)).or_default() += size;
    }
    let mut ranked: Vec<(String, u64)> = by_crate.into_iter().collect();
    ranked.sort_by_key(|(name, size)| (std::cmp::Reverse(*size), name.clone()));
    let mut table = String::from("| crate (or section) | bytes | share |\n|---|---:|---:|\n");
    for (name, size) in ranked.iter().take(16) {
        let _ = writeln!(
            table,
            "| {name} | {size} | {:.1}% |",
            *size as f64 * 100.0 / total.max(1) as f64
        );
    }
    let _ = writeln!(table, "| **all** | **{total}** | |");
    let figures = json!({
        "total_bytes": total,
        "by_crate": ranked.iter().take(30).map(|(n, s)| json!({"crate": n, "bytes": s})).collect::<Vec<_>>()
    });
    Ok((table, figures))
}

/// `core::fmt::write` → `core`; `<alloc::vec::Vec<T> as Drop>::drop` → `alloc`;
/// data and custom sections keep their own names.
fn crate_of(name: &str) -> String {
    let trimmed = name
        .trim_start_matches(['<', '&', '*', ' '])
        .trim_start_matches("dyn ");
    let trimmed = trimmed
        .trim_start_matches("mut ")
        .trim_start_matches("const ");
    match trimmed.split_once("::") {
        Some((krate, _)) if !krate.contains(' ') && !krate.is_empty() => krate.to_string(),
        _ => {
            let section = name.split(['[', ' ']).next().unwrap_or(name);
            if section.is_empty() {
                "other".to_string()
            } else {
                section.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn items_are_put_down_to_their_crate() {
        assert_eq!(crate_of("core::fmt::write::h1234"), "core");
        assert_eq!(
            crate_of("<alloc::vec::Vec<T> as core::ops::Drop>::drop"),
            "alloc"
        );
        assert_eq!(crate_of("data[0]"), "data");
        assert_eq!(crate_of("code[12]"), "code");
    }
}
