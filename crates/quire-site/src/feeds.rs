//! The files crawlers and feed readers look for at the site root: an Atom feed with
//! full content, one per label, `sitemap.xml` and `robots.txt`.

use crate::bundle::OutputFile;
use quire_content::content::{Content, Post};
use quire_markdown::escape;
use quire_schema::Route;

/// Posts in a feed: enough for any reader catching up, small enough to fetch often.
const FEED_ENTRIES: usize = 20;

pub fn files(content: &Content) -> Vec<OutputFile> {
    let posts: Vec<&Post> = content.posts.iter().map(|post| &**post).collect();
    let base = quire_schema::site_url(&content.site.base_url);
    let mut files = vec![OutputFile {
        path: "atom.xml".to_string(),
        contents: atom(content, &base, &posts, None).into(),
    }];
    for label in crate::bundle::labels(&posts) {
        let tagged: Vec<&Post> = posts
            .iter()
            .copied()
            .filter(|p| p.labels.contains(&label))
            .collect();
        files.push(OutputFile {
            path: label_feed_path(&label),
            contents: atom(content, &base, &tagged, Some(&label)).into(),
        });
    }
    files.push(OutputFile {
        path: "sitemap.xml".to_string(),
        contents: sitemap(&base, &posts, content).into(),
    });
    files.push(OutputFile {
        path: "robots.txt".to_string(),
        contents: format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n").into(),
    });
    files
}

pub fn label_feed_path(label: &str) -> String {
    format!("labels/{label}/atom.xml")
}

/// RFC 3339, as Atom and JSON-LD want it.
pub fn timestamp(post: &Post) -> String {
    let t = post.time_of_day;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        post.date.iso(),
        t / 3600,
        t / 60 % 60,
        t % 60
    )
}

fn atom(content: &Content, base: &str, posts: &[&Post], label: Option<&str>) -> String {
    let site = &content.site;
    let (title, self_path) = match label {
        Some(label) => (format!("{} · {label}", site.title), label_feed_path(label)),
        None => (site.title.clone(), "atom.xml".to_string()),
    };
    let updated = posts
        .first()
        .map(|p| timestamp(p))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"{base}\" xml:lang=\"{lang}\">\n\
         <title>{title}</title>\n<subtitle>{subtitle}</subtitle>\n<id>{id}</id>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}{self_path}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}\"/>\n\
         <updated>{updated}</updated>\n<author><name>{author}</name></author>\n\
         <generator>Quire</generator>\n",
        lang = escape(&site.language),
        title = escape(&title),
        subtitle = escape(&site.description),
        id = escape(&format!("{base}{self_path}")),
        author = escape(&site.author),
    );
    for post in posts.iter().take(FEED_ENTRIES) {
        let url = format!("{base}{}", Route::post(&post.slug).path());
        let body = &post.rendered.html;
        let summary = &post.summary;
        xml.push_str(&format!(
            "<entry>\n<title>{title}</title>\n<id>{url}</id>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <published>{time}</published>\n<updated>{time}</updated>\n\
             <author><name>{author}</name></author>\n",
            title = escape(&post.title),
            url = escape(&url),
            time = timestamp(post),
            author = escape(&post.author),
        ));
        for label in &post.labels {
            xml.push_str(&format!("<category term=\"{}\"/>\n", escape(label)));
        }
        xml.push_str(&format!(
            "<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(summary),
            escape(body)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

fn sitemap(base: &str, posts: &[&Post], content: &Content) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let newest = posts.first().map(|p| p.date.iso());
    for route in [Route::Home { page: 1 }, Route::Popular, Route::Archive] {
        xml.push_str(&url_entry(
            &format!("{base}{}", route.path()),
            newest.as_deref(),
        ));
    }
    for label in crate::bundle::labels(posts) {
        let newest = posts
            .iter()
            .find(|p| p.labels.contains(&label))
            .map(|p| p.date.iso());
        xml.push_str(&url_entry(
            &format!("{base}{}", Route::label(&label).path()),
            newest.as_deref(),
        ));
    }
    for post in posts {
        let url = format!("{base}{}", Route::post(&post.slug).path());
        xml.push_str(&url_entry(&url, Some(&post.date.iso())));
    }
    for page in &content.pages {
        let route = Route::Page {
            slug: page.slug.clone(),
        };
        xml.push_str(&url_entry(&format!("{base}{}", route.path()), None));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn url_entry(loc: &str, lastmod: Option<&str>) -> String {
    let lastmod = lastmod
        .map(|d| format!("<lastmod>{d}</lastmod>"))
        .unwrap_or_default();
    format!("<url><loc>{}</loc>{lastmod}</url>\n", escape(loc))
}
