//! The server's signing API, on the same client (and error mapping) as the rest.

use homeportal_domain::signing::{
    path_with_id, paths, QrRequest, QrSession, QrStatus, SignRequest, SignatureInfo,
    SigningManifest,
};
use homeportal_domain::{ErrorBody, Lang};
use reqwest::header::AUTHORIZATION;

use crate::api_client::ApiClient;

impl ApiClient {
    /// The text a signature over document `id` covers.
    pub async fn manifest(
        &self,
        token: &str,
        id: i64,
        lang: Lang,
    ) -> Result<SigningManifest, ErrorBody> {
        let request = self
            .http()
            .get(self.url(&path_with_id(paths::DOCUMENT_MANIFEST, id)))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        self.json(request, lang).await
    }

    /// Hands a CMS (base64) over document `id`'s manifest to the server for verification.
    pub async fn submit_signature(
        &self,
        token: &str,
        id: i64,
        cms: String,
        lang: Lang,
    ) -> Result<SignatureInfo, ErrorBody> {
        let request = self
            .http()
            .post(self.url(&path_with_id(paths::DOCUMENT_SIGNATURES, id)))
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .json(&SignRequest { cms });
        self.json(request, lang).await
    }

    /// Opens a QR signing session for document `id`.
    pub async fn start_qr(&self, token: &str, id: i64, lang: Lang) -> Result<QrSession, ErrorBody> {
        let request = self
            .http()
            .post(self.url(paths::QR_SESSIONS))
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .json(&QrRequest { document_id: id });
        self.json(request, lang).await
    }

    /// How QR session `id` stands.
    pub async fn qr_status(
        &self,
        token: &str,
        id: &str,
        lang: Lang,
    ) -> Result<QrStatus, ErrorBody> {
        let request = self
            .http()
            .get(self.url(&path_with_id(paths::QR_SESSION, id)))
            .header(AUTHORIZATION, format!("Bearer {token}"));
        self.json(request, lang).await
    }
}
