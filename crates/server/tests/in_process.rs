//! Fast in-process checks of the router (`oneshot`, no socket): every refusal is our JSON error
//! with the right status, in the request's language, and the tus routes speak their headers.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use homeportal_domain::api::paths;
use homeportal_domain::{ErrorBody, ErrorCode, Lang};
use homeportal_server::config::Config;
use homeportal_server::db::Db;
use homeportal_server::{router, AppState};
use tower::ServiceExt;

/// The router over a fresh data folder (kept alive by the returned guard).
fn app() -> (Router, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        data_dir: dir.path().to_path_buf(),
        ..Config::default()
    };
    let db = Db::open(dir.path()).expect("db");
    let state = AppState::open(config, db, "http://127.0.0.1:1").expect("state");
    (router(state), dir)
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
    for (request, status, code) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let (got_status, body) = error_of(send(&app, request).await).await;
        assert_eq!((got_status, body.code), (status, code), "{what}");
        assert!(!body.message.is_empty(), "{what}");
    }
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
