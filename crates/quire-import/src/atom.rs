//! Reading a Blogger export as a stream of entries, with quick-xml: a 100 MB export
//! is never held whole, only the entry being read. Both of Blogger's formats are
//! Atom feeds; what tells their entries apart is read here into one [`Entry`].

use crate::Failure;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// What an entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Post,
    Page,
    Comment,
    /// Settings, the template, anything else Blogger keeps in the export.
    Other(String),
}

/// One `<entry>` of either format, as far as Quire needs it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// 1-based, in file order: named in messages.
    pub number: usize,
    /// The line the entry starts on.
    pub line: usize,
    /// The digits that end its id (`tag:blogger.com,1999:blog-1.post-42` → `42`).
    pub id: String,
    pub kind: Kind,
    /// Takeout's `blogger:status` (LIVE, DRAFT, SOFT_TRASHED …), `DRAFT` for the old
    /// format's `app:draft`, `LIVE` otherwise.
    pub status: String,
    pub title: String,
    /// HTML.
    pub content: String,
    pub published: String,
    pub author: String,
    /// The old address's path (`/2019/04/slug.html`, `/p/about.html`).
    pub address: Option<String>,
    /// The old address in full, when the export gives it (the older format's
    /// `link rel=alternate`): it names the blog's host.
    pub full_address: Option<String>,
    pub labels: Vec<String>,
    /// For a comment: the id (digits) of its post.
    pub post: Option<String>,
    /// For a reply: the id (digits) of the comment it answers.
    pub reply_to: Option<String>,
}

impl Entry {
    fn new(number: usize, line: usize) -> Entry {
        Entry {
            number,
            line,
            id: String::new(),
            kind: Kind::Other(String::new()),
            status: "LIVE".to_string(),
            title: String::new(),
            content: String::new(),
            published: String::new(),
            author: String::new(),
            address: None,
            full_address: None,
            labels: Vec::new(),
            post: None,
            reply_to: None,
        }
    }
}

/// The text field an element's content goes to, by its place in the entry.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Id,
    Type,
    Status,
    Title,
    Content,
    Published,
    Author,
    Filename,
    Parent,
    ReplyTo,
    Draft,
}

fn field_at(path: &[String]) -> Option<Field> {
    let inner: Vec<&str> = path.iter().skip(2).map(String::as_str).collect();
    Some(match inner.as_slice() {
        ["id"] => Field::Id,
        ["type"] => Field::Type,
        ["status"] => Field::Status,
        ["title"] => Field::Title,
        ["content"] => Field::Content,
        ["published"] => Field::Published,
        ["author", "name"] => Field::Author,
        ["filename"] => Field::Filename,
        ["parent"] => Field::Parent,
        ["inReplyTo"] => Field::ReplyTo,
        ["control", "draft"] => Field::Draft,
        _ => return None,
    })
}

/// What was read: how many entries, and the blog's own title.
pub struct Read {
    pub entries: usize,
    pub title: String,
}

/// Reads `file`, handing each entry to `each` as soon as it ends. Fails with the
/// line and entry of the first problem: malformed XML, a file cut short, or
/// something that is not an Atom feed.
pub fn read(
    file: &Path,
    mut each: impl FnMut(Entry) -> Result<(), Failure>,
) -> Result<Read, Failure> {
    let opened = File::open(file)
        .map_err(|e| Failure::new(format!("cannot read {}: {e}", file.display())))?;
    let mut reader = Reader::from_reader(BufReader::with_capacity(1 << 16, opened));
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut lines = LineCounter::default();
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut field: Option<Field> = None;
    let mut text = String::new();
    let mut entries = 0;
    let mut title = String::new();
    let mut in_feed_title = false;
    loop {
        let event = reader.read_event_into(&mut buf);
        let at = reader.buffer_position();
        let event = match event {
            Ok(event) => event,
            Err(err) => {
                let line = lines.line_at(file, reader.error_position());
                let within = entry
                    .as_ref()
                    .map(|e| format!(" (entry {}, which starts on line {})", e.number, e.line))
                    .unwrap_or_default();
                return Err(Failure::new(format!(
                    "{}:{line}: the export is not well-formed XML{within}: {err}",
                    file.display()
                ))
                .hint("export the blog again; if it was edited by hand, correct that line"));
            }
        };
        match event {
            Event::Start(start) => {
                let name = local(&start);
                if path.is_empty() && name != "feed" {
                    return Err(not_a_feed(file, &name));
                }
                path.push(name);
                if path.len() == 2 && path[1] == "entry" {
                    entries += 1;
                    let line = lines.line_at(file, at);
                    entry = Some(Entry::new(entries, line));
                }
                if let Some(entry) = entry.as_mut() {
                    attributes(entry, &path, &start);
                    field = field_at(&path);
                    text.clear();
                }
                in_feed_title = path.len() == 2 && path[1] == "title";
            }
            Event::Empty(start) => {
                if path.is_empty() {
                    return Err(not_a_feed(file, &local(&start)));
                }
                if let Some(entry) = entry.as_mut() {
                    let mut inner = path.clone();
                    inner.push(local(&start));
                    attributes(entry, &inner, &start);
                }
            }
            Event::Text(t) => {
                if field.is_some() {
                    text.push_str(&t.xml10_content());
                } else if in_feed_title {
                    title.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if field.is_some() => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) if field.is_some() => push_reference(&mut text, &r),
            Event::End(_) => {
                if let (Some(f), Some(entry)) = (field.take(), entry.as_mut()) {
                    store(entry, f, std::mem::take(&mut text));
                }
                if path.len() == 2 && path[1] == "entry" {
                    if let Some(done) = entry.take() {
                        each(done)?;
                    }
                }
                path.pop();
                in_feed_title = false;
                // Fields are leaves: the parent's own text is never wanted.
                field = None;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if let Some(open) = entry {
        return Err(Failure::new(format!(
            "{}: the export ends inside entry {} (which starts on line {}): the file is cut short",
            file.display(),
            open.number,
            open.line
        ))
        .hint("download the export again: it did not arrive whole"));
    }
    if !path.is_empty() {
        return Err(Failure::new(format!(
            "{}: the export ends before its feed is closed: the file is cut short",
            file.display()
        ))
        .hint("download the export again: it did not arrive whole"));
    }
    if entries == 0 && std::fs::metadata(file).map_or(0, |m| m.len()) == 0 {
        return Err(Failure::new(format!("{} is empty", file.display())));
    }
    Ok(Read {
        entries,
        title: title.trim().to_string(),
    })
}

/// An entity or character reference, as the text it stands for.
fn push_reference(text: &mut String, reference: &quick_xml::events::BytesRef) {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        text.push(c);
        return;
    }
    let known = match &**reference {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    };
    match known {
        Some(c) => text.push(c),
        // An entity the export never declared: kept as written.
        None => {
            text.push('&');
            text.push_str(reference);
            text.push(';');
        }
    }
}

fn not_a_feed(file: &Path, root: &str) -> Failure {
    Failure::new(format!(
        "{} is not a Blogger export: it is XML, but its root is <{root}>, not an Atom <feed>",
        file.display()
    ))
    .hint("use Google Takeout's feed.atom, or the blog-MM-DD-YYYY.xml from Blogger's Settings → Back up")
}

fn local(start: &BytesStart) -> String {
    start.local_name().as_ref().to_string()
}

/// What an element's attributes say about the entry: the old format's kind and
/// labels (`category`), old address (`link rel=alternate`), post (`in-reply-to`)
/// and the comment a reply answers (`link rel=related`).
fn attributes(entry: &mut Entry, path: &[String], start: &BytesStart) {
    let inner: Vec<&str> = path.iter().skip(2).map(String::as_str).collect();
    let attr = |name: &str| {
        start.try_get_attribute(name).ok().flatten().and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
    };
    match inner.as_slice() {
        ["category"] => {
            let (scheme, term) = (attr("scheme").unwrap_or_default(), attr("term"));
            let Some(term) = term else { return };
            if scheme.ends_with("#kind") {
                entry.kind = match term.rsplit('#').next().unwrap_or_default() {
                    "post" => Kind::Post,
                    "page" => Kind::Page,
                    "comment" => Kind::Comment,
                    other => Kind::Other(other.to_string()),
                };
            } else if !term.trim().is_empty() {
                entry.labels.push(term.trim().to_string());
            }
        }
        ["link"] => match attr("rel").as_deref() {
            Some("alternate") if entry.address.is_none() => {
                entry.address = attr("href").map(|href| path_of(&href));
                entry.full_address = attr("href");
            }
            Some("related") => entry.reply_to = attr("href").map(|href| id_digits(&href)),
            _ => {}
        },
        ["in-reply-to"] => entry.post = attr("ref").map(|r| id_digits(&r)),
        _ => {}
    }
}

fn store(entry: &mut Entry, field: Field, text: String) {
    let trimmed = text.trim().to_string();
    match field {
        Field::Id => entry.id = id_digits(&trimmed),
        Field::Type => {
            entry.kind = match trimmed.as_str() {
                "POST" => Kind::Post,
                "PAGE" => Kind::Page,
                "COMMENT" => Kind::Comment,
                other => Kind::Other(other.to_lowercase()),
            }
        }
        Field::Status => entry.status = trimmed,
        Field::Title => entry.title = trimmed,
        Field::Content => entry.content = text,
        Field::Published => entry.published = trimmed,
        Field::Author => entry.author = trimmed,
        Field::Filename if !trimmed.is_empty() => entry.address = Some(path_of(&trimmed)),
        Field::Filename => {}
        Field::Parent => entry.post = Some(id_digits(&trimmed)).filter(|s| !s.is_empty()),
        Field::ReplyTo => entry.reply_to = Some(id_digits(&trimmed)).filter(|s| !s.is_empty()),
        Field::Draft => {
            if trimmed.eq_ignore_ascii_case("yes") {
                entry.status = "DRAFT".to_string();
            }
        }
    }
}

/// The digits that end an id or a feed URL: Blogger names one thing by its number
/// in several ways (`…blog-1.post-42`, `…/comments/default/42`).
fn id_digits(text: &str) -> String {
    let digits: String = text
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect()
}

/// The path of an address: `https://x.blogspot.com/2019/04/a.html?m=1` →
/// `/2019/04/a.html`. A path stays a path.
fn path_of(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, rest)| {
        rest.find('/').map_or("/", |i| &rest[i..])
    });
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

/// Lines are counted only when a message needs one: by reading the file again up to
/// the byte at fault, so that reading a good export costs nothing extra.
struct LineCounter {
    /// The last answer (offset, line), to count on from it: entries come in file
    /// order.
    last: (u64, usize),
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter { last: (0, 1) }
    }
}

impl LineCounter {
    fn line_at(&mut self, file: &Path, offset: u64) -> usize {
        let (from, line) = if offset >= self.last.0 {
            self.last
        } else {
            (0, 1)
        };
        let Ok(opened) = File::open(file) else {
            return line;
        };
        let mut reader = BufReader::new(opened);
        if std::io::Seek::seek(&mut reader, std::io::SeekFrom::Start(from)).is_err() {
            return line;
        }
        let mut counted = line;
        let mut left = offset - from;
        while left > 0 {
            let Ok(chunk) = reader.fill_buf() else { break };
            if chunk.is_empty() {
                break;
            }
            let take = chunk.len().min(left as usize);
            counted += chunk[..take].iter().filter(|&&b| b == b'\n').count();
            reader.consume(take);
            left -= take as u64;
        }
        self.last = (offset, counted);
        counted
    }
}
