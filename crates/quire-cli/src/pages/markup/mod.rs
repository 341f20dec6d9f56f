//! The markup of each view, element for element as the app's components render it
//! (`src/pages`, `src/components`), so that the app takes over a prerendered page
//! without anything moving. The browser tests compare the two.
//!
//! Controls that only work with JavaScript (the theme toggle, "Copy link") are
//! written `hidden`: the app shows them when it takes over.

mod article;

pub use article::{article, SiteContext};

use crate::address::escape;
use quire_schema::{by_month, Archive, Date, FeedPage, LabelList, PopularList, PostSummary};

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
         <nav aria-label=\"Main\">{home}{archive}{popular}{search}\
         <button type=\"button\" class=\"theme-toggle\" aria-pressed=\"false\" hidden>Dark theme</button>\
         </nav></div></header>\
         <p id=\"route-announcer\" class=\"visually-hidden\" aria-live=\"polite\" aria-atomic=\"true\"></p>\
         <main id=\"main\" tabindex=\"-1\">{main}</main>\
         <footer class=\"site-footer\"><div class=\"wrap\">\
         <p>{title} · Written in Markdown, read in your browser.</p></div></footer>",
        home = nav_link("", "Home"),
        archive = nav_link("archive", "Archive"),
        popular = nav_link("popular", "Popular"),
        search = nav_link("search", "Search"),
    )
}

/// Byline, date and labels, each label a link to its posts (`PostMeta`).
pub(super) fn post_meta(author: &str, date: Date, labels: &[String], base: &str) -> String {
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
    /// Where page `page` lives (`quire_schema::listing_route`).
    pub fn route(&self, page: u32) -> String {
        quire_schema::listing_route(self.label, page)
    }

    /// The page's title ("" for the home page).
    pub fn title(&self, page: u32) -> String {
        quire_schema::listing_title(self.label, page)
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
    let comments = match post.comments {
        0 => String::new(),
        n => format!(
            "<p class=\"comment-count\">{}</p>",
            quire_schema::comment_count(n as usize)
        ),
    };
    format!(
        "<li class=\"feed-entry\"><article><h2><a href=\"{href}\">{title}</a></h2>{meta}\
         <p class=\"excerpt\">{excerpt}</p>{comments}\
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
                let thumbnail = p.thumbnail.as_ref().map_or(String::new(), |image| {
                    let src = match image.src.strip_prefix('/') {
                        Some(path) => format!("{base}{path}"),
                        None => image.src.clone(),
                    };
                    format!(
                        "<img class=\"thumbnail\" src=\"{}\" alt=\"\" loading=\"lazy\" width=\"64\" height=\"64\">",
                        escape(&src)
                    )
                });
                let level = if standalone { 2 } else { 3 };
                format!(
                    "<li>{thumbnail}<h{level} class=\"popular-title\"><a href=\"{base}posts/{}\">{}</a></h{level}>\
                     <p class=\"excerpt\">{}</p></li>",
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

/// Every label with its count, and every post by year and month (`Archive`).
pub fn archive(archive: &Archive, labels: &LabelList, base: &str) -> String {
    let mut html = String::from("<section class=\"archive page-column\"><h1>Archive</h1>");
    if !labels.labels.is_empty() {
        html.push_str(
            "<section class=\"label-cloud\" aria-labelledby=\"labels-heading\">\
             <h2 id=\"labels-heading\">Labels</h2><ul class=\"labels\">",
        );
        for label in &labels.labels {
            html.push_str(&format!(
                "<li><a href=\"{base}labels/{name}\">{name}<span class=\"count\"> ({count})</span></a></li>",
                name = escape(&label.name),
                count = label.count
            ));
        }
        html.push_str("</ul></section>");
    }
    if archive.posts.is_empty() {
        html.push_str("<p class=\"empty\">Nothing has been published yet.</p>");
    }
    for (year, posts) in archive.by_year() {
        html.push_str(&format!("<h2>{year}</h2>"));
        for (month, posts) in by_month(posts) {
            html.push_str(&format!("<h3>{month}</h3><ol class=\"archive-list\">"));
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
    }
    html.push_str("</section>");
    html
}

/// The search page before any search (`Search`): the form, which works without
/// JavaScript only as far as reaching this page again.
pub fn search(base: &str) -> String {
    format!(
        "<section class=\"search page-column\"><h1>Search</h1>\
         <form role=\"search\" action=\"{base}search\" method=\"get\">\
         <label for=\"search-input\">Search the posts</label>\
         <input id=\"search-input\" type=\"search\" name=\"q\" autocomplete=\"off\"></form>\
         <p class=\"search-status\" role=\"status\"></p></section>"
    )
}

/// The not-found view (`NotFound`).
pub fn not_found(base: &str) -> String {
    format!(
        "<section class=\"not-found page-column\"><h1>Page not found</h1>\
         <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>\
         <p><a href=\"{base}\">Go to the home page</a></p></section>"
    )
}
