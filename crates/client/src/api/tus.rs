//! The tus 1.0 calls, on the same client (and error mapping) as the rest of the API. Upload
//! URLs stay relative to the server base, so an upload resumes on a new embedded port.

use std::time::Duration;

use base64::Engine;
use homeportal_domain::api::paths;
use reqwest::Method;

use super::Api;
use crate::error::{ClientError, Result};

const TUS_RESUMABLE: &str = "1.0.0";
/// Declares the whole file's SHA-256 (hex) on the last PATCH, hashed while sending.
const FILE_SHA256: &str = "Homeportal-File-Sha256";
/// A chunk may take this long on a slow line.
const CHUNK_TIMEOUT: Duration = Duration::from_secs(300);

/// What a PATCH says about its chunk.
pub struct Patch<'a> {
    /// Where the chunk starts.
    pub offset: u64,
    /// The chunk's CRC-32: enough to catch a damaged transfer, the file has its SHA-256.
    pub crc32: u32,
    /// The whole file's SHA-256 (hex), on the last chunk.
    pub file_sha256: Option<&'a str>,
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn offset_of(response: &reqwest::Response) -> Result<u64> {
    header(response, "upload-offset")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| ClientError::BadResponse("no Upload-Offset".into()))
}

impl Api {
    fn tus(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.request(method, path)
            .header("Tus-Resumable", TUS_RESUMABLE)
    }

    /// The part of an upload URL after the server base, as the local store keeps it.
    fn relative(&self, location: &str) -> String {
        location
            .strip_prefix(self.base())
            .unwrap_or(location)
            .to_owned()
    }

    /// Creates an upload of `length` bytes; returns its URL relative to the server base.
    pub async fn tus_create(&self, length: u64, metadata: &[(&str, &str)]) -> Result<String> {
        let metadata: Vec<String> = metadata
            .iter()
            .map(|(k, v)| format!("{k} {}", b64(v.as_bytes())))
            .collect();
        let request = self
            .tus(Method::POST, paths::UPLOADS)
            .header("Upload-Length", length.to_string())
            .header("Upload-Metadata", metadata.join(","));
        let response = self.exchange(request).await?;
        header(&response, "location")
            .map(|location| self.relative(&location))
            .ok_or_else(|| ClientError::BadResponse("no Location".into()))
    }

    /// How many bytes the server has of the upload at `location`.
    pub async fn tus_offset(&self, location: &str) -> Result<u64> {
        let response = self.exchange(self.tus(Method::HEAD, location)).await?;
        offset_of(&response)
    }

    /// Sends `chunk` as described by `patch`; returns the new offset.
    pub async fn tus_patch(
        &self,
        location: &str,
        patch: &Patch<'_>,
        chunk: Vec<u8>,
    ) -> Result<u64> {
        let mut request = self
            .tus(Method::PATCH, location)
            .timeout(CHUNK_TIMEOUT)
            .header("Content-Type", "application/offset+octet-stream")
            .header("Upload-Offset", patch.offset.to_string())
            .header(
                "Upload-Checksum",
                format!("crc32 {}", b64(&patch.crc32.to_be_bytes())),
            );
        if let Some(sha256) = patch.file_sha256 {
            request = request.header(FILE_SHA256, sha256);
        }
        let response = self.exchange(request.body(chunk)).await?;
        offset_of(&response)
    }

    /// Terminates the upload at `location` on the server.
    pub async fn tus_terminate(&self, location: &str) -> Result<()> {
        self.exchange(self.tus(Method::DELETE, location))
            .await
            .map(drop)
    }
}
