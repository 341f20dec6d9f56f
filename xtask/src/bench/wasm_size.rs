//! Where the app's wasm bytes go: twiggy over the wasm as cargo built it (before
//! wasm-bindgen and wasm-opt, so function names are kept), each item's shallow
//! size summed by the crate its name starts with; names and custom sections, which
//! the shipped wasm does not carry, left out.

use crate::run::{root, Result};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;

pub fn measure() -> Result<(String, Value)> {
    // Trunk's release build uses the `wasm` profile (index.html, Cargo.toml).
    let wasm = root().join("target/wasm32-unknown-unknown/wasm/quire.wasm");
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
        let name = item["name"].as_str().unwrap_or_default();
        // Names and wasm-bindgen's metadata never reach the reader: the shipped
        // wasm is stripped of them.
        let Some(krate) = crate_of(name) else {
            continue;
        };
        total += size;
        *by_crate.entry(krate).or_default() += size;
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

/// `core::fmt::write` → `core`; `<T as tachys::view::Render>::build` → `tachys`;
/// `core[c593…]::fmt` → `core`; a data segment → `data`; `None` for what is not
/// shipped (names, custom sections, the import and export tables' names).
fn crate_of(name: &str) -> Option<String> {
    if name.starts_with("data segment") {
        return Some("data".to_string());
    }
    let starts_like_code = name.starts_with('<') || name.starts_with(char::is_alphabetic);
    if !starts_like_code
        || [
            "custom section",
            "export ",
            "import ",
            "type[",
            "table[",
            "elem[",
            "global[",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
    {
        return None;
    }
    // For `<T as Trait>::method`, the trait's crate holds the code.
    let name = match name.split_once(" as ") {
        Some((generic, rest)) if generic.len() <= 3 => rest,
        _ => name,
    };
    let trimmed = name.trim_start_matches(['<', '&', '*', ' ']);
    let trimmed = trimmed
        .trim_start_matches("dyn ")
        .trim_start_matches("mut ")
        .trim_start_matches("const ");
    let krate = trimmed.split("::").next().unwrap_or(trimmed);
    let krate = krate.split('[').next().unwrap_or(krate);
    Some(if krate.is_empty() || krate.contains(' ') {
        "other".to_string()
    } else {
        krate.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn items_are_put_down_to_their_crate() {
        let of = |name: &str| crate_of(name).unwrap_or_else(|| "-".to_string());
        assert_eq!(of("core::fmt::write::h1234"), "core");
        assert_eq!(of("<alloc::vec::Vec<T> as core::ops::Drop>::drop"), "alloc");
        assert_eq!(of("<T as tachys::view::Render>::build::h1"), "tachys");
        assert_eq!(of("core[c5930c85a12de822]::fmt::float::x"), "core");
        assert_eq!(
            of("<&mut serde_json::de::Deserializer<R> as X>::f"),
            "serde_json"
        );
        assert_eq!(of("data segment \".rodata\""), "data");
        assert_eq!(of("\"function names\" subsection"), "-");
        assert_eq!(of("custom section '__wasm_bindgen_unstable'"), "-");
    }
}
