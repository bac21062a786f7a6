//! The server's one error type and its JSON form `{code, message, fields}`, localised by
//! the request's `Accept-Language`.

use axum::body::Body;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use homeportal_domain::{ErrorBody, ErrorCode, FieldError, Lang, RuleViolation};

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// One or more fields broke a rule: (field path, rule).
    #[error("validation failed: {0:?}")]
    Validation(Vec<(String, RuleViolation)>),
    /// A failure the user can act on, fully described by its code.
    #[error("{}", .0.as_str())]
    Code(ErrorCode),
    /// A failure of ours: logged with its detail, shown as a generic message.
    #[error("internal error: {0}")]
    Internal(String),
    /// A change based on an older version: 412 with the document as it is now.
    #[error("stale version; the server has version {}", .0.version)]
    Stale(Box<homeportal_domain::sync::ServerApplication>),
}

impl AppError {
    /// An internal error with a detail for the log.
    pub fn internal(detail: impl Into<String>) -> Self {
        AppError::Internal(detail.into())
    }

    /// A validation error on one field.
    pub fn field(field: &str, rule: RuleViolation) -> Self {
        AppError::Validation(vec![(field.to_owned(), rule)])
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Stale(_) => StatusCode::PRECONDITION_FAILED,
            AppError::Code(code) => match code {
                ErrorCode::Validation => StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
                ErrorCode::InvalidCredentials | ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
                ErrorCode::NotFound => StatusCode::NOT_FOUND,
                ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
                ErrorCode::Conflict => StatusCode::CONFLICT,
                ErrorCode::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::TooLarge | ErrorCode::QuotaExceeded => StatusCode::PAYLOAD_TOO_LARGE,
                // 460 is tus's "Checksum Mismatch".
                ErrorCode::ChecksumMismatch => {
                    StatusCode::from_u16(460).unwrap_or(StatusCode::BAD_REQUEST)
                }
                ErrorCode::OffsetMismatch => StatusCode::CONFLICT,
                ErrorCode::UploadExpired => StatusCode::GONE,
                ErrorCode::Unsupported => StatusCode::BAD_REQUEST,
                // A signature the verifier refused: the request was understood, not accepted.
                ErrorCode::SignatureInvalid
                | ErrorCode::SignatureWrongKey
                | ErrorCode::SignatureNoRight
                | ErrorCode::SignatureWrongOrganization
                | ErrorCode::SignatureWrongPerson
                | ErrorCode::CertificateExpired
                | ErrorCode::CertificateUntrusted
                | ErrorCode::CertificateRevoked
                | ErrorCode::SignatureUnsupported
                | ErrorCode::SignatureOtherDocument
                | ErrorCode::SigningTimeOff => StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::SigningExpired => StatusCode::GONE,
                ErrorCode::SigningDone => StatusCode::CONFLICT,
                ErrorCode::AccountNotFound => StatusCode::UNAUTHORIZED,
                ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::ChallengeExpired => StatusCode::GONE,
                ErrorCode::ServerBusy => StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::StaleVersion => StatusCode::PRECONDITION_FAILED,
                ErrorCode::VersionRequired => StatusCode::PRECONDITION_REQUIRED,
                ErrorCode::AlreadyRegistered => StatusCode::CONFLICT,
                ErrorCode::CertificateNotLegalEntity
                | ErrorCode::CodeInvalid
                | ErrorCode::RobotCheckFailed => StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::CodeExpired | ErrorCode::RegistrationExpired => StatusCode::GONE,
                ErrorCode::CodeAttemptsExceeded | ErrorCode::ResendTooSoon => {
                    StatusCode::TOO_MANY_REQUESTS
                }
                ErrorCode::DeliveryFailed | ErrorCode::RegistryUnavailable => {
                    StatusCode::SERVICE_UNAVAILABLE
                }
                ErrorCode::OrganisationNotFound | ErrorCode::InvitationInvalid => {
                    StatusCode::NOT_FOUND
                }
                ErrorCode::InvitationOtherOrganisation | ErrorCode::OtherParty => {
                    StatusCode::FORBIDDEN
                }
                ErrorCode::WrongStatus => StatusCode::CONFLICT,
                ErrorCode::Internal
                | ErrorCode::ServerUnreachable
                | ErrorCode::BadServerResponse
                | ErrorCode::LocalStorage
                | ErrorCode::FileChanged
                | ErrorCode::NcaLayerNotRunning
                | ErrorCode::SigningCancelled
                | ErrorCode::NcaLayerFailed
                | ErrorCode::NcaLayerTimeout
                | ErrorCode::UpdateSourceMissing
                | ErrorCode::UpdateUnreachable
                | ErrorCode::UpdateManifestInvalid
                | ErrorCode::UpdateDownloadFailed
                | ErrorCode::UpdateSignatureInvalid
                | ErrorCode::UpdateInstallFailed => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }

    fn parts(&self) -> ErrorParts {
        match self {
            AppError::Validation(fields) => ErrorParts {
                code: ErrorCode::Validation,
                fields: fields.clone(),
                current: None,
            },
            AppError::Code(code) => ErrorParts {
                code: *code,
                fields: Vec::new(),
                current: None,
            },
            AppError::Internal(_) => ErrorParts {
                code: ErrorCode::Internal,
                fields: Vec::new(),
                current: None,
            },
            AppError::Stale(current) => ErrorParts {
                code: ErrorCode::StaleVersion,
                fields: Vec::new(),
                current: serde_json::to_value(current).ok(),
            },
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        AppError::Internal(format!("sqlite: {e}"))
    }
}

/// A body or path the extractors refused: too large is 413, the rest a bad request.
fn rejected(status: StatusCode, detail: &dyn std::fmt::Display) -> AppError {
    tracing::debug!(%detail, %status, "request rejected");
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::Code(ErrorCode::TooLarge)
    } else {
        AppError::Code(ErrorCode::BadRequest)
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        rejected(rejection.status(), &rejection)
    }
}

impl From<BytesRejection> for AppError {
    fn from(rejection: BytesRejection) -> Self {
        rejected(rejection.status(), &rejection)
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        rejected(rejection.status(), &rejection)
    }
}

/// The language-independent content of an error answer, kept on the response so that
/// [`localize_errors`] can render it in the caller's language.
#[derive(Debug, Clone)]
struct ErrorParts {
    code: ErrorCode,
    fields: Vec<(String, RuleViolation)>,
    /// The current document, for a 412.
    current: Option<serde_json::Value>,
}

impl ErrorParts {
    fn render(&self, lang: Lang) -> ErrorBody {
        let fields = self
            .fields
            .iter()
            .map(|(field, rule)| FieldError {
                field: field.clone(),
                rule: rule.key.to_owned(),
                message: rule.message(lang).to_owned(),
            })
            .collect();
        ErrorBody {
            code: self.code,
            message: self.code.message(lang).to_owned(),
            fields,
        }
    }

    fn into_response(self, status: StatusCode, lang: Lang) -> Response {
        let mut body = serde_json::to_value(self.render(lang)).unwrap_or_default();
        if let (Some(current), Some(object)) = (&self.current, body.as_object_mut()) {
            object.insert("current".to_owned(), current.clone());
        }
        let body = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            )],
            body,
        )
            .into_response();
        response.extensions_mut().insert(self);
        response
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        self.parts().into_response(self.status(), Lang::Ru)
    }
}

/// Re-renders error bodies in the language of the request's `Accept-Language`.
pub async fn localize_errors(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    let response = next.run(request).await;
    if lang == Lang::Ru {
        return response;
    }
    match response.extensions().get::<ErrorParts>().cloned() {
        Some(parts) => parts.into_response(response.status(), lang),
        None => response,
    }
}

/// Answers a panic inside a handler with the generic internal error instead of a dropped connection.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("a request handler panicked");
    AppError::internal("handler panicked").into_response()
}
