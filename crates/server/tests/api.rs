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

#[tokio::test]
async fn forty_concurrent_wrong_passwords_are_counted_one_by_one() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.app();
    let attempts = (0..40).map(|_| app.login(account.bin, "guess"));
    let answers = futures_util::future::join_all(attempts).await;
    let checked = answers
        .iter()
        .filter(|a| matches!(a, Err(r) if r.status == StatusCode::UNAUTHORIZED))
        .count();
    let throttled = answers
        .iter()
        .filter(|a| matches!(a, Err(r) if r.status == StatusCode::TOO_MANY_REQUESTS))
        .count();
    assert_eq!(
        checked, 5,
        "only the free attempts reach the password check"
    );
    assert_eq!(throttled, 35);
}

#[tokio::test]
async fn one_address_trying_many_bins_is_limited() {
    let server = ServerProcess::start();
    let app = server.app();
    // Valid БИНs nobody registered: registered in May 2012, serials in order, each with the
    // check digit that fits (a serial with none is skipped).
    let bins: Vec<String> = (0..400u64)
        .flat_map(|serial| (0..10).map(move |last| format!("1205400{serial:04}{last}")))
        .filter(|b| homeportal_domain::ids::Bin::parse(b).is_ok())
        .take(40)
        .collect();
    assert_eq!(bins.len(), 40);
    let attempts = bins.iter().map(|bin| app.login(bin, "guess"));
    let refused: Vec<StatusCode> = futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .map(|answer| answer.expect_err("nobody has it").status)
        .collect();
    let checked = refused
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let limited = refused
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (checked, limited),
        (20, 20),
        "a burst of 20 per address: {refused:?}"
    );
    // Another address is not affected.
    let other = server
        .app_from(std::net::IpAddr::from([127, 0, 0, 2]))
        .login(&bins[0], "guess")
        .await
        .expect_err("nobody has it");
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_person_who_never_failed_logs_in_while_someone_else_floods_the_bin() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let attacker = server.app_from(std::net::IpAddr::from([127, 0, 0, 3]));
    for _ in 0..10 {
        attacker
            .login(account.bin, "guess")
            .await
            .expect_err("refused");
    }
    let last = attacker
        .login(account.bin, account.password)
        .await
        .expect_err("the attacker's address waits");
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    server
        .app()
        .login(account.bin, account.password)
        .await
        .expect("the person's own address is not slowed");
}

#[tokio::test]
async fn the_wait_earned_by_wrong_passwords_survives_a_restart() {
    let account = TestAccount::nova_city();
    let mut server = ServerProcess::start_with(&account);
    for wait in [0u64, 2, 4] {
        tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
        let attempts = if wait == 0 { 5 } else { 1 };
        for _ in 0..attempts {
            let refused = server
                .app()
                .login(account.bin, "guess")
                .await
                .expect_err("refused");
            assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        }
    }
    // The seventh wrong password earned an 8-second wait; the server restarts within it.
    server.restart();
    let refused = server
        .app()
        .login(account.bin, account.password)
        .await
        .expect_err("still waiting after the restart");
    assert_eq!(
        (refused.status, refused.body.code),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::TooManyRequests)
    );
}

#[tokio::test]
async fn anonymous_challenges_are_limited_per_address() {
    let server = ServerProcess::start();
    let app = server.app();
    let asks = (0..15).map(|_| {
        app.request(
            reqwest::Method::POST,
            homeportal_domain::signing::paths::CHALLENGE,
        )
        .send()
    });
    let statuses: Vec<StatusCode> = futures_util::future::join_all(asks)
        .await
        .into_iter()
        .map(|answer| answer.expect("answered").status())
        .collect();
    let given = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((given, limited), (10, 5), "{statuses:?}");
    let other = server
        .app_from(std::net::IpAddr::from([127, 0, 0, 4]))
        .challenge()
        .await;
    assert!(!other.nonce.is_empty(), "another address is not affected");
}
