//! The document head as the route changes: the prerendered page wrote the first
//! route's title, description, canonical link and preview tags; [`PageTitle`] keeps
//! them true for every route the reader moves to, changing the tags in place.

use crate::focus;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use quire_schema::SiteBundle;

/// The site's settings, once loaded (the app shows no route before that).
#[derive(Clone)]
pub struct SiteInfo(pub SiteBundle);

/// Sets the document title to "`page` · blog title" (just the blog title for ""),
/// and the head's description and canonical link; after a route change, announces
/// the title.
#[component]
pub fn PageTitle(
    #[prop(into)] page: Signal<String>,
    /// The page's summary for search engines and link previews; the blog's when empty.
    #[prop(into, optional)]
    description: Signal<String>,
) -> impl IntoView {
    let SiteInfo(site) = expect_context::<SiteInfo>();
    let blog = site.title.clone();
    let text = Memo::new(move |_| {
        let page = page.get();
        match (page.is_empty(), blog.is_empty()) {
            (true, _) => blog.clone(),
            (false, true) => page,
            (false, false) => format!("{page} · {blog}"),
        }
    });
    let location = use_location();
    Effect::new(move |_| {
        let path = location.pathname.get();
        let description = description.get();
        let description = if description.is_empty() {
            site.description.clone()
        } else {
            description
        };
        let url = (!site.base_url.is_empty()).then(|| canonical(&site.base_url, &path));
        describe(&text.get(), &description, url.as_deref());
    });
    Effect::new(move |first: Option<()>| {
        let title = text.get();
        // Set directly: a head manager (leptos_meta) would cost the app more than
        // one title is worth.
        document().set_title(&title);
        if first.is_some() && !title.is_empty() {
            focus::announce(&title);
        }
    });
}

/// The absolute URL of `path` (as the router shows it, under the base path) on the
/// site whose address is `base_url`.
fn canonical(base_url: &str, path: &str) -> String {
    format!(
        "{}{}",
        quire_schema::site_url(base_url),
        crate::base::site_path(path)
    )
}

/// Sets the page's description, canonical URL (once the site's address is known)
/// and link-preview tags.
fn describe(title: &str, description: &str, url: Option<&str>) {
    let description = quire_schema::description(description);
    set("meta[name=description]", "content", &description);
    set("meta[property='og:title']", "content", title);
    set("meta[property='og:description']", "content", &description);
    if let Some(url) = url {
        set("link[rel=canonical]", "href", url);
        set("meta[property='og:url']", "content", url);
    }
}

/// Sets `attribute` on the head element matching `selector`, if the page has one.
fn set(selector: &str, attribute: &str, value: &str) {
    if let Ok(Some(element)) = document().query_selector(selector) {
        let _ = element.set_attribute(attribute, value);
    }
}
