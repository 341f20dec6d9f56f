//! What can be wrong with an image file, told to its author.

use crate::MAX_PIXELS;
use std::fmt;

/// Why an image cannot be published. Each says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read from disk.
    Io(String),
    /// The bytes are not an image in a format Quire reads.
    NotAnImage,
    /// The header promises more pixels than [`MAX_PIXELS`].
    TooLarge { width: u32, height: u32 },
    /// The image starts well and then breaks (a truncated download, a damaged card).
    Damaged(String),
    /// Encoding a variant failed (a codec's own limit).
    Encode(String),
}

impl Problem {
    /// What to do about it.
    pub fn hint(&self) -> String {
        match self {
            Problem::Io(_) => "check that the file exists and is readable".to_string(),
            Problem::NotAnImage => {
                "export it as JPEG, PNG, WebP or GIF (SVG is published as it is)".to_string()
            }
            Problem::TooLarge { .. } => format!(
                "scale it down to under {} megapixels (a 4000×3000 photo is 12)",
                MAX_PIXELS / 1_000_000
            ),
            Problem::Damaged(_) => {
                "the file is damaged or cut short: copy it again from the camera or export \
                 it again from your editor"
                    .to_string()
            }
            Problem::Encode(_) => "export it again as an 8-bit JPEG or PNG".to_string(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Io(why) => write!(f, "cannot be read: {why}"),
            Problem::NotAnImage => write!(f, "is not an image Quire can read"),
            Problem::TooLarge { width, height } => write!(
                f,
                "is {width}×{height} pixels, over the {} megapixels Quire processes",
                MAX_PIXELS / 1_000_000
            ),
            Problem::Damaged(why) => write!(f, "cannot be decoded: {why}"),
            Problem::Encode(why) => write!(f, "cannot be encoded: {why}"),
        }
    }
}

impl std::error::Error for Problem {}
