//! Writes a PATCH body to the upload's file on a blocking thread, computing the chunk's
//! checksum and the file's running SHA-256 on the way, so the task reading the socket only
//! moves bytes and the two sides run on different cores.

use std::fs::File;
use std::io::{BufWriter, Write};

use axum::body::Bytes;
use base64::Engine;
use homeportal_domain::ErrorCode;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use crate::error::AppError;

/// Frames waiting for the writer: a few MB at most.
const QUEUE: usize = 16;
/// Disk writes of this size, whatever the body's frames are.
const WRITE_BUFFER: usize = 1024 * 1024;

/// The checksum a PATCH declared for its body, being computed.
pub enum ChunkDigest {
    /// No checksum declared.
    None,
    /// `sha1`, with the expected value.
    Sha1(Sha1, Vec<u8>),
    /// `sha256`, with the expected value.
    Sha256(Sha256, Vec<u8>),
    /// `crc32` (big-endian), with the expected value.
    Crc32(crc32fast::Hasher, Vec<u8>),
}

impl ChunkDigest {
    /// Parses `Upload-Checksum` (none when absent).
    pub fn from_header(value: Option<&str>) -> Result<ChunkDigest, AppError> {
        let Some(value) = value else {
            return Ok(ChunkDigest::None);
        };
        let (algorithm, encoded) = value
            .split_once(' ')
            .ok_or(AppError::Code(ErrorCode::BadRequest))?;
        let expected = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| AppError::Code(ErrorCode::BadRequest))?;
        match algorithm {
            "sha1" => Ok(ChunkDigest::Sha1(Sha1::new(), expected)),
            "sha256" => Ok(ChunkDigest::Sha256(Sha256::new(), expected)),
            "crc32" => Ok(ChunkDigest::Crc32(crc32fast::Hasher::new(), expected)),
            _ => Err(AppError::Code(ErrorCode::Unsupported)),
        }
    }

    /// Feeds body bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        match self {
            ChunkDigest::None => {}
            ChunkDigest::Sha1(h, _) => h.update(bytes),
            ChunkDigest::Sha256(h, _) => h.update(bytes),
            ChunkDigest::Crc32(h, _) => h.update(bytes),
        }
    }

    /// Whether the body matched (always, without a checksum).
    pub fn matches(&self) -> bool {
        match self {
            ChunkDigest::None => true,
            ChunkDigest::Sha1(h, expected) => {
                h.clone().finalize().as_slice() == expected.as_slice()
            }
            ChunkDigest::Sha256(h, expected) => {
                h.clone().finalize().as_slice() == expected.as_slice()
            }
            ChunkDigest::Crc32(h, expected) => {
                h.clone().finalize().to_be_bytes() == expected.as_slice()
            }
        }
    }
}

/// What the writer thread hands back once the body has ended.
pub struct Written {
    /// The chunk's checksum over everything written.
    pub digest: ChunkDigest,
    /// The file's running SHA-256, if it was known at the start.
    pub whole: Option<Sha256>,
    file: File,
}

impl Written {
    /// Truncates back to `keep_to` (a refused chunk) and/or syncs the data to disk.
    pub async fn settle(&self, keep_to: Option<u64>, sync: bool) -> std::io::Result<()> {
        let file = self.file.try_clone()?;
        tokio::task::spawn_blocking(move || {
            if let Some(len) = keep_to {
                file.set_len(len)?;
            }
            if sync {
                file.sync_data()?;
            }
            Ok(())
        })
        .await
        .map_err(std::io::Error::other)?
    }
}

/// A blocking thread that hashes and writes the frames it is given, in order.
pub struct ChunkWriter {
    frames: mpsc::Sender<Bytes>,
    thread: tokio::task::JoinHandle<std::io::Result<Written>>,
}

impl ChunkWriter {
    /// Starts writing at `file`'s current position.
    pub fn start(file: File, mut digest: ChunkDigest, mut whole: Option<Sha256>) -> ChunkWriter {
        let (frames, mut queue) = mpsc::channel::<Bytes>(QUEUE);
        let thread = tokio::task::spawn_blocking(move || {
            let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
            while let Some(frame) = queue.blocking_recv() {
                digest.update(&frame);
                if let Some(whole) = whole.as_mut() {
                    whole.update(&frame);
                }
                out.write_all(&frame)?;
            }
            let file = out.into_inner().map_err(|e| e.into_error())?;
            Ok(Written {
                digest,
                whole,
                file,
            })
        });
        ChunkWriter { frames, thread }
    }

    /// Queues a frame; false when the writer has stopped (its error comes from `finish`).
    pub async fn push(&mut self, frame: Bytes) -> bool {
        self.frames.send(frame).await.is_ok()
    }

    /// Waits until everything queued is written.
    pub async fn finish(self) -> std::io::Result<Written> {
        drop(self.frames);
        self.thread.await.map_err(std::io::Error::other)?
    }
}
