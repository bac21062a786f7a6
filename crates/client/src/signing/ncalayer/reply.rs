//! NCALayer's answers to `basics.sign`, read the way they come: success with a string or an
//! array, cancel as `status: true` without a result, failure as `status: false`.

use homeportal_domain::ErrorCode;
use serde_json::Value;

use crate::error::{ClientError, Result};

/// The greeting's version, if the first message is NCALayer's.
pub fn greeting_version(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    let version = value.get("result")?.get("version")?;
    match version {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn failed(detail: &str) -> ClientError {
    ClientError::NcaLayer {
        code: ErrorCode::NcaLayerFailed,
        detail: detail.to_owned(),
    }
}

/// The base64 CMS of a `basics.sign` answer, or what went wrong.
pub fn signature(text: &str) -> Result<String> {
    let value: Value = serde_json::from_str(text).map_err(|_| failed("not JSON"))?;
    match value.get("status") {
        Some(Value::Bool(true)) => match value.get("body").and_then(|b| b.get("result")) {
            Some(Value::String(cms)) => Ok(cms.clone()),
            Some(Value::Array(list)) => list
                .first()
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| failed("empty result")),
            Some(_) => Err(failed("unexpected result")),
            None => Err(ClientError::NcaLayer {
                code: ErrorCode::SigningCancelled,
                detail: String::new(),
            }),
        },
        Some(Value::Bool(false)) => {
            let code = value
                .get("code")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let message = value
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Err(failed(format!("{code} {message}").trim()))
        }
        _ => {
            let code = value
                .get("errorCode")
                .and_then(Value::as_str)
                .unwrap_or("unexpected answer");
            Err(failed(code))
        }
    }
}

#[cfg(test)]
mod tests {
    use homeportal_domain::Lang;

    use super::*;

    fn message(error: ClientError) -> String {
        error.to_body(Lang::Ru).message
    }

    #[test]
    fn every_answer_shape_is_understood() {
        assert_eq!(
            greeting_version(r#"{"result":{"version":"1.4"}}"#).as_deref(),
            Some("1.4")
        );
        assert_eq!(greeting_version("garbage{"), None);
        assert_eq!(greeting_version(r#"{"result":{}}"#), None);

        assert_eq!(
            signature(r#"{"status":true,"body":{"result":"MIIB"}}"#).ok(),
            Some("MIIB".into())
        );
        assert_eq!(
            signature(r#"{"status":true,"body":{"result":["MIIC"]}}"#).ok(),
            Some("MIIC".into())
        );
        let cancelled = signature(r#"{"status":true,"body":{}}"#).unwrap_err();
        assert_eq!(cancelled.code(), ErrorCode::SigningCancelled);
        assert_eq!(message(cancelled), "Подписание отменено");
        let failure = signature(
            r#"{"status":false,"code":"SIGNING_FAILURE","message":"Неверный пароль","details":"x"}"#,
        )
        .unwrap_err();
        assert_eq!(failure.code(), ErrorCode::NcaLayerFailed);
        assert!(message(failure).contains("Неверный пароль"));
        let missing = signature(r#"{"success":false,"errorCode":"MODULE_NOT_FOUND"}"#).unwrap_err();
        assert!(message(missing).contains("MODULE_NOT_FOUND"));
    }
}
