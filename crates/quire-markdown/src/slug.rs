//! Ids for headings: readable, stable across builds, unique within a post.

use std::collections::HashMap;

/// Hands out unique slugs: the second "Intro" becomes "intro-1".
#[derive(Default)]
pub struct Slugs {
    seen: HashMap<String, usize>,
}

impl Slugs {
    pub fn unique(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut candidate = base.clone();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

/// Lowercase letters and digits (any script) joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            gap = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}
