//! Content-addressed storage of document bytes: a blob's name is its SHA-256, so a document
//! attached to many applications is stored once. Filesystem by default, behind a trait so that
//! object storage can be added.

use std::path::{Path, PathBuf};

/// Where finished uploads go.
pub trait BlobStore: Send + Sync {
    /// Moves the finished file at `from` into the store under `sha256` (a no-op if present).
    fn put(&self, sha256: &str, from: &Path) -> std::io::Result<()>;
    /// A local path to read the blob from.
    fn path(&self, sha256: &str) -> Option<PathBuf>;
    /// Removes the blob.
    fn remove(&self, sha256: &str) -> std::io::Result<()>;
}

/// Blobs as files `<root>/<aa>/<sha256>`.
pub struct FsBlobStore {
    root: PathBuf,
}

impl FsBlobStore {
    /// A store rooted at `root` (created on first write).
    pub fn new(root: PathBuf) -> Self {
        FsBlobStore { root }
    }

    fn file(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| self.root.join(&sha256[..2]).join(sha256))
    }
}

impl BlobStore for FsBlobStore {
    fn put(&self, sha256: &str, from: &Path) -> std::io::Result<()> {
        let target = self
            .file(sha256)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a sha256"))?;
        if target.exists() {
            return std::fs::remove_file(from);
        }
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::rename(from, target)
    }

    fn path(&self, sha256: &str) -> Option<PathBuf> {
        self.file(sha256).filter(|p| p.exists())
    }

    fn remove(&self, sha256: &str) -> std::io::Result<()> {
        match self.file(sha256) {
            Some(path) if path.exists() => std::fs::remove_file(path),
            _ => Ok(()),
        }
    }
}
