//! `TestApp`: one typed client of a running server for every test — paths and DTOs come from
//! the domain, a refusal comes back as its status and error body.

use base64::Engine;
use homeportal_domain::api::{paths, DocumentInfo, Health, LoginRequest, LoginResponse, Profile};
use homeportal_domain::signing::{
    path_with_id, paths as signing, Challenge, EdsLoginRequest, QrRequest, QrSession, QrStatus,
    SignRequest, SignatureInfo, SigningManifest,
};
use homeportal_domain::ErrorBody;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::{ServerProcess, TestAccount};

/// A request the server refused.
#[derive(Debug)]
pub struct Refusal {
    /// Its status.
    pub status: StatusCode,
    /// Its error body.
    pub body: ErrorBody,
}

/// A typed client of one server, anonymous or signed in.
pub struct TestApp<'s> {
    server: &'s ServerProcess,
    http: reqwest::Client,
    token: Option<String>,
    accept_language: Option<&'static str>,
}

impl ServerProcess {
    /// An anonymous typed client of this server.
    pub fn app(&self) -> TestApp<'_> {
        TestApp {
            server: self,
            http: reqwest::Client::new(),
            token: None,
            accept_language: None,
        }
    }

    /// An anonymous typed client whose connections come from `address` (any 127.x.y.z reaches a
    /// server on loopback from its own address).
    pub fn app_from(&self, address: std::net::IpAddr) -> TestApp<'_> {
        TestApp {
            server: self,
            http: reqwest::Client::builder()
                .local_address(address)
                .build()
                .expect("a client bound to the address"),
            token: None,
            accept_language: None,
        }
    }

    /// A typed client signed in as `account` (password login).
    pub async fn signed_in(&self, account: &TestAccount) -> TestApp<'_> {
        let session = self
            .app()
            .login(account.bin, account.password)
            .await
            .unwrap_or_else(|r| panic!("{} cannot log in: {r:?}", account.bin));
        self.app().with_token(&session.token)
    }
}

/// The refusal `response` stands for.
pub async fn refusal(response: Response) -> Refusal {
    let status = response.status();
    let body = response
        .json()
        .await
        .unwrap_or_else(|e| panic!("{status} without an error body: {e}"));
    Refusal { status, body }
}

pub(crate) async fn answer<T: DeserializeOwned>(response: Response) -> Result<T, Refusal> {
    if response.status().is_success() {
        Ok(response.json().await.expect("the answer's type"))
    } else {
        Err(refusal(response).await)
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

impl<'s> TestApp<'s> {
    /// The same client acting for session `token`.
    pub fn with_token(self, token: &str) -> TestApp<'s> {
        TestApp {
            token: Some(token.to_owned()),
            ..self
        }
    }

    /// Another client of the same server acting for session `token`.
    pub fn clone_for(&self, token: &str) -> TestApp<'s> {
        TestApp {
            server: self.server,
            http: self.http.clone(),
            token: Some(token.to_owned()),
            accept_language: self.accept_language,
        }
    }

    /// The same client asking for answers in `accept_language`.
    pub fn in_language(self, accept_language: &'static str) -> TestApp<'s> {
        TestApp {
            accept_language: Some(accept_language),
            ..self
        }
    }

    /// The session token, when signed in.
    pub fn token(&self) -> &str {
        self.token.as_deref().unwrap_or_default()
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    /// A request to `path` with the session and language of this client.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(lang) = self.accept_language {
            request = request.header("Accept-Language", lang);
        }
        request
    }

    /// A tus 1.0 request to `path`.
    pub fn tus(&self, method: Method, path: &str) -> RequestBuilder {
        self.request(method, path).header("Tus-Resumable", "1.0.0")
    }

    async fn send(&self, request: RequestBuilder) -> Response {
        request.send().await.expect("the server answers")
    }

    /// `GET /health`.
    pub async fn health(&self) -> Health {
        answer(self.send(self.request(Method::GET, paths::HEALTH)).await)
            .await
            .expect("healthy")
    }

    /// Password login.
    pub async fn login(&self, bin: &str, password: &str) -> Result<LoginResponse, Refusal> {
        let request = LoginRequest {
            bin: bin.to_owned(),
            password: password.to_owned(),
        };
        answer(
            self.send(self.request(Method::POST, paths::LOGIN).json(&request))
                .await,
        )
        .await
    }

    /// Ends this session.
    pub async fn logout(&self) -> Result<(), Refusal> {
        let response = self.send(self.request(Method::POST, paths::LOGOUT)).await;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(refusal(response).await)
        }
    }

    /// The organisation's profile.
    pub async fn profile(&self) -> Result<Profile, Refusal> {
        answer(self.send(self.request(Method::GET, paths::PROFILE)).await).await
    }

    /// The organisation's documents.
    pub async fn documents(&self) -> Vec<DocumentInfo> {
        answer(self.send(self.request(Method::GET, paths::DOCUMENTS)).await)
            .await
            .expect("the documents")
    }

    /// Uploads `bytes` as library document `name` in slot `charter` (tus creation-with-upload);
    /// the new document's id.
    pub async fn upload_document(&self, name: &str, bytes: &[u8]) -> i64 {
        let created = self
            .send(
                self.tus(Method::POST, paths::UPLOADS)
                    .header("Upload-Length", bytes.len().to_string())
                    .header(
                        "Upload-Metadata",
                        format!("filename {},slot {}", b64(name.as_bytes()), b64(b"charter")),
                    )
                    .header("Content-Type", "application/offset+octet-stream")
                    .body(bytes.to_vec()),
            )
            .await;
        assert_eq!(created.status(), StatusCode::CREATED, "document created");
        self.documents()
            .await
            .into_iter()
            .find(|d| d.file_name == name)
            .map(|d| d.id)
            .expect("the uploaded document is listed")
    }

    /// The text a signature over document `id` covers.
    pub async fn manifest(&self, id: i64) -> SigningManifest {
        let path = path_with_id(signing::DOCUMENT_MANIFEST, id);
        answer(self.send(self.request(Method::GET, &path)).await)
            .await
            .expect("the manifest")
    }

    /// Hands a CMS over document `id`'s manifest to the server.
    pub async fn submit_signature(&self, id: i64, cms: &[u8]) -> Result<SignatureInfo, Refusal> {
        let path = path_with_id(signing::DOCUMENT_SIGNATURES, id);
        let request = SignRequest { cms: b64(cms) };
        answer(
            self.send(self.request(Method::POST, &path).json(&request))
                .await,
        )
        .await
    }

    /// The verified signatures over document `id`.
    pub async fn signatures(&self, id: i64) -> Vec<SignatureInfo> {
        let path = path_with_id(signing::DOCUMENT_SIGNATURES, id);
        answer(self.send(self.request(Method::GET, &path)).await)
            .await
            .expect("the signatures")
    }

    /// Opens a QR signing session for document `id`.
    pub async fn start_qr(&self, id: i64) -> Result<QrSession, Refusal> {
        let request = QrRequest { document_id: id };
        answer(
            self.send(
                self.request(Method::POST, signing::QR_SESSIONS)
                    .json(&request),
            )
            .await,
        )
        .await
    }

    /// How QR session `id` stands.
    pub async fn qr_status(&self, id: &str) -> QrStatus {
        let path = path_with_id(signing::QR_SESSION, id);
        answer(self.send(self.request(Method::GET, &path)).await)
            .await
            .expect("the QR status")
    }

    /// A one-time nonce for a login by EDS.
    pub async fn challenge(&self) -> Challenge {
        answer(
            self.send(self.request(Method::POST, signing::CHALLENGE))
                .await,
        )
        .await
        .expect("a challenge")
    }

    /// A login by EDS: a CMS over the nonce.
    pub async fn login_eds(&self, nonce: &str, cms: &[u8]) -> Result<LoginResponse, Refusal> {
        let request = EdsLoginRequest {
            nonce: nonce.to_owned(),
            cms: b64(cms),
        };
        answer(
            self.send(
                self.request(Method::POST, signing::LOGIN_EDS)
                    .json(&request),
            )
            .await,
        )
        .await
    }
}
