//! Pages made by an earlier build, kept so that the next (the live preview's, on
//! every save) makes again only the pages whose inputs changed: in a blog of ten
//! thousand posts, an edit changes a handful of pages, and making them all again
//! took a second.
//!
//! A page is a function of its route, the bundles it names (by their
//! content-hashed names, so by their bytes), the site's settings and the shell,
//! and, for a post, the time and share image its head shows, which its bundle
//! does not hold. These are all a page's key holds: anything else a view read
//! would be missing from the bundles the app takes the page over with, too.

use crate::bundle::OutputFile;
use quire_content::content::SiteConfig;
use quire_schema::Route;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// Each page made, by its file: the key of its inputs, and the page.
#[derive(Default)]
pub struct Made {
    pages: HashMap<String, (u64, Arc<str>)>,
}

impl Made {
    /// The page made before for `route`, when its inputs were the same.
    pub(super) fn page(&self, route: &Route, key: u64) -> Option<Arc<str>> {
        match self.pages.get(&route.file()) {
            Some((before, page)) if *before == key => Some(page.clone()),
            _ => None,
        }
    }

    /// The pages of this build, which the next one may reuse (and no others: a
    /// page the site no longer has is forgotten).
    pub(super) fn of(files: &[(OutputFile, u64)]) -> Made {
        Made {
            pages: files
                .iter()
                .map(|(file, key)| (file.path.clone(), (*key, file.contents.clone())))
                .collect(),
        }
    }

    /// These pages, with `made` over those of the same file.
    pub(super) fn with(mut self, made: Vec<(OutputFile, u64)>) -> Made {
        for (file, key) in made {
            self.pages.insert(file.path, (key, file.contents));
        }
        self
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// What every page is made from.
pub(super) struct Inputs {
    shared: u64,
}

impl Inputs {
    pub(super) fn new(shell: &str, settings: &SiteConfig) -> Inputs {
        let mut hasher = DefaultHasher::new();
        shell.hash(&mut hasher);
        // Every setting, whichever a head or a view reads.
        format!("{settings:?}").hash(&mut hasher);
        Inputs {
            shared: hasher.finish(),
        }
    }

    /// The key of `route`'s page, made from `bundles` (plain and hashed names) and
    /// `extra`.
    pub(super) fn key(&self, route: &Route, bundles: &[(String, String)], extra: &str) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.shared.hash(&mut hasher);
        route.file().hash(&mut hasher);
        bundles.hash(&mut hasher);
        extra.hash(&mut hasher);
        hasher.finish()
    }
}
