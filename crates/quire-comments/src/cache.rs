//! The approved comments of each post as last answered, kept for a second: a post
//! that many readers open at once costs one query a second, not one each. An
//! approval shows within that second, on every instance; the moderation API of
//! this instance clears it at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

const FRESH_FOR: Duration = Duration::from_secs(1);

/// A post's list as sent: its JSON and its ETag.
#[derive(Debug)]
pub struct Answer {
    pub body: String,
    pub etag: String,
}

#[derive(Default)]
pub struct Lists {
    kept: Mutex<HashMap<String, (Instant, Arc<Answer>)>>,
}

impl Lists {
    /// The list of `slug` if it was made less than a second ago.
    pub fn get(&self, slug: &str) -> Option<Arc<Answer>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.get(slug)
            .filter(|(made, _)| made.elapsed() < FRESH_FOR)
            .map(|(_, answer)| answer.clone())
    }

    pub fn put(&self, slug: &str, answer: Arc<Answer>) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        // Only slugs of real posts get here, so the map stays as small as the blog.
        kept.insert(slug.to_string(), (Instant::now(), answer));
    }

    pub fn clear(&self) {
        self.kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}
