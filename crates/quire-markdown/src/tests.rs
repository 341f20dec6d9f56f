use super::*;

#[test]
fn headings_paragraphs_and_lists_render() {
    let html = render_html("## A heading\n\nSome *text*.\n\n- one\n- two\n");
    assert!(
        html.contains(r#"<h2 id="sec-a-heading">A heading<a class="anchor""#),
        "{html}"
    );
    assert!(html.contains("<p>Some <em>text</em>.</p>"), "{html}");
    assert!(
        html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        "{html}"
    );
}

#[test]
fn tables_footnotes_strikethrough_and_tasks_render() {
    let html = render_html(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1] ~~old~~\n\n- [x] done\n\n[^1]: The note.\n",
    );
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("<td>1</td>"), "{html}");
    assert!(html.contains("footnote-reference"), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains(r#"type="checkbox""#), "{html}");
}

#[test]
fn code_blocks_keep_their_language_and_escape_their_text() {
    let html = render_html("```rust\nlet x = a < b;\n```\n");
    assert!(html.contains(r#"<code class="language-rust">"#), "{html}");
    assert!(html.contains("a &lt; b"), "{html}");
}

#[test]
fn raw_html_blocks_are_shown_as_text() {
    let html = render_html("<script>alert(1)</script>\n\ntext");
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

#[test]
fn inline_html_is_shown_as_text() {
    let html = render_html("a <img src=x onerror=alert(1)> b");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
}

#[test]
fn script_urls_are_neutralised_in_every_disguise() {
    let attacks = [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](&#0;javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ];
    for attack in attacks {
        let html = render_html(attack);
        for url in url_attributes(&html) {
            assert!(!runs_script(url), "{attack:?} gave {html}");
        }
    }
}

/// Whether a browser would run `attribute` (as written in HTML) as script: decoded,
/// stripped of leading controls and spaces, tabs and newlines removed, as browsers do.
fn runs_script(attribute: &str) -> bool {
    let decoded = attribute
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let seen: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| seen.starts_with(scheme))
}

/// The values of every href= and src= attribute in `html`.
fn url_attributes(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(&rest[..end]);
        }
    }
    found
}

#[test]
fn ordinary_urls_are_kept() {
    let html = render_html(
        "[a](https://example.org/x?y=1) [b](/posts/other) [c](#top) [d](mailto:me@example.org) [e](other.html)",
    );
    for href in [
        "https://example.org/x?y=1",
        "/posts/other",
        "#top",
        "mailto:me@example.org",
        "other.html",
    ] {
        assert!(
            html.contains(&format!(r#"href="{href}""#)),
            "{href} in {html}"
        );
    }
}

#[test]
fn url_check_handles_controls_and_case() {
    assert!(!is_safe_url("\u{1}javascript:x"));
    assert!(!is_safe_url(" JAVASCRIPT:x"));
    assert!(!is_safe_url("jav\nascript:x"));
    assert!(is_safe_url("HTTPS://example.org"));
    assert!(
        is_safe_url("javascript%3Ax"),
        "percent-encoded: a relative path"
    );
    assert!(is_safe_url("path/with:colon"));
    assert!(is_safe_url("foo):"), "not a scheme: a relative path");
    assert!(!is_safe_url("a+b.c-d:x"), "an unknown but valid scheme");
    assert!(!is_safe_url("localhost:5001/x"));
}

#[test]
fn excerpts_are_plain_text_cut_at_a_word() {
    let md = "# Title\n\nThe *first* paragraph has [a link](https://x.org).\n\nSecond one.";
    assert_eq!(
        excerpt(md, 200),
        "The first paragraph has a link. Second one."
    );
    assert_eq!(excerpt(md, 20), "The first paragraph…");
}

#[test]
fn text_that_is_not_ascii_is_cut_by_characters_however_it_comes() {
    // Two bytes a character: past the limit in bytes long before in characters,
    // in pieces (emphasis) or in one.
    let pieces = "*éé* ".repeat(100);
    let whole = "éé ".repeat(100);
    let expected = "éé éé éé éé éé éé…";
    assert_eq!(excerpt(&pieces, 20), expected);
    assert_eq!(excerpt(&whole, 20), expected);
    assert_eq!(excerpt(&"é".repeat(30), 40), "é".repeat(30), "not cut");
}

#[test]
fn short_text_is_not_cut() {
    assert_eq!(excerpt("Short.", 50), "Short.");
    assert_eq!(excerpt("", 50), "");
}

#[test]
fn table_alignment_is_a_class_never_a_style() {
    let html = render_html("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
    assert!(!html.contains("style"), "{html}");
    assert!(html.contains(r#"<th class="align-left">l</th>"#), "{html}");
    assert!(
        html.contains(r#"<td class="align-center">2</td>"#),
        "{html}"
    );
    assert!(html.contains(r#"<td class="align-right">3</td>"#), "{html}");
    assert!(html.contains("<td>4</td>"), "{html}");
}

#[test]
fn headings_get_unique_prefixed_ids_and_a_table_of_contents() {
    let out = render(
        "# Intro\n\n## Intro\n\n### `code` & *more*\n\n## location\n",
        &Options::ARTICLE,
    );
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["sec-intro", "sec-intro-1", "sec-code-more", "sec-location"]
    );
    assert_eq!(out.headings[2].text, "code & more");
    assert_eq!(out.headings[2].level, 3);
    assert!(
        out.html
            .contains(r##"<a class="anchor" href="#sec-intro-1""##),
        "{}",
        out.html
    );
    assert!(
        !out.html.contains(r#"id="location""#),
        "ids never equal author text"
    );
}

#[test]
fn images_keep_alt_text_and_load_lazily() {
    let out = render(
        "![A *map* of Europe](map.png \"Europe\")",
        &Options::ARTICLE,
    );
    assert!(
        out.html.contains(
            r#"<img src="map.png" alt="A map of Europe" title="Europe" loading="lazy" decoding="async" />"#
        ),
        "{}",
        out.html
    );
    assert_eq!(
        out.images,
        [Image {
            src: "map.png".into(),
            alt: "A map of Europe".into(),
            offset: 0
        }]
    );
}

#[test]
fn an_image_with_a_refused_url_becomes_its_alt_text() {
    let html = render_html("![the alt](javascript:alert(1))");
    assert_eq!(html, "<p>the alt</p>\n");
}

#[test]
fn external_links_are_marked_and_comment_links_more_so() {
    let md = "[out](https://example.org) [in](/posts/x)";
    let article = render_html(md);
    assert!(
        article.contains(r#"<a href="https://example.org" rel="noopener noreferrer">"#),
        "{article}"
    );
    assert!(article.contains(r#"<a href="/posts/x">"#), "{article}");
    let comment = render(md, &Options::COMMENT).html;
    assert!(
        comment.contains(r#"rel="nofollow ugc noopener noreferrer""#),
        "{comment}"
    );
}

#[test]
fn footnote_ids_are_prefixed() {
    let html = render_html("See[^cookie].\n\n[^cookie]: A note.\n");
    assert!(html.contains(r##"<a href="#fn-cookie">1</a>"##), "{html}");
    assert!(html.contains(r#"id="fn-cookie""#), "{html}");
    assert!(!html.contains(r#"id="cookie""#), "{html}");
}

#[test]
fn words_and_reading_time_come_from_the_same_pass() {
    let prose = "word ".repeat(460);
    let out = render(
        &format!("# Title\n\n{prose}\n\n```\nnot counted\n```\n"),
        &Options::ARTICLE,
    );
    assert_eq!(out.words, 461);
    assert_eq!(out.reading_minutes(), 3);
    assert_eq!(render("", &Options::ARTICLE).reading_minutes(), 1);
}

#[test]
fn commonmark_mode_has_no_decorations_but_the_same_safety() {
    let out = render(
        "# Hi\n\n![a](b.png) [x](javascript:y) <b>raw</b>",
        &Options::COMMONMARK,
    );
    assert_eq!(
        out.html,
        "<h1>Hi</h1>\n<p><img src=\"b.png\" alt=\"a\" /> <a>x</a> &lt;b&gt;raw&lt;/b&gt;</p>\n"
    );
}

#[test]
fn email_autolinks_become_mailto_links() {
    let html = render_html("<me@example.org>");
    assert!(
        html.contains(r#"<a href="mailto:me@example.org">me@example.org</a>"#),
        "{html}"
    );
}

#[test]
fn text_over_the_size_cap_gets_a_message_instead() {
    let huge = "a".repeat(MAX_MARKDOWN_BYTES + 1);
    let out = render(&huge, &Options::ARTICLE);
    assert!(
        out.html
            .starts_with("<p class=\"too-large\">Not shown: this text is 2.0 MB"),
        "{}",
        &out.html[..80]
    );
    assert!(out.html.len() < 200);
    let at_cap = "a".repeat(MAX_MARKDOWN_BYTES);
    assert!(too_large(&at_cap).is_none());
}

#[test]
fn images_report_where_they_are() {
    let out = render(
        "Text.\n\nMore ![](a.png) and ![b](b.png)",
        &Options::ARTICLE,
    );
    let offsets: Vec<_> = out
        .images
        .iter()
        .map(|i| (i.offset, i.alt.as_str()))
        .collect();
    assert_eq!(offsets, [(12, ""), (27, "b")]);
}

#[test]
fn code_runs_become_classed_spans_with_escaped_text() {
    let md = "Intro\n\n```rust\nlet x = \"<b>\";\n```\n\n    indented\n";
    let blocks = code_blocks(md);
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].language.as_deref(), Some("rust"));
    assert_eq!(blocks[0].text, "let x = \"<b>\";\n");
    // let(kw, 3) " x = "(plain, 5) "\"<b>\""(string, 5) ";\n"(plain, 2)
    let runs = vec![vec![1, 3, 0, 5, 2, 5, 0, 2], vec![]];
    let html = render_with_code(md, &Options::ARTICLE, &runs).html;
    assert!(
        html.contains(
            r#"<code class="language-rust"><span class="tok-kw">let</span> x = <span class="tok-str">&quot;&lt;b&gt;&quot;</span>;"#
        ),
        "{html}"
    );
    assert!(
        html.contains("<pre><code>indented\n</code></pre>"),
        "{html}"
    );
}

#[test]
fn code_runs_that_do_not_fit_are_ignored() {
    let md = "```js\nabc\n```\n";
    let plain = render(md, &Options::ARTICLE).html;
    for runs in [
        vec![1, 3], // too short
        vec![1, 9], // too long
        vec![9, 4], // unknown kind
        vec![1],    // not pairs
        vec![1, u32::MAX, 1, 5],
    ] {
        assert_eq!(
            render_with_code(md, &Options::ARTICLE, std::slice::from_ref(&runs)).html,
            plain,
            "{runs:?}"
        );
    }
    let accented = "```js\né\n```\n";
    assert!(
        !render_with_code(accented, &Options::ARTICLE, &[vec![1, 1, 0, 2]])
            .html
            .contains("span")
    );
}

#[test]
fn bare_web_addresses_become_links() {
    let html = render_html(
        "See https://example.org/a_b_(c), and www.rust-lang.org. Also (https://x.org/y).",
    );
    assert!(
        html.contains(r#"<a href="https://example.org/a_b_(c)" rel="noopener noreferrer">https://example.org/a_b_(c)</a>, and"#),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<a href="http://www.rust-lang.org" rel="noopener noreferrer">www.rust-lang.org</a>."#
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r#"(<a href="https://x.org/y" rel="noopener noreferrer">https://x.org/y</a>)."#
        ),
        "{html}"
    );
}

#[test]
fn bare_addresses_are_left_alone_where_they_are_not_prose() {
    for md in [
        "`https://x.org`",
        "[https://x.org](/here)",
        "```\nhttps://x.org\n```",
        "xhttps://x.org",
        "https://nodot",
    ] {
        let html = render_html(md);
        assert!(
            !html.contains("href=\"https://x.org") && !html.contains("href=\"https://nodot"),
            "{md}: {html}"
        );
    }
    assert!(!render("https://x.org", &Options::COMMONMARK)
        .html
        .contains("<a"));
}

#[test]
fn links_report_where_they_are() {
    let out = render(
        "Intro.\n\nSee [a](/posts/a) and <https://x.org>.",
        &Options::ARTICLE,
    );
    let links: Vec<_> = out
        .links
        .iter()
        .map(|l| (l.dest.as_str(), l.offset))
        .collect();
    assert_eq!(links, [("/posts/a", 12), ("https://x.org", 30)]);
}

#[test]
fn only_long_posts_with_several_sections_get_a_table_of_contents() {
    let sections = "## One\n\ntext\n\n### One a\n\ntext\n\n## Two\n\ntext\n\n#### Deep\n";
    let short = render(sections, &Options::ARTICLE);
    assert!(short.contents().is_empty(), "too short to need one");
    let long = format!("{sections}\n{}\n", "word ".repeat(800));
    let listed: Vec<_> = render(&long, &Options::ARTICLE)
        .contents()
        .iter()
        .map(|h| h.text.clone())
        .collect();
    assert_eq!(listed, ["One", "One a", "Two"], "h2 and h3 only");
    let one_section = format!("## Only\n\n{}\n", "word ".repeat(900));
    assert!(render(&one_section, &Options::ARTICLE)
        .contents()
        .is_empty());
}

#[test]
fn plain_text_keeps_headings_and_prose_and_drops_code() {
    let text = crate::plain_text("# Title\n\nSome *words*.\n\n```\nlet x;\n```\n\n- item `c`\n");
    assert_eq!(text, "Title Some words. item c");
}

#[test]
fn sizes_are_shown_in_megabytes_to_one_decimal() {
    assert_eq!(crate::megabytes(5 << 20), "5.0");
    assert_eq!(crate::megabytes((5 << 20) + (1 << 19)), "5.5");
    assert_eq!(crate::megabytes(2_300_000), "2.2");
    assert_eq!(crate::megabytes(0), "0.0");
}

#[test]
fn relative_links_and_images_resolve_against_the_post_folder() {
    let markdown = "![A map](map.png) [notes](./notes.pdf) [top](#sec-x) [home](/about) \
                    [web](https://example.org/a) [mail](mailto:a@b.c) [bad](javascript:x)";
    let rendered = crate::render_in(
        markdown,
        &Options::ARTICLE,
        &[],
        in_files("/posts/trip/"),
        &[],
    );
    assert!(
        rendered.html.contains(r#"src="/posts/trip/map.png""#),
        "{}",
        rendered.html
    );
    assert!(rendered.html.contains(r#"href="/posts/trip/notes.pdf""#));
    assert!(rendered.html.contains(r##"href="#sec-x""##));
    assert!(rendered.html.contains(r#"href="/about""#));
    assert!(rendered.html.contains(r#"href="https://example.org/a""#));
    assert!(rendered.html.contains(r#"href="mailto:a@b.c""#));
    assert!(!rendered.html.contains("javascript"));
    // What the checks see is what the author wrote, to quote it back.
    assert_eq!(rendered.images[0].src, "map.png");
    // Without a base, everything stays as written.
    let plain = crate::render(markdown, &Options::ARTICLE);
    assert!(plain.html.contains(r#"src="map.png""#));
}

/// A document published at the site's root, its relative files under `files`.
fn in_files(files: &str) -> crate::Place<'_> {
    crate::Place { root: "/", files }
}

#[test]
fn a_site_below_the_hosts_root_has_every_site_path_under_it() {
    let markdown = "![A map](map.png) ![A chart](/static/chart.svg) ![A photo](photo.jpg) \
                    [about](/about) [a post](/posts/x#part) [already](/blog/posts/y) \
                    [top](#sec-x) [web](https://example.org/a) [net](//example.org/b)";
    let photo = quire_schema::Picture {
        src: "/posts/trip/photo.jpg".to_string(),
        width: 1600,
        height: 1200,
        stem: "/data/img/abc".to_string(),
        widths: vec![480, 720],
        own: "jpg".to_string(),
    };
    let place = crate::Place {
        root: "/blog/",
        files: "/posts/trip/",
    };
    let html = crate::render_in(markdown, &Options::ARTICLE, &[], place, &[photo]).html;
    for expected in [
        r#"src="/blog/posts/trip/map.png""#,
        r#"src="/blog/static/chart.svg""#,
        r#"srcset="/blog/data/img/abc-480.webp 480w, /blog/data/img/abc-720.webp 720w""#,
        r#"src="/blog/data/img/abc-720.jpg""#,
        r#"href="/blog/about""#,
        r#"href="/blog/posts/x#part""#,
        r#"href="/blog/posts/y""#,
        r##"href="#sec-x""##,
        r#"href="https://example.org/a""#,
        r#"href="//example.org/b""#,
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
}

mod pictures {
    use super::in_files;
    use crate::{render_in, Options};
    use quire_schema::Picture;

    fn photo(src: &str) -> Picture {
        Picture {
            src: src.to_string(),
            width: 4032,
            height: 3024,
            stem: "/data/img/0123456789abcdef".to_string(),
            widths: vec![480, 800, 1200, 1600],
            own: "jpg".to_string(),
        }
    }

    #[test]
    fn a_published_photo_gets_its_size_and_every_width_in_webp_and_its_own_format() {
        let html = render_in(
            "![A harbour](harbour.jpg)\n",
            &Options::ARTICLE,
            &[],
            in_files("/posts/x/"),
            &[photo("/posts/x/harbour.jpg")],
        )
        .html;
        assert_eq!(
            html,
            "<p><picture><source type=\"image/webp\" srcset=\"/data/img/0123456789abcdef-480.webp 480w, \
             /data/img/0123456789abcdef-800.webp 800w, /data/img/0123456789abcdef-1200.webp 1200w, \
             /data/img/0123456789abcdef-1600.webp 1600w\" sizes=\"(min-width: 40rem) 37rem, calc(100vw - 2.5rem)\" />\
             <img src=\"/data/img/0123456789abcdef-800.jpg\" srcset=\"/data/img/0123456789abcdef-480.jpg 480w, \
             /data/img/0123456789abcdef-800.jpg 800w, /data/img/0123456789abcdef-1200.jpg 1200w, \
             /data/img/0123456789abcdef-1600.jpg 1600w\" sizes=\"(min-width: 40rem) 37rem, calc(100vw - 2.5rem)\" \
             width=\"4032\" height=\"3024\" alt=\"A harbour\" fetchpriority=\"high\" decoding=\"async\" />\
             </picture></p>\n"
        );
    }

    #[test]
    fn only_a_first_image_near_the_top_loads_at_once() {
        let pictures = [photo("/a.jpg"), photo("/b.jpg")];
        let render =
            |md: &str| render_in(md, &Options::ARTICLE, &[], in_files("/"), &pictures).html;
        let both = render("![A](/a.jpg)\n\n![B](/b.jpg)\n");
        assert_eq!(both.matches("fetchpriority=\"high\"").count(), 1);
        assert_eq!(both.matches("loading=\"lazy\"").count(), 1);
        assert!(both.find("fetchpriority").unwrap() < both.find("/b.jpg").unwrap_or(usize::MAX));
        let late = render(&format!("{}\n\n![A](/a.jpg)\n", "word ".repeat(80)));
        assert!(!late.contains("fetchpriority"));
        assert!(late.contains("loading=\"lazy\""));
    }

    #[test]
    fn an_image_of_one_width_names_its_file_without_claiming_the_column() {
        let mut icon = photo("/icon.png");
        (icon.width, icon.height, icon.widths, icon.own) = (64, 64, vec![64], "png".into());
        let html = render_in(
            "Text first. ![An icon](/icon.png)",
            &Options::ARTICLE,
            &[],
            in_files("/"),
            &[icon],
        )
        .html;
        assert!(html.contains(
            "<picture><source type=\"image/webp\" srcset=\"/data/img/0123456789abcdef-64.webp\" />\
             <img src=\"/data/img/0123456789abcdef-64.png\" width=\"64\" height=\"64\""
        ), "{html}");
        assert!(!html.contains("sizes="), "{html}");
    }

    #[test]
    fn a_gif_keeps_its_address_and_gets_its_size() {
        let gif = Picture {
            src: "/moving.gif".to_string(),
            width: 300,
            height: 200,
            stem: String::new(),
            widths: Vec::new(),
            own: String::new(),
        };
        let html = render_in(
            "![Moving](/moving.gif)",
            &Options::ARTICLE,
            &[],
            in_files("/"),
            &[gif],
        )
        .html;
        assert!(html.contains(
            "<img src=\"/moving.gif\" width=\"300\" height=\"200\" alt=\"Moving\" loading=\"lazy\""
        ));
        assert!(!html.contains("<picture"));
    }

    #[test]
    fn a_tampered_picture_falls_back_to_the_plain_image() {
        let mut bad = photo("/a.jpg");
        bad.stem = "javascript:alert(1)//".to_string();
        let html = render_in(
            "![A](/a.jpg)",
            &Options::ARTICLE,
            &[],
            in_files("/"),
            &[bad.clone()],
        )
        .html;
        assert!(
            !html.contains("javascript") && !html.contains("srcset"),
            "{html}"
        );
        bad.stem = "/data/img/x".to_string();
        bad.own = "svg\" onerror=\"alert(1)".to_string();
        let html = render_in(
            "![A](/a.jpg)",
            &Options::ARTICLE,
            &[],
            in_files("/"),
            &[bad],
        )
        .html;
        assert!(
            !html.contains("onerror") && !html.contains("srcset"),
            "{html}"
        );
        assert!(html.contains("<img src=\"/a.jpg\""));
    }

    #[test]
    fn an_image_the_build_did_not_process_is_written_as_before() {
        let html = render_in(
            "![Far](https://example.org/x.png)",
            &Options::ARTICLE,
            &[],
            in_files("/"),
            &[photo("/a.jpg")],
        )
        .html;
        assert_eq!(
            html,
            "<p><img src=\"https://example.org/x.png\" alt=\"Far\" loading=\"lazy\" decoding=\"async\" /></p>\n"
        );
    }
}
