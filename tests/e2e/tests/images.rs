//! Photos as a reader gets them: the sample blog with one more post, a folder of
//! ten phone-sized photos (one taken sideways, with a GPS position in its EXIF) and
//! an SVG that carries a script, built by `quire build` and read in Chromium at a
//! phone's width and a desktop's.

use quire_e2e::authoring::{check_and_build, copy_dir, photo_post};
use quire_e2e::{json, Reader};
use quire_images::fixtures::{jpeg, photo, with_exif};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const POST: &str = "/posts/harbour-in-ten-photos";
const PHOTOS: usize = 10;
/// Smaller than a phone's 4032×3024 so that the test builds fast; still wider
/// than every published width.
const PHOTO: (u32, u32) = (2000, 1500);

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
<rect width="120" height="60" fill="#1f4f8a"/>
<script>document.documentElement.setAttribute("data-pwned", "yes"); window.__pwned = 1;</script>
</svg>
"##;

/// The content folder and the site built from it, once for every test here.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("quire-e2e-images-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let content = root.join("content");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"),
            &content,
        );
        let photos: Vec<Vec<u8>> = (1..=PHOTOS)
            .map(|n| {
                let image = jpeg(&photo(PHOTO.0, PHOTO.1, n as u32), 90);
                // The third was taken with the phone on its side.
                if n == 3 {
                    with_exif(&image, 6)
                } else {
                    image
                }
            })
            .collect();
        photo_post(
            &content.join("posts/harbour-in-ten-photos"),
            "The harbour in ten photos",
            &photos,
            "![A diagram of the quay](/diagram.svg)\n",
        );
        std::fs::create_dir_all(content.join("static")).expect("static");
        std::fs::write(content.join("static/diagram.svg"), SVG).expect("the SVG");
        let site = root.join("site");
        let report = check_and_build(&content, &site);
        assert!(report.contains("published 10 images resized"), "{report}");
        site
    })
}

/// The width of the variant the browser chose for the first photo, once loaded.
fn chosen_width(reader: &Reader) -> String {
    reader.browser.wait_for(
        "the first photo",
        "const i = document.querySelector('.prose img'); return i && i.complete && i.naturalWidth > 0",
    );
    let src = reader.browser.eval(
        "return document.querySelector('.prose img').currentSrc",
        json!([]),
    );
    let src = src.as_str().unwrap_or_default().to_string();
    assert!(src.ends_with(".webp"), "WebP is chosen: {src}");
    src.rsplit('-').next().unwrap_or_default().to_string()
}

#[test]
fn a_phone_gets_the_small_photo_and_a_desktop_the_one_its_column_needs() {
    let phone = Reader::of_site_in(site().clone(), 390, 844);
    phone.open(POST);
    assert_eq!(chosen_width(&phone), "480.webp");
    phone.screenshot("images-phone");
    let desktop = Reader::of_site_in(site().clone(), 1280, 900);
    desktop.open(POST);
    assert_eq!(chosen_width(&desktop), "720.webp");
    desktop.screenshot("images-desktop");
    // Only the first photo is asked for at once, first; the rest wait for the reader.
    let loading = desktop.browser.strings(
        "return [...document.querySelectorAll('.prose img')].map(i => i.getAttribute('loading') || i.getAttribute('fetchpriority'))",
        json!([]),
    );
    assert_eq!(loading[0], "high");
    assert!(loading[1..].iter().all(|l| l == "lazy"), "{loading:?}");
    desktop.assert_no_panic();
}

/// Whether every image in the article has arrived.
const ALL_ARRIVED: &str =
    "return [...document.querySelectorAll('.prose img')].every(i => i.complete && i.naturalWidth > 0)";

#[test]
fn photos_hold_their_place_before_they_arrive_so_nothing_moves() {
    let reader = Reader::of_site_in(site().clone(), 390, 844);
    reader.open_page(POST);
    // A photo far down has not been fetched, and already has its height.
    let far = reader.browser.eval(
        "const i = [...document.querySelectorAll('.prose img')][8]; \
         const r = i.getBoundingClientRect(); return [i.naturalWidth, r.width, r.height]",
        json!([]),
    );
    assert_eq!(far[0], json!(0), "not fetched yet");
    let (width, height) = (
        far[1].as_f64().unwrap_or(0.0),
        far[2].as_f64().unwrap_or(0.0),
    );
    assert!(width > 300.0, "{far}");
    let expected = width * f64::from(PHOTO.1) / f64::from(PHOTO.0);
    assert!(
        (height - expected).abs() < 1.0,
        "{height} against {expected}"
    );
    // Read to the end: every photo arrives, and nothing has moved.
    reader.browser.eval(
        "window.__steps = setInterval(() => window.scrollBy(0, 400), 50)",
        json!([]),
    );
    reader.browser.wait_for("every photo", ALL_ARRIVED);
    reader
        .browser
        .eval("clearInterval(window.__steps)", json!([]));
    let shift = reader.layout_shift();
    assert!(shift <= 0.01, "cumulative layout shift {shift}");
    // The sideways photo stands upright.
    let sideways = reader.browser.eval(
        "const i = [...document.querySelectorAll('.prose img')][2]; return [i.naturalWidth, i.naturalHeight, i.width, i.height]",
        json!([]),
    );
    assert!(sideways[1].as_u64() > sideways[0].as_u64(), "{sideways}");
    assert!(sideways[3].as_u64() > sideways[2].as_u64(), "{sideways}");
}

#[test]
fn a_shared_post_shows_its_first_photo_and_the_originals_stay_private() {
    let reader = Reader::of_site(site().clone());
    reader.open_page(POST);
    let meta = |css: &str| {
        reader
            .browser
            .eval(
                "const m = document.querySelector(arguments[0]); return m && m.content",
                json!([css]),
            )
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let preview = meta("meta[property='og:image']");
    assert!(
        preview.starts_with("http") && preview.ends_with("-share.jpg"),
        "{preview}"
    );
    assert_eq!(meta("meta[name='twitter:card']"), "summary_large_image");
    assert_eq!(meta("meta[name='twitter:image']"), preview);
    // The crop is served, at the size link previews want. (The page is on the test
    // host, the preview's address on the site's: fetch the same path here.)
    let path = preview.split("/data/img/").nth(1).unwrap_or_default();
    let size = reader.browser.eval_async(
        "const done = arguments[arguments.length - 1]; const i = new Image(); \
         i.onload = () => done([i.naturalWidth, i.naturalHeight]); i.onerror = () => done(null); \
         i.src = '/data/img/' + arguments[0];",
        json!([path]),
    );
    assert_eq!(size, json!([1200, 630]));
    // Neither the original photo nor any EXIF block is published.
    let answers = reader.browser.eval_async(
        "const done = arguments[arguments.length - 1]; const post = arguments[0]; \
         (async () => { \
           const original = await fetch(post + '/photo-3.jpg'); \
           const variant = await fetch(document.querySelectorAll('.prose img')[2].src); \
           const bytes = new Uint8Array(await variant.arrayBuffer()); \
           const text = String.fromCharCode(...bytes.subarray(0, 4096)); \
           done([original.status, variant.status, text.includes('Exif')]); \
         })();",
        json!([POST]),
    );
    assert_eq!(answers, json!([404, 200, false]));
}

#[test]
fn an_svg_is_shown_as_an_image_and_its_script_never_runs() {
    let reader = Reader::of_site(site().clone());
    reader.open(POST);
    reader.browser.eval(
        "document.querySelector('img[src$=\"diagram.svg\"]').scrollIntoView()",
        json!([]),
    );
    reader.browser.wait_for(
        "the diagram",
        "const i = document.querySelector('img[src$=\"diagram.svg\"]'); return i && i.complete && i.naturalWidth === 120",
    );
    assert_eq!(
        reader.browser.eval(
            "return window.__pwned === undefined && !document.querySelector('main svg')",
            json!([])
        ),
        json!(true)
    );
    // Opened by itself, the SVG is a document whose script could run, but for the
    // CSP that `_headers` gives every path.
    reader.open_page("/diagram.svg");
    reader.browser.wait_for(
        "the SVG document",
        "return document.documentElement && document.documentElement.tagName === 'svg'",
    );
    assert_eq!(
        reader.browser.eval(
            "return [document.documentElement.getAttribute('data-pwned'), window.__pwned === undefined]",
            json!([])
        ),
        json!([null, true])
    );
}
