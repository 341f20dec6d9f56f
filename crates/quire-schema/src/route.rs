//! Every route of a Quire site, defined once: its address, the file a static host
//! serves for it, its title, and the bundles its view needs. The app's router, the
//! builder's page list, the feeds, the sitemap and the prefetcher all go through
//! [`Route`], so an address cannot mean one thing to the app and another to a page.
//!
//! Addresses here are site paths: relative to the site's base path (`/` or
//! `/blog/`), without a leading slash (`posts/x`, `page/2`, `""` for the home page).

use crate::paths::{
    archive_path, feed_page_path, label_page_path, labels_path, page_path, popular_path, post_path,
    site_path,
};

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// The home feed; `page` is 1-based.
    Home {
        page: u32,
    },
    /// The posts with one label, a page at a time.
    Label {
        label: String,
        page: u32,
    },
    Archive,
    Post {
        slug: String,
    },
    Popular,
    Search,
    /// A page of the site (About, Contact …), at the top level: `/about`.
    Page {
        slug: String,
    },
    /// Any address the site has no page for.
    NotFound,
}

impl Route {
    /// The route at `path`, a site path with or without its leading and trailing
    /// slashes (`/posts/x/` and `posts/x` are the same post). A query or fragment is
    /// ignored. Anything that is not one of the site's addresses is [`Route::NotFound`]:
    /// a slug or label that breaks the [slug rule](is_slug), page 0, `page/x`.
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_matches('/');
        let path = path.strip_suffix(".html").unwrap_or(path);
        let parts: Vec<&str> = if path.is_empty() || path == "index" {
            Vec::new()
        } else {
            path.split('/').collect()
        };
        let page = |n: &str| n.parse::<u32>().ok().filter(|&n| n > 0);
        let slug = |s: &str| is_slug(s).then(|| s.to_string());
        let route = match parts.as_slice() {
            [] => Some(Route::Home { page: 1 }),
            ["page", n] => page(n).map(|page| Route::Home { page }),
            ["labels", label] => slug(label).map(|label| Route::Label { label, page: 1 }),
            ["labels", label, "page", n] => {
                slug(label).and_then(|label| page(n).map(|page| Route::Label { label, page }))
            }
            ["archive"] => Some(Route::Archive),
            ["posts", s] => slug(s).map(|slug| Route::Post { slug }),
            ["popular"] => Some(Route::Popular),
            ["search"] => Some(Route::Search),
            [s] => is_page_slug(s).then(|| Route::Page {
                slug: s.to_string(),
            }),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// A page of the home feed (`label` none) or of a label's posts.
    pub fn listing(label: Option<&str>, page: u32) -> Route {
        match label {
            None => Route::Home { page },
            Some(label) => Route::Label {
                label: label.to_string(),
                page,
            },
        }
    }

    pub fn post(slug: &str) -> Route {
        Route::Post {
            slug: slug.to_string(),
        }
    }

    pub fn label(label: &str) -> Route {
        Route::listing(Some(label), 1)
    }

    /// The site path (`""`, `page/2`, `labels/x`, `posts/x`, …). The not-found
    /// route has none of its own: it is `404`, the name of its page.
    pub fn path(&self) -> String {
        match self {
            Route::Home { page: 1 } => String::new(),
            Route::Home { page } => format!("page/{page}"),
            Route::Label { label, page: 1 } => format!("labels/{label}"),
            Route::Label { label, page } => format!("labels/{label}/page/{page}"),
            Route::Archive => "archive".into(),
            Route::Post { slug } => format!("posts/{slug}"),
            Route::Popular => "popular".into(),
            Route::Search => "search".into(),
            Route::Page { slug } => slug.clone(),
            Route::NotFound => "404".into(),
        }
    }

    /// The file a static host serves for the route, as hosts resolve clean URLs:
    /// `posts/x` is `posts/x.html`, the home page `index.html`.
    pub fn file(&self) -> String {
        match self {
            Route::Home { page: 1 } => "index.html".into(),
            other => format!("{}.html", other.path()),
        }
    }

    /// The page's own title, without the blog's ("" for the first page of the home
    /// feed, which is the blog's own). A post's title is in its bundle, so a post
    /// route has none here.
    pub fn title(&self) -> String {
        match self {
            Route::Home { page: 1 } => String::new(),
            Route::Home { page } => format!("Page {page}"),
            Route::Label { label, page: 1 } => format!("Posts labelled {label}"),
            Route::Label { label, page } => format!("Posts labelled {label}, page {page}"),
            Route::Archive => "Archive".into(),
            Route::Post { .. } | Route::Page { .. } => String::new(),
            Route::Popular => "Popular posts".into(),
            Route::Search => "Search".into(),
            Route::NotFound => "Page not found".into(),
        }
    }

    /// The bundles (plain paths under the site root) the route's view shows, the
    /// site's settings first. Search's index is left out: its parts load as a
    /// query needs them, not with the page.
    pub fn bundles(&self) -> Vec<String> {
        let own = match self {
            Route::Home { page } => vec![feed_page_path(*page)],
            Route::Label { label, page } => vec![label_page_path(label, *page)],
            Route::Archive => vec![archive_path(), labels_path()],
            Route::Post { slug } => vec![post_path(slug), popular_path()],
            Route::Popular => vec![popular_path()],
            Route::Page { slug } => vec![page_path(slug)],
            // The labels are offered to a reader without JavaScript.
            Route::Search => vec![labels_path()],
            Route::NotFound => Vec::new(),
        };
        std::iter::once(site_path()).chain(own).collect()
    }

    /// The section of the main navigation this route is (so its link is marked as
    /// the current page), if any.
    pub fn nav_section(&self) -> Option<Route> {
        match self {
            Route::Home { page: 1 }
            | Route::Archive
            | Route::Popular
            | Route::Search
            | Route::Page { .. } => Some(self.clone()),
            _ => None,
        }
    }
}

/// The one rule for slugs and labels, which become addresses: lowercase ASCII
/// letters and digits in words joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A slug made from any text (an old address's file name, a label from another
/// blog): ASCII letters and digits lowercased, accented Latin letters without
/// their accents, everything else a single hyphen. `None` when nothing is left.
/// What it returns always passes [`is_slug`].
pub fn to_slug(text: &str) -> Option<String> {
    let mut slug = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let plain = match c {
            'à'..='å' | 'À'..='Å' => 'a',
            'ç' | 'Ç' => 'c',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'ß' => 's',
            other => other,
        };
        if plain.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(plain.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            gap = true;
        }
    }
    (!slug.is_empty()).then_some(slug)
}

/// The first segments of the site's own addresses and files: a page cannot take
/// one of these as its slug.
pub const RESERVED: [&str; 12] = [
    "page", "labels", "archive", "posts", "popular", "search", "index", "404", "data", "static",
    "api", "feeds",
];

/// A slug a page may have: the [slug rule](is_slug), and none of the [`RESERVED`]
/// names.
pub fn is_page_slug(s: &str) -> bool {
    is_slug(s) && !RESERVED.contains(&s)
}

/// Percent-encoding for a URL component (a query value, a share link's
/// parameters): everything but the unreserved characters.
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}

/// The reverse of [`percent_encode`] for a path, as a host decodes one before it
/// looks for the file: `None` when a `%` is not two hex digits or the bytes are not
/// UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A site's address with exactly one trailing slash, so that a site path can be
/// appended to it: `https://example.org/blog` → `https://example.org/blog/`.
pub fn site_url(base_url: &str) -> String {
    format!("{}/", base_url.trim_end_matches('/'))
}

/// The path a site lives under, from its address or a path: starting and ending
/// with `/`. `https://example.org/blog` → `/blog/`; `https://example.org`, `""` →
/// `/`. A path with anything but plain segments (unreserved characters) is refused
/// as `/`, since it is written into every page's links.
pub fn base_path(url_or_path: &str) -> String {
    let after_scheme = url_or_path
        .split_once("://")
        .map_or(url_or_path, |(_, rest)| match rest.find('/') {
            Some(i) => &rest[i..],
            None => "",
        });
    let path = after_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim()
        .trim_matches('/');
    let plain = path.split('/').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
    });
    if path.is_empty() || !plain {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_reads_back_from_its_own_path() {
        let routes = [
            Route::Home { page: 1 },
            Route::Home { page: 3 },
            Route::label("europe"),
            Route::listing(Some("europe"), 2),
            Route::Archive,
            Route::post("a-post-2"),
            Route::Popular,
            Route::Search,
        ];
        for route in routes {
            assert_eq!(Route::parse(&route.path()), route, "{}", route.path());
            assert_eq!(Route::parse(&format!("/{}/", route.path())), route);
            assert_eq!(Route::parse(&route.file()), route, "{}", route.file());
        }
    }

    #[test]
    fn files_are_named_as_static_hosts_resolve_clean_urls() {
        assert_eq!(Route::Home { page: 1 }.file(), "index.html");
        assert_eq!(Route::Home { page: 2 }.file(), "page/2.html");
        assert_eq!(Route::listing(Some("x"), 2).file(), "labels/x/page/2.html");
        assert_eq!(Route::post("x").file(), "posts/x.html");
        assert_eq!(Route::NotFound.file(), "404.html");
    }

    #[test]
    fn what_is_not_an_address_of_the_site_is_not_found() {
        for path in [
            "page/0",
            "page/x",
            "posts/Upper",
            "posts/a--b",
            "posts/../x",
            "labels/a b",
            "posts",
            "posts/a/b",
            "nope/deeper",
            "Nope",
            // One word is a page's address, unless the site keeps it for itself.
            "data",
            "feeds",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
        assert_eq!(
            Route::parse("/about/"),
            Route::Page {
                slug: "about".into()
            }
        );
        assert_eq!(Route::parse("about").file(), "about.html");
    }

    #[test]
    fn any_text_becomes_a_slug_or_nothing() {
        for (text, slug) in [
            ("World News", Some("world-news")),
            ("Café  Société!", Some("cafe-societe")),
            ("blog-post_12", Some("blog-post-12")),
            ("Trump's plan", Some("trumps-plan")),
            ("../../etc/passwd", Some("etc-passwd")),
            ("日本", None),
            ("", None),
        ] {
            let made = super::to_slug(text);
            assert_eq!(made.as_deref(), slug, "{text}");
            assert!(made.is_none_or(|s| is_slug(&s)));
        }
    }

    #[test]
    fn percent_decoding_undoes_encoding_and_refuses_broken_escapes() {
        let text = "World News/café";
        assert_eq!(
            super::percent_decode(&super::percent_encode(text)).as_deref(),
            Some(text)
        );
        assert_eq!(super::percent_decode("a%2"), None);
        assert_eq!(super::percent_decode("%zz"), None);
        assert_eq!(super::percent_decode("%ff"), None);
        assert_eq!(Route::parse("/posts/x?utm=1#top"), Route::post("x"));
    }

    #[test]
    fn titles_and_bundles() {
        assert_eq!(Route::Home { page: 1 }.title(), "");
        assert_eq!(Route::Home { page: 2 }.title(), "Page 2");
        assert_eq!(
            Route::listing(Some("x"), 2).title(),
            "Posts labelled x, page 2"
        );
        assert_eq!(
            Route::post("a").bundles(),
            ["data/site.json", "data/posts/a.json", "data/popular.json"]
        );
        assert_eq!(
            Route::Search.bundles(),
            ["data/site.json", "data/labels.json"]
        );
    }

    #[test]
    fn one_slug_rule() {
        assert!(is_slug("a-b-2"));
        for bad in ["", "A", "a--b", "-a", "a-", "a_b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn percent_encoding_leaves_only_unreserved_characters() {
        assert_eq!(percent_encode("a b&é~"), "a%20b%26%C3%A9~");
    }

    #[test]
    fn the_base_path_is_the_path_of_the_base_url() {
        assert_eq!(base_path("https://example.org/blog/"), "/blog/");
        assert_eq!(base_path("https://example.org/blog"), "/blog/");
        assert_eq!(base_path("https://example.org/a/b/?x#y"), "/a/b/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("http://127.0.0.1:8080/"), "/");
        assert_eq!(base_path("blog"), "/blog/");
        assert_eq!(base_path("/blog/"), "/blog/");
        assert_eq!(base_path(""), "/");
        assert_eq!(base_path("/a\"b/"), "/");
        assert_eq!(
            site_url("https://example.org/blog"),
            "https://example.org/blog/"
        );
        assert_eq!(site_url("https://example.org//"), "https://example.org/");
    }
}
