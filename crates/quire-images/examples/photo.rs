//! Processes one generated 4032×3024 phone photo and prints what each step costs:
//! `cargo run -p quire-images --example photo`.

use std::time::Instant;

fn main() {
    let dir = std::env::temp_dir().join(format!("quire-images-example-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let started = Instant::now();
    let bytes = quire_images::fixtures::with_exif(
        &quire_images::fixtures::jpeg(&quire_images::fixtures::photo(4032, 3024, 1), 90),
        1,
    );
    println!(
        "made a {:.1} MB photo in {:?}",
        bytes.len() as f64 / 1e6,
        started.elapsed()
    );
    let source = dir.join("photo.jpg");
    std::fs::write(&source, &bytes).expect("the photo");
    let cache = quire_images::Cache::new(dir.join("cache"));
    let started = Instant::now();
    let processed = cache.process(&source).expect("processed");
    println!("processed in {:?}", started.elapsed());
    for name in processed.files() {
        let size = std::fs::metadata(cache.file(&processed, &name)).map_or(0, |m| m.len());
        println!("  {name}: {:.1} KB", size as f64 / 1e3);
    }
    let started = Instant::now();
    cache.process(&source).expect("cached");
    println!("again, from the cache, in {:?}", started.elapsed());
    let _ = std::fs::remove_dir_all(&dir);
}
