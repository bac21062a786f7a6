//! An in-process server for sync tests: the real router over a real SQLite file, restartable on
//! the same port and data, with a fault layer that cuts a mutation's connection before the
//! server sees it or after it committed (the answer is lost), and a record of what it applied.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use homeportal_client::store::LocalStore;
use homeportal_client::{Desktop, SystemClock};
use homeportal_domain::api::{LoginRequest, Profile};
use homeportal_domain::sync::{paths, IDEMPOTENCY_KEY};
use homeportal_server::accounts::{self, NewAccount};
use homeportal_server::config::Config;
use homeportal_server::db::Db;
use homeportal_server::{router, AppState};
use homeportal_testkit::TestAccount;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How the next mutation's connection breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Cut before the server sees the request.
    BeforeCommit,
    /// Cut after the server committed: the answer is lost.
    AfterCommit,
}

/// A mutation the server applied (not a replay): its key, method, path and request body.
#[derive(Debug, Clone)]
pub struct Applied {
    /// `Idempotency-Key`.
    pub key: String,
    /// `POST`, `PATCH` or `DELETE`.
    pub method: Method,
    /// The request body (JSON), empty for `DELETE`.
    pub body: Bytes,
    /// The answer's body (the document).
    pub answer: Bytes,
}

/// Faults to inject and what was applied.
#[derive(Default)]
pub struct Faults {
    plan: Mutex<VecDeque<Fault>>,
    applied: Mutex<Vec<Applied>>,
}

impl Faults {
    /// Breaks the next mutation this way.
    pub fn inject(&self, fault: Fault) {
        if let Ok(mut plan) = self.plan.lock() {
            plan.push_back(fault);
        }
    }

    /// Forgets faults not used yet.
    pub fn clear(&self) {
        if let Ok(mut plan) = self.plan.lock() {
            plan.clear();
        }
    }

    /// What the server applied so far.
    pub fn applied(&self) -> Vec<Applied> {
        self.applied.lock().map(|a| a.clone()).unwrap_or_default()
    }
}

fn cut() -> Response {
    let broken = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection cut by the test"))
    });
    Response::new(Body::from_stream(broken))
}

async fn fault_layer(State(faults): State<Arc<Faults>>, request: Request, next: Next) -> Response {
    let mutation = request.uri().path().starts_with(paths::APPLICATIONS)
        && matches!(
            *request.method(),
            Method::POST | Method::PATCH | Method::DELETE
        );
    if !mutation {
        return next.run(request).await;
    }
    let fault = faults.plan.lock().ok().and_then(|mut p| p.pop_front());
    if fault == Some(Fault::BeforeCommit) {
        return cut();
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let key = parts
        .headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let method = parts.method.clone();
    let response = next
        .run(Request::from_parts(parts, Body::from(body.clone())))
        .await;
    let replayed = response.headers().contains_key("idempotent-replayed");
    let (parts, answer) = response.into_parts();
    let answer = axum::body::to_bytes(answer, usize::MAX)
        .await
        .unwrap_or_default();
    if parts.status.is_success() && !replayed {
        if let Ok(mut applied) = faults.applied.lock() {
            applied.push(Applied {
                key,
                method,
                body,
                answer: answer.clone(),
            });
        }
    }
    if fault == Some(Fault::AfterCommit) {
        return cut();
    }
    Response::from_parts(parts, Body::from(answer))
}

/// A server data folder with one organisation and a live session, made once and copied per test.
pub struct Template {
    dir: tempfile::TempDir,
    /// The session token.
    pub token: String,
    /// The organisation's profile.
    pub profile: Profile,
}

impl Template {
    /// Makes the data folder: Nova City's account, logged in once.
    pub async fn new() -> Template {
        let dir = tempfile::tempdir().expect("tempdir");
        let account = TestAccount::nova_city();
        let db = Db::open(dir.path()).expect("db");
        let valid = NewAccount {
            bin: account.bin.into(),
            org_name: account.org_name.into(),
            iin: account.iin.into(),
            last_name: account.last_name.into(),
            first_name: account.first_name.into(),
            middle_name: Some(account.middle_name.into()),
            email: account.email.into(),
            phone: account.phone.into(),
            password: account.password.into(),
        }
        .validate()
        .expect("valid account");
        accounts::create(&db, &valid, 0).expect("account");
        drop(db);
        let server = Server::start_in(dir.path().to_path_buf(), None).await;
        let api = homeportal_client::Api::new(&server.url(), homeportal_domain::Lang::Ru);
        let session = api
            .login(&LoginRequest {
                bin: account.bin.into(),
                password: account.password.into(),
            })
            .await
            .expect("login");
        let profile = api
            .signed_in(&session.token)
            .profile()
            .await
            .expect("profile");
        server.stop().await;
        // Everything in the main file, so that copying it copies the session too.
        Db::open(dir.path())
            .expect("db")
            .call_blocking(|c| Ok(c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?))
            .expect("checkpoint");
        Template {
            dir,
            token: session.token,
            profile,
        }
    }

    /// A fresh copy of the data folder.
    pub fn copy(&self) -> tempfile::TempDir {
        let copy = tempfile::tempdir().expect("tempdir");
        std::fs::copy(
            self.dir.path().join("server.sqlite3"),
            copy.path().join("server.sqlite3"),
        )
        .expect("copy the database");
        copy
    }

    /// A desktop whose store is in `dir`, signed in to `server` with the template's session.
    pub fn desktop(&self, dir: &Path, server: &Server) -> Desktop {
        let store = LocalStore::open(dir).expect("local store");
        store
            .save_session(&self.token, &self.profile, 0)
            .expect("session");
        Desktop::for_server(store, &server.url(), "test-server", Arc::new(SystemClock))
    }
}

/// The real router serving one data folder, behind the fault layer.
pub struct Server {
    data: PathBuf,
    addr: SocketAddr,
    /// Faults to inject and the record of applied mutations (kept across restarts).
    pub faults: Arc<Faults>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `data` on a fresh port (or `addr`).
    pub async fn start_in(data: PathBuf, addr: Option<SocketAddr>) -> Server {
        Server::serve(data, addr, Arc::new(Faults::default())).await
    }

    async fn serve(data: PathBuf, addr: Option<SocketAddr>, faults: Arc<Faults>) -> Server {
        let listener = TcpListener::bind(addr.unwrap_or_else(|| ([127, 0, 0, 1], 0).into()))
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let config = Config {
            data_dir: data.clone(),
            ..Config::default()
        };
        let db = Db::open(&data).expect("db");
        let state = AppState::open(config, db, &format!("http://{addr}")).expect("state");
        let app = router(state).layer(axum::middleware::from_fn_with_state(
            Arc::clone(&faults),
            fault_layer,
        ));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Server {
            data,
            addr,
            faults,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Where it listens.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops it, letting requests in flight finish and closing its connections.
    pub async fn stop(mut self) {
        self.shut().await;
    }

    async fn shut(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Stops it and starts it again on the same port and data.
    pub async fn restart(&mut self) {
        self.shut().await;
        let next =
            Server::serve(self.data.clone(), Some(self.addr), Arc::clone(&self.faults)).await;
        *self = next;
    }
}
