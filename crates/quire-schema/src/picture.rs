//! A local image as the build published it (resized, in WebP and its own format),
//! carried in a post's bundle so that the renderer, in the builder and in the
//! browser alike, writes the same `width`, `height`, `srcset` and `sizes` for it.

use serde::{Deserialize, Serialize};

/// The folder of processed images. Their names carry a content key, so, as with
/// [`crate::IMMUTABLE_DIR`], nothing in it ever changes.
pub const PICTURES_DIR: &str = "data/img";

/// How wide an article's images are shown: the full column of text on a wide
/// screen (68ch of the body font: 36rem in Chromium's serif, 37rem allows for a
/// wider face), the screen less the page's margins (1.25rem a side) on a phone.
/// `style/main.css` sets those widths.
pub const PICTURE_SIZES: &str = "(min-width: 40rem) 37rem, calc(100vw - 2.5rem)";

/// An image the build measured and resized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    /// The address the Markdown gives it, resolved (`/posts/x/map.jpg`): what the
    /// renderer matches.
    pub src: String,
    /// As a reader sees it, upright.
    pub width: u32,
    pub height: u32,
    /// Where its variants are, a site path (`/data/img/<key>`, which a page names
    /// under the site's root), to which `-<width>.<extension>` is added.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stem: String,
    /// The widths published, ascending. Empty: the image is published as it is
    /// (an animated GIF), and only its size is given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<u32>,
    /// The extension of the variants in the image's own format (`jpg`, `png`), or
    /// `webp` when that is its format.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub own: String,
}

impl Picture {
    /// The address of its variant `width` pixels wide, in `extension`.
    pub fn variant(&self, width: u32, extension: &str) -> String {
        format!("{}-{width}.{extension}", self.stem)
    }
}

/// Where a processed image's variant lives in the site (no leading `/`).
pub fn picture_path(key: &str, width: u32, extension: &str) -> String {
    format!("{PICTURES_DIR}/{key}-{width}.{extension}")
}

/// Where a processed image's link-preview crop lives in the site.
pub fn share_picture_path(key: &str) -> String {
    format!("{PICTURES_DIR}/{key}-share.jpg")
}
