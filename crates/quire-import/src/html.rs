//! An imported HTML body as Markdown, with `htmd`. What cannot be Markdown is
//! dropped and counted, so the report can say where: scripts, styles, forms,
//! event attributes. Blogger's caption tables become an image with its caption,
//! and embedded videos become links. Whatever comes out is still only Markdown: it
//! goes through the same renderer and checks as any post, which escape raw HTML.

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown};
use markup5ever_rcdom::{Node, NodeData};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Elements whose content is never the post's text.
const DROPPED: [&str; 13] = [
    "script", "style", "form", "noscript", "object", "embed", "input", "button", "select",
    "textarea", "template", "svg", "link",
];

/// A body converted.
#[derive(Debug, Default)]
pub struct Converted {
    pub markdown: String,
    /// What was left out, by kind (`script`, `onclick attribute` …), with counts.
    pub dropped: BTreeMap<String, usize>,
    /// Every image address, in order.
    pub images: Vec<String>,
}

pub fn to_markdown(html: &str) -> Converted {
    let converter = HtmlToMarkdown::builder()
        .skip_tags(DROPPED.to_vec())
        .add_handler(vec!["iframe"], iframe)
        .add_handler(vec!["img"], image)
        .add_handler(vec!["a"], anchor)
        .add_handler(vec!["table"], caption_table)
        .build();
    let mut converted = Converted::default();
    let Ok(tree) = converter.html_to_tree(html) else {
        // html5ever accepts any text; this only guards the signature.
        converted.markdown = html.to_string();
        return converted;
    };
    survey(&tree, &mut converted);
    converted.markdown = converter.tree_to_markdown(&tree);
    converted
}

/// Counts what will be dropped and lists the images.
fn survey(node: &Rc<Node>, found: &mut Converted) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let tag = &*name.local;
        if DROPPED.contains(&tag) {
            *found.dropped.entry(tag.to_string()).or_default() += 1;
            return;
        }
        if tag == "iframe" {
            *found
                .dropped
                .entry("iframe (now a link)".into())
                .or_default() += 1;
        }
        for attr in attrs.borrow().iter() {
            let attr_name = &*attr.name.local;
            if attr_name.starts_with("on") {
                *found
                    .dropped
                    .entry(format!("{attr_name} attribute"))
                    .or_default() += 1;
            }
            if tag == "a" && attr_name == "href" && !quire_markdown::is_safe_url(&attr.value) {
                *found
                    .dropped
                    .entry("link to a script address".into())
                    .or_default() += 1;
            }
            if tag == "img" && attr_name == "src" {
                match absolute(&attr.value) {
                    Some(src) => found.images.push(src),
                    None => {
                        *found
                            .dropped
                            .entry("image with a relative address".into())
                            .or_default() += 1
                    }
                }
            }
        }
    }
    for child in node.children.borrow().iter() {
        survey(child, found);
    }
}

fn attr(element: &Element, name: &str) -> Option<String> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// An address a page anywhere can use: `http(s)://…`, or `//host/…` made https.
fn absolute(src: &str) -> Option<String> {
    let src = src.trim();
    if let Some(rest) = src.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let lower = src.get(..8).unwrap_or(src).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| src.to_string())
}

/// An image with an address the old blog could serve from anywhere stays; one
/// relative to the old blog's pages cannot be found any more and is left out
/// (the survey counts it), keeping its alternative text.
fn image(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let src = attr(&element, "src").and_then(|s| absolute(&s));
    match src {
        Some(src) => {
            let alt = attr(&element, "alt").unwrap_or_default();
            Some(
                format!(
                    "![{}]({})",
                    escape(alt.trim()),
                    src.replace(' ', "%20")
                        .replace('(', "%28")
                        .replace(')', "%29")
                )
                .into(),
            )
        }
        None => {
            let alt = attr(&element, "alt").unwrap_or_default();
            let _ = handlers;
            Some(escape(alt.trim()).into())
        }
    }
}

/// A link whose address could run script (`javascript:` and the like) is only its
/// text; the renderer would refuse the address anyway, leaving a dead link.
fn anchor(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    match attr(&element, "href") {
        Some(href) if !quire_markdown::is_safe_url(&href) => {
            Some(handlers.walk_children(element.node).content.into())
        }
        _ => handlers.fallback(element),
    }
}

/// An embedded video or map becomes a link to it.
fn iframe(_: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let src = attr(&element, "src")?;
    let src = match src.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => src,
    };
    if !(src.starts_with("https://") || src.starts_with("http://")) {
        return None;
    }
    // A YouTube player's address becomes the video's own page.
    let page = src
        .split_once("youtube.com/embed/")
        .map(|(_, id)| id.split(['?', '&', '"']).next().unwrap_or(id))
        .map(|id| format!("https://www.youtube.com/watch?v={id}"))
        .unwrap_or(src);
    Some(format!("\n\n[Embedded video: {page}]({page})\n\n").into())
}

/// Blogger's `table.tr-caption-container`: an image in one row, its caption in the
/// next. Other tables are left to htmd.
fn caption_table(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let class = attr(&element, "class").unwrap_or_default();
    if !class
        .split_whitespace()
        .any(|c| c == "tr-caption-container")
    {
        return handlers.fallback(element);
    }
    let mut image = None;
    let mut caption = String::new();
    find_caption(element.node, &mut image, &mut caption, false);
    let Some((src, alt)) = image else {
        return handlers.fallback(element);
    };
    let caption = caption.split_whitespace().collect::<Vec<_>>().join(" ");
    let alt = if caption.is_empty() {
        alt
    } else {
        caption.clone()
    };
    let Some(src) = absolute(&src) else {
        return handlers.fallback(element);
    };
    let mut markdown = format!("\n\n![{}]({})", escape(&alt), src.replace(' ', "%20"));
    if !caption.is_empty() {
        // A hard break: the caption under the image, in the same paragraph.
        markdown.push_str(&format!("\\\n*{}*", escape(&caption)));
    }
    markdown.push_str("\n\n");
    Some(markdown.into())
}

fn find_caption(
    node: &Rc<Node>,
    image: &mut Option<(String, String)>,
    caption: &mut String,
    in_caption: bool,
) {
    match &node.data {
        NodeData::Element { name, attrs, .. } => {
            let attrs = attrs.borrow();
            let get = |n: &str| {
                attrs
                    .iter()
                    .find(|a| &*a.name.local == n)
                    .map(|a| a.value.to_string())
            };
            if &*name.local == "img" && image.is_none() {
                if let Some(src) = get("src") {
                    *image = Some((src, get("alt").unwrap_or_default()));
                }
            }
            let here = in_caption
                || get("class").is_some_and(|c| c.split_whitespace().any(|c| c == "tr-caption"));
            for child in node.children.borrow().iter() {
                find_caption(child, image, caption, here);
            }
        }
        NodeData::Text { contents } if in_caption => {
            caption.push_str(&contents.borrow());
            caption.push(' ');
        }
        _ => {
            for child in node.children.borrow().iter() {
                find_caption(child, image, caption, in_caption);
            }
        }
    }
}

/// Text that must stay text in Markdown.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#!|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn scripts_forms_and_event_attributes_are_dropped_and_counted() {
        let converted = to_markdown(
            "<p onclick=\"steal()\">Hello <b>world</b></p><script>alert(1)</script>\
             <style>p{}</style><form action=/x><input name=a></form>",
        );
        assert_eq!(converted.markdown, "Hello **world**");
        let dropped: Vec<_> = converted
            .dropped
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        assert_eq!(
            dropped,
            [
                ("form", 1),
                ("onclick attribute", 1),
                ("script", 1),
                ("style", 1)
            ]
        );
    }

    #[test]
    fn a_caption_table_becomes_an_image_with_its_caption() {
        let converted = to_markdown(
            r#"<table class="tr-caption-container" align="center"><tbody>
            <tr><td><a href="https://blogger.googleusercontent.com/big.jpg"><img src="https://blogger.googleusercontent.com/s320/harbour.jpg" alt=""></a></td></tr>
            <tr><td class="tr-caption">The harbour at <i>dawn</i></td></tr></tbody></table><p>After.</p>"#,
        );
        assert_eq!(
            converted.markdown,
            "![The harbour at dawn](https://blogger.googleusercontent.com/s320/harbour.jpg)\\\n\
             *The harbour at dawn*\n\nAfter."
        );
        assert_eq!(converted.images.len(), 1);
    }

    #[test]
    fn an_embedded_video_becomes_a_link() {
        let converted = to_markdown(
            r#"<p>Watch:</p><iframe src="//www.youtube.com/embed/abc123?rel=0" width="320"></iframe>"#,
        );
        assert!(
            converted
                .markdown
                .contains("[Embedded video: https://www.youtube.com/watch?v=abc123](https://www.youtube.com/watch?v=abc123)"),
            "{}",
            converted.markdown
        );
    }
}
