//! The prerendered pages: every route that exists at build time written as its own
//! HTML file, from the shell Trunk built, with the route's real content and head.
//! A reader without JavaScript, a crawler and a link preview get the whole page; the
//! app then takes the page over (`src/takeover.rs`).
//!
//! The content of each page is the app's own views (`quire-views`) rendered to HTML
//! here, natively: there is no second copy of any markup. Files are named by
//! [`Route::file`], as static hosts resolve clean URLs, and `404.html` answers every
//! other address.

mod boot;
mod head;
mod made;
mod render;

use crate::bundle::{Bundles, OutputFile};
use head::{Head, Kind};
use leptos::prelude::*;
pub use made::Made;
use quire_content::content::{Content, Post};
use quire_schema::{FeedPage, Route};
use quire_views::{
    ArchivePage, ArchiveYears, Article, FeedEntries, LabelCloud, Listing, NotFound, PageArticle,
    Popular, PopularEntries, PostPage, SearchPage, SearchResults, Site,
};
use render::render;

/// Every page of the site, made from `shell` (Trunk's `index.html`).
pub fn pages<'c>(
    content: &'c Content,
    bundles: &Bundles,
    shell_html: &str,
    made: &mut Made,
) -> Result<Vec<OutputFile>, String> {
    let shell = Shell::parse(shell_html)?;
    let settings = &content.site;
    let made_from = made::Inputs::new(shell_html, settings);
    let before = &*made;
    let site = Site {
        title: settings.title.clone(),
        base: quire_schema::base_path(&settings.base_url),
        url: quire_schema::site_url(&settings.base_url),
        comments_endpoint: settings.comments_endpoint.clone(),
        pages: bundles.site_pages.clone(),
    };
    let known = |route: &Route| {
        route
            .bundles()
            .into_iter()
            .map(|plain| {
                let hashed = bundles.hashed_name(&plain).unwrap_or_default().to_string();
                (plain, hashed)
            })
            .collect::<Vec<_>>()
    };
    // A page is made again only when what it is made from changed (see `made`).
    let page = |route: &Route, extra: &str, make: &dyn Fn() -> (Head<'c>, String)| {
        let known = known(route);
        let key = made_from.key(route, &known, extra);
        let contents = before.page(route, key).unwrap_or_else(|| {
            let (head, main) = make();
            shell
                .fill(
                    &head.document_title(&site.title),
                    &head.tags(content, &site.base, &site.url),
                    &main,
                    &site.base,
                    // Without the app these show nothing: the not-found page may stand
                    // for a route the build did not know, and search needs the app to
                    // search.
                    matches!(route, Route::NotFound | Route::Search),
                )
                .into()
        });
        (
            OutputFile {
                path: route.file(),
                contents,
            },
            key,
        )
    };
    let listing_head = |route: &Route, description: String| Head {
        kind: Kind::Listing,
        title: route.title(),
        description,
        url: Some(site.absolute(route)),
        bundles: known(route),
    };

    // Every page of the feed and of each label: thousands in a big blog, so shared
    // between threads like the posts' pages.
    let lists: Vec<(Option<&str>, &FeedPage)> =
        bundles
            .feed_pages
            .iter()
            .map(|feed| (None, feed))
            .chain(bundles.label_pages.iter().flat_map(|(label, pages)| {
                pages.iter().map(move |feed| (Some(label.as_str()), feed))
            }))
            .collect();
    let mut files = quire_content::parallel::map(&lists, |&(label, feed)| {
        let route = Route::listing(label, feed.page);
        page(&route, "", &|| {
            let description = match label {
                Some(label) => format!("Posts labelled {label} on {}.", site.title),
                None => settings.description.clone(),
            };
            let mut head = listing_head(&route, description);
            if route == (Route::Home { page: 1 }) {
                head.kind = Kind::Home;
            }
            let (label, page_number, feed) = (label.map(String::from), feed.page, feed.clone());
            let main = render(&site, &route, move || {
                view! {
                    <Listing label=label.clone() page=page_number>
                        <FeedEntries label page=feed />
                    </Listing>
                }
                .into_any()
            });
            (head, main)
        })
    });

    let route = Route::Archive;
    files.push(page(&route, "", &|| {
        let head = listing_head(
            &route,
            format!("Every post of {}, newest first.", site.title),
        );
        let (archive, labels) = (bundles.archive.clone(), bundles.labels.clone());
        let main = render(&site, &route, move || {
            view! {
                <ArchivePage
                    labels=move || view! { <LabelCloud list=labels.clone() /> }
                    years=move || view! { <ArchiveYears archive=archive.clone() /> }
                />
            }
            .into_any()
        });
        (head, main)
    }));

    let route = Route::Search;
    files.push(page(&route, "", &|| {
        let head = listing_head(&route, format!("Search the posts of {}.", site.title));
        let labels = bundles.labels.clone();
        let main = render(&site, &route, move || {
            let labels = labels.clone();
            view! {
                <SearchPage query="" labels=move || view! { <LabelCloud list=labels.clone() /> }>
                    <SearchResults answer=None />
                </SearchPage>
            }
            .into_any()
        });
        (head, main)
    }));

    let route = Route::Popular;
    files.push(page(&route, "", &|| {
        let head = listing_head(&route, format!("The most read posts of {}.", site.title));
        let popular = bundles.popular.clone();
        let main = render(&site, &route, move || {
            view! {
                <Popular standalone=true>
                    <PopularEntries list=popular standalone=true />
                </Popular>
            }
            .into_any()
        });
        (head, main)
    }));

    let published: Vec<&Post> = content.posts.iter().collect();
    files.extend(quire_content::parallel::map(&published, |post| {
        let route = Route::post(&post.slug);
        // The first image's preview crop when the build made one, else the image.
        let image = match &post.share_image {
            Some(share) => Some(head::absolute(share, &site.url)),
            None => post.rendered.images.first().map(|image| {
                let base = quire_schema::post_files_base(&post.slug, post.folder.is_some());
                head::absolute(&quire_markdown::resolve_url(&image.src, &base), &site.url)
            }),
        };
        // The head shows these, which the post's bundle does not hold.
        let extra = format!("{} {image:?}", crate::feeds::timestamp(post));
        page(&route, &extra, &|| {
            let head = Head {
                kind: Kind::Article(post, image.clone()),
                title: post.title.clone(),
                description: post.summary.clone(),
                url: Some(site.absolute(&route)),
                bundles: known(&route),
            };
            let (bundle, popular, rendered) = (
                bundles
                    .posts
                    .get(&post.slug)
                    .map(|bundle| (**bundle).clone()),
                bundles.popular.clone(),
                (*post.rendered).clone(),
            );
            let main = render(&site, &route, move || match bundle {
                Some(post) => view! {
                    <PostPage popular=move || view! { <PopularEntries list=popular.clone() /> }>
                        <Article post rendered />
                    </PostPage>
                }
                .into_any(),
                None => view! { <NotFound /> }.into_any(),
            });
            (head, main)
        })
    }));

    let published_pages = content.pages.iter();
    for (bundle, source) in bundles.pages.iter().zip(published_pages) {
        let route = Route::Page {
            slug: bundle.slug.clone(),
        };
        files.push(page(&route, "", &|| {
            let head = Head {
                kind: Kind::Listing,
                title: bundle.title.clone(),
                description: bundle.summary.clone(),
                url: Some(site.absolute(&route)),
                bundles: known(&route),
            };
            let (page_bundle, rendered) = (bundle.clone(), source.rendered.clone());
            let main = render(&site, &route, move || {
                view! { <PageArticle page=page_bundle rendered /> }.into_any()
            });
            (head, main)
        }));
    }

    let route = Route::NotFound;
    files.push(page(&route, "", &|| {
        let head = Head {
            kind: Kind::NotFound,
            title: route.title(),
            description: settings.description.clone(),
            url: None,
            bundles: known(&route),
        };
        let main = render(&site, &route, || view! { <NotFound /> }.into_any());
        (head, main)
    }));
    *made = Made::of(&files);
    Ok(files.into_iter().map(|(file, _)| file).collect())
}

/// Trunk's `index.html`, cut where each page puts its own parts.
struct Shell<'a> {
    /// Up to `<title>`.
    before_title: &'a str,
    /// From `</title>` up to `</head>`, the app deferred until a reader is there.
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
    /// `app_at_once` starts the app with the page rather than when a reader shows
    /// up (see `boot`).
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
            quire_markdown::escape(title),
            self.body_open,
            self.end
        )
    }
}

#[cfg(test)]
mod tests;
