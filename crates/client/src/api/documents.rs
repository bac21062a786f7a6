//! The organisation's documents: list, download (streamed to disk), delete.

use std::path::Path;
use std::time::Duration;

use homeportal_domain::api::{paths, AttachDocumentRequest, DocumentInfo};
use reqwest::Method;
use tokio::io::AsyncWriteExt;

use super::Api;
use crate::error::{ClientError, Result};

/// A download may take this long on a slow line.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(3600);

fn document_path(id: i64) -> String {
    format!("{}/{id}", paths::DOCUMENTS)
}

impl Api {
    /// The organisation's documents.
    pub async fn documents(&self) -> Result<Vec<DocumentInfo>> {
        self.json(self.request(Method::GET, paths::DOCUMENTS)).await
    }

    /// Streams document `id` into `dest` (via a `.part` file renamed at the end); its size.
    pub async fn download_document(&self, id: i64, dest: &Path) -> Result<u64> {
        let request = self
            .request(Method::GET, &document_path(id))
            .timeout(DOWNLOAD_TIMEOUT);
        let mut response = self.exchange(request).await?;
        let part = dest.with_extension("part");
        let mut file = tokio::fs::File::create(&part).await?;
        let mut written = 0u64;
        loop {
            match response.chunk().await {
                Ok(Some(bytes)) => {
                    file.write_all(&bytes).await?;
                    written += bytes.len() as u64;
                }
                Ok(None) => break,
                Err(e) => {
                    drop(file);
                    let _ = tokio::fs::remove_file(&part).await;
                    return Err(ClientError::Unreachable(format!("download cut off: {e}")));
                }
            }
        }
        file.flush().await?;
        drop(file);
        tokio::fs::rename(&part, dest).await?;
        Ok(written)
    }

    /// Deletes document `id`.
    pub async fn delete_document(&self, id: i64) -> Result<()> {
        self.send(self.request(Method::DELETE, &document_path(id)))
            .await
            .map(drop)
    }

    /// Files library document `request.document_id` again under `request.slot`.
    pub async fn attach_document(&self, request: &AttachDocumentRequest) -> Result<DocumentInfo> {
        let path = paths::DOCUMENT_ATTACH.replace("{id}", &request.document_id.to_string());
        self.json(self.request(Method::POST, &path).json(request))
            .await
    }
}
