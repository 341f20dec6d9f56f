//! Markdown → HTML for Quire, in plain Rust so that it is tested natively and runs
//! unchanged in the browser. The entry point is [`render`]; [`render_html`] is the
//! article preset.
//!
//! The output is meant for `innerHTML`, so it must be safe whatever the author (or
//! whoever tampered with a bundle) wrote. These rules hold in every mode:
//! - raw HTML is shown as text, never emitted as markup;
//! - link and image URLs are limited to [`is_safe_url`] ones;
//! - no `style` or event-handler attribute is ever written;
//! - ids made from author text carry a prefix, so they cannot clobber DOM globals.

mod escape;
mod excerpt;
mod parsed;
mod slug;
mod url;
mod words;
mod writer;

pub use escape::escape;
pub use excerpt::{excerpt, plain_text};
pub use parsed::Parsed;
pub use url::{is_safe as is_safe_url, resolve as resolve_url, under_root};

use pulldown_cmark::{Options as Extensions, Parser};
use serde::{Deserialize, Serialize};

/// Whose text is being rendered: it decides how much its links are trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// The blog's own author: external links get `noopener noreferrer`.
    Owner,
    /// A commenter: external links also get `nofollow ugc`.
    Visitor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Tables, footnotes, strikethrough, task lists and smart punctuation on top of
    /// CommonMark.
    pub extensions: bool,
    /// Heading ids and self-links, lazy images, `rel` on external links, classes
    /// for table alignment. Off only to compare the core with the CommonMark spec.
    pub decorations: bool,
    pub author: Author,
}

impl Options {
    /// An article: everything on.
    pub const ARTICLE: Options = Options {
        extensions: true,
        decorations: true,
        author: Author::Owner,
    };

    /// A reader's comment: as an article, with its links marked as user content.
    pub const COMMENT: Options = Options {
        author: Author::Visitor,
        ..Options::ARTICLE
    };

    /// Plain CommonMark with the safety rules: what the spec conformance test uses.
    pub const COMMONMARK: Options = Options {
        extensions: false,
        decorations: false,
        author: Author::Owner,
    };
}

/// A heading, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The element id, already prefixed ([`HEADING_ID_PREFIX`]).
    pub id: String,
    pub text: String,
}

/// An image the post shows, so the bundler can check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// As the author wrote it; the HTML has it resolved ([`resolve_url`]).
    pub src: String,
    pub alt: String,
    /// Byte offset of the image in the Markdown, to point an author at it.
    pub offset: usize,
}

/// A link the post makes, so the bundler can check internal ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// As the author wrote it; the HTML has it resolved ([`resolve_url`]).
    pub dest: String,
    /// Byte offset of the link in the Markdown.
    pub offset: usize,
}

/// What the renderer made. As JSON (from the app's Markdown module), the HTML,
/// the headings and the word count: links and images are for the builder's checks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rendered {
    pub html: String,
    /// Every link with a usable URL, in order (bare addresses included).
    #[serde(skip)]
    pub links: Vec<Link>,
    /// Every heading, in order; empty unless decorations are on.
    pub headings: Vec<Heading>,
    #[serde(skip)]
    pub images: Vec<Image>,
    pub words: usize,
}

/// The version of the interface between the app and its Markdown module
/// (`crates/quire-markdown-module`: its calls and [`Rendered`] as JSON), which the
/// app checks: a tab opened before a new build may meet the new module. Raise it
/// with any change to either.
pub const MODULE_API: u32 = 1;

/// Words per minute of an average adult reading prose on a screen.
const READING_SPEED: usize = 230;

/// Posts this long, with this many sections, get a table of contents.
const CONTENTS_MIN_WORDS: usize = 800;
const CONTENTS_MIN_SECTIONS: usize = 3;

impl Rendered {
    /// The sections (h2 and h3) a table of contents lists; none for a post short
    /// enough to take in at a glance.
    pub fn contents(&self) -> Vec<&Heading> {
        let sections: Vec<&Heading> = self
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .collect();
        if self.words >= CONTENTS_MIN_WORDS && sections.len() >= CONTENTS_MIN_SECTIONS {
            sections
        } else {
            Vec::new()
        }
    }

    /// Minutes to read, rounded up; at least 1.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(READING_SPEED).max(1)
    }
}

/// Every id the renderer makes from author text starts with this, so that no heading
/// can be named `location` or `cookie` and shadow a `window`/`document` property.
pub const HEADING_ID_PREFIX: &str = "sec-";
/// Footnote ids likewise.
pub const FOOTNOTE_ID_PREFIX: &str = "fn-";

fn extensions(options: &Options) -> Extensions {
    if options.extensions {
        Extensions::ENABLE_TABLES
            | Extensions::ENABLE_FOOTNOTES
            | Extensions::ENABLE_STRIKETHROUGH
            | Extensions::ENABLE_TASKLISTS
            | Extensions::ENABLE_SMART_PUNCTUATION
    } else {
        Extensions::empty()
    }
}

/// The most Markdown one call renders: 40 times a long article. The parser is
/// linear, but a page with megabytes of text is no use to a reader and slow to lay
/// out; past this a clear message stands in for the text.
pub const MAX_MARKDOWN_BYTES: usize = 2 * 1024 * 1024;

/// Why some Markdown is not rendered.
pub fn too_large(markdown: &str) -> Option<String> {
    (markdown.len() > MAX_MARKDOWN_BYTES).then(|| {
        format!(
            "this text is {} MB, over the {} MB that Quire renders",
            megabytes(markdown.len()),
            MAX_MARKDOWN_BYTES / 1_048_576
        )
    })
}

/// `bytes` in MB (2^20 bytes) to one decimal, rounded: "5.0". Integer arithmetic,
/// so that no floating-point formatting (several KB of wasm) ships for a message.
pub fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + (1 << 19)) >> 20;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Renders Markdown to safe HTML, with what the article view needs besides.
pub fn render(markdown: &str, options: &Options) -> Rendered {
    render_with_code(markdown, options, &[])
}

/// As [`render`], with syntax highlighting made at bundle time: for the n-th code
/// block, `code[n]` holds `[kind, byte length, …]` runs covering its text. Runs that
/// do not fit the text exactly are ignored, so a damaged bundle costs colours only.
pub fn render_with_code(markdown: &str, options: &Options, code: &[Vec<u32>]) -> Rendered {
    render_in(markdown, options, code, Place::AS_WRITTEN, &[])
}

/// Where a document is published, for the addresses its HTML names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    /// The path the site is served from (`/`, `/blog/`; see
    /// `quire_schema::base_path`): every site path the HTML names (`/posts/x`, a
    /// picture's variants) is put under it, so a blog can live below a host's root.
    pub root: &'a str,
    /// The site path relative links and images name files under (`/posts/x/`; see
    /// `quire_schema::post_files_base`); empty: they are kept as written.
    pub files: &'a str,
}

impl Place<'_> {
    /// Every address as the Markdown has it.
    pub const AS_WRITTEN: Place<'static> = Place {
        root: "/",
        files: "",
    };
}

/// As [`render_with_code`], for a document published at `place`, whose local
/// images the build published as `pictures` (sizes and variants).
pub fn render_in(
    markdown: &str,
    options: &Options,
    code: &[Vec<u32>],
    place: Place<'_>,
    pictures: &[quire_schema::Picture],
) -> Rendered {
    if let Some(why) = too_large(markdown) {
        return Rendered {
            html: format!("<p class=\"too-large\">Not shown: {why}.</p>\n"),
            ..Rendered::default()
        };
    }
    let parser = Parser::new_ext(markdown, extensions(options)).into_offset_iter();
    writer::write(parser, options, code, markdown.len(), place, pictures)
}

/// A code block: its language (the info string's first word) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub language: Option<String>,
    pub text: String,
}

/// Every code block, in the order [`render_with_code`] numbers them.
pub fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    if too_large(markdown).is_some() {
        return Vec::new();
    }
    code_blocks_of(Parser::new_ext(markdown, extensions(&Options::ARTICLE)))
}

fn code_blocks_of<'a>(events: impl Iterator<Item = pulldown_cmark::Event<'a>>) -> Vec<CodeBlock> {
    use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut current: Option<CodeBlock> = None;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                current = Some(CodeBlock {
                    language: match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().map(str::to_string)
                        }
                        CodeBlockKind::Indented => None,
                    },
                    text: String::new(),
                })
            }
            Event::Text(text) => {
                if let Some(block) = &mut current {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// An author's Markdown as article HTML, safe to insert into the page.
pub fn render_html(markdown: &str) -> String {
    render(markdown, &Options::ARTICLE).html
}

#[cfg(test)]
mod tests;
