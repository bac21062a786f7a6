//! Signing against the server binary with the test PKI trusted: acts signed as NCALayer signs
//! them, eGov QR signing driven by the fake eGov mobile app, and login by EDS.

use base64::Engine;
use homeportal_domain::signing::{Challenge, QrState};
use homeportal_domain::ErrorCode;
use homeportal_testkit::egov_mobile::{self, Behaviour, MobileError};
use homeportal_testkit::pki::{Scenario, TestPki};
use homeportal_testkit::{Refusal, ServerProcess, TestAccount, TestApp};
use reqwest::StatusCode;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

/// A server trusting the test PKI, with the Nova City account.
struct Trusting {
    server: ServerProcess,
    pki: TestPki,
    _bundle: tempfile::NamedTempFile,
}

impl Trusting {
    fn start(extra_config: &str) -> Trusting {
        let pki = TestPki::new(now());
        let bundle = tempfile::NamedTempFile::new().expect("bundle");
        std::fs::write(bundle.path(), pki.trust_store().to_bundle()).expect("bundle written");
        let config = format!(
            "trust_bundle = {:?}\n{extra_config}\n[requester]\nname_ru = \"АО «КЖК»\"\nname_kz = \"«ҚТК» АҚ\"\nname_en = \"KZhK JSC\"\nbin = \"080540014021\"\n",
            bundle.path()
        );
        let account = TestAccount::nova_city();
        let server = ServerProcess::start_configured(std::slice::from_ref(&account), &config);
        Trusting {
            server,
            pki,
            _bundle: bundle,
        }
    }

    async fn app(&self) -> TestApp<'_> {
        self.server.signed_in(&TestAccount::nova_city()).await
    }
}

fn code<T: std::fmt::Debug>(result: Result<T, Refusal>) -> (StatusCode, ErrorCode) {
    let refusal = result.expect_err("refused");
    (refusal.status, refusal.body.code)
}

#[tokio::test]
async fn an_act_signed_as_ncalayer_signs_is_verified_and_kept() {
    let cabinet = Trusting::start("");
    let app = cabinet.app().await;
    let id = app.upload_document("Устав.pdf", b"%PDF-1.7 charter").await;
    let manifest = app.manifest(id).await.text;
    assert!(manifest.contains("БИН 940140000385"));
    assert!(manifest.contains("Устав.pdf"));

    let head = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(manifest.as_bytes(), false, now());
    let signature = app.submit_signature(id, &head).await.expect("accepted");
    let again = app
        .submit_signature(id, &head)
        .await
        .expect("accepted again");
    assert_eq!(
        again.id, signature.id,
        "a re-posted CMS is the signature already kept"
    );
    assert_eq!(signature.role, "head");
    assert_eq!(signature.signer_iin, TestAccount::nova_city().iin);

    let right = cabinet
        .pki
        .key(Scenario::SigningRight)
        .sign_cms(manifest.as_bytes(), true, now());
    app.submit_signature(id, &right).await.expect("accepted");

    let refusals = [
        (Scenario::HeadAuth, ErrorCode::SignatureWrongKey),
        (Scenario::Employee, ErrorCode::SignatureNoRight),
        (Scenario::Individual, ErrorCode::SignatureNoRight),
        (Scenario::OtherBin, ErrorCode::SignatureWrongOrganization),
        (Scenario::Expired, ErrorCode::CertificateExpired),
        (Scenario::Untrusted, ErrorCode::CertificateUntrusted),
    ];
    for (scenario, expected) in refusals {
        let cms = cabinet
            .pki
            .key(scenario)
            .sign_cms(manifest.as_bytes(), false, now());
        assert_eq!(
            code(app.submit_signature(id, &cms).await),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{scenario:?}"
        );
    }
    let other_text = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(b"another text", false, now());
    // A good signature over anything but this document's manifest was made for something else.
    assert_eq!(
        code(app.submit_signature(id, &other_text).await).1,
        ErrorCode::SignatureOtherDocument
    );
    assert_eq!(
        code(app.submit_signature(id, b"garbage").await).1,
        ErrorCode::SignatureInvalid
    );

    let documents = app.documents().await;
    let roles: Vec<_> = documents[0]
        .signatures
        .iter()
        .map(|s| s.role.as_str())
        .collect();
    assert_eq!(roles, ["head", "signing_right"]);
}

#[tokio::test]
async fn the_fake_egov_app_signs_by_qr_once() {
    let cabinet = Trusting::start("");
    let app = cabinet.app().await;
    let id = app
        .upload_document("Договор.pdf", b"%PDF-1.7 contract")
        .await;
    let session = app.start_qr(id).await.expect("a QR session");
    assert!(session.qr_text.starts_with("mobileSign:http://127.0.0.1:"));
    assert_eq!(session.expires_in, 600);
    assert_eq!(app.qr_status(&session.id).await.state, QrState::Pending);

    // An employee's key first: refused with a message the app shows, the session stays open.
    let employee = cabinet.pki.key(Scenario::Employee);
    let refused = egov_mobile::sign(&session.qr_text, employee, &Behaviour::default())
        .await
        .expect("protocol followed");
    assert_eq!(refused.status, 403);
    assert_eq!(
        refused.body["message"],
        ErrorCode::SignatureNoRight.message(homeportal_domain::Lang::Ru)
    );
    let status = app.qr_status(&session.id).await;
    assert_eq!(status.state, QrState::Rejected);
    assert_eq!(
        status.error.map(|e| e.code),
        Some(ErrorCode::SignatureNoRight)
    );

    // A tampered document, then a wrong token.
    let tampered = Behaviour {
        alter_document: true,
        ..Behaviour::default()
    };
    let head = cabinet.pki.key(Scenario::Head);
    assert_eq!(
        egov_mobile::sign(&session.qr_text, head, &tampered)
            .await
            .expect("put")
            .status,
        403
    );
    let wrong_token = Behaviour {
        token: Some("not-the-token".into()),
        ..Behaviour::default()
    };
    assert!(matches!(
        egov_mobile::sign(&session.qr_text, head, &wrong_token).await,
        Err(MobileError::Refused { status: 401, .. })
    ));

    // The head signs: accepted, kept, and the session is used up.
    let kazakh = Behaviour {
        lang: "kk".into(),
        ..Behaviour::default()
    };
    let accepted = egov_mobile::sign(&session.qr_text, head, &kazakh)
        .await
        .expect("put");
    assert_eq!(accepted.status, 200);
    let status = app.qr_status(&session.id).await;
    assert_eq!(status.state, QrState::Signed);
    let signature = status.signature.expect("signature");
    assert_eq!(signature.role, "head");
    assert_eq!(
        signature.method,
        homeportal_domain::signing::SigningMethod::EgovQr
    );
    match egov_mobile::sign(&session.qr_text, head, &kazakh).await {
        Err(MobileError::Refused { status, message }) => {
            assert_eq!(status, 403);
            assert_eq!(
                message,
                ErrorCode::SigningDone.message(homeportal_domain::Lang::Kk)
            );
        }
        other => panic!("a second signing must be refused: {other:?}"),
    }

    // An unknown session.
    let unknown = session.qr_text.replace(&session.id, "no-such-session");
    assert!(matches!(
        egov_mobile::sign(&unknown, head, &Behaviour::default()).await,
        Err(MobileError::Refused { status: 404, .. })
    ));
}

#[tokio::test]
async fn an_expired_qr_code_is_refused() {
    let cabinet = Trusting::start("qr_ttl_seconds = 1");
    let app = cabinet.app().await;
    let id = app.upload_document("Короткий.pdf", b"%PDF-1.7 short").await;
    let session = app.start_qr(id).await.expect("a QR session");
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let head = cabinet.pki.key(Scenario::Head);
    assert!(matches!(
        egov_mobile::sign(&session.qr_text, head, &Behaviour::default()).await,
        Err(MobileError::Refused { status: 403, .. })
    ));
    assert_eq!(app.qr_status(&session.id).await.state, QrState::Expired);
}

#[tokio::test]
async fn login_by_eds_answers_a_one_time_challenge_with_the_auth_key() {
    let cabinet = Trusting::start("");
    let anonymous = cabinet.server.app();
    let challenge = || anonymous.challenge();
    let login = |nonce: String, cms: Vec<u8>| {
        let anonymous = &anonymous;
        async move { anonymous.login_eds(&nonce, &cms).await }
    };
    let nonce_bytes = |c: &Challenge| {
        base64::engine::general_purpose::STANDARD
            .decode(&c.nonce)
            .expect("base64 nonce")
    };

    let first = challenge().await;
    let auth = cabinet
        .pki
        .key(Scenario::HeadAuth)
        .sign_cms(&nonce_bytes(&first), true, now());
    let session = login(first.nonce.clone(), auth.clone())
        .await
        .expect("logged in");
    let profile = cabinet
        .server
        .app()
        .with_token(&session.token)
        .profile()
        .await
        .expect("the profile");
    assert_eq!(profile.bin.as_string(), TestAccount::nova_city().bin);

    // The same nonce again: refused, in words about the login, not about a QR code.
    assert_eq!(
        code(login(first.nonce, auth).await).1,
        ErrorCode::ChallengeExpired
    );

    // A SIGN key answering a login challenge.
    let second = challenge().await;
    let sign_key = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(&nonce_bytes(&second), true, now());
    assert_eq!(
        code(login(second.nonce, sign_key).await).1,
        ErrorCode::SignatureWrongKey
    );

    // A signature over something else.
    let third = challenge().await;
    let other = cabinet
        .pki
        .key(Scenario::HeadAuth)
        .sign_cms(b"not the nonce", true, now());
    assert_eq!(
        code(login(third.nonce, other).await).1,
        ErrorCode::SignatureInvalid
    );
}

#[tokio::test]
async fn eight_phones_answering_one_qr_code_at_once_make_one_signature() {
    let cabinet = Trusting::start("");
    let app = cabinet.app().await;
    let id = app.upload_document("Договор.pdf", b"%PDF-1.7 raced").await;
    let session = app.start_qr(id).await.expect("a QR session");
    let head = cabinet.pki.key(Scenario::Head);
    let answers = futures_util::future::join_all((0..8).map(|_| {
        let qr_text = session.qr_text.clone();
        async move { egov_mobile::sign(&qr_text, head, &Behaviour::default()).await }
    }))
    .await;
    let accepted = answers
        .iter()
        .filter(|a| matches!(a, Ok(answer) if answer.status == 200))
        .count();
    assert_eq!(accepted, 1, "{answers:?}");
    assert_eq!(app.signatures(id).await.len(), 1);
    assert_eq!(app.qr_status(&session.id).await.state, QrState::Signed);
}

#[tokio::test]
async fn a_cms_made_for_one_document_is_refused_on_another_holding_the_same_file() {
    let cabinet = Trusting::start("");
    let app = cabinet.app().await;
    let first = app
        .upload_document("Устав.pdf", b"%PDF-1.7 the same charter")
        .await;
    let second = app
        .upload_document("Устав.pdf", b"%PDF-1.7 the same charter")
        .await;
    assert_ne!(first, second);
    let manifest = app.manifest(first).await.text;
    assert!(
        manifest.contains(&format!("Документ № {first}, поле «charter»")),
        "{manifest}"
    );
    let for_first = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(manifest.as_bytes(), false, now());
    assert_eq!(
        code(app.submit_signature(second, &for_first).await),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::SignatureOtherDocument
        )
    );
    app.submit_signature(first, &for_first)
        .await
        .expect("accepted on its own document");
}

#[tokio::test]
async fn the_signing_time_is_kept_beside_the_time_of_receipt_and_must_be_near_it() {
    let cabinet = Trusting::start("");
    let app = cabinet.app().await;
    let id = app
        .upload_document("Решение.pdf", b"%PDF-1.7 decision")
        .await;
    let manifest = app.manifest(id).await.text;
    let key = cabinet.pki.key(Scenario::Head);
    let an_hour_ago = now() - 3600;
    let signature = app
        .submit_signature(id, &key.sign_cms(manifest.as_bytes(), false, an_hour_ago))
        .await
        .expect("accepted");
    let signed = chrono::DateTime::parse_from_rfc3339(&signature.signed_at).expect("time");
    let received = chrono::DateTime::parse_from_rfc3339(&signature.received_at).expect("time");
    assert_eq!(
        signed.timestamp(),
        an_hour_ago,
        "signed_at is the CMS signing time"
    );
    assert!(
        (received.timestamp() - now()).abs() < 60,
        "received_at is now"
    );

    let from_the_future = key.sign_cms(manifest.as_bytes(), false, now() + 2 * 3600);
    assert_eq!(
        code(app.submit_signature(id, &from_the_future).await),
        (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::SigningTimeOff)
    );
}
