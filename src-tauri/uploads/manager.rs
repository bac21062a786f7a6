//! Runs uploads: creates the tus upload, sends checksummed chunks read from disk one ahead of
//! the network while hashing the whole file, and records every confirmed offset so the next
//! run continues where the server is.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::UNIX_EPOCH;

use homeportal_domain::api::UploadKind;
use homeportal_domain::{ErrorCode, Lang};
use sha2::{Digest, Sha256};

use super::error::UploadError;
use super::records::{self, UploadRecord};
use super::tus_client::Patch;
use crate::api_client::ApiClient;
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
fn identity(path: &Path) -> Result<(u64, i64), UploadError> {
    let meta = std::fs::metadata(path)?;
    let mtime = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    Ok((meta.len(), mtime))
}

/// Read size when hashing what was sent before a restart.
const HASH_STEP: usize = 1024 * 1024;

/// SHA-256 state of the first `len` bytes of the file (what a resumed upload already sent).
fn hash_prefix(path: &Path, len: u64) -> Result<Sha256, UploadError> {
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
fn read_ahead(
    path: PathBuf,
    offset: u64,
    size: u64,
) -> tokio::sync::mpsc::Receiver<Result<Chunk, UploadError>> {
    let (sender, receiver) = tokio::sync::mpsc::channel(1);
    tokio::task::spawn_blocking(move || {
        let read = || -> Result<(), UploadError> {
            let mut whole = hash_prefix(&path, offset)?;
            let mut file = std::fs::File::open(&path)?;
            file.seek(SeekFrom::Start(offset))?;
            let mut at = offset;
            while at < size {
                let len = (size - at).min(CHUNK as u64) as usize;
                let mut bytes = vec![0u8; len];
                file.read_exact(&mut bytes).map_err(|e| match e.kind() {
                    std::io::ErrorKind::UnexpectedEof => UploadError::FileChanged,
                    _ => UploadError::Unreadable(e),
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

/// Uploads through one server, remembering them in one local store.
pub struct UploadManager<'a> {
    /// The server.
    pub api: &'a ApiClient,
    /// The local store.
    pub store: &'a LocalStore,
    /// The session token.
    pub token: &'a str,
    /// Language of error messages.
    pub lang: Lang,
}

impl UploadManager<'_> {
    /// Records a new upload of the file at `path`; returns its id. The file is hashed while
    /// it is sent, not before.
    pub async fn enqueue(
        &self,
        path: &Path,
        kind: UploadKind,
        slot: &str,
        now: i64,
    ) -> Result<i64, UploadError> {
        let (size, mtime) = identity(path)?;
        if size > kind.max_bytes() {
            return Err(UploadError::Server(homeportal_domain::ErrorBody::new(
                ErrorCode::TooLarge,
                self.lang,
            )));
        }
        let record = UploadRecord {
            id: 0,
            path: path.to_string_lossy().into_owned(),
            size,
            mtime,
            sha256: String::new(),
            kind: format!("{kind:?}").to_lowercase(),
            slot: slot.to_owned(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".to_owned()),
            location: None,
            offset: 0,
            state: "queued".to_owned(),
        };
        Ok(records::insert(self.store, &record, now)?)
    }

    /// Sends what the server does not have yet. Stops (keeping the state) when `stop` is set;
    /// refuses to go on if the file is not the one the upload started with.
    pub async fn run(
        &self,
        id: i64,
        stop: &AtomicBool,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(), UploadError> {
        let record = records::get(self.store, id)?.ok_or(UploadError::Unknown)?;
        if identity(Path::new(&record.path))? != (record.size, record.mtime) {
            return Err(UploadError::FileChanged);
        }
        let mut location = self.location(&record).await?;
        let offset = match self.api.tus_offset(self.token, &location, self.lang).await {
            Ok(offset) => offset.min(record.size),
            Err(e) if matches!(e.code, ErrorCode::NotFound | ErrorCode::UploadExpired) => {
                // The server forgot the upload (expired): start it again.
                location = self.create(&record).await?;
                0
            }
            Err(e) => return Err(UploadError::Server(e)),
        };
        records::set_offset(self.store, id, offset)?;
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
    ) -> Result<(), UploadError> {
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
                records::set_state(self.store, record.id, "paused")?;
                return Err(UploadError::Stopped);
            }
            let chunk = chunks
                .recv()
                .await
                .ok_or_else(|| UploadError::Unreadable(std::io::Error::other("reader ended")))??;
            let expected = offset + chunk.bytes.len() as u64;
            let patch = Patch {
                offset,
                crc32: chunk.crc32,
                file_sha256: chunk.file_sha256.as_deref(),
            };
            let next = match self
                .api
                .tus_patch(self.token, &location, &patch, chunk.bytes, self.lang)
                .await
            {
                Ok(next) => next,
                // Someone else moved on (or a retry after a lost answer): ask the server.
                Err(e) if e.code == ErrorCode::OffsetMismatch => self
                    .api
                    .tus_offset(self.token, &location, self.lang)
                    .await
                    .map_err(UploadError::Server)?,
                Err(e) if e.code == ErrorCode::ChecksumMismatch && patch.file_sha256.is_some() => {
                    // The whole file's hash did not match what was sent before: it changed.
                    return Err(UploadError::FileChanged);
                }
                Err(e) => return Err(UploadError::Server(e)),
            };
            if next != expected {
                // The server is elsewhere: read again from where it is.
                chunks = read_ahead(path.clone(), next, record.size);
            } else if chunk.file_sha256.is_some() {
                file_sha256 = chunk.file_sha256;
            }
            offset = next;
            records::set_offset(self.store, record.id, offset)?;
            progress(Progress {
                id: record.id,
                sent: offset,
                total: record.size,
            });
        }
        records::set_done(
            self.store,
            record.id,
            file_sha256.as_deref().unwrap_or_default(),
        )?;
        Ok(())
    }

    async fn location(&self, record: &UploadRecord) -> Result<String, UploadError> {
        match &record.location {
            Some(location) => Ok(location.clone()),
            None => self.create(record).await,
        }
    }

    async fn create(&self, record: &UploadRecord) -> Result<String, UploadError> {
        let metadata = [
            ("filename", record.file_name.as_str()),
            ("kind", record.kind.as_str()),
            ("slot", record.slot.as_str()),
        ];
        let location = self
            .api
            .tus_create(self.token, record.size, &metadata, self.lang)
            .await
            .map_err(UploadError::Server)?;
        records::set_location(self.store, record.id, &location)?;
        Ok(location)
    }

    /// Cancels an upload: terminated on the server, forgotten here.
    pub async fn cancel(&self, id: i64) -> Result<(), UploadError> {
        let record = records::get(self.store, id)?.ok_or(UploadError::Unknown)?;
        if let Some(location) = &record.location {
            match self
                .api
                .tus_terminate(self.token, location, self.lang)
                .await
            {
                Ok(()) => {}
                Err(e) if e.code == ErrorCode::NotFound => {}
                Err(e) => return Err(UploadError::Server(e)),
            }
        }
        Ok(records::delete(self.store, id)?)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use homeportal_domain::api::{paths, DocumentInfo, LoginRequest};
    use homeportal_testkit::TestAccount;

    use super::*;
    use crate::embedded::EmbeddedServer;

    struct Fixture {
        _server_dir: tempfile::TempDir,
        local_dir: tempfile::TempDir,
        server: EmbeddedServer,
        api: ApiClient,
        token: String,
    }

    impl Fixture {
        fn manager<'a>(&'a self, store: &'a LocalStore) -> UploadManager<'a> {
            UploadManager {
                api: &self.api,
                store,
                token: &self.token,
                lang: Lang::Ru,
            }
        }
    }

    async fn fixture() -> Fixture {
        let server_dir = tempfile::tempdir().expect("tempdir");
        let server = EmbeddedServer::start(server_dir.path())
            .await
            .expect("server");
        let account = TestAccount::nova_city();
        server.create_account_for_tests(&account).expect("account");
        let api = ApiClient::new(server.url());
        let request = LoginRequest {
            bin: account.bin.into(),
            password: account.password.into(),
        };
        let token = api.login(&request, Lang::Ru).await.expect("login").token;
        Fixture {
            _server_dir: server_dir,
            local_dir: tempfile::tempdir().expect("tempdir"),
            server,
            api,
            token,
        }
    }

    fn file(dir: &Path, len: usize) -> std::path::PathBuf {
        let path = dir.join("Финансовая отчётность.pdf");
        let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, data).expect("file");
        path
    }

    async fn documents(f: &Fixture) -> Vec<DocumentInfo> {
        f.api
            .http()
            .get(format!("{}{}", f.server.url(), paths::DOCUMENTS))
            .bearer_auth(&f.token)
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("list")
    }

    #[tokio::test]
    async fn stops_resumes_after_a_restart_and_completes_with_the_right_hash() {
        let f = fixture().await;
        let path = file(f.local_dir.path(), 2 * CHUNK + 12_345);
        let expected = hex::encode(hash_prefix(&path, u64::MAX).expect("hash").finalize());
        let id = {
            let store = LocalStore::open(f.local_dir.path()).expect("store");
            let manager = f.manager(&store);
            let id = manager
                .enqueue(&path, UploadKind::Library, "financials", 1)
                .await
                .expect("enqueued");
            // Stop as soon as the first chunk is confirmed, as a closed app would.
            let stop = AtomicBool::new(false);
            let result = manager
                .run(id, &stop, &|p: Progress| {
                    if p.sent >= CHUNK as u64 {
                        stop.store(true, Ordering::Relaxed);
                    }
                })
                .await;
            assert!(matches!(result, Err(UploadError::Stopped)));
            id
        };

        // A new store on the same folder: what a restarted app sees.
        let store = LocalStore::open(f.local_dir.path()).expect("reopened");
        let pending = records::unfinished(&store).expect("pending");
        assert_eq!(pending.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
        assert_eq!(pending[0].offset, CHUNK as u64);
        let manager = f.manager(&store);
        let seen = Mutex::new(Vec::new());
        manager
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
        assert!(records::unfinished(&store).expect("pending").is_empty());
        let documents = documents(&f).await;
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].sha256, expected);
        assert_eq!(documents[0].file_name, "Финансовая отчётность.pdf");

        // And back: streamed to disk, byte-exact.
        let copy = f.local_dir.path().join("copy.pdf");
        let size = f
            .api
            .download_document(&f.token, documents[0].id, &copy, Lang::Ru)
            .await
            .expect("downloaded");
        assert_eq!(size, 2 * CHUNK as u64 + 12_345);
        assert_eq!(
            hex::encode(hash_prefix(&copy, u64::MAX).expect("hash").finalize()),
            expected
        );
    }

    #[tokio::test]
    async fn a_changed_file_is_refused_on_resume() {
        let f = fixture().await;
        let path = file(f.local_dir.path(), CHUNK + 10);
        let store = LocalStore::open(f.local_dir.path()).expect("store");
        let manager = f.manager(&store);
        let id = manager
            .enqueue(&path, UploadKind::Library, "charter", 1)
            .await
            .expect("enqueued");
        let stop = AtomicBool::new(true);
        assert!(matches!(
            manager.run(id, &stop, &|_| {}).await,
            Err(UploadError::Stopped)
        ));
        std::fs::write(&path, b"another document").expect("changed");
        let result = manager.run(id, &AtomicBool::new(false), &|_| {}).await;
        assert!(
            matches!(result, Err(UploadError::FileChanged)),
            "{result:?}"
        );
        assert!(documents(&f).await.is_empty());
    }

    #[tokio::test]
    async fn cancel_terminates_on_the_server_and_forgets_locally() {
        let f = fixture().await;
        let path = file(f.local_dir.path(), CHUNK + 10);
        let store = LocalStore::open(f.local_dir.path()).expect("store");
        let manager = f.manager(&store);
        let id = manager
            .enqueue(&path, UploadKind::Library, "charter", 1)
            .await
            .expect("enqueued");
        let stop = AtomicBool::new(true);
        let _ = manager.run(id, &stop, &|_| {}).await;
        let location = records::get(&store, id)
            .expect("get")
            .and_then(|r| r.location)
            .expect("created");
        manager.cancel(id).await.expect("cancelled");
        assert!(records::get(&store, id).expect("get").is_none());
        let gone = f
            .api
            .tus_offset(&f.token, &location, Lang::Ru)
            .await
            .unwrap_err();
        assert_eq!(gone.code, ErrorCode::NotFound);
    }

    #[tokio::test]
    async fn too_large_files_are_refused_before_reading() {
        let f = fixture().await;
        let path = f.local_dir.path().join("huge.bin");
        let file = std::fs::File::create(&path).expect("file");
        file.set_len(UploadKind::Application.max_bytes() + 1)
            .expect("sparse");
        let store = LocalStore::open(f.local_dir.path()).expect("store");
        let manager = f.manager(&store);
        let refused = manager
            .enqueue(&path, UploadKind::Application, "x", 1)
            .await
            .unwrap_err();
        assert!(
            matches!(refused, UploadError::Server(ref body) if body.code == ErrorCode::TooLarge)
        );
    }
}
