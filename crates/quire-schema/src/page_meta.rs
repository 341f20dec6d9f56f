//! What a page says about itself, the same in the app and in the prerendered pages:
//! its description for search engines and link previews, share links, and how
//! comments are counted.

use crate::{percent_encode, Comment};

/// Search engines show about this much of a description.
const DESCRIPTION_CHARS: usize = 160;

/// A page's meta description: `text` cut at a word to at most 160 characters, with
/// an ellipsis when cut.
pub fn description(text: &str) -> String {
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(DESCRIPTION_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(space) => &cut[..space],
        None => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Share links for a post: plain links to each network's own share page, so no
/// third-party script ever runs.
/// Each network's name and the address that shares `url` titled `title` there.
pub fn share_links(url: &str, title: &str) -> Vec<(&'static str, String)> {
    let (u, t) = (percent_encode(url), percent_encode(title));
    vec![
        ("Email", format!("mailto:?subject={t}&body={u}")),
        ("X", format!("https://x.com/intent/post?url={u}&text={t}")),
        (
            "Bluesky",
            format!("https://bsky.app/intent/compose?text={t}%20{u}"),
        ),
        (
            "Mastodon",
            format!("https://mastodonshare.com/?url={u}&text={t}"),
        ),
        (
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        (
            "LinkedIn",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ),
        (
            "Reddit",
            format!("https://www.reddit.com/submit?url={u}&title={t}"),
        ),
    ]
}

/// How many comments a post has, replies included.
pub fn comment_total(comments: &[Comment]) -> usize {
    comments.iter().map(|c| 1 + c.replies.len()).sum()
}

/// "1 comment", "3 comments".
pub fn comment_count(count: usize) -> String {
    match count {
        1 => "1 comment".to_string(),
        n => format!("{n} comments"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_url_and_title_encoded() {
        let links = share_links("https://ex.org/posts/a?b=1", "A & B é");
        let email = &links[0].1;
        assert_eq!(
            email,
            "mailto:?subject=A%20%26%20B%20%C3%A9&body=https%3A%2F%2Fex.org%2Fposts%2Fa%3Fb%3D1"
        );
        assert!(links
            .iter()
            .all(|(_, href)| !href.contains(' ') && !href.contains('<')));
    }

    #[test]
    fn comments_are_counted_in_words() {
        assert_eq!(
            (comment_count(1), comment_count(2)),
            ("1 comment".into(), "2 comments".into())
        );
    }

    #[test]
    fn a_long_description_is_cut_at_a_word() {
        let long = "word ".repeat(100);
        let cut = description(&long);
        assert!(
            cut.chars().count() <= 160 && cut.ends_with("word…"),
            "{cut}"
        );
        assert_eq!(description("Short."), "Short.");
    }
}
