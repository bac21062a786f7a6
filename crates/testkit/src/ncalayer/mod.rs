//! A fake NCALayer: a `wss://127.0.0.1:<port>` server with its own test TLS chain that speaks
//! the real protocol (greeting, `--heartbeat--`, `basics.sign`, a `commonUtils` subset, cancel
//! and failure replies, MODULE_NOT_FOUND) and signs with the test PKI's keys; plus a control
//! API to pick the key, script cancel/failure/delay/disconnect and read the request log.

pub mod protocol;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

pub use protocol::{Desk, Greeting, Scripted};

use crate::pki::{loopback_tls, Scenario, TestPki};

/// How the fake listens.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Websocket port on 127.0.0.1 (0 = any free port; NCALayer's is 13579).
    pub port: u16,
    /// Control API port on 127.0.0.1 (0 = any).
    pub control_port: u16,
    /// Plain `ws://` instead of `wss://`.
    pub plain: bool,
}

/// A running fake NCALayer; stops when dropped.
pub struct FakeNcaLayer {
    desk: Arc<Mutex<Desk>>,
    ws_addr: SocketAddr,
    control_addr: SocketAddr,
    plain: bool,
    ca_pem: String,
    runtime: Option<tokio::runtime::Runtime>,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

async fn serve_socket<S>(stream: S, desk: Arc<Mutex<Desk>>)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let Ok(mut socket) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let greeting = desk.lock().ok().and_then(|d| d.greeting_text());
    if let Some(greeting) = greeting {
        if socket.send(Message::text(greeting)).await.is_err() {
            return;
        }
    }
    while let Some(Ok(message)) = socket.next().await {
        let text = match message {
            Message::Text(text) => text.to_string(),
            Message::Close(_) => break,
            _ => continue,
        };
        let answer = match desk.lock() {
            Ok(mut desk) => desk.answer(&text, now()),
            Err(_) => break,
        };
        match answer {
            protocol::Answer::Text(reply, delay) => {
                tokio::time::sleep(delay).await;
                if socket.send(Message::text(reply)).await.is_err() {
                    break;
                }
            }
            protocol::Answer::Close => {
                let _ = socket.close(None).await;
                break;
            }
        }
    }
}

fn control_api(desk: Arc<Mutex<Desk>>, ca_pem: String) -> Router {
    Router::new()
        .route(
            "/requests",
            get(|State(desk): State<Arc<Mutex<Desk>>>| async move {
                Json(desk.lock().map(|d| d.log.clone()).unwrap_or_default())
            }),
        )
        .route(
            "/key",
            put(
                |State(desk): State<Arc<Mutex<Desk>>>, Json(body): Json<KeyChoice>| async move {
                    if let Ok(mut desk) = desk.lock() {
                        desk.selected = body.scenario;
                    }
                },
            ),
        )
        .route(
            "/script",
            post(
                |State(desk): State<Arc<Mutex<Desk>>>, Json(step): Json<Scripted>| async move {
                    if let Ok(mut desk) = desk.lock() {
                        desk.script.push_back(step);
                    }
                },
            ),
        )
        .route(
            "/greeting",
            put(
                |State(desk): State<Arc<Mutex<Desk>>>, Json(greeting): Json<Greeting>| async move {
                    if let Ok(mut desk) = desk.lock() {
                        desk.greeting = greeting;
                    }
                },
            ),
        )
        .route("/ca.pem", get(move || async move { ca_pem }))
        .with_state(desk)
}

/// Body of `PUT /key`.
#[derive(serde::Deserialize)]
struct KeyChoice {
    scenario: Scenario,
}

impl FakeNcaLayer {
    /// Starts on free ports with TLS.
    pub fn start() -> FakeNcaLayer {
        FakeNcaLayer::start_with(Options::default())
    }

    /// Starts with `options`.
    pub fn start_with(options: Options) -> FakeNcaLayer {
        FakeNcaLayer::try_start_with(options).expect("the fake NCALayer starts")
    }

    /// Starts with `options`, or says why not (a port in use, say).
    pub fn try_start_with(options: Options) -> std::io::Result<FakeNcaLayer> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let now = now();
        let desk = Arc::new(Mutex::new(Desk::new(TestPki::new(now))));
        let tls = loopback_tls(now);
        let ca_pem = tls.ca_pem.clone();
        let acceptor = (!options.plain).then(|| tls_acceptor(tls));
        // Bound here (not inside the runtime) so that the fake also starts from async tests.
        let bind = |port: u16| -> std::io::Result<std::net::TcpListener> {
            let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
            listener.set_nonblocking(true)?;
            Ok(listener)
        };
        let (ws_listener, control_listener) = (bind(options.port)?, bind(options.control_port)?);
        let ws_addr = ws_listener.local_addr()?;
        let control_addr = control_listener.local_addr()?;
        let socket_desk = Arc::clone(&desk);
        runtime.spawn(async move {
            let Ok(ws_listener) = TcpListener::from_std(ws_listener) else {
                return;
            };
            while let Ok((stream, _)) = ws_listener.accept().await {
                let desk = Arc::clone(&socket_desk);
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    match acceptor {
                        Some(acceptor) => {
                            if let Ok(tls) = acceptor.accept(stream).await {
                                serve_socket(tls, desk).await;
                            }
                        }
                        None => serve_socket(stream, desk).await,
                    }
                });
            }
        });
        let app = control_api(Arc::clone(&desk), ca_pem.clone());
        runtime.spawn(async move {
            if let Ok(listener) = TcpListener::from_std(control_listener) {
                let _ = axum::serve(listener, app).await;
            }
        });
        Ok(FakeNcaLayer {
            desk,
            ws_addr,
            control_addr,
            plain: options.plain,
            ca_pem,
            runtime: Some(runtime),
        })
    }

    /// `wss://127.0.0.1:<port>` (or `ws://` in plain mode).
    pub fn url(&self) -> String {
        let scheme = if self.plain { "ws" } else { "wss" };
        format!("{scheme}://{}", self.ws_addr)
    }

    /// The websocket port.
    pub fn port(&self) -> u16 {
        self.ws_addr.port()
    }

    /// The control API's base URL.
    pub fn control_url(&self) -> String {
        format!("http://{}", self.control_addr)
    }

    /// The CA that clients must trust, PEM.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// Picks the key the "user" chooses.
    pub fn select(&self, scenario: Scenario) {
        if let Ok(mut desk) = self.desk.lock() {
            desk.selected = scenario;
        }
    }

    /// Scripts the answer to the next signing request.
    pub fn script(&self, step: Scripted) {
        if let Ok(mut desk) = self.desk.lock() {
            desk.script.push_back(step);
        }
    }

    /// Sets the greeting.
    pub fn greet(&self, greeting: Greeting) {
        if let Ok(mut desk) = self.desk.lock() {
            desk.greeting = greeting;
        }
    }

    /// A trust store with the root of the keys this fake signs with.
    pub fn trust_store(&self) -> homeportal_pki::TrustStore {
        self.desk
            .lock()
            .map(|d| d.pki().trust_store())
            .unwrap_or_default()
    }

    /// A key of the PKI this fake signs with (for the eGov app double, say).
    pub fn key(&self, scenario: Scenario) -> Option<crate::pki::TestKey> {
        self.desk.lock().ok().map(|d| d.pki().key(scenario).clone())
    }

    /// Writes the key files of this fake's PKI (see [`TestPki::export_key_files`]).
    pub fn export_key_files(&self, dir: &std::path::Path, password: &str) -> std::io::Result<()> {
        match self.desk.lock() {
            Ok(desk) => desk.pki().export_key_files(dir, password).map(|_| ()),
            Err(_) => Err(std::io::Error::other("fake NCALayer state poisoned")),
        }
    }

    /// Every message received so far.
    pub fn requests(&self) -> Vec<Value> {
        self.desk.lock().map(|d| d.log.clone()).unwrap_or_default()
    }
}

fn tls_acceptor(tls: crate::pki::TlsIdentity) -> tokio_rustls::TlsAcceptor {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let chain: Vec<CertificateDer<'static>> =
        tls.chain.into_iter().map(CertificateDer::from).collect();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(tls.key));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .expect("server certificate");
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

impl Drop for FakeNcaLayer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            // On a thread of its own (allowed from async tests too), and waited for, so that
            // the ports are closed once the fake is gone — as when NCALayer quits.
            let stopped = std::thread::spawn(move || {
                runtime.shutdown_timeout(std::time::Duration::from_secs(2));
            });
            let _ = stopped.join();
        }
    }
}
