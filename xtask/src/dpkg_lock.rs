//! Who holds dpkg's lock: setup says that it waits for another apt (an unattended upgrade, say)
//! rather than seeming to hang, since apt itself says nothing about it when run quietly.

/// The locks apt and dpkg take before changing the system.
const LOCK_FILES: [&str; 2] = ["/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock"];

/// The process that holds one of dpkg's locks now, if any.
pub fn holder() -> Option<u32> {
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    LOCK_FILES
        .iter()
        .find_map(|file| holder_of(&locks, inode(file)?))
}

#[cfg(unix)]
fn inode(path: &str) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| m.ino())
}

/// Elsewhere there is no dpkg (and no `/proc/locks` to read either).
#[cfg(not(unix))]
fn inode(_path: &str) -> Option<u64> {
    None
}

/// The process holding a lock on `inode` in the text of `/proc/locks`; processes waiting for
/// one (lines with `->`) do not hold it.
fn holder_of(locks: &str, inode: u64) -> Option<u32> {
    locks
        .lines()
        .filter(|line| !line.contains("->"))
        .find_map(|line| {
            // "1: POSIX  ADVISORY  WRITE 1234 fd:01:5678 0 EOF"
            let fields: Vec<&str> = line.split_whitespace().collect();
            let locked = fields.get(5)?.rsplit(':').next()?.parse::<u64>().ok()?;
            (locked == inode).then(|| fields.get(4)?.parse().ok())?
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCKS: &str = "\
1: POSIX  ADVISORY  WRITE 4242 fe:01:1835021 0 EOF
1: -> POSIX  ADVISORY  WRITE 5151 fe:01:1835021 0 EOF
2: FLOCK  ADVISORY  WRITE 77 00:1a:99 0 EOF
";

    #[test]
    fn names_the_holder_not_the_waiter() {
        assert_eq!(holder_of(LOCKS, 1_835_021), Some(4242));
        assert_eq!(holder_of(LOCKS, 99), Some(77));
        assert_eq!(holder_of(LOCKS, 12), None);
        assert_eq!(holder_of("garbage\n\n", 12), None);
    }
}
