//! An SMS gateway fake: the HTTP API the server's gateway provider calls (`POST /send` with
//! `{"to", "text"}` and `Authorization: Bearer <key>`), refusing a wrong key, a malformed body
//! or a number that is not +7XXXXXXXXXX as a real gateway would; it keeps what it accepted.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;

/// The key the fake accepts.
pub const KEY: &str = "test-gateway-key";

/// One accepted SMS.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Sms {
    /// The number.
    pub to: String,
    /// The text.
    pub text: String,
}

/// The running gateway.
pub struct SmsGateway {
    url: String,
    sent: Arc<Mutex<Vec<Sms>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

async fn send(
    State(sent): State<Arc<Mutex<Vec<Sms>>>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    let authorised = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        == Some(&format!("Bearer {KEY}"));
    if !authorised {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(sms) = serde_json::from_slice::<Sms>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let valid_number = sms.to.len() == 12
        && sms.to.starts_with("+7")
        && sms.to[1..].bytes().all(|b| b.is_ascii_digit());
    if !valid_number || sms.text.is_empty() {
        return StatusCode::UNPROCESSABLE_ENTITY;
    }
    if let Ok(mut kept) = sent.lock() {
        kept.push(sms);
    }
    StatusCode::ACCEPTED
}

impl SmsGateway {
    /// Starts on a free port.
    pub fn start() -> SmsGateway {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the SMS gateway");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("gateway port");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!("http://{}/send", listener.local_addr().expect("address"));
        let sent = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new()
            .route("/send", post(send))
            .with_state(Arc::clone(&sent));
        runtime.spawn(async move {
            if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                let _ = axum::serve(listener, app).await;
            }
        });
        SmsGateway {
            url,
            sent,
            runtime: Some(runtime),
        }
    }

    /// The URL to configure as the server's `[sms] url`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every SMS accepted so far.
    pub fn sent(&self) -> Vec<Sms> {
        self.sent.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Waits (up to `patience`) for an SMS to `to` with a six-digit code among those after the
    /// first `after`; panics with what arrived when none does.
    pub fn wait_for_code(&self, to: &str, after: usize, patience: Duration) -> String {
        let deadline = Instant::now() + patience;
        loop {
            let sent = self.sent();
            let found = sent
                .iter()
                .skip(after)
                .rev()
                .filter(|s| s.to == to)
                .find_map(|s| crate::codes::six_digits(&s.text));
            if let Some(code) = found {
                return code;
            }
            assert!(
                Instant::now() < deadline,
                "no SMS code reached {to}; sent: {sent:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The server configuration that sends e-mail to `smtp_port` on 127.0.0.1 and SMS to `gateway`.
pub fn delivery_config(smtp_port: u16, gateway: &str) -> String {
    format!(
        "[mail]\nmode = \"smtp\"\nhost = \"127.0.0.1\"\nport = {smtp_port}\ntls = \"none\"\n\
         from = \"Личный кабинет КЖК <noreply@khc.kz>\"\n\n\
         [sms]\nmode = \"http\"\nurl = \"{gateway}\"\nkey = \"{KEY}\"\n"
    )
}

impl Drop for SmsGateway {
    fn drop(&mut self) {
        // Tests drop it from async code, where a runtime may not block.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
