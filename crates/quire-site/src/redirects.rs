//! Old addresses that keep working: `_redirects` (the rules Netlify, Cloudflare
//! Pages and `quire-host` read) and, for hosts that read no rules (GitHub Pages,
//! S3), a small page at each old path that sends the reader on.

use crate::bundle::OutputFile;
use quire_content::content::Content;
use quire_content::redirects::Redirect;
use quire_markdown::escape;

/// Addresses feed readers and people guess, answered with the feed or the home
/// page instead of the not-found page. Site paths, without the base path.
const GUESSED: [(&str, &str, u16); 7] = [
    ("feed", "atom.xml", 301),
    ("feed.xml", "atom.xml", 301),
    ("rss", "atom.xml", 301),
    ("rss.xml", "atom.xml", 301),
    ("index.xml", "atom.xml", 301),
    // There is no page listing every post at /posts; the home page does.
    ("posts", "", 302),
    ("posts/", "", 302),
];

/// `_redirects` and a page for each of the content's redirects that can be a file.
/// The rules' paths are from the folder the site is served from, as the hosts that
/// read the file take them (and `quire-host` does).
pub fn files(content: &Content) -> Vec<OutputFile> {
    let url = quire_schema::site_url(&content.site.base_url);
    let base = quire_schema::base_path(&content.site.base_url);
    let mut rules = String::from("# Written by `quire build`: edit content/redirects.toml.\n");
    for (from, to, status) in GUESSED {
        rules.push_str(&format!("/{from} /{to} {status}\n"));
    }
    for redirect in &content.redirects {
        rules.push_str(&format!(
            "{} {} 301\n",
            redirect.from,
            target("/", &redirect.to)
        ));
    }
    let mut files = vec![OutputFile {
        path: "_redirects".to_string(),
        contents: rules.into(),
    }];
    files.extend(content.redirects.iter().filter_map(|redirect| {
        Some(OutputFile {
            path: redirect.page_file()?,
            contents: page(
                redirect,
                &target(&base, &redirect.to),
                &target(&url, &redirect.to),
                &content.site.language,
            )
            .into(),
        })
    }));
    files
}

/// A site path from the content under `base` (`/` or `/blog/`).
fn under(base: &str, path: &str) -> String {
    format!("{base}{}", path.trim_start_matches('/'))
}

/// Where a redirect leads, under `base` (a base path or the site's address): an
/// address elsewhere is kept as it is.
fn target(base: &str, to: &str) -> String {
    if to.starts_with("https://") {
        to.to_string()
    } else {
        under(base, to)
    }
}

/// The page at an old address: no script (the CSP would refuse it anyway), a
/// refresh, the new address as the canonical one, kept out of search indexes, and a
/// plain link for a reader whose browser does not follow the refresh. The refresh
/// and the link go to `to` on whatever host serves the page; the canonical link
/// names the blog's own address, `canonical`.
fn page(redirect: &Redirect, to: &str, canonical: &str, language: &str) -> String {
    let to = escape(to);
    let canonical = escape(canonical);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>This page has moved</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n\
         <p>{from} has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n",
        lang = escape(language),
        from = escape(&redirect.from),
    )
}
