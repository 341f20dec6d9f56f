//! The image step as a whole: a post folder with photos comes out with sized,
//! resized pictures in its bundle and page, a preview crop, small thumbnails, and
//! no original published.

use crate::images;
use quire_content::content::load;
use quire_content::fixtures::{content_dir, published};
use quire_images::fixtures::{jpeg, photo, with_exif};
use quire_schema::{decode, PopularList, PostBundle};
use std::fs;

const POST: &str = "+++\ntitle = \"Harbour\"\ndate = 2026-01-01\n+++\nAt dawn.\n\n\
                    ![The harbour](harbour.jpg)\n\n![Sideways](sideways.jpg)\n\n\
                    ![A chart](/charts/line.png)\n\n![Far](https://example.org/far.png)\n";

#[test]
fn a_post_s_photos_are_published_resized_sized_and_without_their_originals() {
    let dir = content_dir(&[]);
    let folder = dir.join("posts/harbour");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("index.md"), POST).unwrap();
    fs::write(folder.join("harbour.jpg"), jpeg(&photo(2000, 1500, 1), 90)).unwrap();
    fs::write(
        folder.join("sideways.jpg"),
        with_exif(&jpeg(&photo(900, 600, 2), 90), 6),
    )
    .unwrap();
    fs::create_dir_all(dir.join("static/charts")).unwrap();
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(photo(640, 400, 3))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    fs::write(dir.join("static/charts/line.png"), png).unwrap();
    fs::write(dir.join("popularity.toml"), "[views]\nharbour = 10\n").unwrap();
    // A page shows the chart too: it gets the same picture.
    fs::create_dir_all(dir.join("pages")).unwrap();
    fs::write(
        dir.join("pages/about.md"),
        "+++\ntitle = \"About\"\n+++\nOur chart:\n\n![A chart](/charts/line.png)\n",
    )
    .unwrap();

    let loaded = load(&dir);
    let mut content = loaded.content.expect("the content loads");
    let cache = quire_images::Cache::new(dir.join("image-cache"));
    let (processing, problems) = images::process(&content, &cache);
    assert!(problems.is_empty(), "{problems:?}");
    let images = images::apply(&mut content, &processing);

    let post = &content.posts[0];
    let sizes: Vec<_> = post
        .pictures
        .iter()
        .map(|p| (p.src.as_str(), p.width, p.height, p.widths.clone()))
        .collect();
    assert_eq!(
        sizes,
        [
            (
                "/posts/harbour/harbour.jpg",
                2000,
                1500,
                vec![480, 720, 1080, 1280]
            ),
            ("/posts/harbour/sideways.jpg", 600, 900, vec![480, 600]),
            ("/charts/line.png", 640, 400, vec![480, 640]),
        ]
    );
    let html = &post.rendered.html;
    assert!(html.contains("width=\"2000\" height=\"1500\""));
    assert!(html.contains("srcset=\"/data/img/"));
    assert!(html.contains("https://example.org/far.png"));
    assert!(!html.contains("harbour.jpg") && !html.contains("line.png"));
    assert_eq!(html.matches("fetchpriority=\"high\"").count(), 1);
    let page = &content.pages[0];
    assert_eq!(page.pictures.len(), 1);
    assert!(page.rendered.html.contains("width=\"640\" height=\"400\""));
    assert!(!page.rendered.html.contains("line.png"));

    let site = crate::site::make(&content, &dir, None, &dir, &images, None).unwrap();
    let published: Vec<&str> = site.copies.iter().map(|(_, to)| to.as_str()).collect();
    assert!(!published.iter().any(|p| p.ends_with("harbour.jpg")));
    assert!(!published.iter().any(|p| p.ends_with("line.png")));
    for (from, _) in &site.copies {
        assert!(from.exists(), "{}", from.display());
    }
    let share = post.share_image.as_deref().expect("a preview image");
    assert!(
        published.contains(&share.trim_start_matches('/')),
        "{share}"
    );

    let bundle: PostBundle =
        decode(crate::tests::file(&site.files, "data/posts/harbour.json")).unwrap();
    assert_eq!(bundle.pictures, post.pictures);
    let popular: PopularList =
        decode(crate::tests::file(&site.files, "data/popular.json")).unwrap();
    let thumbnail = popular.posts[0].thumbnail.as_ref().expect("a thumbnail");
    assert!(thumbnail.src.ends_with("-480.webp"), "{}", thumbnail.src);
    let feed = crate::tests::file(&site.files, "atom.xml");
    assert!(feed.contains("-720.jpg"), "the feed names a small variant");
    assert!(!feed.contains("harbour.jpg"));

    // The originals go out when the site asks for them.
    content.site.publish_original_images = true;
    let images = images::apply(&mut content, &processing);
    let site = crate::site::make(&content, &dir, None, &dir, &images, None).unwrap();
    assert!(site
        .copies
        .iter()
        .any(|(_, to)| to.ends_with("harbour.jpg")));
}

#[test]
fn a_broken_image_is_an_error_at_its_place_and_a_misnamed_one_a_warning() {
    let dir = content_dir(&[(
        "pics.md",
        "+++\ntitle = \"Pics\"\ndate = 2026-01-01\n+++\nText.\n\n![Cut](/cut.jpg)\n\n![Named](/named.jpg)\n",
    )]);
    fs::create_dir_all(dir.join("static")).unwrap();
    let whole = jpeg(&photo(300, 200, 4), 90);
    fs::write(dir.join("static/cut.jpg"), &whole[..whole.len() / 2]).unwrap();
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(photo(30, 20, 5))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    fs::write(dir.join("static/named.jpg"), png).unwrap();
    let content = published(&dir);
    let cache = quire_images::Cache::new(dir.join("image-cache"));
    let (_, problems) = images::process(&content, &cache);
    let text: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(problems.len(), 2, "{text:?}");
    assert!(problems[0].is_error());
    assert!(
        text[0].contains("pics.md:7:1: error: the image `/cut.jpg` cannot be decoded"),
        "{}",
        text[0]
    );
    assert!(!problems[1].is_error());
    assert!(
        text[1].contains("pics.md:9:1: warning: the image `/named.jpg` is a PNG file"),
        "{}",
        text[1]
    );
}

#[test]
fn a_blog_below_the_hosts_root_names_its_pictures_files_and_links_under_its_path() {
    let dir = content_dir(&[(
        "other.md",
        &quire_content::fixtures::post("Other", "2026-01-02"),
    )]);
    let folder = dir.join("posts/harbour");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("index.md"),
        "+++\ntitle = \"Harbour\"\ndate = 2026-01-01\n+++\n![The harbour](harbour.jpg)\n\n\
         ![A chart](chart.svg)\n\nSee [the other post](/posts/other) and [the archive](/archive).\n",
    )
    .unwrap();
    fs::write(folder.join("harbour.jpg"), jpeg(&photo(1000, 750, 1), 90)).unwrap();
    fs::write(
        folder.join("chart.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    )
    .unwrap();
    fs::write(dir.join("popularity.toml"), "[views]\nharbour = 10\n").unwrap();

    let loaded = quire_content::content::load_at(&dir, Some("https://example.org/blog/"));
    let mut content = loaded.content.expect("the content loads");
    let cache = quire_images::Cache::new(dir.join("image-cache"));
    let (processing, problems) = images::process(&content, &cache);
    assert!(problems.is_empty(), "{problems:?}");
    let images = images::apply(&mut content, &processing);
    let post = content.posts.iter().find(|p| p.slug == "harbour").unwrap();
    let html = &post.rendered.html;
    for expected in [
        "srcset=\"/blog/data/img/",
        "src=\"/blog/posts/harbour/chart.svg\"",
        "href=\"/blog/posts/other\"",
        "href=\"/blog/archive\"",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    assert!(!html.contains("/blog/blog/"), "{html}");

    // Bundles keep site paths: the views put them under the base path.
    let site = crate::site::make(&content, &dir, None, &dir, &images, None).unwrap();
    let popular: PopularList =
        decode(crate::tests::file(&site.files, "data/popular.json")).unwrap();
    let harbour = popular.posts.iter().find(|p| p.slug == "harbour").unwrap();
    let thumbnail = harbour.thumbnail.as_ref().expect("a thumbnail");
    assert!(thumbnail.src.starts_with("/data/img/"), "{}", thumbnail.src);
    let feed = crate::tests::file(&site.files, "atom.xml");
    assert!(feed.contains("xml:base=\"https://example.org/blog/\""));
    assert!(feed.contains("/blog/data/img/") && !feed.contains("/blog/blog/"));
}
