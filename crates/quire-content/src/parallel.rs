//! Sharing work across every core: a big blog's posts are independent of each
//! other, and the machines Quire builds on have two cores or more.

use rayon::prelude::*;

/// `f` of each item, in order, computed on every core. Work is stolen, not split
/// in halves up front: while the writing thread holds a core, the other cores
/// take on the items queued there rather than wait for them.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let f = &f;
    items.par_iter().map(f).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1001).collect();
        assert_eq!(
            super::map(&items, |n| n * 2),
            (0..1001).map(|n| n * 2).collect::<Vec<_>>()
        );
        assert!(super::map(&[] as &[u32], |n| *n).is_empty());
    }
}
