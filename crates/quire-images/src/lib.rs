//! An author's images, made ready for readers at build time.
//!
//! Each local raster image a post shows (JPEG, PNG, WebP, GIF) is read once:
//! - its size is taken from the pixels, after its EXIF orientation, so pages can
//!   give `width` and `height` and nothing moves as it arrives;
//! - it is resized to a few widths ([`WIDTHS`], never upscaled) and encoded in WebP
//!   and in its own format, with no metadata at all: an encoder here writes pixels
//!   only, so a phone's EXIF block (and the GPS position in it) never reaches a
//!   reader;
//! - a 1200×630 crop is made for link previews ([`SHARE`]).
//!
//! The work is cached by the source's content and these settings ([`Cache`]): a build
//! with no new image does none of it. Nothing here panics on a bad file: every
//! refusal is a [`Problem`] with a message and a hint for the author.
//!
//! GIFs are published as they are (resizing would lose their animation); their size
//! is still read, so they get `width` and `height` too.

mod cache;
mod decode;
mod problem;
mod variants;

/// Not behind a feature: a feature only the tests and the bench turn on would make
/// cargo build this crate, and every crate above it, twice in one test run.
pub mod fixtures;

pub use cache::{Cache, Processed};
pub use decode::Kind;
pub use problem::Problem;

/// The widths (in pixels) each image is published at, where it is wider. The
/// article column is the screen less 2.5rem on a phone (320–390 CSS pixels) and
/// 36–37rem on a wide screen; at the densities screens have (1×, 1.75–2×, 3×)
/// these are the next width up with little to spare: 480 for a phone at 1×, 720
/// for one at 1.75–2× (and a desktop at 1×), 1080 for a phone at 3×, 1280 for a
/// desktop at 2×.
pub const WIDTHS: [u32; 4] = [480, 720, 1080, 1280];

/// The size of the link-preview image (OpenGraph's recommended 1.91:1).
pub const SHARE: (u32, u32) = (1200, 630);

/// The most pixels an image may have. A 50-megapixel camera's photo passes; past
/// this a file is refused before any pixel is decoded, which is also what stops a
/// decompression bomb (a small PNG that claims 100,000 × 100,000 pixels).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Quality of the lossy encodings (0–100): WebP for photos, WebP for images whose
/// own format is lossless (charts, screenshots: sharper edges), and JPEG.
pub const WEBP_QUALITY: f32 = 75.0;
pub const WEBP_QUALITY_LOSSLESS_SOURCE: f32 = 90.0;
pub const JPEG_QUALITY: u8 = 80;

/// Every setting that changes the published bytes, so that the cache (and the
/// published names, which carry the cache key) change when one does.
const SETTINGS: &str = "v2 widths=480,720,1080,1280 share=1200x630 webp=75/90 jpeg=80";

#[cfg(test)]
mod tests;
