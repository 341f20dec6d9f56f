//! Memory for brotli's encoder that a thread keeps from one file to the next.
//!
//! At the pages' quality (5), the encoder's hash table is a megabyte of `u32`
//! whatever the file's size, and its standard allocator asks for it zeroed for
//! every file: on a big site's few-KB pages, zeroing it was a tenth of all the
//! compressing (perf: `memset` was 10% of a first build of 10,000 posts with its
//! twins, 4% with this). At qualities 5 to 9, with the windows [`crate::compress`]
//! chooses (2^18 and up), the encoder's hasher (brotli's "H5" or "H6") never reads an entry
//! it has not written in that file: each bucket's count, which it zeroes itself,
//! bounds what it reads. So a table left from the file before serves as well as a
//! zeroed one, and the output is byte for byte the same (tested below against the
//! standard allocator). Other qualities' hashers read tables they expect zeroed
//! (quality 4's panicked on a kept one), so brotli is given this allocator only
//! where [`Reusing::serves`] says.

use brotli::enc::BrotliAlloc;
use brotli::{Allocator, SliceWrapper, SliceWrapperMut};
use std::any::{Any, TypeId};
use std::cell::RefCell;

/// Tables of this many `u32` or more are kept; all else is allocated as usual.
/// (The hash table at quality 5 is 2^18; the others are a few KB.)
const KEPT_FROM: usize = 1 << 16;

/// How many tables of one size a thread keeps: an encoder holds one at a time.
const KEPT_PER_SIZE: usize = 2;

thread_local! {
    /// Tables freed on this thread, by their length.
    static KEPT: RefCell<Vec<Box<[u32]>>> = const { RefCell::new(Vec::new()) };
}

/// Brotli's allocator: [`brotli::enc::StandardAlloc`]'s, except that large `u32`
/// tables are handed back to the thread that frees them, and out again without
/// being zeroed.
#[derive(Default, Clone, Copy)]
pub struct Reusing;

impl Reusing {
    /// Whether brotli at `quality` with a window of 2^`lgwin` may be given kept
    /// tables (see above): at a window of 2^16 or less, qualities 5 to 9 take
    /// another hasher ("H40"), which is not known to be safe with them.
    pub fn serves(quality: u32, lgwin: i32) -> bool {
        (5..=9).contains(&quality) && lgwin > 16
    }
}

/// A block of memory brotli holds (a boxed slice, as the standard allocator's).
pub struct Held<T>(Box<[T]>);

impl<T> Default for Held<T> {
    fn default() -> Self {
        Held(Vec::new().into_boxed_slice())
    }
}

impl<T> SliceWrapper<T> for Held<T> {
    fn slice(&self) -> &[T] {
        &self.0
    }
}

impl<T> SliceWrapperMut<T> for Held<T> {
    fn slice_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<T: Clone + Default + 'static> Allocator<T> for Reusing {
    type AllocatedMemory = Held<T>;

    fn alloc_cell(&mut self, len: usize) -> Held<T> {
        if len >= KEPT_FROM && TypeId::of::<T>() == TypeId::of::<u32>() {
            let kept = KEPT.with(|kept| {
                let mut kept = kept.borrow_mut();
                let at = kept.iter().position(|table| table.len() == len)?;
                Some(kept.swap_remove(at))
            });
            if let Some(table) = kept {
                // `T` is `u32`: the box goes back as the type it came in as.
                let any: Box<dyn Any> = Box::new(table);
                if let Ok(table) = any.downcast::<Box<[T]>>() {
                    return Held(*table);
                }
            }
        }
        Held(vec![T::default(); len].into_boxed_slice())
    }

    fn free_cell(&mut self, data: Held<T>) {
        if data.0.len() < KEPT_FROM {
            return;
        }
        let any: Box<dyn Any> = Box::new(data.0);
        if let Ok(table) = any.downcast::<Box<[u32]>>() {
            KEPT.with(|kept| {
                let mut kept = kept.borrow_mut();
                let same = kept.iter().filter(|t| t.len() == table.len()).count();
                if same < KEPT_PER_SIZE {
                    kept.push(*table);
                }
            });
        }
    }
}

impl BrotliAlloc for Reusing {}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_standard(data: &[u8], params: &brotli::enc::BrotliEncoderParams) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::BrotliCompress(&mut &data[..], &mut out, params).unwrap();
        out
    }

    /// Texts unlike each other, so that a table left from one file would change
    /// the next one's output if the encoder read it.
    fn texts() -> Vec<Vec<u8>> {
        let page = |n: usize| {
            (0..n)
                .map(|i| {
                    format!(
                        "<p id=p{i}>Paragraph {i} of {n}: <a href=/posts/{}>a link</a></p>\n",
                        i * 7 % 13
                    )
                })
                .collect::<String>()
                .into_bytes()
        };
        let json = |n: usize| {
            let items: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        "{{\"slug\":\"post-{i}\",\"words\":{},\"title\":\"Title {}\"}}",
                        i * 31 % 977,
                        i ^ 0x55
                    )
                })
                .collect();
            format!("[{}]", items.join(",")).into_bytes()
        };
        let noise = |n: usize, seed: u64| {
            let mut x = seed;
            (0..n)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    b"abcdefgh <>/\"=\n"[(x >> 60) as usize % 15]
                })
                .collect::<Vec<u8>>()
        };
        vec![
            page(400),
            json(300),
            noise(20_000, 1),
            page(3),
            Vec::new(),
            json(5_000),
            noise(300_000, 7),
            page(2_000),
            b"x".repeat(100_000),
            page(400),
        ]
    }

    #[test]
    fn a_kept_table_makes_the_same_bytes_as_a_zeroed_one() {
        for quality in 5..=9u32 {
            for text in texts() {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: quality as i32,
                    lgwin: crate::compress::window_bits(text.len()),
                    ..Default::default()
                };
                // As a build compresses: the kept tables, where they serve.
                assert_eq!(
                    crate::compress::brotli_bytes(&text, quality).unwrap(),
                    with_standard(&text, &params),
                    "quality {quality}, {} bytes",
                    text.len()
                );
            }
        }
        let kept = KEPT.with(|kept| kept.borrow().len());
        assert!(kept >= 1, "the hash table was kept for the next file");
        assert!(Reusing::serves(5, 18) && Reusing::serves(9, 22));
        assert!(!Reusing::serves(4, 18) && !Reusing::serves(11, 18) && !Reusing::serves(5, 16));
    }
}
