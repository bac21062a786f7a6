//! Registration by the working calendar with the server's clock injected: an application
//! signed and sent on Friday at 19:30 Astana time is registered with Monday's date, and its
//! deadline counts working days from there.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request};
use axum::Router;
use base64::Engine;
use chrono::{DateTime, NaiveDate};
use homeportal_domain::access::{paths as access, LocalMessage};
use homeportal_domain::api::{paths as api, ApplicationKind, LoginResponse};
use homeportal_domain::calendar::WorkingCalendar;
use homeportal_domain::forms::{FormData, Party};
use homeportal_domain::guarantee::staff::{self, StaffRole};
use homeportal_domain::guarantee::{
    digest, paths, AcceptInvitation, InvitationView, SubmitApplication,
};
use homeportal_domain::sync::{self, CreateApplication, ServerApplication, UpdateApplication};
use homeportal_server::accounts::{self, NewAccount};
use homeportal_server::clock::ShiftedClock;
use homeportal_server::config::Config;
use homeportal_server::db::Db;
use homeportal_server::{router, AppState};
use homeportal_testkit::guarantee::{complete_guarantee, invitation_code, part_of};
use homeportal_testkit::pki::{Scenario, TestPki};
use homeportal_testkit::TestAccount;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tower::ServiceExt;

fn create(db: &Db, account: &TestAccount) {
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
    accounts::create(db, &valid, 0).expect("account");
}

/// One JSON request; the typed answer, or the status and body of a refusal.
async fn call<B: Serialize, R: DeserializeOwned>(
    app: &Router,
    method: Method,
    uri: &str,
    token: &str,
    if_match: Option<i64>,
    body: Option<&B>,
) -> R {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(version) = if_match {
        request = request.header(header::IF_MATCH, format!("\"{version}\""));
    }
    let body = body.map_or_else(Body::empty, |b| {
        Body::from(serde_json::to_vec(b).expect("json"))
    });
    let response = app
        .clone()
        .oneshot(request.body(body).expect("request"))
        .await
        .expect("answered");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 22)
        .await
        .expect("body");
    assert!(
        status.is_success(),
        "{uri}: {status} {}",
        String::from_utf8_lossy(&bytes)
    );
    serde_json::from_slice(&bytes).expect("the answer's type")
}

async fn log_in(app: &Router, account: &TestAccount) -> String {
    let body = serde_json::json!({ "bin": account.bin, "password": account.password });
    let session: LoginResponse = call(app, Method::POST, api::LOGIN, "", None, Some(&body)).await;
    session.token
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn sent_on_friday_at_19_30_is_registered_on_monday() {
    let friday = DateTime::parse_from_rfc3339("2026-11-20T19:30:00+05:00")
        .expect("time")
        .timestamp();
    let pki = TestPki::new(friday);
    let dir = tempfile::tempdir().expect("tempdir");
    let bundle = dir.path().join("trust.pem");
    std::fs::write(&bundle, pki.trust_store().to_bundle()).expect("bundle");
    let config = Config {
        data_dir: dir.path().to_path_buf(),
        trust_bundle: Some(bundle),
        refusal_hold_ms: 0,
        ..Config::default()
    };
    let db = Db::open(dir.path()).expect("db");
    let (uk_account, developer_account) = (TestAccount::nova_city(), TestAccount::stroy());
    create(&db, &uk_account);
    create(&db, &developer_account);
    let registrar =
        homeportal_server::staff::add(&db, "Регистратор", StaffRole::Registrar).expect("staff");
    let state = AppState::open(config, db, "http://127.0.0.1:1")
        .expect("state")
        .with_clock(Arc::new(ShiftedClock::starting_at(friday)));
    let app = router(state);
    let uk = log_in(&app, &uk_account).await;
    let developer = log_in(&app, &developer_account).await;
    let complete = complete_guarantee();

    let created: ServerApplication = call(
        &app,
        Method::POST,
        sync::paths::APPLICATIONS,
        &uk,
        None,
        Some(&CreateApplication {
            kind: ApplicationKind::Guarantee,
            data: part_of(&complete, Party::Uk),
        }),
    )
    .await;
    let id = created.id;
    let _: serde_json::Value = call::<(), _>(
        &app,
        Method::POST,
        &paths::of_application(paths::INVITATION, id),
        &uk,
        None,
        None,
    )
    .await;
    let mailbox: Vec<LocalMessage> =
        call::<(), _>(&app, Method::GET, access::LOCAL_MAILBOX, &uk, None, None).await;
    let code = mailbox
        .iter()
        .find_map(|m| invitation_code(&m.text))
        .expect("the invitation in the local mailbox");
    let view: InvitationView = call::<(), _>(
        &app,
        Method::GET,
        &paths::of_invitation(paths::INVITATION_BY_CODE, &code),
        &developer,
        None,
        None,
    )
    .await;
    let confirmation = pki
        .key(Scenario::OtherBin)
        .sign_cms(view.text.as_bytes(), false, friday);
    let _: serde_json::Value = call(
        &app,
        Method::POST,
        &paths::of_invitation(paths::INVITATION_ACCEPT, &code),
        &developer,
        None,
        Some(&AcceptInvitation {
            cms: b64(&confirmation),
        }),
    )
    .await;
    let shared: ServerApplication = call::<(), _>(
        &app,
        Method::GET,
        &sync::paths::application(id),
        &developer,
        None,
        None,
    )
    .await;
    let filled: ServerApplication = call(
        &app,
        Method::PATCH,
        &sync::paths::application(id),
        &developer,
        Some(shared.version),
        Some(&UpdateApplication {
            changes: FormData::default().diff(&part_of(&complete, Party::Developer)),
            resolutions: Vec::new(),
        }),
    )
    .await;

    let text = digest::text(
        digest::Subject {
            id,
            kind: filled.kind,
            owner: &filled.owner,
            developer: filled.developer.as_ref(),
        },
        &filled.data,
    );
    let signature = pki
        .key(Scenario::Head)
        .sign_cms(text.as_bytes(), false, friday);
    let _: ServerApplication = call(
        &app,
        Method::POST,
        &paths::of_application(paths::SUBMISSION, id),
        &uk,
        Some(filled.version),
        Some(&SubmitApplication {
            cms: b64(&signature),
        }),
    )
    .await;
    let registered: ServerApplication = call::<(), _>(
        &app,
        Method::POST,
        &staff::paths::of_application(staff::paths::REGISTRATION, id),
        &registrar,
        None,
        None,
    )
    .await;

    let registration = registered.registration.expect("registered");
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    assert_eq!(registration.date, monday);
    assert_eq!(
        registration.deadline,
        WorkingCalendar::embedded().add_working_days(monday, 15)
    );
    assert_eq!(registration.label(), "№1 от 23.11.2026");
}
