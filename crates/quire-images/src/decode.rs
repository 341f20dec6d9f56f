//! Reading an image: what it really is (whatever its name says), how large it is
//! once turned upright, and its pixels, refused before decoding when there would be
//! too many.

use crate::{Problem, MAX_PIXELS};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The raster formats Quire publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Kind {
    /// The extension its published files carry.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp => "webp",
            Kind::Gif => "gif",
        }
    }

    /// The kind a file name claims, from its extension (any case).
    pub fn of_name(name: &str) -> Option<Kind> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "jpg" | "jpeg" | "jpe" => Some(Kind::Jpeg),
            "png" => Some(Kind::Png),
            "webp" => Some(Kind::Webp),
            "gif" => Some(Kind::Gif),
            _ => None,
        }
    }

    fn of_format(format: ImageFormat) -> Option<Kind> {
        match format {
            ImageFormat::Jpeg => Some(Kind::Jpeg),
            ImageFormat::Png => Some(Kind::Png),
            ImageFormat::WebP => Some(Kind::Webp),
            ImageFormat::Gif => Some(Kind::Gif),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::Webp => "WebP",
            Kind::Gif => "GIF",
        }
    }
}

/// An image read from its bytes: its pixels as stored, and how to turn them upright.
pub(crate) struct Decoded {
    /// What the bytes are (found from the bytes, not the name).
    pub kind: Kind,
    pub pixels: DynamicImage,
    pub orientation: Orientation,
}

impl Decoded {
    /// Width and height as a reader sees the image (after orientation).
    pub fn upright_size(&self) -> (u32, u32) {
        let (width, height) = (self.pixels.width(), self.pixels.height());
        if swaps_sides(self.orientation) {
            (height, width)
        } else {
            (width, height)
        }
    }
}

/// True when turning the image upright exchanges its width and height.
pub(crate) fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Reads `bytes` as an image. The format is found from the bytes; the size is
/// checked against [`MAX_PIXELS`] from the header, before any pixel is allocated.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Io(e.to_string()))?;
    let kind = reader
        .format()
        .and_then(Kind::of_format)
        .ok_or(Problem::NotAnImage)?;
    // The decoders' own allocation guard, as a second line behind the pixel count:
    // four bytes a pixel at the largest size allowed, and room for a decoder's
    // working rows.
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| refusal(e, bytes))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    // A damaged EXIF block costs the orientation, not the image.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    // Decoders fill what a cut-short file lacks with grey; a reader would see half
    // a photo. A JPEG must reach its end marker.
    if kind == Kind::Jpeg && !jpeg_is_whole(bytes) {
        return Err(Problem::Damaged(
            "the file ends before the image does".to_string(),
        ));
    }
    let pixels = DynamicImage::from_decoder(decoder).map_err(|e| refusal(e, bytes))?;
    Ok(Decoded {
        kind,
        pixels,
        orientation,
    })
}

/// A decoder's error as the author's problem. A limit error means the header
/// claimed a size past the guard: that is the size to report.
fn refusal(error: image::ImageError, bytes: &[u8]) -> Problem {
    match error {
        image::ImageError::Limits(_) => {
            let size = ImageReader::new(Cursor::new(bytes))
                .with_guessed_format()
                .ok()
                .and_then(|r| r.into_dimensions().ok());
            match size {
                Some((width, height)) => Problem::TooLarge { width, height },
                None => Problem::Damaged("it claims more pixels than it can hold".to_string()),
            }
        }
        image::ImageError::Unsupported(e) => Problem::Damaged(e.to_string()),
        other => Problem::Damaged(other.to_string()),
    }
}

/// True when a JPEG's image data reaches its end-of-image marker. The segments
/// before the image data are skipped by their lengths (an EXIF thumbnail inside one
/// has markers of its own); in the data itself a 0xFF byte is only ever followed
/// by a stuffed zero, a restart marker, another scan's headers or the end.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut at = 2;
    // Up to the first scan.
    loop {
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return false;
        };
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let Some(length) = bytes.get(at + 2..at + 4) else {
            return false;
        };
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        at += 2 + length;
        if marker == 0xDA {
            break;
        }
    }
    bytes
        .get(at..)
        .is_some_and(|data| data.windows(2).any(|w| w == [0xFF, 0xD9]))
}
