//! Whole-file SHA-256 states of uploads in progress, kept between PATCHes so that finishing
//! an upload does not read the file again. Lost on restart: the file is then hashed once.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// Upload id → (bytes hashed, hash state).
#[derive(Default)]
pub struct RunningHashes(Mutex<HashMap<String, (u64, Sha256)>>);

impl RunningHashes {
    /// The state covering exactly the first `offset` bytes of the upload, if known.
    pub fn take(&self, id: &str, offset: u64) -> Option<Sha256> {
        if offset == 0 {
            self.forget(id);
            return Some(Sha256::new());
        }
        let mut map = self.0.lock().ok()?;
        match map.remove(id) {
            Some((hashed, state)) if hashed == offset => Some(state),
            _ => None,
        }
    }

    /// Keeps the state covering the first `offset` bytes for the next PATCH.
    pub fn keep(&self, id: &str, offset: u64, state: Sha256) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id.to_owned(), (offset, state));
        }
    }

    /// Drops what is kept for an upload (finished, terminated or expired).
    pub fn forget(&self, id: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_is_only_given_back_for_the_offset_it_covers() {
        let hashes = RunningHashes::default();
        let mut state = hashes.take("u", 0).expect("fresh at zero");
        state.update(b"abc");
        hashes.keep("u", 3, state);
        assert!(hashes.take("u", 4).is_none());
        assert!(
            hashes.take("u", 3).is_none(),
            "a mismatched take drops the state"
        );
        let mut state = Sha256::new();
        state.update(b"abc");
        hashes.keep("u", 3, state);
        let resumed = hashes.take("u", 3).expect("kept");
        assert_eq!(resumed.finalize(), Sha256::digest(b"abc"));
    }
}
