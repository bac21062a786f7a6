//! Fast in-process checks of the router (`oneshot`, no socket): every refusal is our JSON error
//! with the right status, in the request's language, and the tus routes speak their headers.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use homeportal_domain::api::paths;
use homeportal_domain::api::{DocumentInfo, LoginResponse};
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use homeportal_server::accounts::{self, NewAccount};
use homeportal_server::config::Config;
use homeportal_server::db::Db;
use homeportal_server::{router, AppState};
use homeportal_testkit::TestAccount;
use tower::ServiceExt;

#[path = "in_process/fuzz.rs"]
mod fuzz;

/// The router over a fresh data folder (kept alive by the returned guard).
fn app() -> (Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        data_dir: dir.path().to_path_buf(),
        // Refusals answered at once: the property tests send thousands.
        refusal_hold_ms: 0,
        ..Config::default()
    };
    let db = Db::open(dir.path()).expect("db");
    let state = AppState::open(config, db, "http://127.0.0.1:1").expect("state");
    (router(state), dir)
}

/// The router with Nova City's account, and a session token of it.
async fn signed_in() -> (Router, String, tempfile::TempDir) {
    let (app, dir) = app();
    let account = TestAccount::nova_city();
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
    .expect("valid");
    accounts::create(&Db::open(dir.path()).expect("db"), &valid, 0).expect("account");
    let body = format!(
        r#"{{"bin":"{}","password":"{}"}}"#,
        account.bin, account.password
    );
    let response = send(
        &app,
        Request::post(paths::LOGIN)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .expect("request"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    let session: LoginResponse = serde_json::from_slice(&bytes).expect("a session");
    (app, session.token, dir)
}

/// A tus request of the signed-in organisation.
fn tus(method: Method, uri: &str, token: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header("Tus-Resumable", "1.0.0")
}

async fn send(app: &Router, request: Request<Body>) -> Response {
    app.clone().oneshot(request).await.expect("answered")
}

async fn error_of(response: Response) -> (StatusCode, ErrorBody) {
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{status} answered {content_type:?}, not JSON"
    );
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    let body = serde_json::from_slice(&bytes).expect("an error body");
    (status, body)
}

/// Sends each request and checks it is refused with its status and code, in words.
async fn assert_refusals<const N: usize>(
    app: &Router,
    cases: [(Request<Body>, StatusCode, ErrorCode); N],
) {
    for (request, status, code) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let (got_status, body) = error_of(send(app, request).await).await;
        assert_eq!((got_status, body.code), (status, code), "{what}");
        assert!(!body.message.is_empty(), "{what}");
    }
}

fn header_of<'r>(response: &'r Response, name: &str) -> &'r str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn login_with(body: &'static str, lang: &str) -> Request<Body> {
    Request::post(paths::LOGIN)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn every_refusal_is_a_json_error_with_its_status() {
    let (app, _dir) = app();
    let cases = [
        (
            login_with("{not json", "ru"),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
        (
            login_with(r#"{"bin":"1"}"#, "ru"),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
        (
            Request::get("/api/v1/nothing")
                .body(Body::empty())
                .expect("request"),
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
        ),
        (
            Request::get(paths::LOGIN)
                .body(Body::empty())
                .expect("request"),
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::MethodNotAllowed,
        ),
        (
            Request::get(paths::PROFILE)
                .body(Body::empty())
                .expect("request"),
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
        ),
        (
            Request::get(paths::PROFILE)
                .header(header::AUTHORIZATION, "Bearer not-a-session")
                .body(Body::empty())
                .expect("request"),
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
        ),
    ];
    assert_refusals(&app, cases).await;
}

#[tokio::test]
async fn errors_speak_the_language_of_the_request() {
    let (app, _dir) = app();
    for (accept, lang) in [
        ("kk-KZ, ru;q=0.5", Lang::Kk),
        ("en", Lang::En),
        ("ru", Lang::Ru),
        ("de", Lang::Ru),
    ] {
        let response = send(&app, login_with(r#"{"bin":"123","password":"x"}"#, accept)).await;
        let (status, body) = error_of(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            body.message,
            ErrorCode::Validation.message(lang),
            "{accept}"
        );
        let bin = body
            .fields
            .iter()
            .find(|f| f.field == "bin")
            .expect("the BIN is named");
        assert_eq!(
            bin.message,
            homeportal_domain::i18n::text(lang, &bin.rule),
            "{accept}"
        );
    }
}

#[tokio::test]
async fn options_advertise_the_tus_protocol() {
    let (app, _dir) = app();
    let request = Request::builder()
        .method(Method::OPTIONS)
        .uri(paths::UPLOADS)
        .body(Body::empty())
        .expect("request");
    let response = send(&app, request).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(header_of(&response, "tus-resumable"), "1.0.0");
    assert_eq!(header_of(&response, "tus-version"), "1.0.0");
    assert_eq!(
        header_of(&response, "tus-extension"),
        "creation,creation-with-upload,checksum,termination,expiration"
    );
    assert_eq!(
        header_of(&response, "tus-checksum-algorithm"),
        "sha1,sha256,crc32"
    );
    assert_eq!(
        header_of(&response, "tus-max-size"),
        (700u64 * 1024 * 1024).to_string()
    );
}

#[tokio::test]
async fn every_upload_route_refuses_another_tus_version_with_412() {
    let (app, _dir) = app();
    let upload = paths::UPLOAD.replace("{id}", "0123");
    for (method, uri, version) in [
        (Method::POST, paths::UPLOADS, None),
        (Method::POST, paths::UPLOADS, Some("0.2.2")),
        (Method::HEAD, upload.as_str(), None),
        (Method::PATCH, upload.as_str(), Some("2.0.0")),
        (Method::DELETE, upload.as_str(), None),
    ] {
        let mut request = Request::builder().method(method.clone()).uri(uri);
        if let Some(version) = version {
            request = request.header("Tus-Resumable", version);
        }
        let response = send(&app, request.body(Body::empty()).expect("request")).await;
        assert_eq!(
            response.status(),
            StatusCode::PRECONDITION_FAILED,
            "{method} {uri}"
        );
        assert_eq!(
            header_of(&response, "tus-version"),
            "1.0.0",
            "{method} {uri}"
        );
        assert_eq!(
            header_of(&response, "tus-resumable"),
            "1.0.0",
            "{method} {uri}"
        );
    }
}

#[tokio::test]
async fn the_right_tus_version_reaches_the_route_and_its_checks() {
    let (app, _dir) = app();
    let request = Request::post(paths::UPLOADS)
        .header("Tus-Resumable", "1.0.0")
        .header("Upload-Length", "10")
        .body(Body::empty())
        .expect("request");
    let response = send(&app, request).await;
    assert_eq!(header_of(&response, "tus-resumable"), "1.0.0");
    let (status, body) = error_of(response).await;
    assert_eq!(
        (status, body.code),
        (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
    );
}

#[tokio::test]
async fn oversized_and_malformed_requests_get_our_json_with_the_right_status() {
    let (app, token, _dir) = signed_in().await;
    let bearer = format!("Bearer {token}");
    let big = "x".repeat(3 * 1024 * 1024);
    let cases = [
        (
            Request::post(paths::LOGIN)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!(r#"{{"bin":"{big}","password":"x"}}"#)))
                .expect("request"),
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
        ),
        (
            Request::put("/egov/api2/some-session")
                .body(Body::from(big.clone()))
                .expect("request"),
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
        ),
        (
            Request::get("/api/v1/documents/not-a-number")
                .header(header::AUTHORIZATION, &bearer)
                .body(Body::empty())
                .expect("request"),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
        (
            Request::post("/api/v1/auth/login/eds")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"nonce":"never-issued","cms":"AA=="}"#))
                .expect("request"),
            StatusCode::GONE,
            ErrorCode::ChallengeExpired,
        ),
        (
            tus(Method::POST, paths::UPLOADS, &token)
                .header("Upload-Length", "+10")
                .body(Body::empty())
                .expect("request"),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
        (
            tus(Method::POST, paths::UPLOADS, &token)
                .header("Upload-Length", "10")
                .header(
                    "Upload-Metadata",
                    axum::http::HeaderValue::from_bytes("filename Устав".as_bytes())
                        .expect("raw bytes"),
                )
                .body(Body::empty())
                .expect("request"),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
        (
            tus(Method::POST, paths::UPLOADS, &token)
                .header("Upload-Length", "10")
                .header(
                    "Upload-Metadata",
                    format!("slot {}", b64("s".repeat(65).as_bytes())),
                )
                .body(Body::empty())
                .expect("request"),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
        (
            tus(Method::POST, paths::UPLOADS, &token)
                .header("Upload-Length", "10")
                .header("Upload-Metadata", format!("slot {}", b64(b"../../etc")))
                .body(Body::empty())
                .expect("request"),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
    ];
    assert_refusals(&app, cases).await;
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Creates an upload of `data` and sends all of it in one PATCH; the upload's path.
async fn upload(app: &Router, token: &str, data: &'static [u8]) -> String {
    let created = send(
        app,
        tus(Method::POST, paths::UPLOADS, token)
            .header("Upload-Length", data.len().to_string())
            .header(
                "Upload-Metadata",
                format!("filename {},slot {}", b64(b"a.pdf"), b64(b"charter")),
            )
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let location = header_of(&created, "location").to_owned();
    let wrong_type = send(
        app,
        tus(Method::PATCH, &location, token)
            .header("Upload-Offset", "0")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(data))
            .expect("request"),
    )
    .await;
    let (status, body) = error_of(wrong_type).await;
    assert_eq!(
        (status, body.code),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType
        ),
        "a PATCH of another content type"
    );
    let patched = send(
        app,
        tus(Method::PATCH, &location, token)
            .header("Upload-Offset", "0")
            .header(header::CONTENT_TYPE, "application/offset+octet-stream")
            .body(Body::from(data))
            .expect("request"),
    )
    .await;
    assert_eq!(patched.status(), StatusCode::NO_CONTENT);
    location
}

#[tokio::test]
async fn a_deleted_document_takes_its_upload_with_it() {
    let (app, token, _dir) = signed_in().await;
    let location = upload(&app, &token, b"%PDF-1.7 deleted soon").await;
    let list = send(
        &app,
        Request::get(paths::DOCUMENTS)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    let bytes = axum::body::to_bytes(list.into_body(), 1 << 20)
        .await
        .expect("body");
    let documents: Vec<DocumentInfo> = serde_json::from_slice(&bytes).expect("documents");
    let id = documents[0].id;

    // A range past the end is refused as a refusal, not labelled as the PDF.
    let past_the_end = send(
        &app,
        Request::get(format!("{}/{id}", paths::DOCUMENTS))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::RANGE, "bytes=1000-2000")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(past_the_end.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_ne!(header_of(&past_the_end, "content-type"), "application/pdf");

    let deleted = send(
        &app,
        Request::delete(format!("{}/{id}", paths::DOCUMENTS))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    for method in [Method::HEAD, Method::PATCH] {
        let response = send(
            &app,
            tus(method.clone(), &location, &token)
                .header("Upload-Offset", "0")
                .header(header::CONTENT_TYPE, "application/offset+octet-stream")
                .body(Body::from("more"))
                .expect("request"),
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "{method} after delete"
        );
    }
}

#[tokio::test]
async fn without_an_update_folder_the_manifest_says_no_update_and_with_one_it_is_served() {
    let (app, _dir) = app();
    let response = send(
        &app,
        Request::get("/updates/latest.json")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let dir = tempfile::tempdir().expect("tempdir");
    let updates = tempfile::tempdir().expect("updates");
    std::fs::write(updates.path().join("latest.json"), r#"{"version":"0.2.0"}"#).expect("manifest");
    let config = Config {
        data_dir: dir.path().to_path_buf(),
        updates_dir: Some(updates.path().to_path_buf()),
        ..Config::default()
    };
    let db = Db::open(dir.path()).expect("db");
    let app = router(AppState::open(config, db, "http://127.0.0.1:1").expect("state"));
    let response = send(
        &app,
        Request::get("/updates/latest.json")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    assert_eq!(&body[..], br#"{"version":"0.2.0"}"#);
}
