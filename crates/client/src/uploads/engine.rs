//! Runs one upload: creates the tus upload, sends checksummed chunks read from disk one ahead of
//! the network while hashing the whole file, and records every confirmed offset so the next
//! run continues where the server is.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::UNIX_EPOCH;

use homeportal_domain::api::UploadKind;
use homeportal_domain::ErrorCode;
use sha2::{Digest, Sha256};

use crate::api::{Api, Patch};
use crate::error::{ClientError, Result};
use crate::store::uploads::{RecordState, UploadRecord};
use crate::store::LocalStore;

/// Bytes per PATCH: small enough to resend cheaply, large enough to keep the line busy.
pub const CHUNK: usize = 8 * 1024 * 1024;

/// Progress of one upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Local upload id.
    pub id: i64,
    /// Bytes the server confirmed.
    pub sent: u64,
    /// File size.
    pub total: u64,
}

/// Size and modification time: what identifies the file an upload started with.
fn identity(path: &Path) -> Result<(u64, i64)> {
    let meta = std::fs::metadata(path).map_err(ClientError::Unreadable)?;
    let mtime = meta
        .modified()
        .map_err(ClientError::Unreadable)?
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    Ok((meta.len(), mtime))
}

/// Read size when hashing what was sent before a restart.
const HASH_STEP: usize = 1024 * 1024;

/// SHA-256 state of the first `len` bytes of the file (what a resumed upload already sent).
fn hash_prefix(path: &Path, len: u64) -> std::io::Result<Sha256> {
    let mut file = std::fs::File::open(path)?.take(len);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; HASH_STEP];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(hasher);
        }
        hasher.update(&buffer[..n]);
    }
}

/// A chunk read from disk ahead of the network.
struct Chunk {
    bytes: Vec<u8>,
    /// The chunk's CRC-32, for `Upload-Checksum`.
    crc32: u32,
    /// The whole file's SHA-256 (hex), on the last chunk.
    file_sha256: Option<String>,
}

/// Reads the file from `offset` on a blocking thread, one chunk ahead of the one being sent,
/// hashing the whole file on the way (the part before `offset` is hashed first). Memory stays
/// at a few chunks; the thread ends when the receiver is dropped.
fn read_ahead(path: PathBuf, offset: u64, size: u64) -> tokio::sync::mpsc::Receiver<Result<Chunk>> {
    let (sender, receiver) = tokio::sync::mpsc::channel(1);
    tokio::task::spawn_blocking(move || {
        let read = || -> Result<()> {
            let mut whole = hash_prefix(&path, offset).map_err(ClientError::Unreadable)?;
            let mut file = std::fs::File::open(&path).map_err(ClientError::Unreadable)?;
            file.seek(SeekFrom::Start(offset))
                .map_err(ClientError::Unreadable)?;
            let mut at = offset;
            while at < size {
                let len = (size - at).min(CHUNK as u64) as usize;
                let mut bytes = vec![0u8; len];
                file.read_exact(&mut bytes).map_err(|e| match e.kind() {
                    std::io::ErrorKind::UnexpectedEof => ClientError::FileChanged,
                    _ => ClientError::Unreadable(e),
                })?;
                let crc32 = crc32fast::hash(&bytes);
                whole.update(&bytes);
                at += len as u64;
                let file_sha256 = (at == size).then(|| hex::encode(whole.clone().finalize()));
                let chunk = Chunk {
                    bytes,
                    crc32,
                    file_sha256,
                };
                if sender.blocking_send(Ok(chunk)).is_err() {
                    return Ok(());
                }
            }
            Ok(())
        };
        if let Err(e) = read() {
            let _ = sender.blocking_send(Err(e));
        }
    });
    receiver
}

/// Uploads through one signed-in client, remembered in one local store.
pub struct UploadEngine<'a> {
    /// The server, signed in.
    pub api: &'a Api,
    /// The local store.
    pub store: &'a LocalStore,
}

impl UploadEngine<'_> {
    /// Records a new upload of the file at `path`; returns its id. The file is hashed while
    /// it is sent, not before.
    pub fn enqueue(&self, path: &Path, kind: UploadKind, slot: &str, now: i64) -> Result<i64> {
        let (size, mtime) = identity(path)?;
        if size > kind.max_bytes() {
            return Err(ClientError::TooLarge);
        }
        let record = UploadRecord {
            id: 0,
            path: path.to_string_lossy().into_owned(),
            size,
            mtime,
            sha256: String::new(),
            kind,
            slot: slot.to_owned(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".to_owned()),
            location: None,
            offset: 0,
            state: RecordState::Queued,
        };
        self.store.insert_upload(&record, now)
    }

    /// Sends what the server does not have yet. Stops (keeping the state) when `stop` is set;
    /// refuses to go on if the file is not the one the upload started with.
    pub async fn run(
        &self,
        id: i64,
        stop: &AtomicBool,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<()> {
        let record = self.store.upload(id)?.ok_or(ClientError::NotFound)?;
        if identity(Path::new(&record.path))? != (record.size, record.mtime) {
            return Err(ClientError::FileChanged);
        }
        let mut location = self.location(&record).await?;
        let offset = match self.api.tus_offset(&location).await {
            Ok(offset) => offset.min(record.size),
            Err(e) if matches!(e.code(), ErrorCode::NotFound | ErrorCode::UploadExpired) => {
                // The server forgot the upload (expired): start it again.
                location = self.create(&record).await?;
                0
            }
            Err(e) => return Err(e),
        };
        self.store.set_upload_offset(id, offset)?;
        self.resume_from(record, location, offset, stop, progress)
            .await
    }

    async fn resume_from(
        &self,
        record: UploadRecord,
        location: String,
        mut offset: u64,
        stop: &AtomicBool,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<()> {
        let path = PathBuf::from(&record.path);
        progress(Progress {
            id: record.id,
            sent: offset,
            total: record.size,
        });
        let mut chunks = read_ahead(path.clone(), offset, record.size);
        let mut file_sha256 = None;
        while offset < record.size {
            if stop.load(Ordering::Relaxed) {
                self.store
                    .set_upload_state(record.id, RecordState::Paused)?;
                return Err(ClientError::Stopped);
            }
            let chunk = chunks
                .recv()
                .await
                .ok_or_else(|| ClientError::Unreadable(std::io::Error::other("reader ended")))??;
            let expected = offset + chunk.bytes.len() as u64;
            let patch = Patch {
                offset,
                crc32: chunk.crc32,
                file_sha256: chunk.file_sha256.as_deref(),
            };
            let next = match self.api.tus_patch(&location, &patch, chunk.bytes).await {
                Ok(next) => next,
                // Someone else moved on (or a retry after a lost answer): ask the server.
                Err(e) if e.code() == ErrorCode::OffsetMismatch => {
                    self.api.tus_offset(&location).await?
                }
                Err(e)
                    if e.code() == ErrorCode::ChecksumMismatch && patch.file_sha256.is_some() =>
                {
                    // The whole file's hash did not match what was sent before: it changed.
                    return Err(ClientError::FileChanged);
                }
                Err(e) => return Err(e),
            };
            if next != expected {
                // The server is elsewhere: read again from where it is.
                chunks = read_ahead(path.clone(), next, record.size);
            } else if chunk.file_sha256.is_some() {
                file_sha256 = chunk.file_sha256;
            }
            offset = next;
            self.store.set_upload_offset(record.id, offset)?;
            progress(Progress {
                id: record.id,
                sent: offset,
                total: record.size,
            });
        }
        self.store
            .set_upload_done(record.id, file_sha256.as_deref().unwrap_or_default())
    }

    async fn location(&self, record: &UploadRecord) -> Result<String> {
        match &record.location {
            Some(location) => Ok(location.clone()),
            None => self.create(record).await,
        }
    }

    async fn create(&self, record: &UploadRecord) -> Result<String> {
        let metadata = [
            ("filename", record.file_name.as_str()),
            ("kind", record.kind.name()),
            ("slot", record.slot.as_str()),
        ];
        let location = self.api.tus_create(record.size, &metadata).await?;
        self.store.set_upload_location(record.id, &location)?;
        Ok(location)
    }

    /// Cancels an upload: terminated on the server, forgotten here.
    pub async fn cancel(&self, id: i64) -> Result<()> {
        let record = self.store.upload(id)?.ok_or(ClientError::NotFound)?;
        if let Some(location) = &record.location {
            match self.api.tus_terminate(location).await {
                Ok(()) => {}
                Err(e) if e.code() == ErrorCode::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        self.store.delete_upload(id)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use homeportal_domain::api::LoginRequest;
    use homeportal_domain::Lang;
    use homeportal_testkit::{ServerProcess, TestAccount};

    use super::*;

    struct Fixture {
        _server: ServerProcess,
        local_dir: tempfile::TempDir,
        api: Api,
    }

    impl Fixture {
        fn engine<'a>(&'a self, store: &'a LocalStore) -> UploadEngine<'a> {
            UploadEngine {
                api: &self.api,
                store,
            }
        }
    }

    async fn fixture() -> Fixture {
        let account = TestAccount::nova_city();
        let server = ServerProcess::start_with(&account);
        let api = Api::new(server.url(), Lang::Ru);
        let request = LoginRequest {
            bin: account.bin.into(),
            password: account.password.into(),
        };
        let token = api.login(&request).await.expect("login").token;
        Fixture {
            api: api.signed_in(&token),
            _server: server,
            local_dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn file(dir: &Path, len: usize) -> std::path::PathBuf {
        let path = dir.join("Финансовая отчётность.pdf");
        let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, data).expect("file");
        path
    }

    #[tokio::test]
    async fn stops_resumes_after_a_restart_and_completes_with_the_right_hash() {
        let f = fixture().await;
        let path = file(f.local_dir.path(), 2 * CHUNK + 12_345);
        let expected = hex::encode(hash_prefix(&path, u64::MAX).expect("hash").finalize());
        let id = {
            let store = LocalStore::open(f.local_dir.path()).expect("store");
            let engine = f.engine(&store);
            let id = engine
                .enqueue(&path, UploadKind::Library, "financials", 1)
                .expect("enqueued");
            // Stop as soon as the first chunk is confirmed, as a closed app would.
            let stop = AtomicBool::new(false);
            let result = engine
                .run(id, &stop, &|p: Progress| {
                    if p.sent >= CHUNK as u64 {
                        stop.store(true, Ordering::Relaxed);
                    }
                })
                .await;
            assert!(matches!(result, Err(ClientError::Stopped)));
            id
        };

        // A new store on the same folder: what a restarted app sees.
        let store = LocalStore::open(f.local_dir.path()).expect("reopened");
        let pending = store.unfinished_uploads().expect("pending");
        assert_eq!(pending.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
        assert_eq!(pending[0].offset, CHUNK as u64);
        assert!(
            pending[0]
                .location
                .as_deref()
                .is_some_and(|l| l.starts_with("/api/")),
            "kept relative to the server base: {:?}",
            pending[0].location
        );
        let engine = f.engine(&store);
        let seen = Mutex::new(Vec::new());
        engine
            .run(id, &AtomicBool::new(false), &|p: Progress| {
                seen.lock().expect("lock").push(p.sent)
            })
            .await
            .expect("completes");
        let seen = seen.into_inner().expect("lock");
        assert_eq!(
            seen.first(),
            Some(&(CHUNK as u64)),
            "resumed where the server was, not from zero"
        );
        assert_eq!(seen.last(), Some(&(2 * CHUNK as u64 + 12_345)));
        assert!(store.unfinished_uploads().expect("pending").is_empty());
        let documents = f.api.documents().await.expect("documents");
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].sha256, expected);
        assert_eq!(documents[0].file_name, "Финансовая отчётность.pdf");

        // And back: streamed to disk, byte-exact.
        let copy = f.local_dir.path().join("copy.pdf");
        let size = f
            .api
            .download_document(documents[0].id, &copy)
            .await
            .expect("downloaded");
        assert_eq!(size, 2 * CHUNK as u64 + 12_345);
        assert_eq!(
            hex::encode(hash_prefix(&copy, u64::MAX).expect("hash").finalize()),
            expected
        );
    }

    #[tokio::test]
    async fn an_upload_resumes_when_the_server_comes_back_on_another_port() {
        let account = TestAccount::nova_city();
        let mut server = ServerProcess::start_with(&account);
        let login = LoginRequest {
            bin: account.bin.into(),
            password: account.password.into(),
        };
        let token = Api::new(server.url(), Lang::Ru)
            .login(&login)
            .await
            .expect("login")
            .token;
        let local = tempfile::tempdir().expect("tempdir");
        let path = file(local.path(), CHUNK + 4_321);
        let store = LocalStore::open(local.path()).expect("store");
        let first = Api::new(server.url(), Lang::Ru).signed_in(&token);
        let id = UploadEngine {
            api: &first,
            store: &store,
        }
        .enqueue(&path, UploadKind::Library, "charter", 1)
        .expect("enqueued");
        let stop = AtomicBool::new(false);
        let result = UploadEngine {
            api: &first,
            store: &store,
        }
        .run(id, &stop, &|p: Progress| {
            if p.sent >= CHUNK as u64 {
                stop.store(true, Ordering::Relaxed);
            }
        })
        .await;
        assert!(matches!(result, Err(ClientError::Stopped)), "{result:?}");

        // The app starts again: its embedded server listens on another port.
        let old_url = server.url().to_owned();
        server.restart();
        assert_ne!(server.url(), old_url);
        let second = Api::new(server.url(), Lang::Ru).signed_in(&token);
        let seen = Mutex::new(Vec::new());
        UploadEngine {
            api: &second,
            store: &store,
        }
        .run(id, &AtomicBool::new(false), &|p: Progress| {
            seen.lock().expect("lock").push(p.sent)
        })
        .await
        .expect("resumed and completed");
        assert_eq!(
            seen.into_inner().expect("lock").first(),
            Some(&(CHUNK as u64)),
            "resumed where it stopped, not from zero"
        );
        assert_eq!(second.documents().await.expect("documents").len(), 1);
    }

    /// An upload of `path` recorded and stopped before its first chunk; its id.
    async fn stopped_before_sending(engine: &UploadEngine<'_>, path: &Path) -> i64 {
        let id = engine
            .enqueue(path, UploadKind::Library, "charter", 1)
            .expect("enqueued");
        let stopped = engine.run(id, &AtomicBool::new(true), &|_| {}).await;
        assert!(matches!(stopped, Err(ClientError::Stopped)), "{stopped:?}");
        id
    }

    #[tokio::test]
    async fn a_changed_file_is_refused_on_resume() {
        let f = fixture().await;
        let path = file(f.local_dir.path(), CHUNK + 10);
        let store = LocalStore::open(f.local_dir.path()).expect("store");
        let engine = f.engine(&store);
        let id = stopped_before_sending(&engine, &path).await;
        std::fs::write(&path, b"another document").expect("changed");
        let result = engine.run(id, &AtomicBool::new(false), &|_| {}).await;
        assert!(
            matches!(result, Err(ClientError::FileChanged)),
            "{result:?}"
        );
        assert!(f.api.documents().await.expect("documents").is_empty());
    }

    #[tokio::test]
    async fn cancel_terminates_on_the_server_and_forgets_locally() {
        let f = fixture().await;
        let path = file(f.local_dir.path(), CHUNK + 10);
        let store = LocalStore::open(f.local_dir.path()).expect("store");
        let engine = f.engine(&store);
        let id = stopped_before_sending(&engine, &path).await;
        let location = store
            .upload(id)
            .expect("get")
            .and_then(|r| r.location)
            .expect("created");
        engine.cancel(id).await.expect("cancelled");
        assert!(store.upload(id).expect("get").is_none());
        let gone = f.api.tus_offset(&location).await.unwrap_err();
        assert_eq!(gone.code(), ErrorCode::NotFound);
    }

    #[test]
    fn too_large_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("huge.bin");
        let file = std::fs::File::create(&path).expect("file");
        file.set_len(UploadKind::Application.max_bytes() + 1)
            .expect("sparse");
        let store = LocalStore::open(dir.path()).expect("store");
        let api = Api::new("http://127.0.0.1:9", Lang::Ru);
        let engine = UploadEngine {
            api: &api,
            store: &store,
        };
        let refused = engine
            .enqueue(&path, UploadKind::Application, "x", 1)
            .unwrap_err();
        assert!(matches!(refused, ClientError::TooLarge), "{refused:?}");
    }
}
