//! Limits that the comment form, the builder's checks and any comments service must
//! agree on, defined once.

/// The longest name a commenter may give, in characters.
pub const COMMENT_AUTHOR_MAX_CHARS: usize = 80;

/// The longest comment, in characters.
pub const COMMENT_TEXT_MAX_CHARS: usize = 10_000;
