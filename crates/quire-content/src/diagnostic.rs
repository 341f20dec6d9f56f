//! Problems found in an author's content, each pointing at a file, a line and a
//! column, and saying how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: usize,
    /// 1-based; 0 when the problem is with the file or line as a whole.
    pub column: usize,
    /// The front-matter or settings field at fault, where there is one.
    pub field: Option<String>,
    pub message: String,
    pub hint: String,
}

impl Diagnostic {
    pub fn error(file: &Path, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            field: None,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn warning(file: &Path, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message, hint)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: ")?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}\n  hint: {}", self.message, self.hint)
    }
}

/// The 1-based line and column of byte `offset` in `text` (past its end: its
/// end). For many offsets in one text, [`Lines`] finds its lines once.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    Lines::new(text).at(offset)
}

/// A text's lines, for finding many offsets in it. Counting the lines from the
/// top again for every image and post link of every post was 0.7% of a
/// 10,000-post build's CPU (perf).
pub struct Lines<'a> {
    text: &'a str,
    /// Where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let after_breaks = text.match_indices('\n').map(|(at, _)| at + 1);
        Lines {
            text,
            starts: std::iter::once(0).chain(after_breaks).collect(),
        }
    }

    /// The 1-based line and column of byte `offset` (past the end: the end).
    pub fn at(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        // The lines that start at or before it: its own is the last of them.
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |t| t.chars().count())
            + 1;
        (line, column)
    }
}
