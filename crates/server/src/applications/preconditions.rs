//! The headers a mutation carries: `If-Match` (the version it is based on) and
//! `Idempotency-Key` (`<device>:<mutation>`, so that a replay is answered, not applied again).

use axum::http::header::IF_MATCH;
use axum::http::HeaderMap;
use homeportal_domain::sync::{MutationKey, IDEMPOTENCY_KEY};
use homeportal_domain::ErrorCode;

use crate::error::AppError;

/// The version `If-Match` names: `"3"`, `W/"3"` or `3`. Missing is 428, unreadable is 400.
pub fn if_match(headers: &HeaderMap) -> Result<i64, AppError> {
    let value = headers
        .get(IF_MATCH)
        .ok_or(AppError::Code(ErrorCode::VersionRequired))?;
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|v| *v > 0)
        .ok_or(AppError::Code(ErrorCode::BadRequest))
}

/// The mutation's key, when the caller names one; an unreadable one is 400.
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<MutationKey>, AppError> {
    headers
        .get(IDEMPOTENCY_KEY)
        .map(|value| {
            value
                .to_str()
                .ok()
                .and_then(MutationKey::parse)
                .ok_or(AppError::Code(ErrorCode::BadRequest))
        })
        .transpose()
}

/// The `ETag` of a version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn versions_are_read_in_every_usual_spelling() {
        for (text, expected) in [("\"3\"", 3), ("W/\"3\"", 3), ("3", 3)] {
            let mut headers = HeaderMap::new();
            headers.insert(IF_MATCH, HeaderValue::from_static(text));
            assert_eq!(if_match(&headers).expect(text), expected);
        }
        assert!(matches!(
            if_match(&HeaderMap::new()),
            Err(AppError::Code(ErrorCode::VersionRequired))
        ));
        let mut headers = HeaderMap::new();
        headers.insert(IF_MATCH, HeaderValue::from_static("*"));
        assert!(matches!(
            if_match(&headers),
            Err(AppError::Code(ErrorCode::BadRequest))
        ));
    }
}
