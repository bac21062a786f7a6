//! The server binary on a random port with a fresh data directory, exercised over HTTP.

use homeportal_domain::api::{paths, Health, LoginResponse, Profile};
use homeportal_domain::{ErrorBody, ErrorCode};
use homeportal_testkit::{ServerProcess, TestAccount};
use reqwest::StatusCode;
use serde_json::json;

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn error_of(response: reqwest::Response) -> (StatusCode, ErrorBody) {
    let status = response.status();
    let body = response
        .json::<ErrorBody>()
        .await
        .expect("an error body {code, message, fields}");
    (status, body)
}

async fn login(server: &ServerProcess, bin: &str, password: &str) -> reqwest::Response {
    client()
        .post(format!("{}{}", server.url(), paths::LOGIN))
        .json(&json!({ "bin": bin, "password": password }))
        .send()
        .await
        .expect("request sent")
}

#[tokio::test]
async fn health_answers_with_the_version() {
    let server = ServerProcess::start();
    let health: Health = client()
        .get(format!("{}{}", server.url(), paths::HEALTH))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn login_profile_logout_round_trip() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let response = login(&server, account.bin, account.password).await;
    assert_eq!(response.status(), StatusCode::OK);
    let session: LoginResponse = response.json().await.expect("session");
    assert!(session.token.len() >= 40);
    assert!(session.expires_at.contains('T'));

    let profile_url = format!("{}{}", server.url(), paths::PROFILE);
    let profile: Profile = client()
        .get(&profile_url)
        .bearer_auth(&session.token)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("profile");
    assert_eq!(profile.bin.as_string(), account.bin);
    assert_eq!(profile.org_name, account.org_name);
    assert_eq!(profile.iin.as_string(), account.iin);
    assert_eq!(profile.middle_name.as_deref(), Some(account.middle_name));

    let logout = client()
        .post(format!("{}{}", server.url(), paths::LOGOUT))
        .bearer_auth(&session.token)
        .send()
        .await
        .expect("sent");
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let after = client()
        .get(&profile_url)
        .bearer_auth(&session.token)
        .send()
        .await
        .expect("sent");
    let (status, body) = error_of(after).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body.code, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_bin_look_the_same() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let (status, wrong) = error_of(login(&server, account.bin, "wrong").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
    assert_eq!(wrong.message, "Неверный БИН или пароль");
    // 950341000052 is a valid BIN without an account.
    let (status, unknown) = error_of(login(&server, "950341000052", "wrong").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown, wrong);
}

#[tokio::test]
async fn bad_fields_are_named_with_their_rule() {
    let server = ServerProcess::start();
    let (status, body) = error_of(login(&server, "940140000386", "").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body.code, ErrorCode::Validation);
    let rules: Vec<(&str, &str)> = body
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.rule.as_str()))
        .collect();
    assert_eq!(
        rules,
        vec![
            ("bin", "rule.id.check_digit"),
            ("password", "rule.password.required")
        ]
    );
    assert!(body.fields.iter().all(|f| !f.message.is_empty()));
}

#[tokio::test]
async fn errors_speak_the_language_of_the_request() {
    let server = ServerProcess::start();
    let response = client()
        .post(format!("{}{}", server.url(), paths::LOGIN))
        .header("Accept-Language", "kk-KZ, ru;q=0.5")
        .json(&json!({ "bin": "950341000052", "password": "x" }))
        .send()
        .await
        .expect("sent");
    let (_, body) = error_of(response).await;
    assert_eq!(body.message, "БСН немесе құпиясөз қате");
}

#[tokio::test]
async fn malformed_requests_unknown_paths_and_wrong_methods_get_json_errors() {
    let server = ServerProcess::start();
    let login_url = format!("{}{}", server.url(), paths::LOGIN);

    let garbage = client()
        .post(&login_url)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("sent");
    let (status, body) = error_of(garbage).await;
    assert_eq!(
        (status, body.code),
        (StatusCode::BAD_REQUEST, ErrorCode::BadRequest)
    );

    let missing_field = client()
        .post(&login_url)
        .json(&json!({ "bin": "1" }))
        .send()
        .await
        .expect("sent");
    let (status, body) = error_of(missing_field).await;
    assert_eq!(
        (status, body.code),
        (StatusCode::BAD_REQUEST, ErrorCode::BadRequest)
    );

    let unknown = client()
        .get(format!("{}/api/v1/nothing", server.url()))
        .send()
        .await
        .expect("sent");
    let (status, body) = error_of(unknown).await;
    assert_eq!(
        (status, body.code),
        (StatusCode::NOT_FOUND, ErrorCode::NotFound)
    );

    let wrong_method = client().get(&login_url).send().await.expect("sent");
    let (status, body) = error_of(wrong_method).await;
    assert_eq!(
        (status, body.code),
        (StatusCode::METHOD_NOT_ALLOWED, ErrorCode::MethodNotAllowed)
    );

    let no_token = client()
        .get(format!("{}{}", server.url(), paths::PROFILE))
        .send()
        .await
        .expect("sent");
    let (status, body) = error_of(no_token).await;
    assert_eq!(
        (status, body.code),
        (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
    );
}

#[tokio::test]
async fn repeated_wrong_passwords_are_throttled_per_bin() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    for _ in 0..5 {
        let (status, _) = error_of(login(&server, account.bin, "guess").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now: guessing gains nothing.
    let (status, body) = error_of(login(&server, account.bin, account.password).await).await;
    assert_eq!(
        (status, body.code),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests)
    );
    assert!(body.message.starts_with("Слишком много попыток"));
}
