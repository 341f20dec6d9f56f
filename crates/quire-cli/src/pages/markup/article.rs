//! An article with everything around it (`Post` and the components it uses:
//! `Share`, `PostNav`, `Related`, `Comments`, `BackToTop`, `PopularPosts`).

use super::{popular, post_meta};
use crate::address::escape;
use quire_markdown::Rendered;
use quire_schema::{Comment, PopularList, PostBundle, PostLink};

/// What an article needs to know about its site.
pub struct SiteContext<'a> {
    /// The path the site lives under (`/`, `/blog/`).
    pub base: &'a str,
    /// The site's address, with a trailing slash.
    pub url: &'a str,
    pub comments_endpoint: Option<&'a str>,
}

/// An article with the popular posts beside it.
pub fn article(
    post: &PostBundle,
    rendered: &Rendered,
    popular_list: &PopularList,
    site: &SiteContext,
) -> String {
    let base = site.base;
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
         <footer class=\"post-footer\">{share}{nav}{related}</footer>{comments}\
         <p class=\"back-to-top\"><a href=\"#main\">Back to top</a></p></article>\
         <aside class=\"sidebar\" aria-label=\"More from this blog\">{popular}</aside></div>",
        title = escape(&post.title),
        meta = post_meta(&post.author, post.date, &post.labels, base),
        minutes = rendered.reading_minutes(),
        body = rendered.html,
        share = share(post, site),
        nav = post_nav(post, base),
        related = related(&post.related, base),
        comments = comments(post, site),
        popular = popular(popular_list, false, base),
    )
}

fn share(post: &PostBundle, site: &SiteContext) -> String {
    let url = format!("{}posts/{}", site.url, post.slug);
    let links: String = quire_schema::share_links(&url, &post.title)
        .into_iter()
        .map(|(network, link)| {
            format!(
                "<li><a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{network}</a></li>",
                escape(&link)
            )
        })
        .collect();
    format!(
        "<section class=\"share\" aria-labelledby=\"share-heading\">\
         <h2 id=\"share-heading\">Share this post</h2><ul class=\"share-links\">\
         <li><button type=\"button\" class=\"copy-link\" hidden>Copy link</button></li>{links}</ul>\
         <p class=\"copy-status\" role=\"status\"></p></section>"
    )
}

fn post_nav(post: &PostBundle, base: &str) -> String {
    if post.newer.is_none() && post.older.is_none() {
        return String::new();
    }
    let side = |link: &Option<PostLink>, rel: &str, label: &str| {
        link.as_ref().map_or(String::new(), |link| {
            format!(
                "<a href=\"{base}posts/{}\" rel=\"{rel}\" class=\"{rel}\">\
                 <span class=\"post-nav-label\">{label}</span>\
                 <span class=\"post-nav-title\">{}</span></a>",
                link.slug,
                escape(&link.title)
            )
        })
    };
    format!(
        "<nav class=\"post-nav\" aria-label=\"Newer and older posts\">{}{}</nav>",
        side(&post.older, "prev", "Older post"),
        side(&post.newer, "next", "Newer post")
    )
}

fn related(related: &[PostLink], base: &str) -> String {
    if related.is_empty() {
        return String::new();
    }
    let items: String = related
        .iter()
        .map(|post| {
            format!(
                "<li><a href=\"{base}posts/{}\">{}</a></li>",
                post.slug,
                escape(&post.title)
            )
        })
        .collect();
    format!(
        "<section class=\"related\" aria-labelledby=\"related-heading\">\
         <h2 id=\"related-heading\">Related posts</h2><ul>{items}</ul></section>"
    )
}

fn comments(post: &PostBundle, site: &SiteContext) -> String {
    let heading = match quire_schema::comment_total(&post.comments) {
        0 => "Comments".to_string(),
        n => quire_schema::comment_count(n),
    };
    let list = if post.comments.is_empty() {
        "<p>No comments yet.</p>".to_string()
    } else {
        let items: String = post.comments.iter().map(comment).collect();
        format!("<ol class=\"comment-list\">{items}</ol>")
    };
    let form = match site.comments_endpoint {
        // Without JavaScript the form posts to the endpoint itself.
        Some(endpoint) => format!(
            "<form class=\"comment-form\" novalidate action=\"{endpoint}\" method=\"post\">\
             <h3>Leave a comment</h3><label for=\"comment-name\">Name</label>\
             <input id=\"comment-name\" name=\"author\" autocomplete=\"name\" maxlength=\"80\" required>\
             <label for=\"comment-text\">Comment</label>\
             <textarea id=\"comment-text\" name=\"text\" rows=\"5\" maxlength=\"10000\" required></textarea>\
             <p class=\"form-hint\">Markdown works. Comments appear once the author publishes them.</p>\
             <button type=\"submit\">Post comment</button>\
             <p class=\"form-status\" role=\"status\"></p></form>",
            endpoint = escape(endpoint)
        ),
        None => "<p class=\"comments-closed\">Comments are closed.</p>".to_string(),
    };
    format!(
        "<section class=\"comments\" aria-labelledby=\"comments-heading\">\
         <h2 id=\"comments-heading\">{heading}</h2>{list}{form}</section>"
    )
}

fn comment(comment: &Comment) -> String {
    let html = quire_markdown::render(&comment.markdown, &quire_markdown::Options::COMMENT).html;
    let replies = if comment.replies.is_empty() {
        String::new()
    } else {
        let items: String = comment.replies.iter().map(self::comment).collect();
        format!("<ol class=\"replies\">{items}</ol>")
    };
    format!(
        "<li class=\"comment\" id=\"{id}\"><article><header>\
         <span class=\"comment-author\">{author}</span>\
         <time datetime=\"{iso}\">{date}</time></header>\
         <div class=\"comment-body\">{html}</div></article>{replies}</li>",
        id = escape(&comment.id),
        author = escape(&comment.author),
        iso = comment.date.iso(),
        date = comment.date.long(),
    )
}
