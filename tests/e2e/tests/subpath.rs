//! The site built with `cargo xtask build --base-url http://127.0.0.1:8080/blog/` and
//! served under `/blog/`, as on a host that gives it a sub-path (a GitHub project
//! page, say): links, bundles, reloads, the feed and the sitemap all stay under it.

use quire_e2e::{json, Reader};

const ARTICLE: &str = "Europe Pushes for Ukraine Security Guarantees and Defense Boost: A Pivotal Moment in European Security";

#[test]
fn the_blog_works_under_a_sub_path() {
    let reader = Reader::under_blog_path();
    reader.open("/blog/");
    reader.wait_for_feed();
    let links = reader.browser.eval(
        "return [...document.querySelectorAll('.feed-entry h2 a, .labels a, nav a, .site-title')]
             .map(a => a.getAttribute('href'))",
        json!([]),
    );
    for href in links.as_array().cloned().unwrap_or_default() {
        let href = href.as_str().unwrap_or_default().to_string();
        assert!(
            href.starts_with("/blog/") || href == "/blog",
            "{href} leaves /blog/ in {links}"
        );
    }
    reader.mark_page();
    reader.browser.click(".feed-entry h2 a");
    assert_eq!(reader.article_title(), ARTICLE);
    assert!(reader.page_was_kept());
    assert!(reader
        .browser
        .url()
        .ends_with("/blog/posts/europe-ukraine-security-guarantees-defense-boost"));
    reader.browser.refresh();
    assert_eq!(reader.article_title(), ARTICLE);

    let resources = reader.browser.eval(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
             .filter(p => !p.startsWith('/blog/'))",
        json!([]),
    );
    assert_eq!(
        resources,
        json!([]),
        "everything is fetched from under /blog/"
    );

    reader.open("/blog/no/such/page");
    reader.browser.wait_for(
        "the not-found view",
        "const h = document.querySelector('main h1'); return h && h.innerText === 'Page not found'",
    );
    reader.browser.click(".not-found a");
    reader.wait_for_feed();
    assert!(reader.browser.url().ends_with("/blog/"));
    reader.assert_no_panic();
}

#[test]
fn the_feed_and_sitemap_give_addresses_under_the_sub_path() {
    let reader = Reader::under_blog_path();
    reader.open("/blog/");
    reader.wait_for_feed();
    let found = reader.browser.eval(
        "const feed = document.querySelector('link[type=\"application/atom+xml\"]').getAttribute('href');
         const get = p => { const r = new XMLHttpRequest(); r.open('GET', p, false); r.send(); return r.responseText; };
         return [feed, get('/blog/atom.xml').includes('<id>http://127.0.0.1:8080/blog/posts/'),
                 get('/blog/sitemap.xml').includes('<loc>http://127.0.0.1:8080/blog/posts/'),
                 get('/blog/robots.txt').includes('Sitemap: http://127.0.0.1:8080/blog/sitemap.xml'),
                 get('/blog/posts/trump-greenland-gambit').includes('<link rel=\"canonical\" href=\"http://127.0.0.1:8080/blog/posts/trump-greenland-gambit\">')]",
        json!([]),
    );
    assert_eq!(found, json!(["/blog/atom.xml", true, true, true, true]));
}
