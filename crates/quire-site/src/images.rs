//! The build's image step: every local raster image the posts show is processed
//! once (`quire-images`, cached), each post learns its images' sizes and variants
//! (`Post::pictures`, which its bundle carries and its article is rendered with),
//! and the site publishes the variants in place of the originals.

use quire_content::content::{Content, LocalImage, Post};
use quire_content::diagnostic::Diagnostic;
use quire_images::{Cache, Kind, Problem, Processed};
use quire_schema::{picture_path, share_picture_path, Picture, PICTURES_DIR};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// What the image step adds to a site.
#[derive(Debug, Default)]
pub struct Images {
    /// The processed files to publish: from the cache, to their path in the site.
    pub copies: Vec<(PathBuf, String)>,
    /// Originals not to publish (all processed ones, unless the site asks for them).
    pub withheld: HashSet<PathBuf>,
    /// How many distinct images were processed.
    pub processed: usize,
}

/// The image cache of a content folder used without `--cache`: beside it, with the
/// other caches, out of what is published.
pub fn default_cache(content_dir: &Path) -> PathBuf {
    content_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(".quire-cache/images")
}

/// Every local raster image the posts show, processed (or found in the cache).
pub struct Processing {
    cache: Cache,
    results: BTreeMap<PathBuf, Result<Processed, Problem>>,
}

/// Processes the images of every post in `content`, on every core. Diagnostics: an
/// error for an image that cannot be published, at each place a post shows it; a
/// warning for a file that is not what its name says.
pub fn process(content: &Content, cache: &Cache) -> (Processing, Vec<Diagnostic>) {
    let mut files: BTreeMap<&Path, ()> = BTreeMap::new();
    for (_, shown) in shown_by(content) {
        for image in shown {
            if Kind::of_name(&image.file.to_string_lossy()).is_some() {
                files.insert(&image.file, ());
            }
        }
    }
    let files: Vec<&Path> = files.into_keys().collect();
    let results: BTreeMap<PathBuf, Result<Processed, Problem>> = files
        .par_iter()
        .map(|file| (file.to_path_buf(), cache.process(file)))
        .collect();
    let mut diagnostics = Vec::new();
    for (source, shown) in shown_by(content) {
        for image in shown {
            match results.get(&image.file) {
                Some(Ok(processed)) => diagnostics.extend(misnamed(source, image, processed)),
                Some(Err(problem)) => diagnostics.push(
                    Diagnostic::error(
                        source,
                        format!("the image `{}` {problem}", image.written),
                        problem.hint(),
                    )
                    .at(image.line, image.column),
                ),
                None => {}
            }
        }
    }
    let processing = Processing {
        cache: cache.clone(),
        results,
    };
    (processing, diagnostics)
}

/// Gives each post of `content` (as selected for a site) its pictures, renders
/// those with any again, and says what to publish: the variants of the images
/// these posts show, and no processed original (unless the site asks).
pub fn apply(content: &mut Content, processing: &Processing) -> Images {
    let results = &processing.results;
    let root = quire_schema::base_path(&content.site.base_url);
    let mut shown: BTreeMap<&Path, &Processed> = BTreeMap::new();
    for post in &mut content.posts {
        let pictures = pictures_of(&post.local_images, results);
        let share_image = first_share(post, results);
        if pictures.is_empty() && post.pictures.is_empty() && post.share_image == share_image {
            // Left as loaded: posts are shared with the preview's remembered
            // load, and a write copies the post.
            continue;
        }
        let post = std::sync::Arc::make_mut(post);
        post.share_image = share_image;
        if !pictures.is_empty() {
            let files_base = quire_schema::post_files_base(&post.slug, post.folder.is_some());
            post.rendered = std::sync::Arc::new(quire_markdown::render_in(
                &post.markdown,
                &quire_markdown::Options::ARTICLE,
                &post.code,
                quire_markdown::Place {
                    root: &root,
                    files: &files_base,
                },
                &pictures,
            ));
        }
        post.pictures = pictures;
    }
    for page in &mut content.pages {
        let pictures = pictures_of(&page.local_images, results);
        if !pictures.is_empty() {
            page.rendered = quire_markdown::render_in(
                &page.markdown,
                &quire_markdown::Options::ARTICLE,
                &page.code,
                quire_markdown::Place {
                    root: &root,
                    files: "/",
                },
                &pictures,
            );
        }
        page.pictures = pictures;
    }
    for (_, images) in shown_by(content) {
        for image in images {
            if let Some((file, Ok(processed))) = results.get_key_value(&image.file) {
                shown.insert(file, processed);
            }
        }
    }
    let mut images = Images::default();
    for (file, result) in results {
        let Ok(processed) = result else { continue };
        if processed.widths.is_empty() {
            continue;
        }
        if !content.site.publish_original_images {
            images.withheld.insert(file.clone());
        }
    }
    for processed in shown.values().filter(|p| !p.widths.is_empty()) {
        images.processed += 1;
        for name in processed.files() {
            images.copies.push((
                processing.cache.file(processed, &name),
                site_path(processed, &name),
            ));
        }
    }
    images
}

/// Each post's and page's file, with the local images it shows.
fn shown_by(content: &Content) -> impl Iterator<Item = (&Path, &[LocalImage])> {
    let posts = content
        .posts
        .iter()
        .map(|p| (p.source.as_path(), p.local_images.as_slice()));
    let pages = content
        .pages
        .iter()
        .map(|p| (p.source.as_path(), p.local_images.as_slice()));
    posts.chain(pages)
}

/// The pictures of the processed images among `shown`, each once.
fn pictures_of(
    shown: &[LocalImage],
    results: &BTreeMap<PathBuf, Result<Processed, Problem>>,
) -> Vec<Picture> {
    let mut pictures: Vec<Picture> = Vec::new();
    for image in shown {
        let Some(Ok(processed)) = results.get(&image.file) else {
            continue;
        };
        if !pictures.iter().any(|p| p.src == image.src) {
            pictures.push(picture(image, processed));
        }
    }
    pictures
}

/// The picture the renderer gets for `image`.
fn picture(image: &LocalImage, processed: &Processed) -> Picture {
    let resized = !processed.widths.is_empty();
    Picture {
        src: image.src.clone(),
        width: processed.width,
        height: processed.height,
        stem: if resized {
            format!("/{PICTURES_DIR}/{}", processed.key)
        } else {
            String::new()
        },
        widths: processed.widths.clone(),
        own: if resized {
            processed.kind().extension().to_string()
        } else {
            String::new()
        },
    }
}

/// Where the cache's file `name` (`720.webp`, `share.jpg`) is published.
fn site_path(processed: &Processed, name: &str) -> String {
    match name.split_once('.') {
        Some((width, extension)) => match width.parse() {
            Ok(width) => picture_path(&processed.key, width, extension),
            Err(_) => share_picture_path(&processed.key),
        },
        None => share_picture_path(&processed.key),
    }
}

/// The link-preview image of a post whose first image is a processed one: its
/// crop's site path (without the site's own path; pages make it absolute).
fn first_share(
    post: &Post,
    results: &BTreeMap<PathBuf, Result<Processed, Problem>>,
) -> Option<String> {
    let first = post.rendered.images.first()?;
    let image = post.local_images.first()?;
    if image.written != first.src {
        return None;
    }
    let processed = results.get(&image.file)?.as_ref().ok()?;
    processed
        .share
        .map(|_| format!("/{}", share_picture_path(&processed.key)))
}

/// A warning when a file's name claims another format than its bytes have.
fn misnamed(source: &Path, image: &LocalImage, processed: &Processed) -> Option<Diagnostic> {
    let claimed = Kind::of_name(&image.file.to_string_lossy())?;
    let actual = processed.kind();
    (claimed != actual).then(|| {
        Diagnostic::warning(
            source,
            format!(
                "the image `{}` is a {} file, not the {} its name says; it is published as {}",
                image.written,
                actual.name(),
                claimed.name(),
                actual.name()
            ),
            format!(
                "rename it with the extension .{} so that other tools read it right",
                actual.extension()
            ),
        )
        .at(image.line, image.column)
    })
}
