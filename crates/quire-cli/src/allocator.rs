//! The `quire` command's allocator: jemalloc, not the system's. A build makes and
//! frees millions of small strings (Markdown events, HTML, JSON) on every core:
//! in a 10,000-post build glibc's `malloc`, `free` and `realloc` were about a
//! sixth of the CPU, and with jemalloc the same build took about a seventh less
//! time at the same peak memory (see BENCHMARKS.md). Only the command (feature
//! `jemalloc`, on by default): the libraries, and xtask, which links them without
//! it, keep the system's allocator.

#[cfg(all(target_os = "linux", feature = "jemalloc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`. One arena per core (`percpu_arena`),
/// not four, and pages freed given back after half a second, not ten: with
/// jemalloc's defaults a 10,000-post build peaked at 404 to 426 MB, over its
/// 400 MB budget; with these at 377 to 388 MB, as with glibc. (Linux only:
/// elsewhere jemalloc has no arena per core, and the system's allocator stays.)
#[cfg(all(target_os = "linux", feature = "jemalloc"))]
#[export_name = "_rjem_malloc_conf"]
static OPTIONS: &[u8; 56] = b"percpu_arena:percpu,dirty_decay_ms:500,muzzy_decay_ms:0\0";

#[cfg(all(test, target_os = "linux", feature = "jemalloc"))]
mod tests {
    use std::ffi::{c_char, c_void, CStr};

    /// The value of jemalloc's `name` (a NUL-ended option name), read over
    /// `value`, of the option's type.
    fn option<T>(name: &[u8], mut value: T) -> T {
        let mut size = std::mem::size_of::<T>();
        // SAFETY: `name` is NUL-ended, and `value` is `size` bytes of the type
        // jemalloc documents for the option.
        let status = unsafe {
            tikv_jemalloc_sys::mallctl(
                name.as_ptr().cast(),
                (&mut value as *mut T).cast::<c_void>(),
                &mut size,
                std::ptr::null_mut(),
                0,
            )
        };
        assert_eq!(status, 0, "mallctl {:?}", String::from_utf8_lossy(name));
        value
    }

    #[test]
    fn jemalloc_allocates_with_the_options_set_here() {
        // Something allocated through the global allocator, so jemalloc is set up.
        let text = "x".repeat(1000);
        assert_eq!(text.len(), 1000);
        let arenas: *const c_char = option(b"opt.percpu_arena\0", std::ptr::null());
        // SAFETY: jemalloc answers with one of its own static, NUL-ended names.
        let arenas = unsafe { CStr::from_ptr(arenas) };
        assert_eq!(arenas.to_str(), Ok("percpu"));
        assert_eq!(option(b"opt.dirty_decay_ms\0", -1isize), 500);
        assert_eq!(option(b"opt.muzzy_decay_ms\0", -1isize), 0);
    }
}
