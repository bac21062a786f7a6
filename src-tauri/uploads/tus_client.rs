//! The tus 1.0 calls, on the same client (and error mapping) as the rest of the API.

use std::time::Duration;

use base64::Engine;
use homeportal_domain::api::paths;
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use reqwest::header::AUTHORIZATION;
use reqwest::Method;

use crate::api_client::ApiClient;

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

fn bad_answer(lang: Lang) -> ErrorBody {
    ErrorBody::new(ErrorCode::BadServerResponse, lang)
}

impl ApiClient {
    fn tus(&self, method: Method, url: &str, token: &str) -> reqwest::RequestBuilder {
        self.http()
            .request(method, self.url(url))
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .header("Tus-Resumable", TUS_RESUMABLE)
    }

    /// Creates an upload of `length` bytes; returns its absolute URL.
    pub async fn tus_create(
        &self,
        token: &str,
        length: u64,
        metadata: &[(&str, &str)],
        lang: Lang,
    ) -> Result<String, ErrorBody> {
        let metadata: Vec<String> = metadata
            .iter()
            .map(|(k, v)| format!("{k} {}", b64(v.as_bytes())))
            .collect();
        let request = self
            .tus(Method::POST, paths::UPLOADS, token)
            .header("Upload-Length", length.to_string())
            .header("Upload-Metadata", metadata.join(","));
        let response = self.exchange(request, lang).await?;
        header(&response, "location")
            .map(|location| self.url(&location))
            .ok_or_else(|| bad_answer(lang))
    }

    /// How many bytes the server has.
    pub async fn tus_offset(&self, token: &str, url: &str, lang: Lang) -> Result<u64, ErrorBody> {
        let response = self
            .exchange(self.tus(Method::HEAD, url, token), lang)
            .await?;
        header(&response, "upload-offset")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad_answer(lang))
    }

    /// Sends `chunk` as described by `patch`; returns the new offset.
    pub async fn tus_patch(
        &self,
        token: &str,
        url: &str,
        patch: &Patch<'_>,
        chunk: Vec<u8>,
        lang: Lang,
    ) -> Result<u64, ErrorBody> {
        let mut request = self
            .tus(Method::PATCH, url, token)
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
        let response = self.exchange(request.body(chunk), lang).await?;
        header(&response, "upload-offset")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| bad_answer(lang))
    }

    /// Terminates an upload on the server.
    pub async fn tus_terminate(&self, token: &str, url: &str, lang: Lang) -> Result<(), ErrorBody> {
        self.exchange(self.tus(Method::DELETE, url, token), lang)
            .await
            .map(|_| ())
    }
}
