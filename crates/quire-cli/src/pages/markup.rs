//! The markup of each view, element for element as the app's components render it
//! (`src/pages`, `src/components`), so that the app takes over a prerendered page
//! without anything moving. The browser tests compare the two.

use crate::address::escape;
use crate::content::Post;
use quire_markdown::Rendered;
use quire_schema::{Archive, Date, FeedPage, PopularList, PostSummary};

/// The parts every route shares around its `<main>`: skip link, header, footer.
pub fn shell(blog_title: &str, base: &str, route: &str, main: &str) -> String {
    let title = escape(blog_title);
    let nav_link = |path: &str, text: &str| {
        let current = if path == route {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{base}{path}\"{current}>{text}</a>")
    };
    format!(
        "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\
         <header class=\"site-header\"><div class=\"wrap\">\
         <a href=\"{base}\" class=\"site-title\">{title}</a>\
         <nav aria-label=\"Main\">{home}{archive}{popular}</nav></div></header>\
         <main id=\"main\" tabindex=\"-1\">{main}</main>\
         <footer class=\"site-footer\"><div class=\"wrap\">\
         <p>{title} · Written in Markdown, read in your browser.</p></div></footer>",
        home = nav_link("", "Home"),
        archive = nav_link("archive", "Archive"),
        popular = nav_link("popular", "Popular"),
    )
}

/// Byline, date and labels, each label a link to its posts (`PostMeta`).
fn post_meta(author: &str, date: Date, labels: &[String], base: &str) -> String {
    let labels = if labels.is_empty() {
        String::new()
    } else {
        let items: String = labels
            .iter()
            .map(|l| format!("<li><a href=\"{base}labels/{l}\">{}</a></li>", escape(l)))
            .collect();
        format!("<ul class=\"labels\" aria-label=\"Labels\">{items}</ul>")
    };
    format!(
        "<div class=\"post-meta\"><span class=\"byline\">By {}</span>\
         <time datetime=\"{}\">{}</time>{labels}</div>",
        escape(author),
        date.iso(),
        date.long()
    )
}

/// Which list of posts a page shows: the home feed, or the posts with a label.
#[derive(Clone, Copy)]
pub struct Listing<'a> {
    pub label: Option<&'a str>,
}

impl Listing<'_> {
    /// Where page `page` lives: `/` or `/labels/x` for the first, then `…/page/n`.
    pub fn route(&self, page: u32) -> String {
        let first = match self.label {
            Some(label) => format!("labels/{label}"),
            None => String::new(),
        };
        match (page, first.is_empty()) {
            (1, _) => first,
            (n, true) => format!("page/{n}"),
            (n, false) => format!("{first}/page/{n}"),
        }
    }

    /// The page's title ("" for the home page).
    pub fn title(&self, page: u32) -> String {
        match (self.label, page) {
            (None, 1) => String::new(),
            (None, n) => format!("Page {n}"),
            (Some(label), 1) => format!("Posts labelled {label}"),
            (Some(label), n) => format!("Posts labelled {label}, page {n}"),
        }
    }

    /// The heading: hidden on the home feed, whose header says what it is.
    fn heading(&self, page: u32) -> String {
        match (self.label, page) {
            (None, 1) => "<h1 class=\"visually-hidden\">Latest posts</h1>".to_string(),
            (None, n) => format!("<h1 class=\"visually-hidden\">Older posts, page {n}</h1>"),
            _ => format!(
                "<h1 class=\"listing-title\">{}</h1>",
                escape(&self.title(page))
            ),
        }
    }
}

/// A page of the home feed or of a label's posts (`Home`, `Label`).
pub fn feed(listing: Listing, page: &FeedPage, base: &str) -> String {
    let entries = if page.posts.is_empty() {
        "<p class=\"empty\">Nothing has been published yet.</p>".to_string()
    } else {
        let items: String = page.posts.iter().map(|p| feed_entry(p, base)).collect();
        format!(
            "<ol class=\"feed\">{items}</ol>{}",
            pager(listing, page, base)
        )
    };
    format!(
        "<div class=\"page-column\">{}{entries}</div>",
        listing.heading(page.page)
    )
}

fn pager(listing: Listing, page: &FeedPage, base: &str) -> String {
    let (n, total) = (page.page, page.total_pages);
    if total <= 1 {
        return String::new();
    }
    let newer = if n > 1 {
        format!(
            "<a href=\"{base}{}\" rel=\"prev\">Newer posts</a>",
            listing.route(n - 1)
        )
    } else {
        String::new()
    };
    let older = if n < total {
        format!(
            "<a href=\"{base}{}\" rel=\"next\">Older posts</a>",
            listing.route(n + 1)
        )
    } else {
        String::new()
    };
    format!(
        "<nav class=\"pager\" aria-label=\"More posts\">{newer}<span>Page {n} of {total}</span>{older}</nav>"
    )
}

fn feed_entry(post: &PostSummary, base: &str) -> String {
    let href = format!("{base}posts/{}", post.slug);
    format!(
        "<li class=\"feed-entry\"><article><h2><a href=\"{href}\">{title}</a></h2>{meta}\
         <p class=\"excerpt\">{excerpt}</p>\
         <a href=\"{href}\" class=\"read-more\">Read the post</a></article></li>",
        title = escape(&post.title),
        meta = post_meta(&post.author, post.date, &post.labels, base),
        excerpt = escape(&post.excerpt),
    )
}

/// The popular posts (`PopularPosts`): the page's heading on /popular, a sidebar
/// section beside an article.
pub fn popular(list: &PopularList, standalone: bool, base: &str) -> String {
    let heading = "Popular posts from this blog";
    let (class, heading) = if standalone {
        (
            "popular page-column",
            format!("<h1 id=\"popular-heading\">{heading}</h1>"),
        )
    } else {
        (
            "popular",
            format!("<h2 id=\"popular-heading\">{heading}</h2>"),
        )
    };
    let list = if list.posts.is_empty() {
        "<p>No popular posts yet.</p>".to_string()
    } else {
        let items: String = list
            .posts
            .iter()
            .map(|p| {
                format!(
                    "<li><h3><a href=\"{base}posts/{}\">{}</a></h3><p class=\"excerpt\">{}</p></li>",
                    p.slug,
                    escape(&p.title),
                    escape(&p.excerpt)
                )
            })
            .collect();
        format!("<ol class=\"popular-list\">{items}</ol>")
    };
    format!(
        "<section class=\"{class}\" aria-labelledby=\"popular-heading\">{heading}{list}</section>"
    )
}

/// An article with the popular posts beside it (`Post`).
pub fn article(post: &Post, rendered: &Rendered, popular_list: &PopularList, base: &str) -> String {
    let sections = rendered.contents();
    let toc = if sections.is_empty() {
        String::new()
    } else {
        let items: String = sections
            .iter()
            .map(|h| {
                format!(
                    "<li class=\"toc-level-{}\"><a href=\"#{}\">{}</a></li>",
                    h.level,
                    escape(&h.id),
                    escape(&h.text)
                )
            })
            .collect();
        format!(
            "<nav class=\"toc\" aria-labelledby=\"toc-heading\">\
             <h2 id=\"toc-heading\">Contents</h2><ol>{items}</ol></nav>"
        )
    };
    let excerpt_note = if post.excerpt_only {
        "<p class=\"excerpt-note\">This is an excerpt: the rest of the article is not part of this blog.</p>"
    } else {
        ""
    };
    format!(
        "<div class=\"article-layout\"><article class=\"post\"><header><h1>{title}</h1>{meta}\
         <p class=\"reading-time\">{minutes} min read</p></header>{toc}\
         <div class=\"prose\">{body}</div>{excerpt_note}\
         <section class=\"comments\" aria-labelledby=\"comments-heading\">\
         <h2 id=\"comments-heading\">Comments</h2><p>No comments yet.</p></section></article>\
         <aside class=\"sidebar\" aria-label=\"More from this blog\">{popular}</aside></div>",
        title = escape(&post.title),
        meta = post_meta(&post.author, post.date, &post.labels, base),
        minutes = rendered.reading_minutes(),
        body = rendered.html,
        popular = popular(popular_list, false, base),
    )
}

/// Every post by year, newest first (`Archive`).
pub fn archive(archive: &Archive, base: &str) -> String {
    let mut html = String::from("<section class=\"archive page-column\"><h1>Archive</h1>");
    if archive.posts.is_empty() {
        html.push_str("<p class=\"empty\">Nothing has been published yet.</p>");
    }
    for (year, posts) in archive.by_year() {
        html.push_str(&format!("<h2>{year}</h2><ol class=\"archive-list\">"));
        for post in posts {
            html.push_str(&format!(
                "<li><time datetime=\"{}\">{}</time><a href=\"{base}posts/{}\">{}</a></li>",
                post.date.iso(),
                post.date.long(),
                post.slug,
                escape(&post.title)
            ));
        }
        html.push_str("</ol>");
    }
    html.push_str("</section>");
    html
}

/// The not-found view (`NotFound`).
pub fn not_found(base: &str) -> String {
    format!(
        "<section class=\"not-found page-column\"><h1>Page not found</h1>\
         <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>\
         <p><a href=\"{base}\">Go to the home page</a></p></section>"
    )
}
