//! Every view rendered to HTML from fixtures and compared with a checked-in file in
//! `tests/snapshots/`, so a change to what readers see is a reviewed diff. After a
//! deliberate change, `QUIRE_UPDATE_SNAPSHOTS=1 cargo test -p quire-views` writes
//! the new files; read the diff before committing it.

use leptos::prelude::*;
use quire_schema::{
    Archive, ArchiveEntry, Comment, Date, FeedPage, Image, LabelCount, LabelList, PageBundle,
    PopularEntry, PopularList, PostBundle, PostLink, PostSummary, Route, SearchFragment,
};
use quire_views::*;
use std::path::PathBuf;

fn date(text: &str) -> Date {
    text.parse().expect("fixture date")
}

fn site(endpoint: Option<&str>, base: &str) -> Site {
    Site {
        title: "Zythi <Insights> & Co".into(),
        base: base.into(),
        url: format!("https://example.org{base}"),
        comments_endpoint: endpoint.map(String::from),
        pages: Vec::new(),
    }
}

/// `view` rendered as the builder renders it: with the site, without the app.
fn render(site: Site, view: impl FnOnce() -> AnyView) -> String {
    Owner::new().with(|| {
        provide_context(site);
        provide_context(quire_views::CommentMarkdown::HERE);
        view().to_html()
    })
}

/// Compares `html` with `tests/snapshots/<name>.html` (one element boundary a line,
/// for readable diffs), or writes it when asked to.
fn snapshot(name: &str, html: &str) {
    let shown = html.replace("><", ">\n<") + "\n";
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/{name}.html"));
    if std::env::var_os("QUIRE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("snapshot folder");
        std::fs::write(&path, &shown).expect("snapshot written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with QUIRE_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if expected != shown {
        let line = expected
            .lines()
            .zip(shown.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(shown.lines().count()));
        panic!(
            "{name}: the markup changed at line {}:\n  expected: {:?}\n  got:      {:?}\n\
             If the change is wanted, run with QUIRE_UPDATE_SNAPSHOTS=1 and review the diff.",
            line + 1,
            expected.lines().nth(line),
            shown.lines().nth(line)
        );
    }
}

fn summary(slug: &str, title: &str, comments: u32, labels: &[&str]) -> PostSummary {
    PostSummary {
        slug: slug.into(),
        title: title.into(),
        date: date("2026-01-27"),
        author: "Ann <Author>".into(),
        labels: labels.iter().map(|l| l.to_string()).collect(),
        excerpt: "An excerpt with <b>markup</b> & an ampersand.".into(),
        bundle: "data/h/0.json".into(),
        comments,
    }
}

fn link(slug: &str, title: &str) -> PostLink {
    PostLink {
        slug: slug.into(),
        title: title.into(),
    }
}

fn comment(id: &str, author: &str, markdown: &str, replies: Vec<Comment>) -> Comment {
    Comment {
        id: id.into(),
        author: author.into(),
        date: date("2026-02-01"),
        markdown: markdown.into(),
        replies,
    }
}

fn post() -> PostBundle {
    PostBundle {
        format: quire_schema::FORMAT_VERSION,
        slug: "europe-and-the-sea".into(),
        title: "Europe & the sea".into(),
        date: date("2026-01-27"),
        author: "Ann".into(),
        labels: vec!["europe".into(), "trade".into()],
        summary: "A summary.".into(),
        excerpt_only: false,
        folder: false,
        unpublished: None,
        markdown: "Intro with a [link](https://example.com) and an image:\n\n\
                   ![A harbour](/static/harbour.png)\n\n## Ports\n\nText.\n\n\
                   ```rust\nfn main() {}\n```\n\n### Northern ports\n\n<script>alert(1)</script>\n"
            .into(),
        code: vec![],
        pictures: vec![],
        newer: Some(link("newer-post", "A newer post")),
        older: Some(link("older-post", "An older post")),
        related: vec![link("related-one", "Related one")],
        comments: vec![
            comment(
                "c1",
                "Bea",
                "Great post. <script>alert(1)</script> [spam](https://spam.example)",
                vec![comment("c1-r1", "Ann", "Thank you, *Bea*.", vec![])],
            ),
            comment("c2", "Cy", "A second thought.", vec![]),
        ],
    }
}

fn article(endpoint: Option<&str>) -> String {
    render(site(endpoint, "/"), || {
        let post = post();
        let rendered = quire_markdown::render_with_code(
            &post.markdown,
            &quire_markdown::Options::ARTICLE,
            &post.code,
        );
        view! {
            <PostPage popular=|| view! { <PopularEntries list=popular() /> }>
                <Article post rendered />
            </PostPage>
        }
        .into_any()
    })
}

fn popular() -> PopularList {
    PopularList {
        format: quire_schema::FORMAT_VERSION,
        posts: vec![
            PopularEntry {
                slug: "most-read".into(),
                title: "Most read".into(),
                excerpt: "Read by many.".into(),
                thumbnail: Some(Image {
                    src: "/static/map.png".into(),
                    alt: "A map".into(),
                }),
            },
            PopularEntry {
                slug: "second".into(),
                title: "Second".into(),
                excerpt: "Read by some.".into(),
                thumbnail: Some(Image {
                    src: "https://images.example/remote.jpg".into(),
                    alt: String::new(),
                }),
            },
        ],
    }
}

#[test]
fn article_with_comments_replies_and_a_comments_endpoint() {
    snapshot(
        "article-comments-open",
        &article(Some("https://comments.example/api")),
    );
}

#[test]
fn article_with_comments_closed() {
    snapshot("article-comments-closed", &article(None));
}

#[test]
fn excerpt_only_article_without_neighbours() {
    let html = render(site(None, "/"), || {
        let post = PostBundle {
            excerpt_only: true,
            newer: None,
            older: None,
            related: vec![],
            comments: vec![],
            markdown: "Just a paragraph.".into(),
            ..post()
        };
        let rendered = quire_markdown::render(&post.markdown, &quire_markdown::Options::ARTICLE);
        view! { <Article post rendered /> }.into_any()
    });
    snapshot("article-excerpt-only", &html);
}

fn page(n: u32, total: u32, posts: Vec<PostSummary>) -> FeedPage {
    FeedPage {
        format: quire_schema::FORMAT_VERSION,
        page: n,
        total_pages: total,
        total_posts: posts.len() as u32,
        posts,
    }
}

#[test]
fn home_feed_first_page_of_three() {
    let html = render(site(None, "/"), || {
        let feed = page(
            1,
            3,
            vec![
                summary("a", "First & best", 0, &["europe"]),
                summary("b", "Second", 3, &[]),
            ],
        );
        view! {
            <Listing label=None page=1>
                <FeedEntries label=None page=feed />
            </Listing>
        }
        .into_any()
    });
    snapshot("feed-home-page-1", &html);
}

#[test]
fn label_feed_middle_page_under_a_sub_path() {
    let html = render(site(None, "/blog/"), || {
        let feed = page(2, 3, vec![summary("c", "Third", 1, &["europe", "trade"])]);
        view! {
            <Listing label=Some("europe".to_string()) page=2>
                <FeedEntries label=Some("europe".to_string()) page=feed />
            </Listing>
        }
        .into_any()
    });
    snapshot("feed-label-page-2-subpath", &html);
}

#[test]
fn empty_feed() {
    let html = render(site(None, "/"), || {
        view! {
            <Listing label=None page=1>
                <FeedEntries label=None page=page(1, 1, vec![]) />
            </Listing>
        }
        .into_any()
    });
    snapshot("feed-empty", &html);
}

#[test]
fn popular_page() {
    let html = render(site(None, "/blog/"), || {
        view! {
            <Popular standalone=true>
                <PopularEntries list=popular() standalone=true />
            </Popular>
        }
        .into_any()
    });
    snapshot("popular-standalone-subpath", &html);
}

#[test]
fn archive_page() {
    let html = render(site(None, "/"), || {
        let entry = |slug: &str, title: &str, day: &str| ArchiveEntry {
            slug: slug.into(),
            title: title.into(),
            date: date(day),
            bundle: "data/h/3.json".into(),
        };
        let archive = Archive {
            format: quire_schema::FORMAT_VERSION,
            posts: vec![
                entry("c", "Third <post>", "2026-02-03"),
                entry("b", "Second", "2026-01-20"),
                entry("a", "First", "2025-12-24"),
            ],
        };
        let labels = LabelList {
            format: quire_schema::FORMAT_VERSION,
            labels: vec![
                LabelCount {
                    name: "europe".into(),
                    count: 2,
                },
                LabelCount {
                    name: "trade".into(),
                    count: 1,
                },
            ],
        };
        view! {
            <ArchivePage
                labels=move || view! { <LabelCloud list=labels.clone() /> }
                years=move || view! { <ArchiveYears archive=archive.clone() /> }
            />
        }
        .into_any()
    });
    snapshot("archive", &html);
}

#[test]
fn search_page_before_and_after_a_query() {
    let labels = || LabelList {
        format: quire_schema::FORMAT_VERSION,
        labels: vec![LabelCount {
            name: "europe".into(),
            count: 2,
        }],
    };
    let before = render(site(None, "/"), move || {
        view! {
            <SearchPage query="" labels=move || view! { <LabelCloud list=labels() /> }>
                <SearchResults answer=None />
            </SearchPage>
        }
        .into_any()
    });
    snapshot("search-empty", &before);
    let after = render(site(None, "/"), move || {
        let hit = |slug: &str, title: &str, text: &str| SearchFragment {
            format: quire_schema::FORMAT_VERSION,
            slug: slug.into(),
            title: title.into(),
            date: date("2026-01-27"),
            labels: vec![],
            summary: "How <Europe> trades by sea.".into(),
            text: text.into(),
            bundle: "data/h/4.json".into(),
        };
        let long = format!(
            "{} Europe's ports <b>grow</b>. {}",
            "Before. ".repeat(12),
            "After. ".repeat(30)
        );
        let hits = vec![
            hit("europe-and-the-sea", "Europe and the sea", &long),
            hit("quiet-ports", "Quiet ports", "No match in this text."),
        ];
        view! {
            <SearchPage query="europe" labels=move || view! { <LabelCloud list=labels() /> }>
                <SearchResults answer=Some(quire_search::show("europe", 12, hits)) />
            </SearchPage>
        }
        .into_any()
    });
    snapshot("search-results", &after);
}

#[test]
fn not_found_page() {
    let html = render(site(None, "/blog/"), || view! { <NotFound /> }.into_any());
    snapshot("not-found-subpath", &html);
}

#[test]
fn post_folder_article_shows_its_own_images() {
    let html = render(site(None, "/"), || {
        let post = PostBundle {
            folder: true,
            markdown: "![The harbour at dawn](harbour.jpg)\n\n[The map](./map.pdf)\n".into(),
            comments: vec![],
            ..post()
        };
        let rendered = quire_markdown::render_in(
            &post.markdown,
            &quire_markdown::Options::ARTICLE,
            &post.code,
            quire_markdown::Place {
                root: "/",
                files: &quire_schema::post_files_base(&post.slug, post.folder),
            },
            &post.pictures,
        );
        view! { <Article post rendered /> }.into_any()
    });
    assert!(
        html.contains(r#"src="/posts/europe-and-the-sea/harbour.jpg""#),
        "{html}"
    );
    snapshot("article-post-folder", &html);
}

#[test]
fn site_page_in_a_layout_listing_the_pages() {
    let mut with_pages = site(None, "/blog/");
    with_pages.pages = vec![link("about", "About <us>"), link("contact", "Contact")];
    let html = render(with_pages, || {
        let page = PageBundle {
            format: quire_schema::FORMAT_VERSION,
            slug: "about".into(),
            title: "About <us>".into(),
            summary: "Who writes here.".into(),
            markdown: "We write about *Europe*. <script>alert(1)</script>\n".into(),
            code: vec![],
            pictures: vec![],
        };
        let rendered = quire_markdown::render_in(
            &page.markdown,
            &quire_markdown::Options::ARTICLE,
            &page.code,
            quire_markdown::Place {
                root: "/blog/",
                files: "/",
            },
            &[],
        );
        view! {
            <Layout current=Route::Page { slug: "about".into() }>
                <PageArticle page rendered />
            </Layout>
        }
        .into_any()
    });
    assert!(
        html.contains(r#"<a href="/blog/about" aria-current="page">About &lt;us&gt;</a>"#),
        "{html}"
    );
    assert!(!html.contains("<script>alert"));
    snapshot("page-about", &html);
}

#[test]
fn layout_marks_the_current_section() {
    let html = render(site(None, "/"), || {
        view! {
            <Layout current=Route::Archive>
                <p>"Content"</p>
            </Layout>
        }
        .into_any()
    });
    snapshot("layout-archive", &html);
}

#[test]
fn views_write_no_script_from_data() {
    let html = article(Some("https://comments.example/api"));
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<b>markup"));
}

#[test]
fn a_preview_marks_drafts_and_scheduled_posts_and_a_published_post_has_no_mark() {
    let article = |unpublished| {
        render(site(None, "/"), move || {
            let post = PostBundle {
                unpublished,
                comments: vec![],
                ..post()
            };
            let rendered =
                quire_markdown::render(&post.markdown, &quire_markdown::Options::ARTICLE);
            view! { <Article post rendered /> }.into_any()
        })
    };
    let draft = article(Some(quire_schema::Unpublished::Draft));
    assert!(
        draft.contains(r#"class="unpublished-note">Draft: only this preview"#),
        "{draft}"
    );
    let scheduled = article(Some(quire_schema::Unpublished::Scheduled));
    assert!(
        scheduled.contains("Scheduled: goes live on "),
        "{scheduled}"
    );
    assert!(!article(None).contains("unpublished-note"));
}
