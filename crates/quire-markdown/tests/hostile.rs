//! Hostile Markdown: a corpus across the known attack classes, each rendered and then
//! parsed by a real HTML5 parser (html5ever, through scraper) to check that the page a
//! browser would build has nothing that runs script or escapes the article.

mod safety;

use quire_markdown::{render, Options};
use safety::problems;

/// Hand-written attacks, one or more per class.
const HANDWRITTEN: &[&str] = &[
    // Script, frames, objects, SVG and MathML, as blocks and inline.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "text <script>alert(1)</script> text",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\">",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"data:text/html,<script>alert(1)</script>\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<style>body{display:none}</style>",
    "<template><script>alert(1)</script></template>",
    // Event handlers and style on tags that would otherwise be harmless.
    "<img src=x onerror=alert(1)>",
    "<p onclick=alert(1)>click</p>",
    "<a href=\"#\" onmouseover=\"alert(1)\">x</a>",
    "<div style=\"position:fixed;inset:0\">cover</div>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "x <b onmouseover=alert(1)>y</b>",
    // Nested, broken and half-closed markup.
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=\"x\" alt=\"\"\" onerror=\"alert(1)\">",
    "<a href=\"x\"\nonclick=alert(1)>x</a>",
    "<!-- --><script>alert(1)</script><!-- -->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml version=\"1.0\"?><script>alert(1)</script>",
    "<!DOCTYPE html><script>alert(1)</script>",
    "<div>\n\n*<img src=x onerror=alert(1)>*\n\n</div>",
    "> <script>alert(1)</script>",
    "- <script>alert(1)</script>\n- <img src=x onerror=alert(1)>",
    "`<script>` and <script>alert(1)</script>",
    "**<img src=x onerror=alert(1)>**",
    // Markdown links and images whose pieces try to break out of their attribute.
    "[x](/a \"b\\\" onmouseover=alert(1) x=\\\"\")",
    "[x](/a 'b\" onmouseover=\"alert(1)')",
    "[x](a\"onmouseover=alert(1))",
    "[x](<a\" onmouseover=\"alert(1)>)",
    "![\" onerror=\"alert(1)](x.png)",
    "![x](x.png \"\\\" onerror=\\\"alert(1)\")",
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "[x](https://example.org/\"><script>alert(1)</script>)",
    "[x]: <javascript:alert(1)>\n\n[x]",
    "[x]: /ok \"title\\\" onclick=\\\"alert(1)\"\n\n[x]",
    "[a]: javascript:alert(1)\n[b]: /fine\n\n[a] [b] [a][b] [b][a]",
    "<https://example.org/\"onmouseover=\"alert(1)>",
    "<mailto:x@example.org?body=\"><script>alert(1)</script>>",
    "<a@b.c\" onmouseover=\"alert(1)>",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    // Bare web addresses, which become links in prose.
    "https://x.org/\"onmouseover=\"alert(1)",
    "www.x.org/'><script>alert(1)</script>",
    "https://x.org/<img src=x onerror=alert(1)>",
    "javascript:alert(1)//https://x.org",
    "https://x.org/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "*https://x.org/a_b*_javascript:alert(1)_",
    // Headings, ids and footnotes made from hostile text.
    "# \"><script>alert(1)</script>",
    "# location\n\n# cookie\n\n# body\n\n# forms",
    "Hi[^\"><img src=x onerror=alert(1)>].\n\n[^\"><img src=x onerror=alert(1)>]: note",
    "Hi[^cookie].\n\n[^cookie]: <script>alert(1)</script>",
    "[^a]: [^a]\n\n[^a]",
    "[^x]: ![i](javascript:alert(1))\n\nsee[^x]",
    // Tables.
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "| [x](javascript:alert(1)) | ![y](javascript:alert(1)) |\n|:-:|--:|\n| `<b>` | <b onclick=alert(1)>c</b> |",
    "| a |\n|---|\n| b | c | d | <iframe> |",
    // Code blocks and info strings.
    "```\"><script>alert(1)</script>\nx\n```",
    "```js onload=alert(1)\nalert(1)\n```",
    "    <script>alert(1)</script>",
    "~~~\n</code></pre><script>alert(1)</script>\n~~~",
    // Entity tricks outside URLs.
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
    "\\<script>alert(1)\\</script>",
];

/// Ways of writing `javascript:` (and its cousins) that browsers or parsers accept.
const URL_PAYLOADS: &[&str] = &[
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#X6a;&#X61;vascript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "java&#9;script:alert(1)",
    "java&Tab;script:alert(1)",
    "java&#10;script:alert(1)",
    "java&#13;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "&#1;javascript:alert(1)",
    "&#x0;javascript:alert(1)",
    "&#32;javascript:alert(1)",
    "\\javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "data&#58;text/html,x",
    "livescript:alert(1)",
];

/// The Markdown constructs a URL can arrive through; `{}` is the URL.
const URL_FORMS: &[&str] = &[
    "[link]({})",
    "[link](<{}>)",
    "![image]({})",
    "[link][ref]\n\n[ref]: {}",
    "[ref]\n\n[ref]: {} \"title\"",
    "<{}>",
    "Note[^n].\n\n[^n]: [link]({})",
    "| a |\n|---|\n| [link]({}) |",
];

fn corpus() -> Vec<String> {
    let mut corpus: Vec<String> = HANDWRITTEN.iter().map(|s| s.to_string()).collect();
    for form in URL_FORMS {
        for payload in URL_PAYLOADS {
            corpus.push(form.replace("{}", payload));
        }
    }
    corpus
}

#[test]
fn the_corpus_is_large_and_covers_every_class() {
    let corpus = corpus();
    assert!(corpus.len() >= 150, "only {} inputs", corpus.len());
    println!(
        "hostile corpus: {} inputs ({} hand-written, {} URL payloads × {} forms)",
        corpus.len(),
        HANDWRITTEN.len(),
        URL_PAYLOADS.len(),
        URL_FORMS.len()
    );
}

#[test]
fn no_hostile_input_yields_anything_executable() {
    for options in [Options::ARTICLE, Options::COMMENT, Options::COMMONMARK] {
        for input in corpus() {
            let html = render(&input, &options).html;
            let problems = problems(&html);
            assert!(
                problems.is_empty(),
                "{input:?}\nrendered as\n{html}\nhas {problems:?}"
            );
        }
    }
}

#[test]
fn the_checker_itself_catches_what_it_should() {
    for bad in [
        "<script>x</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" java\tscript:x\">a</a>",
        "<p style=\"color:red\">x</p>",
        "<h2 id=\"location\">x</h2>",
        "<input type=text>",
    ] {
        assert!(!problems(bad).is_empty(), "missed {bad}");
    }
    assert!(problems("<p><a href=\"https://x.org\" rel=\"noopener\">x</a></p>").is_empty());
}
