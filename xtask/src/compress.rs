//! `.br` and `.gz` beside every text asset, at the highest settings, for hosts that
//! serve precompressed files (and so that none has to compress on the fly).

use crate::run::Result;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Text, and wasm, which compresses as well as text.
const COMPRESSIBLE: [&str; 9] = [
    "html", "js", "css", "json", "xml", "txt", "svg", "wasm", "map",
];

pub fn precompress(dir: &Path) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let data = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let write = |suffix: &str, bytes: Vec<u8>| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            fs::write(&name, bytes).map_err(|e| format!("{}: {e}", Path::new(&name).display()))
        };
        write(".br", brotli_bytes(&data)?)?;
        write(".gz", gzip_bytes(&data)?)?;
    }
    Ok(())
}

fn brotli_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

fn gzip_bytes(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).map_err(|e| format!("gzip: {e}"))?;
    encoder.finish().map_err(|e| format!("gzip: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn every_text_asset_gets_a_br_and_gz_that_decompress_to_it() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("data/posts")).unwrap();
        let text = "<p>Hello, readers.</p>".repeat(200);
        fs::write(dir.join("index.html"), &text).unwrap();
        fs::write(dir.join("data/posts/a.json"), &text).unwrap();
        fs::write(dir.join("photo.png"), [137, 80, 78, 71]).unwrap();
        precompress(&dir).unwrap();

        for file in ["index.html", "data/posts/a.json"] {
            let mut from_br = Vec::new();
            brotli::BrotliDecompress(
                &mut &fs::read(dir.join(format!("{file}.br"))).unwrap()[..],
                &mut from_br,
            )
            .unwrap();
            assert_eq!(from_br, text.as_bytes(), "{file}.br");
            let mut from_gz = String::new();
            flate2::read::GzDecoder::new(&fs::read(dir.join(format!("{file}.gz"))).unwrap()[..])
                .read_to_string(&mut from_gz)
                .unwrap();
            assert_eq!(from_gz, text, "{file}.gz");
        }
        assert!(
            !dir.join("photo.png.br").exists(),
            "images are compressed already"
        );
    }
}
