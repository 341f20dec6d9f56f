//! Limits that the comment form, the builder's checks and the comments service must
//! agree on, defined once.

/// The longest name a commenter may give, in characters.
pub const COMMENT_AUTHOR_MAX_CHARS: usize = 80;

/// The longest comment, in characters.
pub const COMMENT_TEXT_MAX_CHARS: usize = 10_000;

/// The largest request body the comments service reads, in bytes: room for the
/// longest comment in four-byte characters and the other fields, and no more.
pub const COMMENT_BODY_MAX_BYTES: usize = 48 * 1024;

/// A comment with more links than this is held for the author to look at closely.
pub const COMMENT_LINKS_HELD: usize = 3;

/// A comment with more links than this is refused outright: it is spam.
pub const COMMENT_LINKS_MAX: usize = 10;

/// The fewest seconds between the form being shown and being sent: a person reads
/// and types for longer than this, a bot does not.
pub const COMMENT_MIN_SECONDS: u64 = 3;

/// How long a form's token stays good, in seconds: a day of leaving a tab open.
pub const COMMENT_TOKEN_MAX_AGE_SECONDS: u64 = 24 * 60 * 60;

/// Comments accepted from one address in a minute, and in a day.
pub const COMMENTS_PER_MINUTE: u32 = 3;
pub const COMMENTS_PER_DAY: u32 = 30;
