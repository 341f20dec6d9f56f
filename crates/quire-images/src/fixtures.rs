//! Images for tests and the bench, made on the spot so that no large binary is
//! committed: a photo-like picture (broad light, textures, sensor noise, so that it
//! compresses about as a phone's photo does), and a phone's EXIF block with an
//! orientation and a GPS position.

use image::{Rgb, RgbImage};

/// A cheap, repeatable hash of a point: the noise's randomness.
fn hash(x: u32, y: u32, seed: u32) -> u32 {
    let mut h =
        x.wrapping_mul(0x8da6_b343) ^ y.wrapping_mul(0xd816_3841) ^ seed.wrapping_mul(0xcb1a_b31f);
    h ^= h >> 13;
    h = h.wrapping_mul(0x5bd1_e995);
    h ^ (h >> 15)
}

/// Smooth noise in 0..=255 with features about `scale` pixels apart.
fn value_noise(x: u32, y: u32, scale: u32, seed: u32) -> f32 {
    let (cx, cy) = (x / scale, y / scale);
    let (fx, fy) = (
        (x % scale) as f32 / scale as f32,
        (y % scale) as f32 / scale as f32,
    );
    let corner = |dx, dy| (hash(cx + dx, cy + dy, seed) & 0xff) as f32;
    let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
    let top = corner(0, 0) + (corner(1, 0) - corner(0, 0)) * sx;
    let bottom = corner(0, 1) + (corner(1, 1) - corner(0, 1)) * sx;
    top + (bottom - top) * sy
}

/// A `width`×`height` picture that looks (to an encoder) like a photo.
pub fn photo(width: u32, height: u32, seed: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let light = value_noise(x, y, 700, seed) * 0.6;
        let shape = value_noise(x, y, 90, seed + 1) * 0.3;
        let texture = value_noise(x, y, 7, seed + 2) * 0.18;
        let grain = (hash(x, y, seed + 3) & 0x0f) as f32;
        let base = light + shape + texture + grain - 40.0;
        let tint = value_noise(x, y, 400, seed + 4) / 255.0;
        let channel = |k: f32| (base * k).clamp(0.0, 255.0) as u8;
        Rgb([
            channel(0.8 + 0.4 * tint),
            channel(0.95),
            channel(1.2 - 0.4 * tint),
        ])
    })
}

/// `image` as a JPEG of `quality`.
pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Encoding into memory fails only on a codec bug: a fixture may stop the test.
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(image)
        .expect("a JPEG");
    bytes
}

/// `jpeg` with a phone's EXIF block (orientation `orientation`, and a GPS
/// latitude) spliced in after its start marker.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend_from_slice(&exif_block(orientation));
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&segment);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A little-endian TIFF structure: IFD0 with Orientation and a GPS IFD pointer; the
/// GPS IFD with a latitude reference and a latitude (52° 31' 12").
fn exif_block(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value);
    };
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    t.extend_from_slice(b"II*\0");
    t.extend_from_slice(&8u32.to_le_bytes());
    let gps_ifd: u32 = 8 + 2 + 2 * 12 + 4;
    t.extend_from_slice(&2u16.to_le_bytes());
    let o = orientation.to_le_bytes();
    entry(&mut t, 0x0112, SHORT, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, LONG, 1, gps_ifd.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    let rationals: u32 = gps_ifd + 2 + 2 * 12 + 4;
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0001, ASCII, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, RATIONAL, 3, rationals.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(52u32, 1u32), (31, 1), (12, 1)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    t
}
