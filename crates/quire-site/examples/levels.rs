//! `cargo run -p quire-site --example levels -- DIR`: brotli's and gzip's size and
//! time at each level for a built site's HTML, JSON and XML, for choosing levels.

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "dist".to_string());
    for kind in ["html", "json", "xml"] {
        let mut files = Vec::new();
        walk(std::path::Path::new(&dir), kind, &mut files);
        files.truncate(400);
        let raw: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let brotli = [4, 5, 6, 7, 9, 11].map(|q| ("brotli", q, false));
        let gzip = [1, 3, 4, 5, 6, 9].map(|l| ("gzip", l, true));
        for (name, level, is_gzip) in brotli.into_iter().chain(gzip) {
            match quire_site::compress::trial(&files, level, is_gzip) {
                Ok((bytes, secs)) => println!(
                    "{kind} {name} {level}: {} files, {raw} → {bytes} bytes, {:.1} MB/s",
                    files.len(),
                    raw as f64 / secs / 1e6
                ),
                Err(e) => eprintln!("{e}"),
            }
        }
    }
}

fn walk(dir: &std::path::Path, kind: &str, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, kind, found);
        } else if path.extension().is_some_and(|e| e == kind) {
            found.push(path);
        }
    }
}
