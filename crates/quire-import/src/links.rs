//! Links between the old blog's own posts, pointed at their new addresses.
//!
//! An old post that links another by its old address (`https://x.blogspot.com/2019/04/a.html`,
//! `/blog/a/`) would otherwise send every reader through a redirect, or, once the
//! old host is gone, nowhere. The import's redirects already say where each old
//! address now leads, so a link is rewritten when it is the old blog's own (no
//! host, or one of its hosts) and its path is one of those old addresses.

use std::collections::HashMap;

/// The hosts the old blog was served from.
#[derive(Debug, Default, Clone)]
pub struct OldHosts {
    /// Lowercase, without `www.`.
    hosts: Vec<String>,
    /// Any `<name>.blogspot.<country>` host: Blogger serves a blog under every
    /// country's domain, and Takeout's export names none of them.
    blogspot: bool,
}

impl OldHosts {
    pub fn blogger() -> OldHosts {
        OldHosts {
            hosts: Vec::new(),
            blogspot: true,
        }
    }

    /// Adds the host of `address` (`https://example.com/blog/`); anything that is
    /// not an http(s) address adds nothing.
    pub fn add(&mut self, address: &str) {
        if let Some(host) = host_of(address) {
            if !self.hosts.contains(&host) {
                self.hosts.push(host);
            }
        }
    }

    fn own(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h == host)
            || (self.blogspot && host.split('.').nth(1) == Some("blogspot"))
    }
}

/// `https://www.Example.com:8080/x` → `example.com`.
fn host_of(address: &str) -> Option<String> {
    let (scheme, rest) = address.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Where the link `dest` now leads, if it is a link to one of the old addresses in
/// `moved` (old path → new site path). A query (Blogger's `?m=1`) is dropped; a
/// fragment is kept.
pub fn new_address(
    dest: &str,
    hosts: &OldHosts,
    moved: &HashMap<String, String>,
) -> Option<String> {
    let dest = dest.trim();
    let path_and_more = if dest.starts_with('/') && !dest.starts_with("//") {
        dest
    } else {
        let rest = dest
            .strip_prefix("//")
            .or_else(|| dest.split_once("://").map(|(_, rest)| rest))?;
        let host = host_of(&format!("https://{rest}"))?;
        if !hosts.own(&host) {
            return None;
        }
        rest.find(['/', '?', '#']).map_or("/", |i| &rest[i..])
    };
    let (before_fragment, fragment) = match path_and_more.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (path_and_more, None),
    };
    let path = before_fragment.split('?').next().unwrap_or(before_fragment);
    let path = if path.is_empty() { "/" } else { path };
    // `/blog/a/` and `/blog/a` were one page on the old site.
    let other = match path.strip_suffix('/') {
        Some(without) => without.to_string(),
        None => format!("{path}/"),
    };
    let to = moved.get(path).or_else(|| moved.get(&other))?;
    Some(match fragment {
        Some(fragment) => format!("{to}#{fragment}"),
        None => to.clone(),
    })
}

/// `markdown` with its links to old addresses rewritten, and how many were.
/// Only real links are touched (the renderer finds them), never code that happens
/// to hold an address.
pub fn rewrite(
    markdown: &str,
    hosts: &OldHosts,
    moved: &HashMap<String, String>,
) -> (String, usize) {
    let rendered = quire_markdown::render(markdown, &quire_markdown::Options::ARTICLE);
    let mut out = String::with_capacity(markdown.len());
    let mut copied = 0;
    let mut count = 0;
    for link in &rendered.links {
        let Some(to) = new_address(&link.dest, hosts, moved) else {
            continue;
        };
        // The destination as written follows `](` (or `](<`) after the link text.
        let Some(found) = markdown
            .get(link.offset.max(copied)..)
            .and_then(|rest| rest.find(&format!("]({}", link.dest)))
        else {
            continue;
        };
        let start = link.offset.max(copied) + found + 2;
        out.push_str(&markdown[copied..start]);
        out.push_str(&to);
        copied = start + link.dest.len();
        count += 1;
    }
    out.push_str(&markdown[copied..]);
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved() -> HashMap<String, String> {
        [
            ("/2019/04/ships.html", "/posts/ships"),
            ("/p/about.html", "/about"),
            ("/blog/first-voyage/", "/posts/first-voyage"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn the_old_blogs_own_links_lead_to_the_new_addresses() {
        let hosts = OldHosts::blogger();
        let markdown =
            "See [the ships](https://harbour.blogspot.com/2019/04/ships.html?m=1#crew), \
                        [about](http://harbour.blogspot.co.uk/p/about.html), \
                        [relative](/2019/04/ships.html) and \
                        [elsewhere](https://other.example/2019/04/ships.html).\n\n\
                        `[code](/2019/04/ships.html)`\n";
        let (out, count) = rewrite(markdown, &hosts, &moved());
        assert_eq!(count, 3);
        assert_eq!(
            out,
            "See [the ships](/posts/ships#crew), [about](/about), [relative](/posts/ships) and \
             [elsewhere](https://other.example/2019/04/ships.html).\n\n\
             `[code](/2019/04/ships.html)`\n"
        );
    }

    #[test]
    fn a_static_sites_host_and_either_form_of_a_folder_address() {
        let mut hosts = OldHosts::default();
        hosts.add("https://www.Sailing.example/");
        hosts.add("not an address");
        let (out, count) = rewrite(
            "[a](https://sailing.example/blog/first-voyage) [b](https://harbour.blogspot.com/p/about.html) [c](/blog/first-voyage/#map)",
            &hosts,
            &moved(),
        );
        assert_eq!(count, 2);
        assert_eq!(
            out,
            "[a](/posts/first-voyage) [b](https://harbour.blogspot.com/p/about.html) [c](/posts/first-voyage#map)"
        );
    }
}
