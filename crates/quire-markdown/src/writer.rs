//! The HTML writer: one pass over pulldown-cmark's events. Written here rather than
//! taken from pulldown-cmark so that every byte of markup is one we chose: no inline
//! styles, no raw HTML, ids with prefixes, and the article decorations.

use crate::slug::{slugify, Slugs};
use crate::url::{is_external, is_safe, resolve, under_root};
use crate::{
    Author, Heading, Image, Link, Options, Place, Rendered, FOOTNOTE_ID_PREFIX, HEADING_ID_PREFIX,
};
use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use quire_schema::{Picture, PICTURE_SIZES};
use std::collections::HashMap;

/// A heading whose content is being written; its opening tag waits for its text.
struct OpenHeading {
    level: u8,
    start: usize,
    text: String,
}

/// An image whose alt text is being collected from the events inside it.
struct OpenImage {
    offset: usize,
    src: Option<String>,
    title: String,
    alt: String,
    /// Images nest in Markdown (`![a ![b](c)](d)`); only the outer one is written.
    depth: usize,
}

struct Writer<'o> {
    out: String,
    options: &'o Options,
    slugs: Slugs,
    headings: Vec<Heading>,
    images: Vec<Image>,
    words: usize,
    heading: Option<OpenHeading>,
    image: Option<OpenImage>,
    image_offset: usize,
    /// Where the current event starts in the Markdown.
    event_offset: usize,
    links: Vec<Link>,
    table_alignments: Vec<Alignment>,
    table_cell: usize,
    in_table_head: bool,
    /// Whether the table being written has had a body row (GFM writes no
    /// `<tbody>` for a table of a header alone).
    in_table_body: bool,
    /// Prose waiting to be written: the parser splits text at `_`, `*` and the like,
    /// and a bare URL must be seen whole to become a link.
    pending_text: String,
    link_depth: usize,
    /// The text of the code block being read, written out when it ends.
    code_text: Option<String>,
    code_runs: &'o [Vec<u32>],
    code_blocks_seen: usize,
    /// Where the document is published: what relative URLs resolve against, and
    /// the root every site path goes under.
    place: Place<'o>,
    footnote_numbers: HashMap<String, usize>,
    /// The post's images as the build published them ([`Picture`]).
    pictures: &'o [Picture],
}

/// An article's first image loads at once (and first) when this few words come
/// before it: it is then on the first screen and likely the largest thing there.
/// Every other image waits until the reader nears it.
const EAGER_WITHIN_WORDS: usize = 50;

/// An image narrower than this is never the largest thing on a screen.
const EAGER_MIN_WIDTH: u32 = 480;

/// The variant an `<img>`'s `src` names, for browsers that ignore `srcset` (and
/// feed readers): the largest at most this wide (720 of the build's widths).
const FALLBACK_WIDTH: u32 = 800;

pub fn write<'a>(
    events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    options: &Options,
    code_runs: &[Vec<u32>],
    size_hint: usize,
    place: Place<'_>,
    pictures: &[Picture],
) -> Rendered {
    let mut w = Writer {
        out: String::with_capacity(size_hint + size_hint / 2),
        options,
        slugs: Slugs::default(),
        headings: Vec::new(),
        images: Vec::new(),
        words: 0,
        heading: None,
        image: None,
        image_offset: 0,
        event_offset: 0,
        links: Vec::new(),
        table_alignments: Vec::new(),
        table_cell: 0,
        in_table_head: false,
        in_table_body: false,
        pending_text: String::new(),
        link_depth: 0,
        code_text: None,
        code_runs,
        code_blocks_seen: 0,
        place,
        footnote_numbers: HashMap::new(),
        pictures,
    };
    for (event, range) in events {
        if let (Event::Start(Tag::Image { .. }), None) = (&event, &w.image) {
            w.image_offset = range.start;
        }
        w.event_offset = range.start;
        w.event(event);
    }
    w.flush_text();
    // Kept for as long as the post is (a build holds every post's article until
    // its page is made): the room reserved above and not used would be a fifth of
    // a big blog's memory.
    w.out.shrink_to_fit();
    Rendered {
        html: w.out,
        links: w.links,
        headings: w.headings,
        images: w.images,
        words: w.words,
    }
}

impl Writer<'_> {
    fn event(&mut self, event: Event<'_>) {
        if self.image.is_some() {
            return self.image_event(event);
        }
        if !matches!(event, Event::Text(_)) {
            self.flush_text();
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.note_heading_text(&code);
                self.words += crate::words::count(&code);
                self.out.push_str("<code>");
                self.escaped(&code);
                self.out.push_str("</code>");
            }
            // Raw HTML is the author's text, not markup: show it as such.
            Event::Html(raw) | Event::InlineHtml(raw) => self.escaped(&raw),
            Event::SoftBreak => self.out.push('\n'),
            Event::HardBreak => self.out.push_str("<br />\n"),
            Event::Rule => self.out.push_str("<hr />\n"),
            Event::TaskListMarker(checked) => self.out.push_str(if checked {
                r#"<input type="checkbox" disabled="" checked="" /> "#
            } else {
                r#"<input type="checkbox" disabled="" /> "#
            }),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            // Math is not enabled; if it ever arrives, it is shown as text.
            Event::InlineMath(text) | Event::DisplayMath(text) => self.escaped(&text),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.out.push_str("<p>"),
            Tag::Heading { level, .. } => {
                self.heading = Some(OpenHeading {
                    level: level as u8,
                    start: self.out.len(),
                    text: String::new(),
                })
            }
            Tag::BlockQuote(_) => self.out.push_str("<blockquote>\n"),
            Tag::CodeBlock(kind) => {
                self.code_text = Some(String::new());
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next(),
                    CodeBlockKind::Indented => None,
                };
                match language {
                    Some(language) => {
                        self.out.push_str(r#"<pre><code class="language-"#);
                        self.escaped(language);
                        self.out.push_str(r#"">"#);
                    }
                    None => self.out.push_str("<pre><code>"),
                }
            }
            // Shown as a paragraph of text: the author sees what was not rendered.
            Tag::HtmlBlock => self.out.push_str("<p>"),
            Tag::List(Some(1)) => self.out.push_str("<ol>\n"),
            Tag::List(Some(start)) => {
                self.out.push_str(&format!("<ol start=\"{start}\">\n"));
            }
            Tag::List(None) => self.out.push_str("<ul>\n"),
            Tag::Item => self.out.push_str("<li>"),
            Tag::FootnoteDefinition(label) => {
                let number = self.footnote_number(&label);
                let id = slugify(&label);
                self.out.push_str(&format!(
                    "<div class=\"footnote-definition\" id=\"{FOOTNOTE_ID_PREFIX}{id}\">\
                     <sup class=\"footnote-definition-label\">{number}</sup>"
                ));
            }
            Tag::Table(alignments) => {
                self.table_alignments = alignments;
                self.out.push_str("<table>");
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.table_cell = 0;
                self.out.push_str("<thead><tr>");
            }
            Tag::TableRow => {
                self.table_cell = 0;
                if !self.in_table_body {
                    self.in_table_body = true;
                    self.out.push_str("<tbody>\n");
                }
                self.out.push_str("<tr>");
            }
            Tag::TableCell => {
                let cell = if self.in_table_head { "th" } else { "td" };
                let class = match self.table_alignments.get(self.table_cell) {
                    Some(Alignment::Left) => r#" class="align-left""#,
                    Some(Alignment::Center) => r#" class="align-center""#,
                    Some(Alignment::Right) => r#" class="align-right""#,
                    _ => "",
                };
                self.out.push_str(&format!("<{cell}{class}>"));
            }
            Tag::Emphasis => self.out.push_str("<em>"),
            Tag::Strong => self.out.push_str("<strong>"),
            Tag::Strikethrough => self.out.push_str("<del>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.link_depth += 1;
                self.link(link_type, &dest_url, &title)
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some(OpenImage {
                    offset: self.image_offset,
                    src: is_safe(&dest_url).then(|| dest_url.to_string()),
                    title: title.to_string(),
                    alt: String::new(),
                    depth: 1,
                })
            }
            // Not enabled: definition lists, metadata blocks, super/subscript.
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_)
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.out.push_str("</p>\n"),
            TagEnd::Heading(_) => self.close_heading(),
            TagEnd::BlockQuote(_) => self.out.push_str("</blockquote>\n"),
            TagEnd::CodeBlock => {
                let text = self.code_text.take().unwrap_or_default();
                let runs = self.code_runs.get(self.code_blocks_seen);
                self.code_blocks_seen += 1;
                self.code(&text, runs.map(Vec::as_slice).unwrap_or_default());
                self.out.push_str("</code></pre>\n");
            }
            TagEnd::List(true) => self.out.push_str("</ol>\n"),
            TagEnd::List(false) => self.out.push_str("</ul>\n"),
            TagEnd::Item => self.out.push_str("</li>\n"),
            TagEnd::FootnoteDefinition => self.out.push_str("</div>\n"),
            TagEnd::Table => {
                if std::mem::take(&mut self.in_table_body) {
                    self.out.push_str("</tbody>");
                }
                self.out.push_str("</table>\n");
            }
            TagEnd::TableHead => {
                self.in_table_head = false;
                self.out.push_str("</tr></thead>");
            }
            TagEnd::TableRow => self.out.push_str("</tr>\n"),
            TagEnd::TableCell => {
                self.table_cell += 1;
                self.out
                    .push_str(if self.in_table_head { "</th>" } else { "</td>" });
            }
            TagEnd::Emphasis => self.out.push_str("</em>"),
            TagEnd::Strong => self.out.push_str("</strong>"),
            TagEnd::Strikethrough => self.out.push_str("</del>"),
            TagEnd::Link => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.out.push_str("</a>");
            }
            // Images end in image_event.
            TagEnd::Image => {}
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_)
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(code) = &mut self.code_text {
            code.push_str(text);
            return;
        }
        self.words += crate::words::count(text);
        self.note_heading_text(text);
        self.pending_text.push_str(text);
    }

    fn flush_text(&mut self) {
        if self.pending_text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending_text);
        if self.options.extensions && self.link_depth == 0 {
            self.autolinked(&text);
        } else {
            self.escaped(&text);
        }
    }

    /// Prose with its bare `https://…` and `www.…` addresses, and its e-mail
    /// addresses, made into links (GFM's extended autolinks).
    fn autolinked(&mut self, text: &str) {
        let mut rest = text;
        loop {
            let web = crate::url::find_bare_url(rest);
            let email = crate::url::find_bare_email(rest);
            let (start, end, kind) = match (web, email) {
                (Some(w), Some(e)) if e.0 < w.0 => (e.0, e.1, LinkType::Email),
                (Some(w), _) => (w.0, w.1, LinkType::Autolink),
                (None, Some(e)) => (e.0, e.1, LinkType::Email),
                (None, None) => break,
            };
            self.escaped(&rest[..start]);
            let shown = &rest[start..end];
            let href = if shown.starts_with("www.") {
                format!("http://{shown}")
            } else {
                shown.to_string()
            };
            self.link(kind, &href, "");
            self.escaped(shown);
            self.out.push_str("</a>");
            rest = &rest[end..];
        }
        self.escaped(rest);
    }

    /// A code block's text, in classed spans where `runs` fit it exactly. The class
    /// names come from a fixed table, and the text is escaped like any other.
    fn code(&mut self, text: &str, runs: &[u32]) {
        let Some(spans) = spans(text, runs) else {
            return self.escaped(text);
        };
        let mut at = 0;
        for (class, len) in spans {
            let piece = &text[at..at + len];
            at += len;
            match class {
                Some(class) => {
                    self.out.push_str("<span class=\"");
                    self.out.push_str(class);
                    self.out.push_str("\">");
                    self.escaped(piece);
                    self.out.push_str("</span>");
                }
                None => self.escaped(piece),
            }
        }
    }

    fn escaped(&mut self, text: &str) {
        // Writing to a String cannot fail.
        let _ = escape_html(&mut self.out, text);
    }

    fn note_heading_text(&mut self, text: &str) {
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
        }
    }

    fn close_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let inner = self.out.split_off(heading.start);
        let level = heading.level;
        if !self.options.decorations {
            self.out
                .push_str(&format!("<h{level}>{inner}</h{level}>\n"));
            return;
        }
        let id = format!("{HEADING_ID_PREFIX}{}", self.slugs.unique(&heading.text));
        // The self-link's symbol comes from CSS, so the heading's text stays its text.
        self.out.push_str(&format!(
            "<h{level} id=\"{id}\">{inner}<a class=\"anchor\" href=\"#{id}\" \
             aria-label=\"Link to this section\"></a></h{level}>\n"
        ));
        self.headings.push(Heading {
            level,
            id,
            text: heading.text,
        });
    }

    fn link(&mut self, link_type: LinkType, dest: &str, title: &str) {
        let href = match link_type {
            LinkType::Email => format!("mailto:{dest}"),
            _ => dest.to_string(),
        };
        if !is_safe(&href) {
            // An anchor without href: the text stays, the link goes nowhere.
            self.out.push_str("<a>");
            return;
        }
        self.links.push(Link {
            dest: href.clone(),
            offset: self.event_offset,
        });
        self.out.push_str("<a href=\"");
        self.site_url(&resolve(&href, self.place.files));
        self.out.push('"');
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            self.escaped(title);
            self.out.push('"');
        }
        if self.options.decorations && is_external(&href) {
            self.out.push_str(match self.options.author {
                Author::Owner => r#" rel="noopener noreferrer""#,
                Author::Visitor => r#" rel="nofollow ugc noopener noreferrer""#,
            });
        }
        self.out.push('>');
    }

    /// Inside an image every event only feeds its alt text, until it ends.
    fn image_event(&mut self, event: Event<'_>) {
        let Some(image) = &mut self.image else {
            return;
        };
        match event {
            Event::Start(Tag::Image { .. }) => image.depth += 1,
            Event::End(TagEnd::Image) => {
                image.depth -= 1;
                if image.depth == 0 {
                    self.close_image();
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                image.alt.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            _ => {}
        }
    }

    fn close_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        let Some(src) = image.src else {
            // A refused URL: keep what the image meant, as text.
            self.escaped(&image.alt);
            return;
        };
        let resolved = resolve(&src, self.place.files);
        let pictures = self.pictures;
        let picture = pictures
            .iter()
            .find(|p| p.src == resolved)
            .filter(|p| usable(p));
        let eager = self.options.decorations
            && self.images.is_empty()
            && self.words < EAGER_WITHIN_WORDS
            && picture.is_some_and(|p| p.width >= EAGER_MIN_WIDTH);
        match picture {
            Some(picture) if !picture.widths.is_empty() => {
                if picture.own != "webp" {
                    self.out.push_str("<picture><source type=\"image/webp\"");
                    self.srcset(picture, "webp");
                    self.out.push_str(" />");
                }
                let fallback = picture
                    .widths
                    .iter()
                    .copied()
                    .rfind(|w| *w <= FALLBACK_WIDTH)
                    .unwrap_or(picture.widths[0]);
                self.out.push_str("<img src=\"");
                self.site_url(&picture.variant(fallback, &picture.own));
                self.out.push('"');
                if picture.widths.len() > 1 {
                    self.srcset(picture, &picture.own);
                }
            }
            _ => {
                self.out.push_str("<img src=\"");
                self.site_url(&resolved);
                self.out.push('"');
            }
        }
        if let Some(picture) = picture {
            self.out.push_str(&format!(
                " width=\"{}\" height=\"{}\"",
                picture.width, picture.height
            ));
        }
        self.out.push_str(" alt=\"");
        self.escaped(&image.alt);
        self.out.push('"');
        if !image.title.is_empty() {
            self.out.push_str(" title=\"");
            self.escaped(&image.title);
            self.out.push('"');
        }
        if eager {
            self.out
                .push_str(r#" fetchpriority="high" decoding="async""#);
        } else if self.options.decorations {
            self.out.push_str(r#" loading="lazy" decoding="async""#);
        }
        self.out.push_str(" />");
        if picture.is_some_and(|p| !p.widths.is_empty() && p.own != "webp") {
            self.out.push_str("</picture>");
        }
        self.images.push(Image {
            src,
            alt: image.alt,
            offset: image.offset,
        });
    }

    /// ` srcset` (and ` sizes`) for the variants in `extension`: each with its
    /// width, for the browser to pick from by the column's width. An image
    /// published at one width (narrower than the smallest step) names just that
    /// file: described by a width, it would count as a column wide.
    /// Writes a URL the page names (escaped), a site path under the site's root.
    fn site_url(&mut self, url: &str) {
        let url = under_root(url, self.place.root);
        let _ = escape_href(&mut self.out, &url);
    }

    fn srcset(&mut self, picture: &Picture, extension: &str) {
        self.out.push_str(" srcset=\"");
        if let [width] = picture.widths[..] {
            self.site_url(&picture.variant(width, extension));
            self.out.push('"');
            return;
        }
        for (i, width) in picture.widths.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.site_url(&picture.variant(*width, extension));
            self.out.push_str(&format!(" {width}w"));
        }
        self.out.push_str("\" sizes=\"");
        self.out.push_str(PICTURE_SIZES);
        self.out.push('"');
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert(next)
    }

    fn footnote_reference(&mut self, label: &CowStr<'_>) {
        let number = self.footnote_number(label);
        let id = slugify(label);
        self.out.push_str(&format!(
            "<sup class=\"footnote-reference\"><a href=\"#{FOOTNOTE_ID_PREFIX}{id}\">{number}</a></sup>"
        ));
    }
}

/// The CSS class of each highlighting kind (see `quire-highlight`); 0 is plain.
const TOKEN_CLASSES: [Option<&str>; 7] = [
    None,
    Some("tok-kw"),
    Some("tok-str"),
    Some("tok-com"),
    Some("tok-num"),
    Some("tok-lit"),
    Some("tok-ty"),
];

/// Checks `runs` against `text`: pairs of a known kind and a length, covering the
/// text exactly and cutting it only between characters.
fn spans(text: &str, runs: &[u32]) -> Option<Vec<(Option<&'static str>, usize)>> {
    if runs.is_empty() || !runs.len().is_multiple_of(2) {
        return None;
    }
    let mut spans = Vec::with_capacity(runs.len() / 2);
    let mut at = 0usize;
    for pair in runs.chunks_exact(2) {
        let class = *TOKEN_CLASSES.get(usize::try_from(pair[0]).ok()?)?;
        let len = usize::try_from(pair[1]).ok()?;
        at = at.checked_add(len)?;
        if at > text.len() || !text.is_char_boundary(at) {
            return None;
        }
        spans.push((class, len));
    }
    (at == text.len()).then_some(spans)
}

/// A picture from a bundle is used only when its addresses are safe ones and its
/// extension one the build makes: a tampered bundle gets plain images.
fn usable(picture: &Picture) -> bool {
    picture.width > 0
        && picture.height > 0
        && (picture.widths.is_empty()
            || (is_safe(&picture.stem)
                && !picture.stem.contains([' ', ','])
                && matches!(picture.own.as_str(), "jpg" | "png" | "webp")))
}
