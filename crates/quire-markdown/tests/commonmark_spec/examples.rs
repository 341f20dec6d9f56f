//! The examples of a spec.txt in the CommonMark format (CommonMark's own, and
//! cmark-gfm's for GitHub's extensions).

pub struct Example {
    pub number: u32,
    pub section: String,
    pub markdown: String,
    pub html: String,
}

/// The examples of `spec`: fenced by 32 backticks and "example" (then `kind`, such
/// as "table", when not empty), the Markdown and the HTML split by a line holding
/// one dot, `→` standing for a tab.
pub fn examples(spec: &str, kind: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let opening = format!(
        "{fence} example{}",
        if kind.is_empty() {
            String::new()
        } else {
            format!(" {kind}")
        }
    );
    let spec = spec.split("<!-- END TESTS -->").next().unwrap_or(spec);
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim().to_string();
        } else if line == opening {
            let (mut markdown, mut html, mut in_html) = (String::new(), String::new(), false);
            for line in lines.by_ref() {
                if line == fence {
                    break;
                } else if line == "." && !in_html {
                    in_html = true;
                } else {
                    let target = if in_html { &mut html } else { &mut markdown };
                    target.push_str(&line.replace('→', "\t"));
                    target.push('\n');
                }
            }
            examples.push(Example {
                number: examples.len() as u32 + 1,
                section: section.clone(),
                markdown,
                html,
            });
        }
    }
    examples
}
