//! What goes in each page's `<head>` besides the shell's own tags: description,
//! canonical link, OpenGraph and Twitter tags for link previews, JSON-LD for search
//! engines, and the hashed names of the bundles the page's view needs.

use crate::feeds::timestamp;
use quire_content::content::{Content, Post};
use quire_markdown::escape;

/// Who a page is for, beyond its title and description.
pub enum Kind<'a> {
    /// The home page.
    Home,
    /// Any other listing, such as /popular.
    Listing,
    /// A post, and its first image (an absolute URL) for link previews.
    Article(&'a Post, Option<String>),
    /// `404.html`: served for every unknown address, so it must not be indexed.
    NotFound,
}

pub struct Head<'a> {
    pub kind: Kind<'a>,
    /// The page's title without the blog's name ("" for the home page).
    pub title: String,
    pub description: String,
    /// The absolute URL of the page; none for `404.html`.
    pub url: Option<String>,
    /// Pairs of a bundle's plain name and its hashed name.
    pub bundles: Vec<(String, String)>,
}

impl Head<'_> {
    /// "Post · Blog", or the blog's name alone.
    pub fn document_title(&self, blog: &str) -> String {
        if self.title.is_empty() {
            blog.to_string()
        } else {
            format!("{} · {blog}", self.title)
        }
    }

    /// The tags, in the order a person reading the source expects them.
    pub fn tags(&self, content: &Content, base_path: &str, base_url: &str) -> String {
        let site = &content.site;
        let description = &quire_schema::description(&self.description);
        let title = if self.title.is_empty() {
            site.title.as_str()
        } else {
            self.title.as_str()
        };
        let mut tags = format!(
            "<meta name=\"quire-base\" content=\"{}\">\
             <meta name=\"description\" content=\"{}\">",
            escape(base_path),
            escape(description)
        );
        for (plain, hashed) in &self.bundles {
            tags.push_str(&format!(
                "<meta name=\"quire-bundle\" content=\"{} {}\">",
                escape(plain),
                escape(hashed)
            ));
        }
        if matches!(self.kind, Kind::NotFound) {
            tags.push_str("<meta name=\"robots\" content=\"noindex\">");
            return tags;
        }
        let url = escape(self.url.as_deref().unwrap_or(base_url));
        let og_type = match self.kind {
            Kind::Article(..) => "article",
            _ => "website",
        };
        tags.push_str(&format!(
            "<link rel=\"canonical\" href=\"{url}\">\
             <meta property=\"og:site_name\" content=\"{site_name}\">\
             <meta property=\"og:type\" content=\"{og_type}\">\
             <meta property=\"og:title\" content=\"{title}\">\
             <meta property=\"og:description\" content=\"{description}\">\
             <meta property=\"og:url\" content=\"{url}\">",
            site_name = escape(&site.title),
            title = escape(title),
            description = escape(description),
        ));
        let image = match &self.kind {
            Kind::Article(_, image) => image.clone(),
            _ => None,
        };
        if let Some(image) = &image {
            tags.push_str(&format!(
                "<meta property=\"og:image\" content=\"{0}\">\
                 <meta name=\"twitter:image\" content=\"{0}\">",
                escape(image)
            ));
        }
        tags.push_str(&format!(
            "<meta name=\"twitter:card\" content=\"{}\">",
            if image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            }
        ));
        if let Kind::Article(post, _) = self.kind {
            tags.push_str(&format!(
                "<meta property=\"article:published_time\" content=\"{}\">",
                timestamp(post)
            ));
            for label in &post.labels {
                tags.push_str(&format!(
                    "<meta property=\"article:tag\" content=\"{}\">",
                    escape(label)
                ));
            }
        }
        let data = match self.kind {
            Kind::Article(post, _) => Some(blog_posting(content, post, &url, image.as_deref())),
            Kind::Home => Some(serde_json::json!({
                "@context": "https://schema.org",
                "@type": "Blog",
                "name": site.title,
                "description": site.description,
                "url": base_url,
                "inLanguage": site.language,
            })),
            _ => None,
        };
        if let Some(data) = data {
            tags.push_str(&format!(
                "<script type=\"application/ld+json\">{}</script>",
                script_safe(&data.to_string())
            ));
        }
        tags
    }
}

/// Schema.org's description of a post, for search engines' rich results.
fn blog_posting(
    content: &Content,
    post: &Post,
    url: &str,
    image: Option<&str>,
) -> serde_json::Value {
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.summary,
        "datePublished": timestamp(post),
        "author": { "@type": "Person", "name": post.author },
        "publisher": { "@type": "Organization", "name": content.site.title },
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": content.site.language,
        "keywords": post.labels.join(", "),
    });
    if let (Some(image), Some(object)) = (image, data.as_object_mut()) {
        object.insert("image".to_string(), image.into());
    }
    data
}

/// JSON inside `<script>` must never contain `</script>`; `<` as `\u003c` is still
/// the same JSON.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// An image's address as an absolute URL: link previews fetch it from elsewhere.
pub fn absolute(src: &str, base_url: &str) -> String {
    if src.starts_with("https://") || src.starts_with("http://") {
        src.to_string()
    } else {
        format!("{base_url}{}", src.trim_start_matches('/'))
    }
}
