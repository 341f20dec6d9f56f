//! HTML normalisation as the CommonMark spec's test suite does it, so that
//! insignificant differences (attribute order, `<br />` vs `<br>`, entity spelling,
//! whitespace around block tags) do not count.

const BLOCK_TAGS: &[&str] = &[
    "article",
    "header",
    "aside",
    "hgroup",
    "blockquote",
    "hr",
    "iframe",
    "body",
    "li",
    "map",
    "button",
    "object",
    "canvas",
    "ol",
    "caption",
    "output",
    "col",
    "p",
    "colgroup",
    "pre",
    "dd",
    "progress",
    "div",
    "section",
    "dl",
    "table",
    "td",
    "dt",
    "tbody",
    "embed",
    "textarea",
    "fieldset",
    "tfoot",
    "figcaption",
    "th",
    "figure",
    "thead",
    "footer",
    "tr",
    "form",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "video",
    "script",
    "style",
];

pub fn html(input: &str) -> String {
    let mut out = String::new();
    let mut in_pre = 0usize;
    let mut after_block = true;
    let mut rest = input;
    while !rest.is_empty() {
        if let Some(tag_end) = tag_at(rest) {
            let tag = &rest[..tag_end];
            rest = &rest[tag_end..];
            let (name, closing, attrs) = parse_tag(tag);
            let block = BLOCK_TAGS.contains(&name.as_str());
            if block {
                let trimmed = out.trim_end().len();
                out.truncate(trimmed);
            }
            if name == "pre" {
                if closing {
                    in_pre = in_pre.saturating_sub(1);
                } else {
                    in_pre += 1;
                }
            }
            out.push('<');
            if closing {
                out.push('/');
            }
            out.push_str(&name);
            for (key, value) in attrs {
                out.push(' ');
                out.push_str(&key);
                if let Some(value) = value {
                    out.push_str("=\"");
                    out.push_str(&escape(&decode(&value)));
                    out.push('"');
                }
            }
            out.push('>');
            after_block = block;
        } else {
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let text_end = rest[first..].find('<').map_or(rest.len(), |i| i + first);
            let text = decode(&rest[..text_end]);
            rest = &rest[text_end..];
            let mut text = if in_pre > 0 { text } else { collapse(&text) };
            if after_block && in_pre == 0 {
                text = text.trim_start().to_string();
            }
            out.push_str(&escape(&text));
            after_block = false;
        }
    }
    out.trim().to_string()
}

/// The length of the tag starting `s`, if `s` starts with one.
fn tag_at(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'<') {
        return None;
    }
    let next = *bytes.get(1)?;
    if !(next.is_ascii_alphabetic() || next == b'/') {
        return None;
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(i + 1),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

type Attrs = Vec<(String, Option<String>)>;

fn parse_tag(tag: &str) -> (String, bool, Attrs) {
    let inner = tag[1..tag.len() - 1].trim_end_matches('/').trim();
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/');
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..end], after.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = remaining.trim_start();
            Some(value.to_string())
        } else {
            None
        };
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
    attrs.sort();
    (name, closing, attrs)
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').and_then(|semi| {
            let entity = &rest[1..semi];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
