//! Signing against the server binary with the test PKI trusted: acts signed as NCALayer signs
//! them, eGov QR signing driven by the fake eGov mobile app, and login by EDS.

use base64::Engine;
use homeportal_domain::api::{paths, DocumentInfo, LoginResponse};
use homeportal_domain::signing::{
    path_with_id, paths as signing, Challenge, QrSession, QrState, QrStatus, SignatureInfo,
    SigningManifest,
};
use homeportal_domain::{ErrorBody, ErrorCode};
use homeportal_testkit::egov_mobile::{self, Behaviour, MobileError};
use homeportal_testkit::pki::{Scenario, TestPki};
use homeportal_testkit::{ServerProcess, TestAccount};
use reqwest::{Client, StatusCode};

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

struct Cabinet {
    server: ServerProcess,
    pki: TestPki,
    http: Client,
    token: String,
    _bundle: tempfile::NamedTempFile,
}

impl Cabinet {
    async fn start(extra_config: &str) -> Cabinet {
        let pki = TestPki::new(now());
        let bundle = tempfile::NamedTempFile::new().expect("bundle");
        std::fs::write(bundle.path(), pki.trust_store().to_bundle()).expect("bundle written");
        let config = format!(
            "trust_bundle = {:?}\n{extra_config}\n[requester]\nname_ru = \"АО «КЖК»\"\nname_kz = \"«ҚТК» АҚ\"\nname_en = \"KZhK JSC\"\nbin = \"080540014021\"\n",
            bundle.path()
        );
        let account = TestAccount::nova_city();
        let server = ServerProcess::start_configured(std::slice::from_ref(&account), &config);
        let token = server.login(&account).await;
        Cabinet {
            server,
            pki,
            http: Client::new(),
            token,
            _bundle: bundle,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    async fn document(&self, bytes: &[u8]) -> i64 {
        self.server
            .upload_document(&self.token, "Устав.pdf", bytes)
            .await
    }

    async fn manifest(&self, id: i64) -> String {
        let manifest: SigningManifest = self
            .http
            .get(self.url(&path_with_id(signing::DOCUMENT_MANIFEST, id)))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("manifest");
        manifest.text
    }

    async fn submit(&self, id: i64, cms: &[u8]) -> reqwest::Response {
        self.http
            .post(self.url(&path_with_id(signing::DOCUMENT_SIGNATURES, id)))
            .bearer_auth(&self.token)
            .json(&serde_json::json!({ "cms": b64(cms) }))
            .send()
            .await
            .expect("sent")
    }

    async fn qr(&self, id: i64) -> QrSession {
        self.http
            .post(self.url(signing::QR_SESSIONS))
            .bearer_auth(&self.token)
            .json(&serde_json::json!({ "document_id": id }))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("session")
    }

    async fn status(&self, session: &QrSession) -> QrStatus {
        self.http
            .get(self.url(&path_with_id(signing::QR_SESSION, &session.id)))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("status")
    }
}

async fn code(response: reqwest::Response) -> (StatusCode, ErrorCode) {
    let status = response.status();
    let body: ErrorBody = response.json().await.expect("error body");
    (status, body.code)
}

#[tokio::test]
async fn an_act_signed_as_ncalayer_signs_is_verified_and_kept() {
    let cabinet = Cabinet::start("").await;
    let id = cabinet.document(b"%PDF-1.7 charter").await;
    let manifest = cabinet.manifest(id).await;
    assert!(manifest.contains("БИН 940140000385"));
    assert!(manifest.contains("Устав.pdf"));

    let head = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(manifest.as_bytes(), false, now());
    let accepted = cabinet.submit(id, &head).await;
    assert_eq!(accepted.status(), StatusCode::CREATED);
    let signature: SignatureInfo = accepted.json().await.expect("signature");
    assert_eq!(signature.role, "head");
    assert_eq!(signature.signer_iin, TestAccount::nova_city().iin);

    let right = cabinet
        .pki
        .key(Scenario::SigningRight)
        .sign_cms(manifest.as_bytes(), true, now());
    assert_eq!(
        cabinet.submit(id, &right).await.status(),
        StatusCode::CREATED
    );

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
            code(cabinet.submit(id, &cms).await).await,
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{scenario:?}"
        );
    }
    let other_text = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(b"another text", false, now());
    assert_eq!(
        code(cabinet.submit(id, &other_text).await).await.1,
        ErrorCode::SignatureInvalid
    );
    assert_eq!(
        code(cabinet.submit(id, b"garbage").await).await.1,
        ErrorCode::SignatureInvalid
    );

    let documents: Vec<DocumentInfo> = cabinet
        .http
        .get(cabinet.url(paths::DOCUMENTS))
        .bearer_auth(&cabinet.token)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("documents");
    let roles: Vec<_> = documents[0]
        .signatures
        .iter()
        .map(|s| s.role.as_str())
        .collect();
    assert_eq!(roles, ["head", "signing_right"]);
}

#[tokio::test]
async fn the_fake_egov_app_signs_by_qr_once() {
    let cabinet = Cabinet::start("").await;
    let id = cabinet.document(b"%PDF-1.7 contract").await;
    let session = cabinet.qr(id).await;
    assert!(session.qr_text.starts_with("mobileSign:http://127.0.0.1:"));
    assert_eq!(session.expires_in, 600);
    assert_eq!(cabinet.status(&session).await.state, QrState::Pending);

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
    let status = cabinet.status(&session).await;
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
    let status = cabinet.status(&session).await;
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
    let cabinet = Cabinet::start("qr_ttl_seconds = 1").await;
    let id = cabinet.document(b"%PDF-1.7 short").await;
    let session = cabinet.qr(id).await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let head = cabinet.pki.key(Scenario::Head);
    assert!(matches!(
        egov_mobile::sign(&session.qr_text, head, &Behaviour::default()).await,
        Err(MobileError::Refused { status: 403, .. })
    ));
    assert_eq!(cabinet.status(&session).await.state, QrState::Expired);
}

#[tokio::test]
async fn login_by_eds_answers_a_one_time_challenge_with_the_auth_key() {
    let cabinet = Cabinet::start("").await;
    let challenge = || async {
        let challenge: Challenge = cabinet
            .http
            .post(cabinet.url(signing::CHALLENGE))
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("challenge");
        challenge
    };
    let login = |nonce: String, cms: Vec<u8>| {
        let request = cabinet
            .http
            .post(cabinet.url(signing::LOGIN_EDS))
            .json(&serde_json::json!({ "nonce": nonce, "cms": b64(&cms) }));
        async move { request.send().await.expect("sent") }
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
    let answer = login(first.nonce.clone(), auth.clone()).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let session: LoginResponse = answer.json().await.expect("session");
    let profile = cabinet
        .http
        .get(cabinet.url(paths::PROFILE))
        .bearer_auth(&session.token)
        .send()
        .await
        .expect("sent");
    assert_eq!(profile.status(), StatusCode::OK);

    // The same nonce again: refused.
    assert_eq!(
        code(login(first.nonce, auth).await).await.1,
        ErrorCode::SigningExpired
    );

    // A SIGN key answering a login challenge.
    let second = challenge().await;
    let sign_key = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(&nonce_bytes(&second), true, now());
    assert_eq!(
        code(login(second.nonce, sign_key).await).await.1,
        ErrorCode::SignatureWrongKey
    );

    // A signature over something else.
    let third = challenge().await;
    let other = cabinet
        .pki
        .key(Scenario::HeadAuth)
        .sign_cms(b"not the nonce", true, now());
    assert_eq!(
        code(login(third.nonce, other).await).await.1,
        ErrorCode::SignatureInvalid
    );
}
