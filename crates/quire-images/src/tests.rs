//! Every image the issue names: upright, stripped, sized; and every bad input
//! refused with a problem, not a panic or a hang.

use crate::variants::widths_for;
use crate::{Cache, Kind, Problem};
use image::{ImageDecoder, ImageReader, Rgb, RgbImage};
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh folder, removed when the test ends (photos are megabytes).
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

fn scratch() -> Scratch {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "quire-images-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A JPEG of `image`, with a phone's EXIF block (orientation and GPS).
fn jpeg_with_exif(image: &RgbImage, orientation: u16) -> Vec<u8> {
    crate::fixtures::with_exif(&crate::fixtures::jpeg(image, 95), orientation)
}

/// Red on the left half, blue on the right.
fn halves(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([230, 20, 20])
        } else {
            Rgb([20, 20, 230])
        }
    })
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn is_red(p: &Rgb<u8>) -> bool {
    p[0] > 150 && p[2] < 100
}

#[test]
fn the_fixture_really_carries_orientation_and_gps() {
    let bytes = jpeg_with_exif(&halves(40, 20), 6);
    let mut decoder = ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .unwrap()
        .into_decoder()
        .unwrap();
    assert_eq!(
        decoder.orientation().unwrap(),
        image::metadata::Orientation::Rotate90
    );
    let exif = decoder.exif_metadata().unwrap().unwrap();
    assert!(exif.windows(2).any(|w| w == [0x25, 0x88]), "a GPS pointer");
}

#[test]
fn a_photo_taken_sideways_is_published_upright_with_its_metadata_gone() {
    let dir = scratch();
    // Orientation 6: the camera was turned a quarter clockwise; the stored left
    // edge is the top of the picture.
    let source = write(&dir, "sideways.jpg", &jpeg_with_exif(&halves(40, 20), 6));
    let cache = Cache::new(dir.join("cache"));
    let processed = cache.process(&source).unwrap();
    assert_eq!((processed.width, processed.height), (20, 40));
    assert_eq!(processed.widths, vec![20]);
    assert_eq!(processed.kind(), Kind::Jpeg);
    for name in processed.files() {
        let bytes = std::fs::read(cache.file(&processed, &name)).unwrap();
        let mut decoder = ImageReader::new(Cursor::new(&bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        assert_eq!(decoder.exif_metadata().unwrap(), None, "{name} has no EXIF");
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{name} carries no EXIF block"
        );
        if name == "share.jpg" {
            continue;
        }
        let image = image::load_from_memory(&bytes).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (20, 40), "{name}");
        assert!(is_red(image.get_pixel(10, 2)), "{name}: red is on top");
        assert!(!is_red(image.get_pixel(10, 37)), "{name}: blue below");
    }
}

#[test]
fn a_large_photo_gets_every_width_never_more_than_it_has() {
    assert_eq!(widths_for(4032), vec![480, 720, 1080, 1280]);
    assert_eq!(widths_for(1280), vec![480, 720, 1080, 1280]);
    assert_eq!(widths_for(1000), vec![480, 720, 1000]);
    assert_eq!(widths_for(300), vec![300]);
    let dir = scratch();
    let photo = RgbImage::from_fn(2000, 1500, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut bytes = Vec::new();
    photo
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    let source = write(&dir, "chart.png", &bytes);
    let cache = Cache::new(dir.join("cache"));
    let processed = cache.process(&source).unwrap();
    assert_eq!(processed.widths, vec![480, 720, 1080, 1280]);
    assert_eq!(processed.share, Some((1200, 630)));
    let names = processed.files();
    assert!(names.contains(&"720.webp".to_string()));
    assert!(names.contains(&"720.png".to_string()));
    let variant = image::open(cache.file(&processed, "720.png")).unwrap();
    assert_eq!((variant.width(), variant.height()), (720, 540));
    let share = image::open(cache.file(&processed, "share.jpg")).unwrap();
    assert_eq!((share.width(), share.height()), (1200, 630));
    // A second time, the cache answers: the same result, nothing decoded.
    std::fs::remove_file(cache.file(&processed, "720.png")).unwrap();
    assert_eq!(cache.process(&source).unwrap(), processed);
    assert!(!cache.file(&processed, "720.png").exists());
}

#[test]
fn a_truncated_jpeg_is_a_problem_not_a_panic() {
    let dir = scratch();
    let photo = RgbImage::from_fn(640, 480, |x, y| Rgb([(x * y % 251) as u8, 40, 200]));
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut bytes)
        .encode_image(&photo)
        .unwrap();
    let source = write(&dir, "cut.jpg", &bytes[..bytes.len() / 3]);
    let problem = Cache::new(dir.join("cache")).process(&source).unwrap_err();
    assert!(matches!(problem, Problem::Damaged(_)), "{problem:?}");
    assert!(problem.hint().contains("cut short"));
}

/// A PNG of a few dozen bytes that claims `width`×`height` pixels.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn a_decompression_bomb_is_refused_before_its_pixels_are_allocated() {
    let dir = scratch();
    let source = write(&dir, "bomb.png", &png_claiming(100_000, 100_000));
    let started = std::time::Instant::now();
    let problem = Cache::new(dir.join("cache")).process(&source).unwrap_err();
    assert_eq!(
        problem,
        Problem::TooLarge {
            width: 100_000,
            height: 100_000
        }
    );
    assert!(problem.to_string().contains("100000×100000"));
    // Refused from the header: no 30 GB allocation, no minutes of inflating.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn a_file_whose_extension_lies_is_read_for_what_it_is() {
    let dir = scratch();
    let mut bytes = Vec::new();
    halves(64, 32)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    let source = write(&dir, "photo.jpg", &bytes);
    let processed = Cache::new(dir.join("cache")).process(&source).unwrap();
    assert_eq!(processed.kind(), Kind::Png);
    assert_eq!(Kind::of_name("photo.jpg"), Some(Kind::Jpeg));
    // Text with an image's name is not an image.
    let text = write(&dir, "notes.png", b"just some words, not a picture");
    assert_eq!(
        Cache::new(dir.join("cache")).process(&text).unwrap_err(),
        Problem::NotAnImage
    );
}

#[test]
fn a_gif_is_measured_and_left_as_it_is() {
    let dir = scratch();
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(halves(30, 12))
        .to_rgba8()
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Gif)
        .unwrap();
    let source = write(&dir, "moving.gif", &bytes);
    let processed = Cache::new(dir.join("cache")).process(&source).unwrap();
    assert_eq!((processed.width, processed.height), (30, 12));
    assert!(processed.widths.is_empty() && processed.files().is_empty());
}

#[test]
fn a_fifty_megapixel_photo_is_processed() {
    let dir = scratch();
    // 8660 × 5774: a 50-megapixel camera's frame.
    let photo = RgbImage::from_fn(8660, 5774, |x, y| {
        Rgb([(x / 34) as u8, (y / 23) as u8, ((x ^ y) & 0x3f) as u8])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85)
        .encode_image(&photo)
        .unwrap();
    drop(photo);
    let source = write(&dir, "big.jpg", &bytes);
    let processed = Cache::new(dir.join("cache")).process(&source).unwrap();
    assert_eq!((processed.width, processed.height), (8660, 5774));
    assert_eq!(processed.widths, vec![480, 720, 1080, 1280]);
}

#[test]
fn the_fixture_photo_weighs_what_a_phone_photo_does() {
    let bytes = crate::fixtures::jpeg(&crate::fixtures::photo(4032, 3024, 7), 90);
    let mb = bytes.len() as f64 / 1e6;
    assert!((2.0..12.0).contains(&mb), "{mb:.1} MB");
}
