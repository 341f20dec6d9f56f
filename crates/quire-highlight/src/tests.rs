use super::*;

/// The code with each non-plain run marked as `kind:text`.
fn marked(language: &str, code: &str) -> Vec<String> {
    let runs = highlight(language, code).expect("a known language");
    let mut at = 0;
    let mut out = Vec::new();
    for (kind, len) in runs {
        let text = &code[at..at + len];
        at += len;
        if kind != Kind::Plain {
            out.push(format!("{kind:?}:{text}"));
        }
    }
    assert_eq!(at, code.len(), "runs cover the code");
    out
}

#[test]
fn rust_keywords_strings_comments_numbers_and_types() {
    assert_eq!(
        marked(
            "rust",
            "fn main() { let x: Vec<u8> = 42; // hi\n println!(\"a\\\"b\"); }"
        ),
        [
            "Keyword:fn",
            "Keyword:let",
            "Type:Vec",
            "Number:42",
            "Comment:// hi",
            "String:\"a\\\"b\"",
        ]
    );
}

#[test]
fn rust_lifetimes_are_not_strings_but_chars_are() {
    assert_eq!(
        marked("rs", "fn f<'a>(x: &'a str) -> char { 'x' }"),
        ["Keyword:fn", "String:'x'"]
    );
}

#[test]
fn python_triple_quoted_strings_and_hash_comments() {
    assert_eq!(
        marked(
            "python",
            "def f():\n    \"\"\"Doc \"quoted\".\"\"\"\n    return None  # done"
        ),
        [
            "Keyword:def",
            "String:\"\"\"Doc \"quoted\".\"\"\"",
            "Keyword:return",
            "Literal:None",
            "Comment:# done"
        ]
    );
}

#[test]
fn shell_hash_is_a_comment_only_at_a_word_start() {
    assert_eq!(
        marked("bash", "echo $# items # count"),
        ["Keyword:echo", "Comment:# count"]
    );
}

#[test]
fn json_and_toml() {
    assert_eq!(
        marked("json", "{\"a\": [1, true, null]}"),
        ["String:\"a\"", "Number:1", "Literal:true", "Literal:null"]
    );
    assert_eq!(
        marked("toml", "title = \"Q\" # note\ndraft = false"),
        ["String:\"Q\"", "Comment:# note", "Literal:false"]
    );
}

#[test]
fn unknown_languages_are_left_alone() {
    assert_eq!(highlight("klingon", "x"), None);
}

#[test]
fn unclosed_strings_and_comments_end_safely() {
    for (language, code) in [
        ("js", "let s = \"never closed\nnext"),
        ("c", "/* never closed"),
        ("python", "\"\"\"never closed"),
        ("rust", "'"),
        ("js", "`multi\nline`"),
    ] {
        let runs = highlight(language, code).unwrap();
        assert_eq!(
            runs.iter().map(|r| r.1).sum::<usize>(),
            code.len(),
            "{code:?}"
        );
    }
}

#[test]
fn runs_never_split_a_character() {
    let code = "let ünïcödé = \"日本語\"; // ✓\n'é'";
    let runs = highlight("rust", code).unwrap();
    let mut at = 0;
    for (_, len) in runs {
        at += len;
        assert!(code.is_char_boundary(at));
    }
}
