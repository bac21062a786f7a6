//! Signing acts with the organisation's EDS: through NCALayer or the eGov Business QR, and the
//! challenge a login by EDS answers. Shared by the server, the shell and the UI.

use serde::{Deserialize, Serialize};

/// API paths of signing.
pub mod paths {
    /// `GET`: the text a document's signature covers.
    pub const DOCUMENT_MANIFEST: &str = "/api/v1/documents/{id}/manifest";
    /// `GET` the document's signatures, `POST` a new one.
    pub const DOCUMENT_SIGNATURES: &str = "/api/v1/documents/{id}/signatures";
    /// `POST`: a QR signing session for a document.
    pub const QR_SESSIONS: &str = "/api/v1/signing/qr";
    /// `GET`: how a QR signing session stands.
    pub const QR_SESSION: &str = "/api/v1/signing/qr/{id}";
    /// `POST`: a one-time nonce for a login by EDS.
    pub const CHALLENGE: &str = "/api/v1/auth/challenge";
    /// `POST`: login with a CMS over the nonce, made with the AUTH key.
    pub const LOGIN_EDS: &str = "/api/v1/auth/login/eds";
    /// eGov mobile API №1 (public, what the QR code points to).
    pub const EGOV_API1: &str = "/egov/api1/{id}";
    /// eGov mobile API №2 (the documents; Bearer token from API №1).
    pub const EGOV_API2: &str = "/egov/api2/{id}";
}

/// The rule an NCALayer port outside 1–65535 breaks.
pub const PORT_RANGE: &str = "rule.port.range";

/// Fills `{id}` in a path.
pub fn path_with_id(template: &str, id: impl std::fmt::Display) -> String {
    template.replace("{id}", &id.to_string())
}

/// How a signature was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SigningMethod {
    /// NCALayer on this computer.
    NcaLayer,
    /// eGov Business (or eGov mobile) by QR code.
    EgovQr,
}

/// A verified signature, as the server accepted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureInfo {
    /// Its id.
    pub id: i64,
    /// The signed document.
    pub document_id: i64,
    /// ФИО of the signer.
    pub signer_name: String,
    /// ИИН of the signer.
    pub signer_iin: String,
    /// БИН in the certificate.
    pub signer_bin: String,
    /// Role: `head` or `signing_right`.
    pub role: String,
    /// Certificate serial, hex.
    pub certificate_serial: String,
    /// NCALayer or QR.
    pub method: SigningMethod,
    /// When it was signed (the CMS signing time), RFC 3339 UTC.
    pub signed_at: String,
    /// When the server received it, RFC 3339 UTC.
    #[serde(default)]
    pub received_at: String,
}

/// The text a signature over a document covers (name, size, SHA-256, organisation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigningManifest {
    /// The document.
    pub document_id: i64,
    /// UTF-8 text; the signature is a detached CMS over exactly these bytes.
    pub text: String,
}

/// `POST …/signatures`: a detached CMS over the manifest, base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignRequest {
    /// Base64 DER CMS.
    pub cms: String,
}

/// `POST /api/v1/signing/qr`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrRequest {
    /// The document to sign.
    pub document_id: i64,
}

/// A QR signing session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrSession {
    /// Its id.
    pub id: String,
    /// What the QR code holds: `mobileSign:<API №1 URL>`.
    pub qr_text: String,
    /// When the code stops working, RFC 3339 UTC.
    pub expires_at: String,
    /// Seconds left when created (the countdown's start).
    pub expires_in: u64,
}

/// Where a QR signing session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QrState {
    /// Waiting for the phone.
    Pending,
    /// Signed and verified.
    Signed,
    /// The phone sent a signature the server refused.
    Rejected,
    /// Time ran out.
    Expired,
}

/// `GET /api/v1/signing/qr/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrStatus {
    /// State.
    pub state: QrState,
    /// Seconds left while pending.
    pub expires_in: u64,
    /// The signature once signed.
    pub signature: Option<SignatureInfo>,
    /// Why it was refused, in the request's language.
    pub error: Option<crate::ErrorBody>,
}

/// `POST /api/v1/auth/challenge`: sign `nonce` (base64 of its bytes) with the AUTH key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// Base64 of the random bytes to sign.
    pub nonce: String,
    /// When it stops being accepted, RFC 3339 UTC.
    pub expires_at: String,
}

/// `POST /api/v1/auth/login/eds`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdsLoginRequest {
    /// The nonce from the challenge.
    pub nonce: String,
    /// Base64 CMS over the nonce's bytes (attached or detached), AUTH key.
    pub cms: String,
}

/// What the UI shows of a QR signing session: the code as a PNG data URL, and its countdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrView {
    /// The session, for polling.
    pub session_id: String,
    /// `mobileSign:<API №1 URL>`, the text inside the code.
    pub qr_text: String,
    /// `data:image/png;base64,…`, rendered by the shell.
    pub image: String,
    /// Seconds the code stays usable.
    pub expires_in: u64,
}

/// A command argument naming a QR session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrSessionRequest {
    /// The session id.
    pub session_id: String,
}

/// `set_ncalayer_port`: the port as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NcaLayerPortRequest {
    /// Digits, 1–65535.
    pub port: String,
}
