//! The server's signing API: what a signature covers, handing a CMS over, QR sessions.

use homeportal_domain::signing::{
    path_with_id, paths, QrRequest, QrSession, QrStatus, SignRequest, SignatureInfo,
    SigningManifest,
};
use reqwest::Method;

use super::Api;
use crate::error::Result;

impl Api {
    /// The text a signature over document `id` covers.
    pub async fn manifest(&self, id: i64) -> Result<SigningManifest> {
        let path = path_with_id(paths::DOCUMENT_MANIFEST, id);
        self.json(self.request(Method::GET, &path)).await
    }

    /// Hands a CMS (base64) over document `id`'s manifest to the server for verification.
    pub async fn submit_signature(&self, id: i64, cms: String) -> Result<SignatureInfo> {
        let path = path_with_id(paths::DOCUMENT_SIGNATURES, id);
        self.json(self.request(Method::POST, &path).json(&SignRequest { cms }))
            .await
    }

    /// Opens a QR signing session for document `id`.
    pub async fn start_qr(&self, id: i64) -> Result<QrSession> {
        let request = self
            .request(Method::POST, paths::QR_SESSIONS)
            .json(&QrRequest { document_id: id });
        self.json(request).await
    }

    /// How QR session `id` stands.
    pub async fn qr_status(&self, id: &str) -> Result<QrStatus> {
        let path = path_with_id(paths::QR_SESSION, id);
        self.json(self.request(Method::GET, &path)).await
    }
}
