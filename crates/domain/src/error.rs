//! Error codes and the JSON error body `{code, message, fields}` every API error carries.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Lang};

/// Every error a user can meet, named once for the server, the shell and the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A request field failed format-logical control; `fields` says which and why.
    Validation,
    /// The request body is not what the endpoint expects.
    BadRequest,
    /// BIN and password do not match an account.
    InvalidCredentials,
    /// No valid session: the user must log in again.
    Unauthorized,
    /// The addressed resource does not exist (or is not the caller's).
    NotFound,
    /// The HTTP method is not allowed on this resource.
    MethodNotAllowed,
    /// The resource already exists or was changed concurrently.
    Conflict,
    /// Too many attempts in a short time.
    TooManyRequests,
    /// Something failed on the server; details are in its log, never in the answer.
    Internal,
    /// The shell could not reach the server at all.
    ServerUnreachable,
    /// The server answered, but not with anything the shell understands.
    BadServerResponse,
    /// The local store on this computer failed.
    LocalStorage,
    /// A file is larger than its document kind allows.
    TooLarge,
    /// The organisation's storage quota would be exceeded.
    QuotaExceeded,
    /// A chunk or a whole file does not match its declared checksum.
    ChecksumMismatch,
    /// The upload's offset differs from the server's: resume from the server's offset.
    OffsetMismatch,
    /// The upload expired and was removed: start it again.
    UploadExpired,
    /// A checksum algorithm or tus version the server does not support.
    Unsupported,
    /// The file on this computer changed after its upload started.
    FileChanged,
    /// The signature does not verify: the data or the signature was changed.
    SignatureInvalid,
    /// A key of the wrong type was used.
    SignatureWrongKey,
    /// The certificate's owner may not sign for the organisation.
    SignatureNoRight,
    /// The certificate belongs to another organisation.
    SignatureWrongOrganization,
    /// The certificate belongs to another person.
    SignatureWrongPerson,
    /// The certificate was not valid at signing time.
    CertificateExpired,
    /// The certificate does not chain to a trusted root.
    CertificateUntrusted,
    /// The certificate is revoked or its status is unknown.
    CertificateRevoked,
    /// The signature algorithm is not supported.
    SignatureUnsupported,
    /// The signing session or challenge expired.
    SigningExpired,
    /// The signing session was already used.
    SigningDone,
    /// NCALayer does not answer on its port.
    NcaLayerNotRunning,
    /// The user closed the NCALayer dialog.
    SigningCancelled,
    /// NCALayer reported a failure.
    NcaLayerFailed,
    /// NCALayer did not answer in time.
    NcaLayerTimeout,
    /// No cabinet is registered for the certificate's organisation or person.
    AccountNotFound,
    /// The body is of a type the endpoint does not take.
    UnsupportedMediaType,
    /// A login challenge expired or was already answered.
    ChallengeExpired,
    /// The server is too busy to answer now; trying again shortly works.
    ServerBusy,
    /// The document changed on the server since the version the change was based on.
    StaleVersion,
    /// A change must name the version it is based on (`If-Match`).
    VersionRequired,
    /// The signature was made for another document (its manifest differs).
    SignatureOtherDocument,
    /// The signing time in the signature is far from when it arrived.
    SigningTimeOff,
    /// The organisation already has a cabinet: log in or recover access.
    AlreadyRegistered,
    /// The certificate is an individual's, not a legal entity's.
    CertificateNotLegalEntity,
    /// The one-time code is wrong.
    CodeInvalid,
    /// The one-time code expired or was already used: ask for a new one.
    CodeExpired,
    /// Too many wrong codes: ask for a new one.
    CodeAttemptsExceeded,
    /// A code was sent moments ago: wait before asking again.
    ResendTooSoon,
    /// The «Я не робот» answer does not solve its puzzle.
    RobotCheckFailed,
    /// The registration (or recovery) took too long or is unknown: start again.
    RegistrationExpired,
    /// The e-mail or SMS could not be sent.
    DeliveryFailed,
    /// No organisation with this БИН in the registry.
    OrganisationNotFound,
    /// The organisations registry did not answer; try again later.
    RegistryUnavailable,
    /// The invitation code is unknown, used or expired.
    InvitationInvalid,
    /// The invitation is for another organisation than the one signed in.
    InvitationOtherOrganisation,
    /// The other party of the application does this.
    OtherParty,
    /// The application's status does not allow this step.
    WrongStatus,
    /// No update source is configured for this installation.
    UpdateSourceMissing,
    /// The update source did not answer.
    UpdateUnreachable,
    /// The update source answered with something that is not an update manifest.
    UpdateManifestInvalid,
    /// The update could not be downloaded.
    UpdateDownloadFailed,
    /// The update's signature does not match the publisher's key: it was changed on the way.
    UpdateSignatureInvalid,
    /// The system did not install the update; the running version stays.
    UpdateInstallFailed,
}

impl ErrorCode {
    /// Every code, for catalogue checks.
    pub const ALL: [ErrorCode; 63] = [
        ErrorCode::Validation,
        ErrorCode::BadRequest,
        ErrorCode::InvalidCredentials,
        ErrorCode::Unauthorized,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Conflict,
        ErrorCode::TooManyRequests,
        ErrorCode::Internal,
        ErrorCode::ServerUnreachable,
        ErrorCode::BadServerResponse,
        ErrorCode::LocalStorage,
        ErrorCode::TooLarge,
        ErrorCode::QuotaExceeded,
        ErrorCode::ChecksumMismatch,
        ErrorCode::OffsetMismatch,
        ErrorCode::UploadExpired,
        ErrorCode::Unsupported,
        ErrorCode::FileChanged,
        ErrorCode::SignatureInvalid,
        ErrorCode::SignatureWrongKey,
        ErrorCode::SignatureNoRight,
        ErrorCode::SignatureWrongOrganization,
        ErrorCode::SignatureWrongPerson,
        ErrorCode::CertificateExpired,
        ErrorCode::CertificateUntrusted,
        ErrorCode::CertificateRevoked,
        ErrorCode::SignatureUnsupported,
        ErrorCode::SigningExpired,
        ErrorCode::SigningDone,
        ErrorCode::NcaLayerNotRunning,
        ErrorCode::SigningCancelled,
        ErrorCode::NcaLayerFailed,
        ErrorCode::NcaLayerTimeout,
        ErrorCode::AccountNotFound,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::ChallengeExpired,
        ErrorCode::ServerBusy,
        ErrorCode::StaleVersion,
        ErrorCode::VersionRequired,
        ErrorCode::SignatureOtherDocument,
        ErrorCode::SigningTimeOff,
        ErrorCode::AlreadyRegistered,
        ErrorCode::CertificateNotLegalEntity,
        ErrorCode::CodeInvalid,
        ErrorCode::CodeExpired,
        ErrorCode::CodeAttemptsExceeded,
        ErrorCode::ResendTooSoon,
        ErrorCode::RobotCheckFailed,
        ErrorCode::RegistrationExpired,
        ErrorCode::DeliveryFailed,
        ErrorCode::OrganisationNotFound,
        ErrorCode::RegistryUnavailable,
        ErrorCode::InvitationInvalid,
        ErrorCode::InvitationOtherOrganisation,
        ErrorCode::OtherParty,
        ErrorCode::WrongStatus,
        ErrorCode::UpdateSourceMissing,
        ErrorCode::UpdateUnreachable,
        ErrorCode::UpdateManifestInvalid,
        ErrorCode::UpdateDownloadFailed,
        ErrorCode::UpdateSignatureInvalid,
        ErrorCode::UpdateInstallFailed,
    ];

    /// The catalogue key of this code's message, e.g. `error.invalid_credentials`.
    pub fn key(self) -> &'static str {
        match self {
            ErrorCode::Validation => "error.validation",
            ErrorCode::BadRequest => "error.bad_request",
            ErrorCode::InvalidCredentials => "error.invalid_credentials",
            ErrorCode::Unauthorized => "error.unauthorized",
            ErrorCode::NotFound => "error.not_found",
            ErrorCode::MethodNotAllowed => "error.method_not_allowed",
            ErrorCode::Conflict => "error.conflict",
            ErrorCode::TooManyRequests => "error.too_many_requests",
            ErrorCode::Internal => "error.internal",
            ErrorCode::ServerUnreachable => "error.server_unreachable",
            ErrorCode::BadServerResponse => "error.bad_server_response",
            ErrorCode::LocalStorage => "error.local_storage",
            ErrorCode::TooLarge => "error.too_large",
            ErrorCode::QuotaExceeded => "error.quota_exceeded",
            ErrorCode::ChecksumMismatch => "error.checksum_mismatch",
            ErrorCode::OffsetMismatch => "error.offset_mismatch",
            ErrorCode::UploadExpired => "error.upload_expired",
            ErrorCode::Unsupported => "error.unsupported",
            ErrorCode::FileChanged => "error.file_changed",
            ErrorCode::SignatureInvalid => "error.signature_invalid",
            ErrorCode::SignatureWrongKey => "error.signature_wrong_key",
            ErrorCode::SignatureNoRight => "error.signature_no_right",
            ErrorCode::SignatureWrongOrganization => "error.signature_wrong_organization",
            ErrorCode::SignatureWrongPerson => "error.signature_wrong_person",
            ErrorCode::CertificateExpired => "error.certificate_expired",
            ErrorCode::CertificateUntrusted => "error.certificate_untrusted",
            ErrorCode::CertificateRevoked => "error.certificate_revoked",
            ErrorCode::SignatureUnsupported => "error.signature_unsupported",
            ErrorCode::SigningExpired => "error.signing_expired",
            ErrorCode::SigningDone => "error.signing_done",
            ErrorCode::NcaLayerNotRunning => "error.nca_layer_not_running",
            ErrorCode::SigningCancelled => "error.signing_cancelled",
            ErrorCode::NcaLayerFailed => "error.nca_layer_failed",
            ErrorCode::NcaLayerTimeout => "error.nca_layer_timeout",
            ErrorCode::AccountNotFound => "error.account_not_found",
            ErrorCode::UnsupportedMediaType => "error.unsupported_media_type",
            ErrorCode::ChallengeExpired => "error.challenge_expired",
            ErrorCode::ServerBusy => "error.server_busy",
            ErrorCode::StaleVersion => "error.stale_version",
            ErrorCode::VersionRequired => "error.version_required",
            ErrorCode::SignatureOtherDocument => "error.signature_other_document",
            ErrorCode::SigningTimeOff => "error.signing_time_off",
            ErrorCode::AlreadyRegistered => "error.already_registered",
            ErrorCode::CertificateNotLegalEntity => "error.certificate_not_legal_entity",
            ErrorCode::CodeInvalid => "error.code_invalid",
            ErrorCode::CodeExpired => "error.code_expired",
            ErrorCode::CodeAttemptsExceeded => "error.code_attempts_exceeded",
            ErrorCode::ResendTooSoon => "error.resend_too_soon",
            ErrorCode::RobotCheckFailed => "error.robot_check_failed",
            ErrorCode::RegistrationExpired => "error.registration_expired",
            ErrorCode::DeliveryFailed => "error.delivery_failed",
            ErrorCode::OrganisationNotFound => "error.organisation_not_found",
            ErrorCode::RegistryUnavailable => "error.registry_unavailable",
            ErrorCode::InvitationInvalid => "error.invitation_invalid",
            ErrorCode::InvitationOtherOrganisation => "error.invitation_other_organisation",
            ErrorCode::OtherParty => "error.other_party",
            ErrorCode::WrongStatus => "error.wrong_status",
            ErrorCode::UpdateSourceMissing => "error.update_source_missing",
            ErrorCode::UpdateUnreachable => "error.update_unreachable",
            ErrorCode::UpdateManifestInvalid => "error.update_manifest_invalid",
            ErrorCode::UpdateDownloadFailed => "error.update_download_failed",
            ErrorCode::UpdateSignatureInvalid => "error.update_signature_invalid",
            ErrorCode::UpdateInstallFailed => "error.update_install_failed",
        }
    }

    /// The wire name, e.g. `invalid_credentials` (the same as serde's).
    pub fn as_str(self) -> &'static str {
        &self.key()["error.".len()..]
    }

    /// The user-facing sentence for this code in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        i18n::text(lang, self.key())
    }
}

/// One field's failed rule, addressed by its path in the request (e.g. `bin`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Path of the field in the request document.
    pub field: String,
    /// Catalogue key of the rule that failed, e.g. `rule.bin.check_digit`.
    pub rule: String,
    /// The rule's message in the language of the request.
    pub message: String,
}

/// The JSON body of every error answer: `{code, message, fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// What went wrong, as a stable code.
    pub code: ErrorCode,
    /// A sentence for the user.
    pub message: String,
    /// Per-field problems; empty unless `code` is `validation`.
    #[serde(default)]
    pub fields: Vec<FieldError>,
}

impl ErrorBody {
    /// An error body with the catalogue message of `code` and no field errors.
    pub fn new(code: ErrorCode, lang: Lang) -> Self {
        Self {
            code,
            message: code.message(lang).to_owned(),
            fields: Vec::new(),
        }
    }

    /// A validation error carrying the given field errors.
    pub fn validation(fields: Vec<FieldError>, lang: Lang) -> Self {
        Self {
            fields,
            ..Self::new(ErrorCode::Validation, lang)
        }
    }
}

impl std::fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}
