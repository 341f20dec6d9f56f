//! Sharing work between two threads: the machines Quire builds on have two cores
//! or more, and a big blog's posts are independent of each other.

/// `f` of each item, in order, computed by two threads.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let (first, second) = items.split_at(items.len() / 2);
    let f = &f;
    std::thread::scope(|scope| {
        let other = scope.spawn(move || second.iter().map(f).collect::<Vec<R>>());
        let mut results: Vec<R> = first.iter().map(f).collect();
        // The other half panicking is a bug in `f`: let it propagate.
        match other.join() {
            Ok(rest) => results.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        results
    })
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
