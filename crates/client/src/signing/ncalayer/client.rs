//! One signing over one websocket connection.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use homeportal_domain::{ErrorCode, Lang};
use rustls::pki_types::{CertificateDer, ServerName};
use serde_json::json;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

use super::reply;
use crate::error::{ClientError, Result};

/// NCALayer's well-known port.
pub const DEFAULT_PORT: u16 = 13579;
/// Connecting to a local port either works at once or NCALayer is not there.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// NCALayer greets right after the handshake.
const GREETING_TIMEOUT: Duration = Duration::from_secs(10);
/// The user picks the key and types the password meanwhile.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(600);

/// Where NCALayer listens and which extra CA its TLS chain may come from.
#[derive(Debug, Clone)]
pub struct NcaLayerConfig {
    /// Port on 127.0.0.1.
    pub port: u16,
    /// A PEM file with CA certificates trusted besides the OS store.
    pub extra_ca: Option<PathBuf>,
    /// How long to wait for the user.
    pub answer_timeout: Duration,
}

impl Default for NcaLayerConfig {
    fn default() -> Self {
        NcaLayerConfig {
            port: DEFAULT_PORT,
            extra_ca: None,
            answer_timeout: ANSWER_TIMEOUT,
        }
    }
}

/// What to sign and who may sign it.
#[derive(Debug, Clone)]
pub struct SignOrder<'a> {
    /// Base64 of the bytes to sign.
    pub data: &'a str,
    /// Only certificates of this organisation are selectable (any legal entity's when unknown,
    /// as at registration).
    pub bin: Option<&'a str>,
    /// EKU OIDs the key must have (SIGN: 1.3.6.1.5.5.7.3.4; AUTH: 1.3.6.1.5.5.7.3.2).
    pub ext_key_usage: &'a [&'a str],
    /// Attached (true) or detached CMS.
    pub attached: bool,
}

fn not_running() -> ClientError {
    ClientError::NcaLayer {
        code: ErrorCode::NcaLayerNotRunning,
        detail: String::new(),
    }
}

fn failed(detail: impl std::fmt::Display) -> ClientError {
    tracing::warn!(%detail, "NCALayer failed");
    ClientError::NcaLayer {
        code: ErrorCode::NcaLayerFailed,
        detail: detail.to_string(),
    }
}

fn roots(config: &NcaLayerConfig) -> Result<rustls::RootCertStore> {
    let mut roots = rustls::RootCertStore::empty();
    for certificate in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(certificate);
    }
    if let Some(path) = &config.extra_ca {
        let pem = std::fs::read(path).map_err(|e| failed(format!("CA {}: {e}", path.display())))?;
        let mut reader = std::io::Cursor::new(pem);
        for certificate in pem_certificates(&mut reader) {
            roots
                .add(certificate)
                .map_err(|e| failed(format!("CA {}: {e}", path.display())))?;
        }
    }
    Ok(roots)
}

/// The certificates of a PEM stream.
fn pem_certificates(reader: &mut dyn std::io::BufRead) -> Vec<CertificateDer<'static>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_reader_iter(reader)
        .filter_map(Result::ok)
        .collect()
}

/// Signs `order` with the key the user picks in NCALayer; returns the base64 CMS.
pub async fn sign_cms(
    config: &NcaLayerConfig,
    order: &SignOrder<'_>,
    lang: Lang,
) -> Result<String> {
    let tcp = tokio::time::timeout(
        CONNECT_TIMEOUT,
        TcpStream::connect(("127.0.0.1", config.port)),
    )
    .await
    .map_err(|_| not_running())?
    .map_err(|_| not_running())?;
    let tls_config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(failed)?
    .with_root_certificates(roots(config)?)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(tls_config));
    let name = ServerName::IpAddress(std::net::Ipv4Addr::LOCALHOST.into());
    let tls = connector
        .connect(name, tcp)
        .await
        .map_err(|e| failed(format!("TLS: {e}")))?;
    let url = format!("wss://127.0.0.1:{}/", config.port);
    let (mut socket, _) = tokio_tungstenite::client_async(url, tls)
        .await
        .map_err(|e| failed(format!("websocket: {e}")))?;

    let greeting = next_text(&mut socket, GREETING_TIMEOUT).await?;
    let version = reply::greeting_version(&greeting).ok_or_else(|| failed("no greeting"))?;
    tracing::info!(%version, "NCALayer connected");

    let request = json!({
        "module": "kz.gov.pki.knca.basics",
        "method": "sign",
        "args": {
            "allowedStorages": null,
            "format": "cms",
            "data": order.data,
            "signingParams": { "decode": true, "encapsulate": order.attached, "digested": false },
            "signerParams": signer_params(order),
            "locale": lang.code(),
        }
    });
    socket
        .send(Message::text(request.to_string()))
        .await
        .map_err(failed)?;
    let answer = next_text(&mut socket, config.answer_timeout).await?;
    let _ = socket.close(None).await;
    reply::signature(&answer)
}

/// Which keys NCALayer offers: by EKU, and by organisation when it is known.
fn signer_params(order: &SignOrder<'_>) -> serde_json::Value {
    match order.bin {
        Some(bin) => json!({ "extKeyUsageOids": order.ext_key_usage, "bin": bin }),
        None => json!({ "extKeyUsageOids": order.ext_key_usage }),
    }
}

async fn next_text<S>(
    socket: &mut tokio_tungstenite::WebSocketStream<S>,
    timeout: Duration,
) -> Result<String>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let wait = async {
        while let Some(message) = socket.next().await {
            match message {
                Ok(Message::Text(text)) => return Ok(text.to_string()),
                Ok(Message::Close(_)) | Err(_) => break,
                Ok(_) => continue,
            }
        }
        Err(failed("NCALayer closed the connection"))
    };
    tokio::time::timeout(timeout, wait)
        .await
        .map_err(|_| ClientError::NcaLayer {
            code: ErrorCode::NcaLayerTimeout,
            detail: String::new(),
        })?
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use homeportal_testkit::ncalayer::{Greeting, Scripted};
    use homeportal_testkit::FakeNcaLayer;

    use super::*;

    const BIN: &str = "940140000385";

    fn config(fake: &FakeNcaLayer, ca: &tempfile::NamedTempFile) -> NcaLayerConfig {
        NcaLayerConfig {
            port: fake.port(),
            extra_ca: Some(ca.path().to_owned()),
            answer_timeout: Duration::from_secs(5),
        }
    }

    fn ca_file(fake: &FakeNcaLayer) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().expect("temp");
        std::fs::write(file.path(), fake.ca_pem()).expect("ca");
        file
    }

    fn order(data: &str) -> SignOrder<'_> {
        SignOrder {
            data,
            bin: Some(BIN),
            ext_key_usage: &["1.3.6.1.5.5.7.3.4"],
            attached: false,
        }
    }

    #[tokio::test]
    async fn signs_through_ncalayer_with_the_right_signer_params() {
        let fake = FakeNcaLayer::start();
        let ca = ca_file(&fake);
        let data = base64::engine::general_purpose::STANDARD.encode("манифест");
        let cms = sign_cms(&config(&fake, &ca), &order(&data), Lang::Ru)
            .await
            .expect("signed");
        assert!(!cms.is_empty());
        let sent = fake.requests();
        let sign = sent
            .iter()
            .find(|r| r["module"] == "kz.gov.pki.knca.basics")
            .expect("a basics request");
        assert_eq!(sign["args"]["signerParams"]["bin"], BIN);
        assert_eq!(
            sign["args"]["signerParams"]["extKeyUsageOids"][0],
            "1.3.6.1.5.5.7.3.4"
        );
        assert_eq!(sign["args"]["signingParams"]["encapsulate"], false);
        assert_eq!(sign["args"]["locale"], "ru");
    }

    #[tokio::test]
    async fn every_failure_has_its_message() {
        let fake = FakeNcaLayer::start();
        let ca = ca_file(&fake);
        let data = base64::engine::general_purpose::STANDARD.encode("манифест");
        let config = config(&fake, &ca);
        let code = |result: Result<String>| result.map_err(|e| e.code()).err();

        fake.script(Scripted::Cancel);
        assert_eq!(
            code(sign_cms(&config, &order(&data), Lang::Ru).await),
            Some(ErrorCode::SigningCancelled)
        );
        fake.script(Scripted::Fail {
            code: "SIGNING_FAILURE".into(),
            message: "Неверный пароль".into(),
        });
        let failed = sign_cms(&config, &order(&data), Lang::Ru)
            .await
            .unwrap_err();
        assert_eq!(failed.code(), ErrorCode::NcaLayerFailed);
        assert!(failed.to_body(Lang::Ru).message.contains("Неверный пароль"));
        fake.script(Scripted::Disconnect);
        assert_eq!(
            code(sign_cms(&config, &order(&data), Lang::Ru).await),
            Some(ErrorCode::NcaLayerFailed)
        );
        fake.script(Scripted::Delay { ms: 1500 });
        let impatient = NcaLayerConfig {
            answer_timeout: Duration::from_millis(300),
            ..config.clone()
        };
        assert_eq!(
            code(sign_cms(&impatient, &order(&data), Lang::Ru).await),
            Some(ErrorCode::NcaLayerTimeout)
        );
        fake.greet(Greeting::Garbled);
        assert_eq!(
            code(sign_cms(&config, &order(&data), Lang::Ru).await),
            Some(ErrorCode::NcaLayerFailed)
        );
    }

    #[tokio::test]
    async fn not_running_and_untrusted_are_told_apart() {
        let fake = FakeNcaLayer::start();
        let data = base64::engine::general_purpose::STANDARD.encode("манифест");
        let untrusted = NcaLayerConfig {
            port: fake.port(),
            extra_ca: None,
            answer_timeout: Duration::from_secs(5),
        };
        let refused = sign_cms(&untrusted, &order(&data), Lang::Ru)
            .await
            .unwrap_err();
        assert_eq!(
            refused.code(),
            ErrorCode::NcaLayerFailed,
            "an unknown chain is never accepted"
        );
        assert!(fake.requests().is_empty());

        let port = fake.port();
        drop(fake);
        let gone = NcaLayerConfig { port, ..untrusted };
        let error = sign_cms(&gone, &order(&data), Lang::Ru).await.unwrap_err();
        assert_eq!(error.code(), ErrorCode::NcaLayerNotRunning);
        assert!(error
            .to_body(Lang::Ru)
            .message
            .contains("https://ncl.pki.gov.kz/"));
    }
}
