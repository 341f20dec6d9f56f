//! What a site shows, decided once for every part that writes it: a build publishes
//! neither drafts nor posts dated after now (scheduled), unless told to; the
//! development server's preview shows both, each marked. Everything downstream
//! (bundles, pages, feeds, files) publishes exactly the posts left in [`Content`].
//!
//! "Now" comes from [`Clock`], which tests and authors can set (`QUIRE_NOW`), so a
//! schedule can be tried before its day.

use crate::content::{Content, Post};
use quire_schema::{Date, Unpublished};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// A moment, as precisely as post dates give one: a day, and seconds into it (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    pub date: Date,
    pub seconds: u32,
}

/// Where "now" comes from.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The computer's clock.
    System,
    /// A fixed moment.
    Fixed(Moment),
}

/// The variable that sets the clock: `2027-03-01` or `2027-03-01T09:30:00Z`.
pub const NOW_VARIABLE: &str = "QUIRE_NOW";

impl Clock {
    /// The clock `QUIRE_NOW` sets, or the system's.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var(NOW_VARIABLE) {
            Ok(text) => parse_moment(&text).map(Clock::Fixed).ok_or_else(|| {
                format!(
                    "{NOW_VARIABLE}=`{text}` is not a moment: write it as 2027-03-01 or \
                     2027-03-01T09:30:00Z (UTC)"
                )
            }),
            Err(_) => Ok(Clock::System),
        }
    }

    pub fn now(&self) -> Moment {
        match self {
            Clock::Fixed(moment) => *moment,
            Clock::System => {
                let seconds = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                moment_of_unix(seconds)
            }
        }
    }
}

/// `2027-03-01` or `2027-03-01T09:30:00Z` (seconds and the `Z` optional).
pub fn parse_moment(text: &str) -> Option<Moment> {
    let text = text.trim();
    let (day, time) = match text.split_once(['T', ' ']) {
        Some((day, time)) => (day, Some(time.trim_end_matches('Z'))),
        None => (text, None),
    };
    let date: Date = day.parse().ok()?;
    let seconds = match time {
        None => 0,
        Some(time) => {
            let mut parts = time.split(':').map(|p| p.parse::<u32>().ok());
            let hours = parts.next()??;
            let minutes = parts.next()??;
            let secs = parts.next().unwrap_or(Some(0))?;
            if parts.next().is_some() || hours > 23 || minutes > 59 || secs > 60 {
                return None;
            }
            hours * 3600 + minutes * 60 + secs
        }
    };
    Some(Moment { date, seconds })
}

/// The UTC moment `seconds` after 1970-01-01 (the civil-from-days algorithm).
fn moment_of_unix(seconds: u64) -> Moment {
    let days = (seconds / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Moment {
        date: Date::new(year, month, day).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        seconds: (seconds % 86_400) as u32,
    }
}

/// Which posts and pages that readers cannot see yet a site shows anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Showing {
    pub drafts: bool,
    /// Posts dated after now (`--future`).
    pub future: bool,
    /// Whether what readers cannot see yet is marked as such (a preview), or shown
    /// as any other post (a build with `--future`).
    pub marked: bool,
}

impl Showing {
    /// What `quire build` publishes.
    pub const PUBLISHED: Showing = Showing {
        drafts: false,
        future: false,
        marked: false,
    };
    /// What the development server shows an author: everything, marked.
    pub const PREVIEW: Showing = Showing {
        drafts: true,
        future: true,
        marked: true,
    };
}

/// Whether `post` is published at `now`, and if not, why.
pub fn status(post: &Post, now: Moment) -> Option<Unpublished> {
    if post.draft {
        Some(Unpublished::Draft)
    } else if goes_live(post) > now {
        Some(Unpublished::Scheduled)
    } else {
        None
    }
}

/// When a post is published, by its date.
pub fn goes_live(post: &Post) -> Moment {
    Moment {
        date: post.date,
        seconds: post.time_of_day,
    }
}

/// `content` with only what `showing` lets through at `now`; in a preview, each
/// post kept that readers cannot see yet is marked (`Post::unpublished`).
pub fn select(mut content: Content, now: Moment, showing: Showing) -> Content {
    content.posts.retain_mut(|post| {
        let status = status(post, now);
        let unpublished = status.filter(|_| showing.marked);
        // Written only where it differs: posts are shared with the preview's
        // remembered load, and a write copies the post.
        if post.unpublished != unpublished {
            Arc::make_mut(post).unpublished = unpublished;
        }
        match status {
            None => true,
            Some(Unpublished::Draft) => showing.drafts,
            Some(Unpublished::Scheduled) => showing.future,
        }
    });
    content.pages.retain(|page| showing.drafts || !page.draft);
    content
}

/// The posts that are not drafts but are dated after `now`, soonest first.
pub fn scheduled(content: &Content, now: Moment) -> Vec<&Post> {
    let mut posts: Vec<&Post> = content
        .posts
        .iter()
        .map(|p| &**p)
        .filter(|p| status(p, now) == Some(Unpublished::Scheduled))
        .collect();
    posts.sort_by_key(|p| goes_live(p));
    posts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(text: &str) -> Moment {
        parse_moment(text).unwrap()
    }

    #[test]
    fn moments_are_read_as_authors_write_dates() {
        assert_eq!(moment("2027-03-01").seconds, 0);
        assert_eq!(moment("2027-03-01T09:30:00Z").seconds, 9 * 3600 + 30 * 60);
        assert_eq!(moment("2027-03-01T09:30").seconds, 9 * 3600 + 30 * 60);
        assert!(moment("2027-03-01") < moment("2027-03-01T00:00:01Z"));
        for bad in [
            "",
            "tomorrow",
            "2027-02-30",
            "2027-03-01T25:00",
            "2027-03-01T09:30:00:01",
        ] {
            assert_eq!(parse_moment(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_system_clock_reads_unix_time_as_a_utc_date() {
        assert_eq!(moment_of_unix(0), moment("1970-01-01"));
        // 2024-02-29T12:00:00Z: a leap day.
        assert_eq!(
            moment_of_unix(1_709_208_000),
            moment("2024-02-29T12:00:00Z")
        );
        assert_eq!(
            moment_of_unix(4_102_444_799),
            moment("2099-12-31T23:59:59Z")
        );
        assert!(Clock::System.now() > moment("2025-01-01"));
    }

    fn blog() -> Content {
        let dir = crate::fixtures::content_dir(&[
            ("old.md", &crate::fixtures::post("Old", "2026-01-01")),
            (
                "secret.md",
                "+++\ntitle = \"Secret\"\ndate = 2026-01-02\ndraft = true\n+++\nHidden\n",
            ),
            (
                "spring.md",
                "+++\ntitle = \"Spring\"\ndate = 2027-03-01T09:30:00Z\n+++\nLater\n",
            ),
        ]);
        crate::content::load(&dir).content.unwrap()
    }

    fn slugs(content: &Content) -> Vec<(&str, Option<Unpublished>)> {
        content
            .posts
            .iter()
            .map(|p| (p.slug.as_str(), p.unpublished))
            .collect()
    }

    #[test]
    fn a_build_publishes_a_scheduled_post_from_its_moment_on_and_never_a_draft() {
        let on = |now: &str, showing| select(blog(), moment(now), showing);
        let published = |now| on(now, Showing::PUBLISHED);
        assert_eq!(slugs(&published("2027-03-01T09:29:59Z")), [("old", None)]);
        assert_eq!(
            slugs(&published("2027-03-01T09:30:00Z")),
            [("spring", None), ("old", None)]
        );
        let future = Showing {
            future: true,
            ..Showing::PUBLISHED
        };
        assert_eq!(
            slugs(&on("2026-06-01", future)),
            [("spring", None), ("old", None)],
            "published early, as any other post"
        );
        assert_eq!(
            slugs(&on("2026-06-01", Showing::PREVIEW)),
            [
                ("spring", Some(Unpublished::Scheduled)),
                ("secret", Some(Unpublished::Draft)),
                ("old", None)
            ]
        );
        let content = blog();
        let soon: Vec<&str> = scheduled(&content, moment("2026-06-01"))
            .iter()
            .map(|p| p.slug.as_str())
            .collect();
        assert_eq!(soon, ["spring"], "drafts are not scheduled");
    }
}
