//! Making the published files of one image: resized, upright, re-encoded (which
//! leaves every metadata block behind), and the link-preview crop.

use crate::decode::{swaps_sides, Decoded, Kind};
use crate::{Problem, JPEG_QUALITY, SHARE, WEBP_QUALITY, WEBP_QUALITY_LOSSLESS_SOURCE, WIDTHS};
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, PngEncoder};
use image::{DynamicImage, ImageEncoder};

/// One file to publish: its name within the image's set (`720.webp`, `share.jpg`)
/// and its bytes.
pub(crate) struct File {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What [`make`] produced: the sizes, and the files.
pub(crate) struct Made {
    pub width: u32,
    pub height: u32,
    pub widths: Vec<u32>,
    /// The preview crop's size.
    pub share: (u32, u32),
    pub files: Vec<File>,
}

/// The widths published for an image `width` wide: those of [`WIDTHS`] below it,
/// and the largest the image allows, never more than it has.
pub(crate) fn widths_for(width: u32) -> Vec<u32> {
    let top = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < top).collect();
    widths.push(top);
    widths
}

/// `height` scaled as `width` goes to `to`, at least one pixel.
fn scaled(height: u32, width: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width)).max(1) as u32
}

pub(crate) fn make(decoded: Decoded) -> Result<Made, Problem> {
    let kind = decoded.kind;
    let (width, height) = decoded.upright_size();
    let orientation = decoded.orientation;
    // Eight bits a channel, with alpha only where the image has it: what the
    // encoders take.
    let stored = if decoded.pixels.color().has_alpha() {
        DynamicImage::ImageRgba8(decoded.pixels.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(decoded.pixels.into_rgb8())
    };
    let widths = widths_for(width);
    let top = widths[widths.len() - 1];
    let top_height = scaled(height, width, top);
    // The largest variant is made from the stored pixels and only then turned
    // upright, so that no full-size copy is ever rotated; the smaller ones and the
    // crop are made from it.
    let (stored_width, stored_height) = if swaps_sides(orientation) {
        (top_height, top)
    } else {
        (top, top_height)
    };
    let mut largest = if (stored_width, stored_height) == (stored.width(), stored.height()) {
        stored
    } else {
        resize(&stored, stored_width, stored_height, None)?
    };
    largest.apply_orientation(orientation);
    let mut files = Vec::new();
    for &w in &widths {
        let variant = if w == top {
            None
        } else {
            Some(resize(&largest, w, scaled(top_height, top, w), None)?)
        };
        let image = variant.as_ref().unwrap_or(&largest);
        files.push(File {
            name: format!("{w}.webp"),
            bytes: webp(image, kind)?,
        });
        if kind != Kind::Webp {
            files.push(File {
                name: format!("{w}.{}", kind.extension()),
                bytes: own_format(image, kind)?,
            });
        }
    }
    let share = share_crop(&largest)?;
    let share_size = (share.width(), share.height());
    files.push(File {
        name: "share.jpg".to_string(),
        bytes: jpeg(&share)?,
    });
    Ok(Made {
        width,
        height,
        widths,
        share: share_size,
        files,
    })
}

/// `image` resized to `width`×`height` (Lanczos), optionally from a crop
/// `(left, top, width, height)` of it.
fn resize(
    image: &DynamicImage,
    width: u32,
    height: u32,
    crop: Option<(f64, f64, f64, f64)>,
) -> Result<DynamicImage, Problem> {
    let mut out = DynamicImage::new(width, height, image.color());
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some((left, top, w, h)) = crop {
        options = options.crop(left, top, w, h);
    }
    Resizer::new()
        .resize(image, &mut out, &options)
        .map_err(|e| Problem::Encode(e.to_string()))?;
    Ok(out)
}

/// The middle of `image` at the preview's proportions, at most [`SHARE`] in size.
fn share_crop(image: &DynamicImage) -> Result<DynamicImage, Problem> {
    let (width, height) = (f64::from(image.width()), f64::from(image.height()));
    let ratio = f64::from(SHARE.0) / f64::from(SHARE.1);
    let (crop_width, crop_height) = if width / height > ratio {
        (height * ratio, height)
    } else {
        (width, width / ratio)
    };
    let out_width = (crop_width.round() as u32).clamp(1, SHARE.0);
    let out_height = scaled(SHARE.1, SHARE.0, out_width);
    let crop = (
        (width - crop_width) / 2.0,
        (height - crop_height) / 2.0,
        crop_width,
        crop_height,
    );
    resize(image, out_width, out_height, Some(crop))
}

fn webp(image: &DynamicImage, kind: Kind) -> Result<Vec<u8>, Problem> {
    let encoder = match image {
        DynamicImage::ImageRgba8(rgba) => {
            webp::Encoder::from_rgba(rgba.as_raw(), image.width(), image.height())
        }
        DynamicImage::ImageRgb8(rgb) => {
            webp::Encoder::from_rgb(rgb.as_raw(), image.width(), image.height())
        }
        _ => return Err(Problem::Encode("an unexpected pixel layout".to_string())),
    };
    let mut config = webp::WebPConfig::new()
        .map_err(|()| Problem::Encode("the WebP encoder would not start".to_string()))?;
    config.quality = match kind {
        Kind::Png | Kind::Gif => WEBP_QUALITY_LOSSLESS_SOURCE,
        Kind::Jpeg | Kind::Webp => WEBP_QUALITY,
    };
    let encoded = encoder
        .encode_advanced(&config)
        .map_err(|e| Problem::Encode(format!("WebP: {e:?}")))?;
    Ok(encoded.to_vec())
}

fn own_format(image: &DynamicImage, kind: Kind) -> Result<Vec<u8>, Problem> {
    match kind {
        Kind::Png => {
            let mut out = Vec::new();
            PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(
                image.as_bytes(),
                image.width(),
                image.height(),
                image.color().into(),
            )
            .map_err(|e| Problem::Encode(e.to_string()))?;
            Ok(out)
        }
        _ => jpeg(image),
    }
}

fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, Problem> {
    // JPEG has no alpha: a transparent PNG's preview crop goes on white, not black.
    let rgb = match image {
        DynamicImage::ImageRgba8(rgba) => {
            let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
            for (to, from) in rgb.pixels_mut().zip(rgba.pixels()) {
                let alpha = u16::from(from[3]);
                for c in 0..3 {
                    to[c] = ((u16::from(from[c]) * alpha + 255 * (255 - alpha)) / 255) as u8;
                }
            }
            rgb
        }
        other => other.to_rgb8(),
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| Problem::Encode(e.to_string()))?;
    Ok(out)
}
