//! Synthetic blogs of any size: for browser tests of what only a big blog has (feed
//! pages) and for the benchmark's scale runs. Posts vary in length and shape the way
//! real ones do: headings, lists, a table, code, links to other posts.

use crate::run::Result;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Writes a `content/` folder with `count` posts into `dir`, one a day back from
/// 2026-01-01; post `n` is `post-n.md`, titled "Post n".
pub fn write_blog(dir: &Path, count: usize) -> Result {
    let posts = dir.join("posts");
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(&posts).map_err(|e| format!("{}: {e}", posts.display()))?;
    fs::write(
        dir.join("site.toml"),
        "title = \"Synthetic\"\ndescription = \"A generated blog.\"\nauthor = \"Ann Example\"\n\
         base_url = \"http://127.0.0.1:8080/\"\n",
    )
    .map_err(|e| format!("{}: {e}", dir.display()))?;
    for n in 1..=count {
        fs::write(posts.join(format!("post-{n}.md")), post(n, count))
            .map_err(|e| format!("{}: {e}", posts.display()))?;
    }
    Ok(())
}

/// Post `n` of `count`: newer posts have higher numbers.
fn post(n: usize, count: usize) -> String {
    let day = count - n;
    let (year, month, day_of_month) = date_before_2026(day);
    let mut text = format!(
        "+++\ntitle = \"Post {n}\"\ndate = {year}-{month:02}-{day_of_month:02}\nlabels = [\"topic-{}\", \"synthetic\"]\n+++\n\n",
        n % 7
    );
    let paragraphs = 3 + n % 12;
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
        let loaded = quire_cli::content::load(&dir);
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(loaded.content.unwrap().posts.len(), 30);
        let _ = fs::remove_dir_all(&dir);
    }
}
