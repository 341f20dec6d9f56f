//! Which link and image URLs may reach the page.
//!
//! The check works on the URL as the browser will finally see it: pulldown-cmark has
//! already decoded entities and backslash escapes, and here we strip what browsers
//! ignore when they look for a scheme (leading controls and spaces, tabs and newlines
//! anywhere). Percent-encoding needs no decoding: a browser never decodes it before
//! finding the scheme, so `javascript%3A…` is a harmless relative path.

const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// True for http, https and mailto URLs, relative paths and fragments.
pub fn is_safe(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match scheme(&cleaned) {
        None => true,
        Some(scheme) => ALLOWED_SCHEMES
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed)),
    }
}

/// `url` resolved against `base` (a site path ending in `/`, such as a post
/// folder's `/posts/x/`) when it is relative to the page: `map.png` and
/// `./map.png` become `/posts/x/map.png`. Addresses with a scheme, site paths
/// (`/…`), fragments and queries are kept as written, as is everything when `base`
/// is empty.
pub fn resolve(url: &str, base: &str) -> String {
    let keep = base.is_empty()
        || url.is_empty()
        || url.starts_with(['/', '#', '?'])
        || scheme(url).is_some();
    if keep {
        url.to_string()
    } else {
        format!("{base}{}", url.trim_start_matches("./"))
    }
}

/// `url` as a page of the site names it: a site path (`/posts/x`) under the path
/// the site is served from, `root` (`/blog/` gives `/blog/posts/x`). Anything else,
/// and a path already under `root`, is kept.
pub fn under_root(url: &str, root: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if root != "/" && !rest.starts_with('/') && !url.starts_with(root) => {
            format!("{root}{rest}")
        }
        _ => url.to_string(),
    }
}

/// True for absolute http and https URLs: links that leave the blog.
pub fn is_external(url: &str) -> bool {
    let url = url.trim_start();
    ["http://", "https://"].iter().any(|prefix| {
        url.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    }) || url.starts_with("//")
}

/// The scheme the browser will see, as the WHATWG URL parser finds it: an ASCII
/// letter, then letters, digits, `+`, `-` or `.`, then `:`. Anything else before the
/// first `:` (a space, a `)`, a NUL) makes the parser treat the URL as relative.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(candidate)
}

/// The first bare web address in `text`, as GFM's extended autolinks find them: at a
/// word start, `https://`, `http://` or `www.` followed by a dotted host, up to white
/// space or `<`, without trailing punctuation or an unbalanced `)`. Byte range.
pub fn find_bare_url(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while from < text.len() {
        let found = next_url_start(&text[from..])?;
        let start = from + found.0;
        let at_word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "*_~(".contains(c));
        let end = start
            + text[start..]
                .find(|c: char| c.is_whitespace() || c == '<')
                .unwrap_or(text.len() - start);
        let end = start + trim_trailing(&text[start..end]).len();
        let host = &text[start + found.1..end];
        let host_end = host.find(['/', '?', '#']).unwrap_or(host.len());
        let valid_host = host[..host_end].contains('.')
            && host[..host_end]
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'));
        if at_word_start && valid_host && !host.is_empty() {
            return Some((start, end));
        }
        from = start + found.1;
    }
    None
}

/// What a bare web address starts with (GFM's extended autolinks): each begins
/// with `h` or `w`, the bytes [`next_url_start`] stops at.
const BARE_URL_PREFIXES: [&str; 3] = ["https://", "http://", "www."];

/// Where the first `https://`, `http://` or `www.` in `text` starts, and that
/// prefix's length. One pass over the bytes: this runs on every piece of prose, and
/// three `str::find`s, each setting up its searcher anew, were 4% of `quire check`'s
/// CPU on ten thousand posts (this whole function is now 2%).
fn next_url_start(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(skip) = bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'h' || b == b'w')
    {
        let at = from + skip;
        let rest = bytes.get(at..)?;
        if let Some(prefix) = BARE_URL_PREFIXES
            .iter()
            .find(|prefix| rest.starts_with(prefix.as_bytes()))
        {
            return Some((at, prefix.len()));
        }
        from = at + 1;
    }
    None
}

/// The first bare e-mail address in `text`, as GFM's extended autolinks find them:
/// letters, digits, `.`, `-`, `_` or `+`, an `@`, then a domain of letters, digits,
/// `-` and `_` in parts separated by periods, at least two parts, not ending in `-`
/// or `_` (a last `.` is the sentence's). Byte range.
pub fn find_bare_email(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
    let mut from = 0;
    while let Some(at) = text[from..].find('@').map(|i| from + i) {
        let start = bytes[..at]
            .iter()
            .rposition(|&b| !local(b))
            .map_or(0, |i| i + 1);
        let mut end = bytes[at + 1..]
            .iter()
            .position(|&b| !domain(b))
            .map_or(bytes.len(), |i| at + 1 + i);
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let name = &text[at + 1..end];
        let valid = start < at
            && name.contains('.')
            && name.split('.').all(|part| !part.is_empty())
            && !name.ends_with(['-', '_']);
        if valid {
            return Some((start, end));
        }
        from = at + 1;
    }
    None
}

fn trim_trailing(candidate: &str) -> &str {
    let mut url = candidate;
    loop {
        // `&hl;` at the end looks like an entity reference: GFM leaves it out.
        if let Some(amp) = url.strip_suffix(';').and_then(|u| u.rfind('&')) {
            if url[amp + 1..url.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
                && amp + 2 < url.len()
            {
                url = &url[..amp];
                continue;
            }
        }
        let trimmed = url.trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches(')').count() > trimmed.matches('(').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::{next_url_start, BARE_URL_PREFIXES};

    #[test]
    fn the_first_address_prefix_is_the_earliest_of_the_three() {
        for text in [
            "",
            "no address here",
            "why wh ht htt http https http:/ www www.",
            "see https://a.example and http://b.example",
            "first www.c.example then https://d.example",
            "what: a hhttps://e.example",
            "“quoted” — https://f.example",
        ] {
            let searched = BARE_URL_PREFIXES
                .iter()
                .filter_map(|prefix| text.find(prefix).map(|at| (at, prefix.len())))
                .min_by_key(|(at, _)| *at);
            assert_eq!(next_url_start(text), searched, "{text:?}");
        }
    }
}
