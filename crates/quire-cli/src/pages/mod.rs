//! The prerendered pages: every route that exists at build time written as its own
//! HTML file, from the shell Trunk built, with the route's real content and head.
//! A reader without JavaScript, a crawler and a link preview get the whole page; the
//! app then takes the page over (`src/takeover.rs`).
//!
//! Files are named as static hosts resolve clean URLs: `/posts/x` is `posts/x.html`,
//! `/page/2` is `page/2.html`, `/labels/x` is `labels/x.html`, `/` is `index.html`,
//! and `404.html` answers every other address.

mod boot;
mod head;
mod markup;

use crate::address::{base_path, base_url};
use crate::bundle::{Bundles, OutputFile};
use crate::content::{Content, Post};
use head::{Head, Kind};
use quire_schema::{
    archive_path, feed_page_path, label_page_path, labels_path, popular_path, post_path, site_path,
};

/// Every page of the site, made from `shell` (Trunk's `index.html`).
pub fn pages(content: &Content, bundles: &Bundles, shell: &str) -> Result<Vec<OutputFile>, String> {
    let shell = Shell::parse(shell)?;
    let site = &content.site;
    let base = base_path(&site.base_url);
    let url = base_url(&site.base_url);
    let known = |plain: String| {
        let hashed = bundles.hashed_name(&plain).unwrap_or_default().to_string();
        (plain, hashed)
    };
    let page = |file: String, route: Option<&str>, head: Head, main: String| OutputFile {
        path: file,
        contents: shell.fill(
            &head.document_title(&site.title),
            &head.tags(content, &base, &url),
            &markup::shell(&site.title, &base, route.unwrap_or("-"), &main),
            &base,
            // Without the app these show nothing: the not-found page may stand for
            // a route the build did not know, and search needs the app to search.
            matches!(route, None | Some("search")),
        ),
    };

    let mut files = Vec::new();
    let home = markup::Listing { label: None };
    let lists = std::iter::once((home, &bundles.feed_pages)).chain(
        bundles
            .label_pages
            .iter()
            .map(|(label, pages)| (markup::Listing { label: Some(label) }, pages)),
    );
    for (listing, pages) in lists {
        for feed in pages {
            let route = listing.route(feed.page);
            let title = listing.title(feed.page);
            let plain = match listing.label {
                Some(label) => label_page_path(label, feed.page),
                None => feed_page_path(feed.page),
            };
            let description = match listing.label {
                Some(label) => format!("Posts labelled {label} on {}.", site.title),
                None => site.description.clone(),
            };
            let head = Head {
                kind: if route.is_empty() {
                    Kind::Home
                } else {
                    Kind::Listing
                },
                title: &title,
                description: &description,
                url: Some(format!("{url}{route}")),
                bundles: vec![known(site_path()), known(plain)],
            };
            let file = if route.is_empty() {
                "index.html".to_string()
            } else {
                format!("{route}.html")
            };
            let main = markup::feed(listing, feed, &base);
            files.push(page(file, Some(&route), head, main));
        }
    }
    let archive_description = format!("Every post of {}, newest first.", site.title);
    let head = Head {
        kind: Kind::Listing,
        title: "Archive",
        description: &archive_description,
        url: Some(format!("{url}archive")),
        bundles: vec![
            known(site_path()),
            known(archive_path()),
            known(labels_path()),
        ],
    };
    let main = markup::archive(&bundles.archive, &bundles.labels, &base);
    files.push(page("archive.html".into(), Some("archive"), head, main));
    let search_description = format!("Search the posts of {}.", site.title);
    let head = Head {
        kind: Kind::Listing,
        title: "Search",
        description: &search_description,
        url: Some(format!("{url}search")),
        bundles: vec![known(site_path())],
    };
    files.push(page(
        "search.html".into(),
        Some("search"),
        head,
        markup::search(&base),
    ));
    let popular_description = format!("The most read posts of {}.", site.title);
    let head = Head {
        kind: Kind::Listing,
        title: "Popular posts",
        description: &popular_description,
        url: Some(format!("{url}popular")),
        bundles: vec![known(site_path()), known(popular_path())],
    };
    let main = markup::popular(&bundles.popular, true, &base);
    files.push(page("popular.html".into(), Some("popular"), head, main));
    let context = markup::SiteContext {
        base: &base,
        url: &url,
        comments_endpoint: site.comments_endpoint.as_deref(),
    };
    let published: Vec<&Post> = content.posts.iter().filter(|p| !p.draft).collect();
    files.extend(crate::parallel::map(&published, |post| {
        post_page(post, bundles, &page, &known, &context)
    }));
    let head = Head {
        kind: Kind::NotFound,
        title: "Page not found",
        description: &site.description,
        url: None,
        bundles: vec![known(site_path())],
    };
    files.push(page(
        "404.html".into(),
        None,
        head,
        markup::not_found(&base),
    ));
    Ok(files)
}

fn post_page(
    post: &Post,
    bundles: &Bundles,
    page: &(impl Fn(String, Option<&str>, Head, String) -> OutputFile + Sync),
    known: &(impl Fn(String) -> (String, String) + Sync),
    site: &markup::SiteContext,
) -> OutputFile {
    let url = site.url;
    let rendered = quire_markdown::render_with_code(
        &post.markdown,
        &quire_markdown::Options::ARTICLE,
        &post.code,
    );
    let image = rendered
        .images
        .first()
        .map(|image| head::absolute(&image.src, url));
    let route = format!("posts/{}", post.slug);
    let head = Head {
        kind: Kind::Article(post, image),
        title: &post.title,
        description: &post.summary,
        url: Some(format!("{url}{route}")),
        bundles: vec![
            known(site_path()),
            known(post_path(&post.slug)),
            known(popular_path()),
        ],
    };
    let main = match bundles.posts.get(&post.slug) {
        Some(bundle) => markup::article(bundle, &rendered, &bundles.popular, site),
        None => markup::not_found(site.base),
    };
    page(format!("{route}.html"), Some(&route), head, main)
}

/// Trunk's `index.html`, cut where each page puts its own parts.
struct Shell<'a> {
    /// Up to `<title>`.
    before_title: &'a str,
    /// From `</title>` up to `</head>`, the app deferred to the first interaction.
    head_rest: String,
    /// The same, starting the app at once.
    head_app_at_once: String,
    /// From `</head>` up to and including `<body>`.
    body_open: &'a str,
    /// From `</body>` on.
    end: &'a str,
}

impl<'a> Shell<'a> {
    fn parse(html: &'a str) -> Result<Shell<'a>, String> {
        let find = |needle: &str, from: usize| {
            html[from..]
                .find(needle)
                .map(|i| from + i)
                .ok_or_else(|| format!("the page shell (Trunk's index.html) has no {needle}"))
        };
        let title = find("<title>", 0)?;
        let title_end = find("</title>", title)?;
        let head_end = find("</head>", title_end)?;
        let body = find("<body>", head_end)? + "<body>".len();
        let body_end = find("</body>", body)?;
        Ok(Shell {
            before_title: &html[..title],
            head_rest: boot::defer_app(&html[title_end..head_end], false)?,
            head_app_at_once: boot::defer_app(&html[title_end..head_end], true)?,
            body_open: &html[head_end..body],
            end: &html[body_end..],
        })
    }

    /// The page: the shell's scripts and styles, this page's title, head tags and
    /// body. The feed link the shell names at `/atom.xml` moves under `base`.
    /// `app_at_once` starts the app with the page rather than on the reader's first
    /// interaction (see `boot`).
    fn fill(
        &self,
        title: &str,
        head_tags: &str,
        body: &str,
        base: &str,
        app_at_once: bool,
    ) -> String {
        let head_rest = if app_at_once {
            &self.head_app_at_once
        } else {
            &self.head_rest
        };
        let head_rest = head_rest
            .replace("href=/atom.xml", &format!("href={base}atom.xml"))
            .replace("href=\"/atom.xml\"", &format!("href=\"{base}atom.xml\""));
        format!(
            "{}<title>{}{head_rest}{head_tags}{}<div id=\"prerendered\" class=\"page-root\">{body}</div>{}",
            self.before_title,
            crate::address::escape(title),
            self.body_open,
            self.end
        )
    }
}

#[cfg(test)]
mod tests;
