//! Synthetic blogs of any size: for browser tests of what the sample blog lacks
//! (feed pages, comments and a comments endpoint, images) and for the benchmark's
//! scale runs. Posts vary in length and shape the way real ones do: headings,
//! lists, a table, code, links to other posts.

use crate::run::Result;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Writes a `content/` folder with `count` posts into `dir`, one a day back from
/// 2026-01-01; post `n` is `post-n.md`, titled "Post n".
pub fn write_blog(dir: &Path, count: usize) -> Result {
    write_blog_shaped(dir, count, Shape::Short)
}

/// How long the posts are.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 1–3 KB, one image in the whole blog: what the browser tests count on.
    Short,
    /// 4–10 KB of prose, each post with an image, like the sample blog's posts:
    /// for the benchmark.
    RealSized,
}

/// As [`write_blog`], with posts of `shape`.
pub fn write_blog_shaped(dir: &Path, count: usize, shape: Shape) -> Result {
    let posts = dir.join("posts");
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(&posts).map_err(|e| format!("{}: {e}", posts.display()))?;
    let write = |path: PathBuf, text: &str| {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(
        dir.join("site.toml"),
        "title = \"Synthetic\"\ndescription = \"A generated blog.\"\nauthor = \"Ann Example\"\n\
         base_url = \"http://127.0.0.1:8080/\"\ncomments_endpoint = \"/api/comments\"\n",
    )?;
    for n in 1..=count {
        let mut text = post(n, count, shape);
        if n == count {
            text.push_str("![A rising line](/images/chart.svg)\n");
        }
        write(posts.join(format!("post-{n}.md")), &text)?;
    }
    write(
        dir.join("static/images/chart.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\">\
         <rect width=\"64\" height=\"64\" fill=\"#dde\"/><path d=\"M4 60 L30 30 L60 8\" \
         stroke=\"#225\" stroke-width=\"4\" fill=\"none\"/></svg>\n",
    )?;
    if count >= 2 {
        write(
            dir.join("popularity.toml"),
            &format!(
                "[views]\npost-{count} = 100\npost-{} = 50\npost-1 = 10\n",
                count - 1
            ),
        )?;
        write(
            dir.join(format!("comments/post-{}.toml", count - 1)),
            "[[comment]]\nauthor = \"Bo Reader\"\ndate = 2026-01-02\n\
             text = \"A *fine* post. See [my notes](https://example.org/notes).\"\n\n\
             [[comment.reply]]\nauthor = \"Ann Example\"\ndate = 2026-01-03\ntext = \"Thank you, Bo.\"\n\n\
             [[comment]]\nauthor = \"Cy\"\ndate = 2026-01-04\ntext = \"<script>alert(1)</script> is text here.\"\n",
        )?;
    }
    Ok(())
}

/// Post `n` of `count`: newer posts have higher numbers.
fn post(n: usize, count: usize, shape: Shape) -> String {
    let day = count - n;
    let (year, month, day_of_month) = date_before_2026(day);
    let mut text = format!(
        "+++\ntitle = \"Post {n}\"\ndate = {year}-{month:02}-{day_of_month:02}\nlabels = [\"topic-{}\", \"synthetic\"]\n+++\n\n",
        n % 7
    );
    let real = shape == Shape::RealSized;
    let paragraphs = if real { 8 + n % 12 } else { 3 + n % 12 };
    for section in 0..paragraphs {
        if section % 4 == 1 {
            let _ = writeln!(text, "## Section {section} of post {n}\n");
        }
        let _ = writeln!(
            text,
            "Paragraph {section} of post {n} says *something* about **things**, with \
             a [link](https://example.org/{n}) and `code`. It goes on for a while, as \
             paragraphs do, so that the post has a realistic length and shape.\n"
        );
        if real {
            let _ = writeln!(
                text,
                "A second thought follows the first one, weighing what was said in post {n} \
                 against what readers wrote back, and it takes its time: a sentence about \
                 the context, another about the consequences, and a third that leads on.\n"
            );
            if section == 2 {
                let _ = writeln!(text, "![Figure {n}: a rising line](/images/chart.svg)\n");
            }
        }
        match section % 6 {
            2 => text.push_str("- one point\n- another point\n- a last point\n\n"),
            3 => text.push_str("| a | b |\n|---|--:|\n| 1 | 2 |\n| 3 | 4 |\n\n"),
            4 => text.push_str("```rust\nfn main() {\n    println!(\"hi\");\n}\n```\n\n"),
            5 if n > 1 => {
                let _ = writeln!(
                    text,
                    "See also [the previous post](/posts/post-{}).\n",
                    n - 1
                );
            }
            _ => {}
        }
    }
    text
}

/// The date `days` days before 2026-01-01 (the last day of 2025 is 1).
fn date_before_2026(days: usize) -> (u32, u32, u32) {
    const LENGTHS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut year, mut month, mut day) = (2026u32, 1u32, 1u32);
    for _ in 0..days {
        if day > 1 {
            day -= 1;
        } else {
            if month > 1 {
                month -= 1;
            } else {
                month = 12;
                year -= 1;
            }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            day = LENGTHS[month as usize - 1] + u32::from(month == 2 && leap);
        }
    }
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_back_across_months_and_leap_years() {
        assert_eq!(date_before_2026(0), (2026, 1, 1));
        assert_eq!(date_before_2026(1), (2025, 12, 31));
        assert_eq!(date_before_2026(366 + 365), (2024, 1, 1));
        assert_eq!(date_before_2026(365 + 307), (2024, 2, 29));
    }

    #[test]
    fn a_synthetic_blog_passes_the_authors_checks() {
        let dir = std::env::temp_dir().join(format!("xtask-synthetic-{}", std::process::id()));
        write_blog(&dir, 30).unwrap();
        let loaded = quire_content::content::load(&dir);
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let content = loaded.content.unwrap();
        assert_eq!(content.posts.len(), 30);
        assert_eq!(content.comments["post-29"].len(), 2);
        let _ = fs::remove_dir_all(&dir);
    }
}
