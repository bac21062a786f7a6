//! A fake eGov mobile / eGov Business app: reads a `mobileSign:` QR text (or a
//! `*.page.link/?link=` deep link), checks API №1 and API №2 answers against the published
//! shapes, signs every document with a test key as the method asks, and PUTs the JSON back
//! with only the data replaced — as the real app does (signing.md §2, §6b).

use base64::Engine;
use serde_json::Value;

use crate::pki::TestKey;

/// What the phone does besides following the protocol (for negative scenarios).
#[derive(Debug, Clone, Default)]
pub struct Behaviour {
    /// `Accept-Language` (`ru` when empty).
    pub lang: String,
    /// Send this token instead of the one from API №1 (`Some("")` sends none).
    pub token: Option<String>,
    /// Sign bytes other than the ones received (a tampered document).
    pub alter_document: bool,
}

/// What the server answered to the PUT.
#[derive(Debug, Clone, PartialEq)]
pub struct PutAnswer {
    /// HTTP status.
    pub status: u16,
    /// The JSON body (`{"message": …}` on refusals).
    pub body: Value,
}

/// Why the phone gave up before signing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MobileError {
    /// The QR text or link is not one eGov reads.
    #[error("not an eGov QR: {0}")]
    NotEgov(String),
    /// An answer does not have the published shape.
    #[error("API answer does not match the spec: {0}")]
    Shape(String),
    /// The session's `expiry_date` has passed.
    #[error("the signing session has expired")]
    Expired,
    /// The server refused a GET with `{"message"}`.
    #[error("server refused ({status}): {message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// Its message.
        message: String,
    },
    /// Transport failure.
    #[error("network: {0}")]
    Network(String),
}

fn shape(what: &str) -> MobileError {
    MobileError::Shape(what.to_owned())
}

/// API №1's URL from a QR text or a same-device link.
pub fn api1_url(scanned: &str) -> Result<String, MobileError> {
    if let Some(url) = scanned.strip_prefix("mobileSign:") {
        return Ok(url.to_owned());
    }
    if scanned.contains(".page.link/") {
        let query = scanned.split_once('?').map(|(_, q)| q).unwrap_or_default();
        for pair in query.split('&') {
            if let Some(link) = pair.strip_prefix("link=") {
                return percent_decode(link)
                    .ok_or_else(|| MobileError::NotEgov(scanned.to_owned()));
            }
        }
    }
    Err(MobileError::NotEgov(scanned.to_owned()))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `yyyy-MM-dd'T'HH:mm:ss.SSS` + zone, as Unix seconds (UTC `Z` or `±hh:mm`).
fn expiry(text: &str) -> Option<i64> {
    let (date, time) = text.split_once('T')?;
    let mut ymd = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (ymd.next()??, ymd.next()??, ymd.next()??);
    let (clock, zone_secs) = if let Some(clock) = time.strip_suffix('Z') {
        (clock, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (clock, zone) = time.split_at(at);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let (h, mi) = zone[1..].split_once(':')?;
        (
            clock,
            sign * (h.parse::<i64>().ok()? * 3600 + mi.parse::<i64>().ok()? * 60),
        )
    };
    let (hms, millis) = clock.split_once('.')?;
    if millis.len() != 3 {
        return None;
    }
    let mut parts = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, mi, s) = (parts.next()??, parts.next()??, parts.next()??);
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + s - zone_secs)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Checks API №1's answer; returns (API №2 URI, auth type, token).
pub fn check_api1(api1: &Value) -> Result<(String, String, Option<String>), MobileError> {
    api1.get("description")
        .and_then(Value::as_str)
        .ok_or_else(|| shape("description"))?;
    let expiry_date = api1
        .get("expiry_date")
        .and_then(Value::as_str)
        .ok_or_else(|| shape("expiry_date"))?;
    let expires = expiry(expiry_date).ok_or_else(|| shape("expiry_date format"))?;
    let organisation = api1
        .get("organisation")
        .ok_or_else(|| shape("organisation"))?;
    for name in ["nameRu", "nameKz", "nameEn"] {
        organisation
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| shape(name))?;
    }
    let bin = organisation
        .get("bin")
        .and_then(Value::as_str)
        .ok_or_else(|| shape("bin"))?;
    if bin.len() != 12 || !bin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(shape("bin must be 12 digits"));
    }
    let document = api1.get("document").ok_or_else(|| shape("document"))?;
    let uri = document
        .get("uri")
        .and_then(Value::as_str)
        .ok_or_else(|| shape("document.uri"))?;
    let auth_type = document
        .get("auth_type")
        .and_then(Value::as_str)
        .ok_or_else(|| shape("document.auth_type"))?;
    let token = match auth_type {
        "Token" => Some(
            document
                .get("auth_token")
                .and_then(Value::as_str)
                .ok_or_else(|| shape("document.auth_token"))?
                .to_owned(),
        ),
        "None" => None,
        "Eds" => return Err(shape("Eds auth is not played by this double")),
        _ => return Err(shape("document.auth_type")),
    };
    if expires <= now() {
        return Err(MobileError::Expired);
    }
    Ok((uri.to_owned(), auth_type.to_owned(), token))
}

const METHODS: [&str; 5] = [
    "XML",
    "CMS_WITH_DATA",
    "CMS_SIGN_ONLY",
    "SIGN_BYTES_ARRAY",
    "MIX_SIGN",
];

/// Checks API №2's answer.
pub fn check_api2(api2: &Value) -> Result<(), MobileError> {
    let method = api2
        .get("signMethod")
        .and_then(Value::as_str)
        .filter(|m| METHODS.contains(m))
        .ok_or_else(|| shape("signMethod"))?;
    api2.get("version")
        .and_then(Value::as_i64)
        .ok_or_else(|| shape("version"))?;
    let documents = api2
        .get("documentsToSign")
        .and_then(Value::as_array)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| shape("documentsToSign"))?;
    for document in documents {
        document
            .get("id")
            .and_then(Value::as_i64)
            .ok_or_else(|| shape("documentsToSign[].id"))?;
        for name in ["nameRu", "nameKz", "nameEn"] {
            document
                .get(name)
                .and_then(Value::as_str)
                .ok_or_else(|| shape(name))?;
        }
        let own = document.get("signMethod").and_then(Value::as_str);
        if own.is_some() != (method == "MIX_SIGN") {
            return Err(shape("per-document signMethod only under MIX_SIGN"));
        }
        let method = own.unwrap_or(method);
        let xml = document.get("documentXml").is_some();
        let file = document.pointer("/document/file/data").is_some()
            && document.pointer("/document/file/mime").is_some();
        let fits = if method == "XML" {
            xml && !file
        } else {
            file && !xml
        };
        if !fits {
            return Err(shape(
                "exactly one of documentXml / document.file, as the method needs",
            ));
        }
    }
    Ok(())
}

fn refused(status: u16, body: &str) -> MobileError {
    let message = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| body.to_owned());
    MobileError::Refused { status, message }
}

fn network(e: reqwest::Error) -> MobileError {
    MobileError::Network(e.to_string())
}

/// The body of a GET that must answer 200.
async fn fetch(request: reqwest::RequestBuilder) -> Result<String, MobileError> {
    let answer = request.send().await.map_err(network)?;
    let status = answer.status().as_u16();
    let text = answer.text().await.map_err(network)?;
    if status != 200 {
        return Err(refused(status, &text));
    }
    Ok(text)
}

/// Scans `scanned`, signs with `key`, PUTs the result; the server's answer to the PUT.
pub async fn sign(
    scanned: &str,
    key: &TestKey,
    behaviour: &Behaviour,
) -> Result<PutAnswer, MobileError> {
    let lang = if behaviour.lang.is_empty() {
        "ru"
    } else {
        behaviour.lang.as_str()
    };
    let http = reqwest::Client::new();
    let api1 = api1_url(scanned)?;
    let text = fetch(http.get(&api1).header("Accept-Language", lang)).await?;
    let api1: Value = serde_json::from_str(&text).map_err(|_| shape("API №1 is not JSON"))?;
    let (uri, _, token) = check_api1(&api1)?;
    let token = behaviour.token.clone().or(token);
    let with_auth = |request: reqwest::RequestBuilder| match token.as_deref() {
        Some("") | None => request,
        Some(token) => request.bearer_auth(token),
    };
    let text = fetch(with_auth(http.get(&uri).header("Accept-Language", lang))).await?;
    let mut api2: Value = serde_json::from_str(&text).map_err(|_| shape("API №2 is not JSON"))?;
    check_api2(&api2)?;
    let method = api2["signMethod"].as_str().unwrap_or_default().to_owned();
    let b64 = base64::engine::general_purpose::STANDARD;
    if let Some(documents) = api2
        .get_mut("documentsToSign")
        .and_then(Value::as_array_mut)
    {
        for document in documents {
            let method = document
                .get("signMethod")
                .and_then(Value::as_str)
                .unwrap_or(&method)
                .to_owned();
            let Some(data) = document.pointer_mut("/document/file/data") else {
                return Err(shape("only CMS methods are played by this double"));
            };
            let mut bytes = b64
                .decode(data.as_str().unwrap_or_default())
                .map_err(|_| shape("document data is not base64"))?;
            if behaviour.alter_document {
                bytes.extend_from_slice(b" (altered)");
            }
            let cms = match method.as_str() {
                "CMS_SIGN_ONLY" => key.sign_cms(&bytes, false, now()),
                "CMS_WITH_DATA" => key.sign_cms(&bytes, true, now()),
                _ => return Err(shape("only CMS methods are played by this double")),
            };
            *data = Value::String(b64.encode(cms));
        }
    }
    let answer = with_auth(http.put(&uri).header("Accept-Language", lang))
        .json(&api2)
        .send()
        .await
        .map_err(network)?;
    let status = answer.status().as_u16();
    let text = answer.text().await.map_err(network)?;
    Ok(PutAnswer {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_qr_texts_and_deep_links() {
        assert_eq!(
            api1_url("mobileSign:https://kzhk.kz/egov/api1/abc").as_deref(),
            Ok("https://kzhk.kz/egov/api1/abc")
        );
        let link = "https://egovbusiness.page.link/?link=https%3A%2F%2Fkzhk.kz%2Fegov%2Fapi1%2Fabc%3Fx%3D1&apn=kz.mobile.mgov.business";
        assert_eq!(
            api1_url(link).as_deref(),
            Ok("https://kzhk.kz/egov/api1/abc?x=1")
        );
        assert!(api1_url("https://example.com").is_err());
    }

    #[test]
    fn expiry_dates_are_read_with_millis_and_zone() {
        assert_eq!(expiry("2024-01-01T04:52:23.626Z"), Some(1_704_084_743));
        assert_eq!(expiry("2024-01-01T09:52:23.626+05:00"), Some(1_704_084_743));
        assert_eq!(expiry("2024-01-01T04:52:23Z"), None);
    }
}
