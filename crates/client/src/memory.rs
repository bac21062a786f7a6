//! Keeps the resident set flat under large transfers.

/// Makes the allocator hand buffers of 128 KiB and more straight back to the OS. glibc would
/// otherwise raise that threshold after the first large free (up to 32 MiB) and keep upload
/// buffers and password-hashing memory in per-thread arenas for the life of the process.
pub fn return_large_buffers_to_the_os() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; it is called before heavy allocation.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
