//! Random bytes as every kind of bundle: the decoder must answer with a value or an
//! error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire_schema::{decode, FeedPage, PopularList, PostBundle, SiteBundle};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = decode::<SiteBundle>(&text);
    let _ = decode::<FeedPage>(&text);
    let _ = decode::<PopularList>(&text);
    if let Ok(post) = decode::<PostBundle>(&text) {
        // A decoded post must render, whatever its highlighting runs say.
        let _ = quire_markdown::render_with_code(
            &post.markdown,
            &quire_markdown::Options::ARTICLE,
            &post.code,
        );
    }
});
