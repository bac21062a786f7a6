//! The server binary on a random port with a fresh data directory, exercised over HTTP through
//! the typed test app.

use homeportal_domain::ErrorCode;
use homeportal_testkit::{ServerProcess, TestAccount};
use reqwest::StatusCode;

#[tokio::test]
async fn health_answers_with_the_version() {
    let server = ServerProcess::start();
    let health = server.app().health().await;
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn login_profile_logout_round_trip() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let session = server
        .app()
        .login(account.bin, account.password)
        .await
        .expect("logged in");
    assert!(session.token.len() >= 40);
    assert!(session.expires_at.contains('T'));

    let app = server.app().with_token(&session.token);
    let profile = app.profile().await.expect("the profile");
    assert_eq!(profile.bin.as_string(), account.bin);
    assert_eq!(profile.org_name, account.org_name);
    assert_eq!(profile.iin.as_string(), account.iin);
    assert_eq!(profile.middle_name.as_deref(), Some(account.middle_name));

    app.logout().await.expect("logged out");
    let after = app.profile().await.expect_err("the session ended");
    assert_eq!(
        (after.status, after.body.code),
        (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_bin_look_the_same() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let wrong = server
        .app()
        .login(account.bin, "wrong")
        .await
        .expect_err("refused");
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body.code, ErrorCode::InvalidCredentials);
    assert_eq!(wrong.body.message, "Неверный БИН или пароль");
    // 950341000052 is a valid BIN without an account.
    let unknown = server
        .app()
        .login("950341000052", "wrong")
        .await
        .expect_err("refused");
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.body, wrong.body);
}

#[tokio::test]
async fn bad_fields_are_named_with_their_rule() {
    let server = ServerProcess::start();
    let refused = server
        .app()
        .login("940140000386", "")
        .await
        .expect_err("refused");
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.body.code, ErrorCode::Validation);
    let rules: Vec<(&str, &str)> = refused
        .body
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
    assert!(refused.body.fields.iter().all(|f| !f.message.is_empty()));
}

#[tokio::test]
async fn errors_speak_the_language_of_the_request() {
    let server = ServerProcess::start();
    let refused = server
        .app()
        .in_language("kk-KZ, ru;q=0.5")
        .login("950341000052", "x")
        .await
        .expect_err("refused");
    assert_eq!(refused.body.message, "БСН немесе құпиясөз қате");
}

#[tokio::test]
async fn repeated_wrong_passwords_are_throttled_per_bin() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.app();
    for _ in 0..5 {
        let refused = app.login(account.bin, "guess").await.expect_err("refused");
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now: guessing gains nothing.
    let refused = app
        .login(account.bin, account.password)
        .await
        .expect_err("throttled");
    assert_eq!(
        (refused.status, refused.body.code),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests)
    );
    assert!(refused.body.message.starts_with("Слишком много попыток"));
}
