//! NCALayer's answers to `basics.sign`, read the way they come: success with a string or an
//! array, cancel as `status: true` without a result, failure as `status: false`.

use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use serde_json::Value;

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

fn failed(lang: Lang, detail: &str) -> ErrorBody {
    let mut body = ErrorBody::new(ErrorCode::NcaLayerFailed, lang);
    if !detail.is_empty() {
        body.message = format!("{} ({detail})", body.message);
    }
    body
}

/// The base64 CMS of a `basics.sign` answer, or what went wrong.
pub fn signature(text: &str, lang: Lang) -> Result<String, ErrorBody> {
    let value: Value = serde_json::from_str(text).map_err(|_| failed(lang, "not JSON"))?;
    match value.get("status") {
        Some(Value::Bool(true)) => match value.get("body").and_then(|b| b.get("result")) {
            Some(Value::String(cms)) => Ok(cms.clone()),
            Some(Value::Array(list)) => list
                .first()
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| failed(lang, "empty result")),
            Some(_) => Err(failed(lang, "unexpected result")),
            None => Err(ErrorBody::new(ErrorCode::SigningCancelled, lang)),
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
            Err(failed(lang, format!("{code} {message}").trim()))
        }
        _ => {
            let code = value
                .get("errorCode")
                .and_then(Value::as_str)
                .unwrap_or("unexpected answer");
            Err(failed(lang, code))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_shape_is_understood() {
        assert_eq!(
            greeting_version(r#"{"result":{"version":"1.4"}}"#).as_deref(),
            Some("1.4")
        );
        assert_eq!(greeting_version("garbage{"), None);
        assert_eq!(greeting_version(r#"{"result":{}}"#), None);

        assert_eq!(
            signature(r#"{"status":true,"body":{"result":"MIIB"}}"#, Lang::Ru),
            Ok("MIIB".into())
        );
        assert_eq!(
            signature(r#"{"status":true,"body":{"result":["MIIC"]}}"#, Lang::Ru),
            Ok("MIIC".into())
        );
        let cancelled = signature(r#"{"status":true,"body":{}}"#, Lang::Ru).unwrap_err();
        assert_eq!(cancelled.code, ErrorCode::SigningCancelled);
        assert_eq!(cancelled.message, "Подписание отменено");
        let failure = signature(
            r#"{"status":false,"code":"SIGNING_FAILURE","message":"Неверный пароль","details":"x"}"#,
            Lang::Ru,
        )
        .unwrap_err();
        assert_eq!(failure.code, ErrorCode::NcaLayerFailed);
        assert!(failure.message.contains("Неверный пароль"));
        let missing = signature(
            r#"{"success":false,"errorCode":"MODULE_NOT_FOUND"}"#,
            Lang::Ru,
        )
        .unwrap_err();
        assert!(missing.message.contains("MODULE_NOT_FOUND"));
    }
}
