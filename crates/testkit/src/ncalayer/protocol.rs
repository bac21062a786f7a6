//! What the fake NCALayer answers, message by message — the `basics` and `commonUtils`
//! modules as the real one speaks them (signing.md §1), with real CMS from the test PKI.

use std::collections::VecDeque;
use std::time::Duration;

use base64::Engine;
use homeportal_pki::certificate::{attributes, extended_key_usage, key_kind, unix};
use homeportal_pki::KeyKind;
use serde_json::{json, Value};

use crate::pki::{Scenario, TestKey, TestPki};

/// What the next signing request gets instead of a signature.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Scripted {
    /// The user picks the key and signs (the default when nothing is scripted).
    Sign,
    /// The user closes the dialog.
    Cancel,
    /// NCALayer reports a failure.
    Fail {
        /// Failure code, e.g. `SIGNING_FAILURE`.
        code: String,
        /// Its message.
        message: String,
    },
    /// The answer comes late.
    Delay {
        /// Milliseconds.
        ms: u64,
    },
    /// The socket is closed instead of answering.
    Disconnect,
    /// A single signature comes back as a one-element array.
    Array,
}

/// What the fake says when a client connects.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Greeting {
    /// `{"result":{"version":…}}`.
    Normal {
        /// The version reported.
        version: String,
    },
    /// Not JSON.
    Garbled,
    /// Nothing at all.
    Missing,
}

/// The fake's state: keys, the chosen one, scripted answers, and what it was sent.
pub struct Desk {
    pki: TestPki,
    /// The key the "user" picks in the dialog.
    pub selected: Scenario,
    /// Answers for the next signing requests, in order.
    pub script: VecDeque<Scripted>,
    /// Every text message received, parsed when it was JSON.
    pub log: Vec<Value>,
    /// The greeting.
    pub greeting: Greeting,
}

/// How to answer one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Send this text (after a delay).
    Text(String, Duration),
    /// Close the socket.
    Close,
}

fn basics_failure(code: &str, message: &str, details: &str) -> Value {
    json!({ "status": false, "code": code, "message": message, "details": details })
}

fn flag(params: &Value, name: &str, default: bool) -> Result<bool, String> {
    match params.get(name) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s == "true" => Ok(true),
        Some(Value::String(s)) if s == "false" => Ok(false),
        Some(other) => Err(format!("{name}: {other}")),
    }
}

fn invalid(details: impl Into<String>) -> Value {
    basics_failure(
        "INVALID_SIGNING_PARAMS",
        "Invalid signing parameters.",
        &details.into(),
    )
}

/// Whether the key may be picked under `signerParams` (EKU, IIN, BIN, serial).
fn selectable(key: &TestKey, signer: &Value) -> Result<bool, Value> {
    let oids = signer
        .get("extKeyUsageOids")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid("signerParams.extKeyUsageOids is required"))?;
    let eku: Vec<String> = extended_key_usage(&key.certificate)
        .iter()
        .map(ToString::to_string)
        .collect();
    for oid in oids {
        let oid = oid
            .as_str()
            .ok_or_else(|| invalid("extKeyUsageOids must be strings"))?;
        if !eku.iter().any(|e| e == oid) {
            return Ok(false);
        }
    }
    let subject = attributes(&key.certificate.tbs_certificate.subject);
    let has = |oid: &str, value: String| subject.iter().any(|a| a.oid == oid && a.value == value);
    if let Some(iin) = signer.get("iin").and_then(Value::as_str) {
        if !has("2.5.4.5", format!("IIN{iin}")) {
            return Ok(false);
        }
    }
    if let Some(bin) = signer.get("bin").and_then(Value::as_str) {
        if !has("2.5.4.11", format!("BIN{bin}")) {
            return Ok(false);
        }
    }
    if let Some(serial) = signer.get("serialNumber").and_then(Value::as_str) {
        let own = hex::encode(key.certificate.tbs_certificate.serial_number.as_bytes());
        if !own.eq_ignore_ascii_case(serial.trim_start_matches('0'))
            && !own.eq_ignore_ascii_case(serial)
        {
            return Ok(false);
        }
    }
    Ok(true)
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// `kz.gov.pki.knca.basics` / `sign`.
fn basics_sign(key: &TestKey, args: &Value, as_array: bool, now: i64) -> Value {
    match args.get("format").and_then(Value::as_str) {
        Some("cms") => {}
        Some("xml" | "raw") => {
            return basics_failure(
                "SIGNING_FAILURE",
                "Signing failure.",
                "this test double signs CMS only",
            )
        }
        _ => return invalid("format must be cms, xml or raw"),
    }
    let (items, single): (Vec<&str>, bool) = match args.get("data") {
        Some(Value::String(s)) => (vec![s.as_str()], true),
        Some(Value::Array(list)) if !list.is_empty() => {
            match list.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
                Some(items) => (items, false),
                None => return invalid("data must be strings"),
            }
        }
        _ => return invalid("data must be a string or an array of strings"),
    };
    let params = args.get("signingParams").cloned().unwrap_or(json!({}));
    let (decode, encapsulate, digested) = match (
        flag(&params, "decode", false),
        flag(&params, "encapsulate", true),
        flag(&params, "digested", false),
    ) {
        (Ok(d), Ok(e), Ok(h)) => (d, e, h),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return invalid(e),
    };
    let Some(signer) = args.get("signerParams") else {
        return invalid("signerParams is required");
    };
    match selectable(key, signer) {
        Ok(true) => {}
        Ok(false) => {
            return basics_failure(
                "SIGNING_FAILURE",
                "Signing failure.",
                "the chosen key does not match signerParams",
            )
        }
        Err(failure) => return failure,
    }
    let mut signatures = Vec::new();
    for item in items {
        let bytes = if decode {
            match b64().decode(item) {
                Ok(bytes) => bytes,
                Err(_) => return invalid("data is not base64"),
            }
        } else {
            item.as_bytes().to_vec()
        };
        let cms = if digested {
            if bytes.len() != 32 {
                return invalid("a digested input must be a SHA-256");
            }
            key.sign_hash(&bytes, now)
        } else {
            key.sign_cms(&bytes, encapsulate, now)
        };
        signatures.push(Value::String(b64().encode(cms)));
    }
    let result = if single && !as_array {
        signatures.remove(0)
    } else {
        Value::Array(signatures)
    };
    json!({ "status": true, "body": { "result": result } })
}

fn millis(unix_seconds: i64) -> String {
    (unix_seconds * 1000).to_string()
}

fn common_name(name: &x509_cert::name::Name) -> String {
    attributes(name)
        .into_iter()
        .find(|a| a.oid == "2.5.4.3")
        .map(|a| a.value)
        .unwrap_or_default()
}

/// The `getKeyInfo` object of a key.
fn key_info(key: &TestKey) -> Value {
    let tbs = &key.certificate.tbs_certificate;
    json!({
        "alias": hex::encode(tbs.serial_number.as_bytes()),
        "keyId": hex::encode(tbs.serial_number.as_bytes()),
        "algorithm": "RSA",
        "subjectCn": common_name(&tbs.subject),
        "subjectDn": tbs.subject.to_string(),
        "issuerCn": common_name(&tbs.issuer),
        "issuerDn": tbs.issuer.to_string(),
        "serialNumber": hex::encode(tbs.serial_number.as_bytes()),
        "certNotAfter": millis(unix(&tbs.validity.not_after)),
        "certNotBefore": millis(unix(&tbs.validity.not_before)),
        "authorityKeyIdentifier": "",
        "pem": key.certificate_pem(),
    })
}

fn common_reply(code: &str, message: &str, object: Option<Value>, uuid: Option<&Value>) -> Value {
    let mut reply = json!({ "code": code, "message": message });
    if let Some(object) = object {
        reply["responseObject"] = object;
    }
    if let Some(uuid) = uuid {
        reply["uuid"] = uuid.clone();
    }
    reply
}

/// `kz.gov.pki.knca.commonUtils`.
fn common_utils(key: &TestKey, request: &Value, scripted: Option<&Scripted>, now: i64) -> Value {
    let uuid = request.get("uuid");
    match scripted {
        Some(Scripted::Cancel) => return common_reply("500", "action.canceled", None, uuid),
        Some(Scripted::Fail { message, .. }) => return common_reply("500", message, None, uuid),
        _ => {}
    }
    let args = request
        .get("args")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    match request.get("method").and_then(Value::as_str) {
        Some("getActiveTokens") => common_reply("200", "", Some(json!([])), uuid),
        Some("getKeyInfo") => common_reply("200", "", Some(key_info(key)), uuid),
        Some("createCAdESFromBase64") => {
            let wanted = args.get(1).and_then(Value::as_str).unwrap_or_default();
            let kind = key_kind(&key.certificate);
            let fits = match wanted {
                "SIGNATURE" => kind == KeyKind::Sign,
                "AUTHENTICATION" => kind == KeyKind::Auth,
                _ => true,
            };
            let data = args
                .get(2)
                .and_then(Value::as_str)
                .and_then(|d| b64().decode(d).ok());
            let attach = args.get(3).and_then(Value::as_bool).unwrap_or(false);
            match (fits, data) {
                (false, _) => common_reply("500", "Ключ выбранного типа не найден", None, uuid),
                (true, None) => common_reply("500", "Данные не в формате base64", None, uuid),
                (true, Some(data)) => {
                    let cms = key.sign_cms(&data, attach, now);
                    common_reply("200", "", Some(Value::String(b64().encode(cms))), uuid)
                }
            }
        }
        _ => common_reply("500", "Unknown method", None, uuid),
    }
}

impl Desk {
    /// The key the person picks: the selected one, or — when only the other file they hold
    /// (SIGN or AUTH) fits the request's `signerParams` — that one, as a person picks
    /// `AUTH_RSA256…` for a login and `RSA256…` for a signature.
    fn chosen_key(&self, request: &Value) -> TestKey {
        let selected = self.pki.key(self.selected).clone();
        let Some(signer) = request.get("args").and_then(|a| a.get("signerParams")) else {
            return selected;
        };
        if selectable(&selected, signer) == Ok(false) {
            if let Some(pair) = self.selected.pair() {
                let other = self.pki.key(pair);
                if selectable(other, signer) == Ok(true) {
                    return other.clone();
                }
            }
        }
        selected
    }

    /// A desk with the head's key chosen and the greeting of NCALayer 1.4.
    pub fn new(pki: TestPki) -> Desk {
        Desk {
            pki,
            selected: Scenario::Head,
            script: VecDeque::new(),
            log: Vec::new(),
            greeting: Greeting::Normal {
                version: "1.4".to_owned(),
            },
        }
    }

    /// The greeting text, if any.
    pub fn greeting_text(&self) -> Option<String> {
        match &self.greeting {
            Greeting::Normal { version } => {
                Some(json!({ "result": { "version": version } }).to_string())
            }
            Greeting::Garbled => Some("NCALayer ready{".to_owned()),
            Greeting::Missing => None,
        }
    }

    /// The PKI the keys come from.
    pub fn pki(&self) -> &TestPki {
        &self.pki
    }

    /// Answers one text message.
    pub fn answer(&mut self, text: &str, now: i64) -> Answer {
        if text == "--heartbeat--" {
            return Answer::Text(text.to_owned(), Duration::ZERO);
        }
        let Ok(request) = serde_json::from_str::<Value>(text) else {
            self.log.push(Value::String(text.to_owned()));
            let reply = basics_failure("GENERAL_ERROR", "General error.", "invalid JSON");
            return Answer::Text(reply.to_string(), Duration::ZERO);
        };
        self.log.push(request.clone());
        let module = request.get("module").and_then(Value::as_str);
        let signing = matches!(
            module,
            Some("kz.gov.pki.knca.basics" | "kz.gov.pki.knca.commonUtils")
        );
        let mut delay = Duration::ZERO;
        let mut scripted = None;
        if signing {
            while let Some(next) = self.script.pop_front() {
                match next {
                    Scripted::Delay { ms } => delay += Duration::from_millis(ms),
                    other => {
                        scripted = Some(other);
                        break;
                    }
                }
            }
        }
        if scripted == Some(Scripted::Disconnect) {
            return Answer::Close;
        }
        let key = self.chosen_key(&request);
        let reply = match module {
            Some("kz.gov.pki.knca.basics") => {
                match (request.get("method").and_then(Value::as_str), &scripted) {
                    (_, Some(Scripted::Cancel)) => json!({ "status": true, "body": {} }),
                    (_, Some(Scripted::Fail { code, message })) => {
                        basics_failure(code, message, "scripted failure")
                    }
                    (Some("sign"), _) => basics_sign(
                        &key,
                        request.get("args").unwrap_or(&Value::Null),
                        scripted == Some(Scripted::Array),
                        now,
                    ),
                    _ => basics_failure("GENERAL_ERROR", "General error.", "unknown method"),
                }
            }
            Some("kz.gov.pki.knca.commonUtils") => {
                common_utils(&key, &request, scripted.as_ref(), now)
            }
            // The legacy applet API was switched off by НУЦ in 2024.
            None => json!({ "result": null, "secondResult": null, "errorCode": "COMMON" }),
            Some(_) => json!({ "success": false, "errorCode": "MODULE_NOT_FOUND" }),
        };
        Answer::Text(reply.to_string(), delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000;

    fn desk() -> Desk {
        Desk::new(TestPki::new(NOW))
    }

    fn reply(desk: &mut Desk, request: Value) -> Value {
        match desk.answer(&request.to_string(), NOW) {
            Answer::Text(text, _) => serde_json::from_str(&text).expect("JSON reply"),
            Answer::Close => Value::Null,
        }
    }

    fn sign(data: Value, signing: Value, signer: Value) -> Value {
        json!({ "module": "kz.gov.pki.knca.basics", "method": "sign", "args": {
            "allowedStorages": null, "format": "cms", "data": data,
            "signingParams": signing, "signerParams": signer, "locale": "ru" } })
    }

    #[test]
    fn heartbeat_greeting_and_unknown_modules() {
        let mut desk = desk();
        assert_eq!(
            desk.greeting_text().as_deref(),
            Some(r#"{"result":{"version":"1.4"}}"#)
        );
        assert_eq!(
            desk.answer("--heartbeat--", NOW),
            Answer::Text("--heartbeat--".into(), Duration::ZERO)
        );
        let unknown = reply(
            &mut desk,
            json!({ "module": "kz.digiflow.mobile.extensions", "method": "getVersion" }),
        );
        assert_eq!(
            unknown,
            json!({ "success": false, "errorCode": "MODULE_NOT_FOUND" })
        );
    }

    #[test]
    fn booleans_may_be_strings_and_arrays_sign_each_document() {
        let mut desk = desk();
        let data = json!([b64().encode("один"), b64().encode("два")]);
        let answer = reply(
            &mut desk,
            sign(
                data,
                json!({ "decode": "true", "encapsulate": "false" }),
                json!({ "extKeyUsageOids": [] }),
            ),
        );
        assert_eq!(answer["status"], true);
        assert_eq!(answer["body"]["result"].as_array().map(Vec::len), Some(2));

        let answer = reply(
            &mut desk,
            sign(
                json!("текст"),
                json!({ "decode": false }),
                json!({ "extKeyUsageOids": ["1.3.6.1.5.5.7.3.4"] }),
            ),
        );
        assert!(answer["body"]["result"].is_string());

        let answer = reply(
            &mut desk,
            sign(
                json!("x"),
                json!({ "decode": "yes" }),
                json!({ "extKeyUsageOids": [] }),
            ),
        );
        assert_eq!(answer["code"], "INVALID_SIGNING_PARAMS");
        let answer = reply(&mut desk, sign(json!("x"), json!({}), json!({})));
        assert_eq!(answer["code"], "INVALID_SIGNING_PARAMS");
    }

    #[test]
    fn signer_params_filter_the_key() {
        let mut desk = desk();
        desk.selected = Scenario::Employee;
        let auth_only = json!({ "extKeyUsageOids": ["1.3.6.1.5.5.7.3.2"] });
        let answer = reply(&mut desk, sign(json!("x"), json!({}), auth_only));
        assert_eq!(answer["status"], false);
        assert_eq!(answer["code"], "SIGNING_FAILURE");
        let other_bin = json!({ "extKeyUsageOids": [], "bin": "950341000052" });
        assert_eq!(
            reply(&mut desk, sign(json!("x"), json!({}), other_bin))["status"],
            false
        );
        desk.selected = Scenario::HeadAuth;
        let auth_only = json!({ "extKeyUsageOids": ["1.3.6.1.5.5.7.3.2"] });
        assert_eq!(
            reply(&mut desk, sign(json!("x"), json!({}), auth_only.clone()))["status"],
            true
        );
    }

    #[test]
    fn the_person_picks_their_other_key_file_when_only_it_fits() {
        let mut desk = desk();
        desk.selected = Scenario::Head;
        let auth_only = json!({ "extKeyUsageOids": ["1.3.6.1.5.5.7.3.2"] });
        let answer = reply(
            &mut desk,
            sign(json!("eA=="), json!({"decode": true}), auth_only),
        );
        assert_eq!(answer["status"], true, "{answer}");
        let cms = b64()
            .decode(answer["body"]["result"].as_str().expect("a CMS"))
            .expect("base64");
        let verifier = homeportal_pki::Verifier::new(desk.pki().trust_store());
        let login = homeportal_pki::Policy {
            purpose: homeportal_pki::Purpose::Auth,
            signatory: homeportal_pki::Signatory::AnyEmployee,
            bin: None,
            iin: None,
        };
        let verified = verifier
            .verify(&cms, Some(b"x"), &login, NOW)
            .expect("verifies");
        assert!(verified.verdict().is_ok(), "signed with the AUTH key");
    }

    #[test]
    fn scripted_cancel_failure_array_and_disconnect() {
        let mut desk = desk();
        let any = || sign(json!("x"), json!({}), json!({ "extKeyUsageOids": [] }));
        desk.script.extend([
            Scripted::Cancel,
            Scripted::Fail {
                code: "SIGNING_FAILURE".into(),
                message: "Токен извлечён".into(),
            },
            Scripted::Array,
            Scripted::Delay { ms: 5 },
            Scripted::Disconnect,
        ]);
        assert_eq!(
            reply(&mut desk, any()),
            json!({ "status": true, "body": {} })
        );
        let failed = reply(&mut desk, any());
        assert_eq!(
            (failed["status"].clone(), failed["code"].clone()),
            (json!(false), json!("SIGNING_FAILURE"))
        );
        assert!(reply(&mut desk, any())["body"]["result"].is_array());
        assert_eq!(desk.answer(&any().to_string(), NOW), Answer::Close);
        assert_eq!(desk.log.len(), 4);
    }

    #[test]
    fn common_utils_subset() {
        let mut desk = desk();
        let tokens = reply(
            &mut desk,
            json!({ "module": "kz.gov.pki.knca.commonUtils", "method": "getActiveTokens", "uuid": "u1" }),
        );
        assert_eq!(
            tokens,
            json!({ "code": "200", "message": "", "responseObject": [], "uuid": "u1" })
        );
        let info = reply(
            &mut desk,
            json!({ "module": "kz.gov.pki.knca.commonUtils", "method": "getKeyInfo", "args": ["PKCS12"] }),
        );
        assert_eq!(info["responseObject"]["subjectCn"], "ТЕСТОВ АЙДАР");
        let cms = reply(
            &mut desk,
            json!({ "module": "kz.gov.pki.knca.commonUtils", "method": "createCAdESFromBase64",
            "args": ["PKCS12", "SIGNATURE", b64().encode("данные"), true] }),
        );
        assert_eq!(cms["code"], "200");
        let wrong = reply(
            &mut desk,
            json!({ "module": "kz.gov.pki.knca.commonUtils", "method": "createCAdESFromBase64",
            "args": ["PKCS12", "AUTHENTICATION", b64().encode("данные"), true] }),
        );
        assert_eq!(wrong["code"], "500");
        desk.script.push_back(Scripted::Cancel);
        let cancelled = reply(
            &mut desk,
            json!({ "module": "kz.gov.pki.knca.commonUtils", "method": "getKeyInfo", "args": ["PKCS12"] }),
        );
        assert_eq!(
            cancelled,
            json!({ "code": "500", "message": "action.canceled" })
        );
    }
}
