//! `quire import blogger FILE`: both of Blogger's export formats (Takeout's
//! `feed.atom`, the older `blog-MM-DD-YYYY.xml`) into posts, pages, comments and
//! redirects from every old address.

use crate::atom::{self, Entry, Kind};
use crate::links::OldHosts;
use crate::output::{NewPost, Output};
use crate::{dates, html, images, Failure, Options, Report};
use quire_content::comments::{Entry as CommentEntry, Reply};
use quire_content::content::FrontMatter;
use quire_content::pages::FrontMatter as PageFrontMatter;
use quire_schema::{to_slug, COMMENT_AUTHOR_MAX_CHARS, COMMENT_TEXT_MAX_CHARS};
use std::collections::HashMap;
use std::path::Path;

/// A comment as read, before threads are known.
struct RawComment {
    id: String,
    post: Option<String>,
    reply_to: Option<String>,
    author: String,
    date: toml::value::Datetime,
    text: String,
    origin: String,
}

#[derive(Default)]
struct State {
    /// Post id → slug, for comments.
    posts: HashMap<String, String>,
    comments: Vec<RawComment>,
    /// Labels of published posts (by Quire slug): only those get a redirect.
    published_labels: HashMap<String, String>,
    author: String,
}

pub fn import(file: &Path, content_dir: &Path, options: Options) -> Result<Report, Failure> {
    let mut out = Output::new(content_dir)?;
    out.old_hosts = OldHosts::blogger();
    let mut state = State::default();
    let read = atom::read(file, |entry| take(entry, &mut state, &mut out, options))?;
    if read.entries == 0 {
        return Err(Failure::new(format!(
            "{} has no entries: there is nothing to import",
            file.display()
        ))
        .hint("export the blog again with its posts (Blogger: Settings → Back up content)"));
    }
    thread_comments(&mut state, &mut out);
    for (old, label) in &state.published_labels {
        let from = format!("/search/label/{}", quire_schema::percent_encode(old));
        out.redirect(&from, &format!("/labels/{label}"));
    }
    // Blogger's feeds, read by feed readers that knew the old blog.
    out.redirect("/feeds/posts/default", "/atom.xml");
    out.redirect("/feeds/posts/summary", "/atom.xml");
    let title = [read.title, state.author]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| "My blog".to_string());
    out.finish(&title, options.force)
}

fn take(
    entry: Entry,
    state: &mut State,
    out: &mut Output,
    options: Options,
) -> Result<(), Failure> {
    let origin = format!("entry {} (line {})", entry.number, entry.line);
    if let Some(address) = &entry.full_address {
        out.old_hosts.add(address);
    }
    match &entry.kind {
        Kind::Other(kind) => {
            // Settings and the template are Blogger's own; they say so in bulk.
            if !matches!(kind.as_str(), "settings" | "template" | "") {
                out.report
                    .skip(origin, format!("a Blogger `{kind}` entry, not content"));
            }
            return Ok(());
        }
        _ if !matches!(entry.status.as_str(), "LIVE" | "DRAFT") => {
            out.report.skip(
                named(&origin, &entry.title),
                format!("its status is {} (deleted or in the trash)", entry.status),
            );
            return Ok(());
        }
        _ => {}
    }
    let Some(date) = dates::parse(&entry.published) else {
        out.report.skip(
            named(&origin, &entry.title),
            format!("its date `{}` cannot be read", entry.published),
        );
        return Ok(());
    };
    let draft = entry.status == "DRAFT";
    match entry.kind {
        Kind::Post => post(entry, date, draft, state, out, options, &origin),
        Kind::Page => page(entry, date, draft, out, &origin),
        Kind::Comment => {
            if draft {
                out.report.skip(origin, "a comment never published");
                return Ok(());
            }
            let converted = html::to_markdown(&entry.content);
            out.report
                .dropped(&format!("comment, {origin}"), &converted.dropped);
            state.comments.push(RawComment {
                id: entry.id,
                post: entry.post,
                reply_to: entry.reply_to,
                author: entry.author,
                date,
                text: converted.markdown,
                origin,
            });
            Ok(())
        }
        Kind::Other(_) => Ok(()),
    }
}

fn named(origin: &str, title: &str) -> String {
    if title.is_empty() {
        origin.to_string()
    } else {
        format!("{origin} “{title}”")
    }
}

/// The slug an old address gives (`/2019/04/my-post.html` → `my-post`): Blogger
/// shortens titles into addresses, so the address, not the title, is the name.
fn slug_of_address(address: Option<&str>) -> Option<String> {
    let last = address?.rsplit('/').next()?;
    to_slug(last.strip_suffix(".html").unwrap_or(last))
}

fn post(
    entry: Entry,
    date: toml::value::Datetime,
    draft: bool,
    state: &mut State,
    out: &mut Output,
    options: Options,
    origin: &str,
) -> Result<(), Failure> {
    let slug = slug_of_address(entry.address.as_deref())
        .or_else(|| to_slug(&entry.title))
        .unwrap_or_else(|| format!("post-{}", entry.id));
    let title = if entry.title.is_empty() {
        out.report
            .note(origin, "it had no title: it is now “Untitled”");
        "Untitled".to_string()
    } else {
        entry.title.clone()
    };
    let mut labels = Vec::new();
    for label in &entry.labels {
        match to_slug(label) {
            Some(slug) => {
                out.report.labels.insert(label.clone(), slug.clone());
                if !draft {
                    state.published_labels.insert(label.clone(), slug.clone());
                }
                if !labels.contains(&slug) {
                    labels.push(slug);
                }
            }
            None => out.report.note(
                origin,
                format!(
                    "its label “{label}” has no letters or digits to make an address of: left out"
                ),
            ),
        }
    }
    let converted = html::to_markdown(&entry.content);
    let mut markdown = converted.markdown;
    let files = if options.download_images {
        images::download(&converted.images, &mut markdown, origin, &mut out.report)
    } else {
        out.report.images_remote += converted.images.len();
        out.report.images_on_google += converted
            .images
            .iter()
            .filter(|src| images::is_google_hosted(src))
            .count();
        Vec::new()
    };
    if state.author.is_empty() && !entry.author.is_empty() {
        state.author = entry.author.clone();
    }
    let front = FrontMatter {
        title,
        slug: None,
        date,
        author: (!entry.author.is_empty()).then(|| entry.author.clone()),
        labels,
        draft,
        summary: None,
        excerpt_only: false,
    };
    let slug = out.post(
        NewPost {
            slug,
            front,
            markdown,
            files,
        },
        origin,
    )?;
    out.report
        .dropped(&format!("post {slug}"), &converted.dropped);
    if let (Some(address), false) = (&entry.address, draft) {
        out.redirect(&address.replace(' ', "%20"), &format!("/posts/{slug}"));
    }
    state.posts.insert(entry.id, slug);
    Ok(())
}

fn page(
    entry: Entry,
    date: toml::value::Datetime,
    draft: bool,
    out: &mut Output,
    origin: &str,
) -> Result<(), Failure> {
    let wanted = slug_of_address(entry.address.as_deref())
        .or_else(|| to_slug(&entry.title))
        .unwrap_or_else(|| format!("page-{}", entry.id));
    let converted = html::to_markdown(&entry.content);
    let front = PageFrontMatter {
        title: if entry.title.is_empty() {
            "Untitled".into()
        } else {
            entry.title.clone()
        },
        slug: None,
        order: None,
        nav: true,
        draft,
        summary: None,
        date: Some(date),
    };
    out.report.images_remote += converted.images.len();
    let slug = out.page(&wanted, front, &converted.markdown, origin)?;
    out.report
        .dropped(&format!("page {slug}"), &converted.dropped);
    if let (Some(address), false) = (&entry.address, draft) {
        out.redirect(address, &format!("/{slug}"));
    }
    Ok(())
}

/// Comments under their posts, one level deep: a reply to a reply becomes a reply
/// to the thread's first comment, and says whom it answered.
fn thread_comments(state: &mut State, out: &mut Output) {
    let comments = std::mem::take(&mut state.comments);
    let by_id: HashMap<&str, &RawComment> = comments.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut threads: HashMap<String, Vec<(CommentEntry, String)>> = HashMap::new();
    let mut replies: Vec<(&RawComment, &RawComment)> = Vec::new();
    for comment in &comments {
        let Some(slug) = comment.post.as_ref().and_then(|p| state.posts.get(p)) else {
            out.report
                .skip(&comment.origin, "a comment whose post is not in the import");
            continue;
        };
        let Some(text) = comment_text(comment, out) else {
            continue;
        };
        // The first comment of its thread: follow what it answers to the top.
        let mut root = comment;
        for _ in 0..64 {
            match root.reply_to.as_deref().and_then(|id| by_id.get(id)) {
                Some(parent) if parent.id != root.id => root = parent,
                _ => break,
            }
        }
        if std::ptr::eq(root, comment) {
            threads.entry(slug.clone()).or_default().push((
                CommentEntry {
                    id: None,
                    author: author(comment),
                    date: comment.date,
                    text,
                    reply: Vec::new(),
                },
                comment.id.clone(),
            ));
        } else {
            replies.push((comment, root));
        }
    }
    for (reply, root) in replies {
        let Some(slug) = reply.post.as_ref().and_then(|p| state.posts.get(p)) else {
            continue;
        };
        let Some(mut text) = comment_text(reply, out) else {
            continue;
        };
        let answered = reply.reply_to.as_deref().and_then(|id| by_id.get(id));
        if let Some(parent) = answered.filter(|p| p.id != root.id) {
            text = format!("*In reply to {}:*\n\n{text}", author(parent));
        }
        let thread = threads.entry(slug.clone()).or_default();
        if let Some((entry, _)) = thread.iter_mut().find(|(_, id)| id == &root.id) {
            entry.reply.push(Reply {
                id: None,
                author: author(reply),
                date: reply.date,
                text,
            });
        }
    }
    let mut slugs: Vec<String> = threads.keys().cloned().collect();
    slugs.sort();
    for slug in slugs {
        let mut thread: Vec<CommentEntry> = threads
            .remove(&slug)
            .unwrap_or_default()
            .into_iter()
            .map(|(e, _)| e)
            .collect();
        thread.sort_by_key(|c| c.date.to_string());
        for entry in &mut thread {
            entry.reply.sort_by_key(|r| r.date.to_string());
        }
        out.comments(&slug, thread);
    }
}

fn author(comment: &RawComment) -> String {
    let name = comment.author.trim();
    let name = if name.is_empty() { "Anonymous" } else { name };
    name.chars().take(COMMENT_AUTHOR_MAX_CHARS).collect()
}

/// The comment's text within Quire's limit; `None` (and a line in the report) for
/// an empty one.
fn comment_text(comment: &RawComment, out: &mut Output) -> Option<String> {
    let text = comment.text.trim();
    if text.is_empty() {
        out.report.skip(&comment.origin, "an empty comment");
        return None;
    }
    if text.chars().count() > COMMENT_TEXT_MAX_CHARS {
        out.report.note(
            &comment.origin,
            format!("a comment longer than {COMMENT_TEXT_MAX_CHARS} characters: shortened"),
        );
        let cut: String = text.chars().take(COMMENT_TEXT_MAX_CHARS - 1).collect();
        return Some(format!("{cut}…"));
    }
    Some(text.to_string())
}
