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
use quire_schema::{FeedPage, PostBundle, Route};
use quire_views::{
    ArchivePage, ArchiveYears, Article, FeedEntries, LabelCloud, Listing, NotFound, PageArticle,
    Popular, PopularEntries, PostPage, SearchPage, SearchResults, Site,
};
use render::render;
use std::sync::Arc;

/// Every page of the site, made from `shell` (Trunk's `index.html`), with the
/// posts' bundles in `bundles` (as [`crate::bundle::bundles`] makes them).
pub fn pages(
    content: &Content,
    bundles: &Bundles,
    shell_html: &str,
    made: &mut Made,
) -> Result<Vec<OutputFile>, String> {
    let mut pages = Pages::new(content, bundles, shell_html, made, true)?;
    let posts: Vec<&Post> = content.posts.iter().map(|post| &**post).collect();
    let made_bundles: Vec<_> = posts
        .iter()
        .map(|post| bundles.posts.get(&post.slug).cloned())
        .collect();
    let mut files = pages.posts(bundles, &posts, &made_bundles);
    files.extend(pages.lists(bundles, &lists(bundles)));
    files.extend(pages.rest(bundles));
    *made = pages.finish();
    Ok(files)
}

/// Every page of the feed and of each label, each with its label: thousands in a
/// big blog, made a few hundred at a time like the posts' pages.
pub fn lists(bundles: &Bundles) -> Vec<(Option<&str>, &FeedPage)> {
    bundles
        .feed_pages
        .iter()
        .map(|feed| (None, feed))
        .chain(
            bundles.label_pages.iter().flat_map(|(label, pages)| {
                pages.iter().map(move |feed| (Some(label.as_str()), feed))
            }),
        )
        .collect()
}

/// A site's pages, made a run of posts at a time (see `site::make`), from the
/// shell Trunk built: a page is made again only when what it is made from changed
/// since `before` (see `made`).
pub struct Pages<'c, 's> {
    content: &'c Content,
    shell: Shell<'s>,
    site: Site,
    made_from: made::Inputs,
    before: Made,
    /// The pages made, with their keys, when they are kept for the next build.
    now: Option<Vec<(OutputFile, u64)>>,
}

impl<'c, 's> Pages<'c, 's> {
    /// Pages of `content` around `shell_html`, reusing those in `before` (taken);
    /// with `keep`, [`Pages::finish`] gives what the next build may reuse.
    pub fn new(
        content: &'c Content,
        bundles: &Bundles,
        shell_html: &'s str,
        before: &mut Made,
        keep: bool,
    ) -> Result<Pages<'c, 's>, String> {
        let settings = &content.site;
        Ok(Pages {
            content,
            shell: Shell::parse(shell_html)?,
            site: Site {
                title: settings.title.clone(),
                base: quire_schema::base_path(&settings.base_url),
                url: quire_schema::site_url(&settings.base_url),
                comments_endpoint: settings.comments_endpoint.clone(),
                pages: bundles.site_pages.clone(),
            },
            made_from: made::Inputs::new(shell_html, settings),
            before: std::mem::take(before),
            now: keep.then(Vec::new),
        })
    }

    /// What the next build may reuse: the pages of this one when they were kept,
    /// else those kept before, as they were.
    pub fn finish(self) -> Made {
        match self.now {
            Some(now) => Made::of(&now),
            None => self.before,
        }
    }

    /// What the next build may reuse when this one stops midway (a newer save, in
    /// the preview): the pages kept before, and those made so far over them. Each
    /// is still right for its key, so the next build makes again only what it must,
    /// not every page.
    pub fn abandon(self) -> Made {
        match self.now {
            Some(now) => self.before.with(now),
            None => self.before,
        }
    }

    /// The bundles `route`'s page names: plain and hashed names.
    fn known(bundles: &Bundles, route: &Route) -> Vec<(String, String)> {
        route
            .bundles()
            .into_iter()
            .map(|plain| {
                let hashed = bundles.hashed_name(&plain).unwrap_or_default().to_string();
                (plain, hashed)
            })
            .collect()
    }

    /// `route`'s page, made by `make` unless the one made before is as it would be.
    fn page(
        &self,
        bundles: &Bundles,
        route: &Route,
        extra: &str,
        make: &dyn Fn() -> (Head<'c>, String),
    ) -> (OutputFile, u64) {
        let known = Self::known(bundles, route);
        let key = self.made_from.key(route, &known, extra);
        let site = &self.site;
        let contents = self.before.page(route, key).unwrap_or_else(|| {
            let (head, main) = make();
            self.shell
                .fill(
                    &head.document_title(&site.title),
                    &head.tags(self.content, &site.base, &site.url),
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
    }

    /// Keeps the pages made, when they are kept, and hands them on.
    fn made(&mut self, files: Vec<(OutputFile, u64)>) -> Vec<OutputFile> {
        match &mut self.now {
            Some(now) => {
                now.extend(files.iter().cloned());
                files.into_iter().map(|(file, _)| file).collect()
            }
            None => files.into_iter().map(|(file, _)| file).collect(),
        }
    }

    fn listing_head(&self, bundles: &Bundles, route: &Route, description: String) -> Head<'c> {
        Head {
            kind: Kind::Listing,
            title: route.title(),
            description,
            url: Some(self.site.absolute(route)),
            bundles: Self::known(bundles, route),
        }
    }

    /// The pages of `posts`, whose bundles are `made` (in order; `None` for a post
    /// without one, which shows as not found).
    pub fn posts(
        &mut self,
        bundles: &Bundles,
        posts: &[&'c Post],
        made: &[Option<Arc<PostBundle>>],
    ) -> Vec<OutputFile> {
        let site = &self.site;
        let with_bundles: Vec<(&Post, &Option<Arc<PostBundle>>)> =
            posts.iter().copied().zip(made).collect();
        let files = quire_content::parallel::map(&with_bundles, |&(post, bundle)| {
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
            self.page(bundles, &route, &extra, &|| {
                let head = Head {
                    kind: Kind::Article(post, image.clone()),
                    title: post.title.clone(),
                    description: post.summary.clone(),
                    url: Some(site.absolute(&route)),
                    bundles: Self::known(bundles, &route),
                };
                let (bundle, popular, rendered) = (
                    bundle.as_ref().map(|bundle| (**bundle).clone()),
                    bundles.popular.clone(),
                    (*post.rendered).clone(),
                );
                let main = render(site, &route, move || match bundle {
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
        });
        self.made(files)
    }

    /// The pages of `lists` (see [`lists`]).
    pub fn lists(
        &mut self,
        bundles: &Bundles,
        lists: &[(Option<&str>, &FeedPage)],
    ) -> Vec<OutputFile> {
        let (site, settings) = (&self.site, &self.content.site);
        let files = quire_content::parallel::map(lists, |&(label, feed)| {
            let route = Route::listing(label, feed.page);
            self.page(bundles, &route, "", &|| {
                let description = match label {
                    Some(label) => format!("Posts labelled {label} on {}.", site.title),
                    None => settings.description.clone(),
                };
                let mut head = self.listing_head(bundles, &route, description);
                if route == (Route::Home { page: 1 }) {
                    head.kind = Kind::Home;
                }
                let (label, page_number, feed) = (label.map(String::from), feed.page, feed.clone());
                let main = render(site, &route, move || {
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
        self.made(files)
    }

    /// Every page but the posts' and the lists': the archive, search, the popular
    /// posts, the site's pages and the not-found page.
    pub fn rest(&mut self, bundles: &Bundles) -> Vec<OutputFile> {
        let (site, settings) = (&self.site, &self.content.site);
        let mut files = Vec::new();

        let route = Route::Archive;
        files.push(self.page(bundles, &route, "", &|| {
            let head = self.listing_head(
                bundles,
                &route,
                format!("Every post of {}, newest first.", site.title),
            );
            let (archive, labels) = (bundles.archive.clone(), bundles.labels.clone());
            let main = render(site, &route, move || {
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
        files.push(self.page(bundles, &route, "", &|| {
            let head = self.listing_head(
                bundles,
                &route,
                format!("Search the posts of {}.", site.title),
            );
            let labels = bundles.labels.clone();
            let main = render(site, &route, move || {
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
        files.push(self.page(bundles, &route, "", &|| {
            let head = self.listing_head(
                bundles,
                &route,
                format!("The most read posts of {}.", site.title),
            );
            let popular = bundles.popular.clone();
            let main = render(site, &route, move || {
                view! {
                    <Popular standalone=true>
                        <PopularEntries list=popular standalone=true />
                    </Popular>
                }
                .into_any()
            });
            (head, main)
        }));

        let published_pages = self.content.pages.iter();
        for (bundle, source) in bundles.pages.iter().zip(published_pages) {
            let route = Route::Page {
                slug: bundle.slug.clone(),
            };
            files.push(self.page(bundles, &route, "", &|| {
                let head = Head {
                    kind: Kind::Listing,
                    title: bundle.title.clone(),
                    description: bundle.summary.clone(),
                    url: Some(site.absolute(&route)),
                    bundles: Self::known(bundles, &route),
                };
                let (page_bundle, rendered) = (bundle.clone(), source.rendered.clone());
                let main = render(site, &route, move || {
                    view! { <PageArticle page=page_bundle rendered /> }.into_any()
                });
                (head, main)
            }));
        }

        let route = Route::NotFound;
        files.push(self.page(bundles, &route, "", &|| {
            let head = Head {
                kind: Kind::NotFound,
                title: route.title(),
                description: settings.description.clone(),
                url: None,
                bundles: Self::known(bundles, &route),
            };
            let main = render(site, &route, || view! { <NotFound /> }.into_any());
            (head, main)
        }));
        self.made(files)
    }
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
