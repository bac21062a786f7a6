//! Random requests at the router (proptest, a bounded number of cases): tus headers and
//! `Upload-Metadata`, and the JSON bodies of every endpoint that takes one. Nothing panics, and
//! every refusal is a 4xx with our JSON error.

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request};
use axum::Router;
use homeportal_domain::api::paths;
use homeportal_domain::signing;
use homeportal_domain::sync::paths as applications;
use homeportal_domain::ErrorBody;
use proptest::prelude::*;

use super::{send, signed_in, tus};

/// Cases per property: together they run in a few seconds, bounded for CI.
const CASES: u32 = 3000;

/// Never a server error; a refusal (except to HEAD, which has no body) is our JSON error.
async fn refused_properly(app: &Router, request: Request<Body>) -> Result<(), TestCaseError> {
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let response = send(app, request).await;
    let status = response.status();
    prop_assert!(
        !status.is_server_error(),
        "{method} {uri} answered {status}"
    );
    if status.is_client_error() && method != Method::HEAD {
        let json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        prop_assert!(json, "{method} {uri} answered {status} without JSON");
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(
            serde_json::from_slice::<ErrorBody>(&bytes).is_ok(),
            "{method} {uri}: {}",
            String::from_utf8_lossy(&bytes)
        );
    }
    Ok(())
}

/// A header value: numbers with signs and spaces, base64-ish text, or any bytes a header may hold.
fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        "[+-]?[0-9 ]{0,22}",
        "[A-Za-z0-9+/=, ]{0,80}",
        "(filename|slot|kind|sha256|x) [A-Za-z0-9+/=]{0,40}(,(filename|slot|kind|sha256) [A-Za-z0-9+/=]{0,40}){0,4}",
        prop::collection::vec(any::<u8>(), 0..64).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
    .prop_filter_map("a header value", |text| HeaderValue::from_str(&text).ok())
}

fn tus_request() -> impl Strategy<Value = (Method, Vec<(&'static str, HeaderValue)>, Vec<u8>)> {
    let names = prop::sample::select(vec![
        "upload-length",
        "upload-offset",
        "upload-metadata",
        "upload-checksum",
        "upload-defer-length",
        "content-type",
        "homeportal-file-sha256",
    ]);
    (
        prop::sample::select(vec![
            Method::POST,
            Method::PATCH,
            Method::HEAD,
            Method::DELETE,
        ]),
        prop::collection::vec((names, header_value()), 0..6),
        prop::collection::vec(any::<u8>(), 0..256),
    )
}

/// Any JSON value, a few levels deep.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z_.\\[\\]0-9 А-я]{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "kind",
                    "data",
                    "values",
                    "blocks",
                    "documents",
                    "changes",
                    "unit",
                    "part",
                    "name",
                    "value",
                    "type",
                    "resolutions",
                    "bin",
                    "password",
                    "cms",
                    "nonce",
                    "document_id",
                    "project.name",
                ])
                .prop_map(str::to_owned),
                inner,
                0..4
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        json().prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
        prop::collection::vec(any::<u8>(), 0..128),
    ]
}

/// Runs `property` over `strategy` for [`CASES`] cases on this test's runtime.
async fn check<S: Strategy>(strategy: S, property: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let outcome = tokio::task::block_in_place(|| {
        proptest::test_runner::TestRunner::new(config).run(&strategy, property)
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tus_headers_and_metadata_never_break_the_server() {
    let (app, token, _dir) = signed_in().await;
    let runtime = tokio::runtime::Handle::current();
    check(
        (tus_request(), any::<bool>()),
        |((method, headers, bytes), known)| {
            let uri = if method == Method::POST {
                paths::UPLOADS.to_owned()
            } else if known {
                format!("{}/{}", paths::UPLOADS, "0".repeat(32))
            } else {
                format!("{}/{}", paths::UPLOADS, "%2e%2e")
            };
            let mut request = tus(method, &uri, &token);
            for (name, value) in headers {
                request = request.header(name, value);
            }
            let request = request
                .body(Body::from(bytes))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            runtime.block_on(refused_properly(&app, request))
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_bodies_of_every_endpoint_never_break_the_server() {
    let (app, token, _dir) = signed_in().await;
    let runtime = tokio::runtime::Handle::current();
    check((0usize..6, body()), |(endpoint, bytes)| {
        let (method, uri) = match endpoint {
            0 => (Method::POST, paths::LOGIN.to_owned()),
            1 => (Method::POST, applications::APPLICATIONS.to_owned()),
            2 => (Method::PATCH, applications::application(1)),
            3 => (
                Method::POST,
                signing::path_with_id(signing::paths::DOCUMENT_SIGNATURES, 1),
            ),
            4 => (Method::POST, signing::paths::QR_SESSIONS.to_owned()),
            _ => (Method::POST, signing::paths::LOGIN_EDS.to_owned()),
        };
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::IF_MATCH, "\"1\"")
            .header("idempotency-key", "0f8e2c4a-1b2c-4d5e-8f90-123456789abc:1")
            .body(Body::from(bytes))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        runtime.block_on(refused_properly(&app, request))
    })
    .await;
}
