//! Syntax highlighting at bundle time: the runs that go into a post bundle.

/// Highlighting runs for each code block, so the browser needs no highlighter; empty
/// when no block is in a known language.
pub fn code_runs(blocks: &[quire_markdown::CodeBlock]) -> Vec<Vec<u32>> {
    let blocks: Vec<Vec<u32>> = blocks
        .iter()
        .map(|block| {
            let runs = block
                .language
                .as_deref()
                .and_then(|language| quire_highlight::highlight(language, &block.text));
            runs.into_iter()
                .flatten()
                .flat_map(|(kind, len)| [kind as u32, u32::try_from(len).unwrap_or(u32::MAX)])
                .collect()
        })
        .collect();
    if blocks.iter().all(Vec::is_empty) {
        Vec::new()
    } else {
        blocks
    }
}
