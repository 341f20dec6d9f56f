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
pub fn files(content: &Content) -> Vec<OutputFile> {
    let base = quire_schema::base_path(&content.site.base_url);
    let url = quire_schema::site_url(&content.site.base_url);
    let mut rules = String::from("# Written by `quire build`: edit content/redirects.toml.\n");
    for (from, to, status) in GUESSED {
        rules.push_str(&format!("{base}{from} {base}{to} {status}\n"));
    }
    for redirect in &content.redirects {
        rules.push_str(&format!(
            "{} {} 301\n",
            under(&base, &redirect.from),
            target(&base, &redirect.to)
        ));
    }
    let mut files = vec![OutputFile {
        path: "_redirects".to_string(),
        contents: rules,
    }];
    files.extend(content.redirects.iter().filter_map(|redirect| {
        Some(OutputFile {
            path: redirect.page_file()?,
            contents: page(
                redirect,
                &target(&url, &redirect.to),
                &content.site.language,
            ),
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
/// plain link for a reader whose browser does not follow the refresh.
fn page(redirect: &Redirect, to: &str, language: &str) -> String {
    let to = escape(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>This page has moved</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{to}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n\
         <p>{from} has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n",
        lang = escape(language),
        from = escape(&redirect.from),
    )
}
