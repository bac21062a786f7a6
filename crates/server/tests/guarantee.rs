//! A guarantee application between two parties and КЖК, against the server binary with the test
//! PKI trusted and e-mail going to a real SMTP server: the developer found and invited, its
//! EDS confirmation, each party changing only its own part, moderation with remarks and a new
//! version, the signed digest, registration by staff, and what other organisations see.

use std::process::{Command, Stdio};
use std::time::Duration;

use homeportal_domain::api::ApplicationKind;
use homeportal_domain::applications::ApplicationStatus;
use homeportal_domain::forms::merge::{Change, Unit, UnitValue};
use homeportal_domain::forms::{FormData, Party, NOT_YOUR_PART};
use homeportal_domain::guarantee::staff::{self, PostRemarks};
use homeportal_domain::guarantee::{
    digest, paths, AcceptInvitation, InvitationAccepted, InvitationSent, InvitationView,
    Organisation, SubmitApplication,
};
use homeportal_domain::status::guarantee::GuaranteeStatus;
use homeportal_domain::status::Payload;
use homeportal_domain::sync::{HistoryKind, ServerApplication, UpdateApplication};
use homeportal_domain::ErrorCode;
use homeportal_testkit::guarantee::{complete_guarantee, part_of};
use homeportal_testkit::pki::{Scenario, TestPki};
use homeportal_testkit::server::server_binary;
use homeportal_testkit::sms_gateway::delivery_config;
use homeportal_testkit::{Refusal, ServerProcess, SmsGateway, SmtpSink, TestAccount, TestApp};
use reqwest::{Method, StatusCode};

const PATIENCE: Duration = Duration::from_secs(20);

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

/// A third organisation, neither party of the application.
fn outsider() -> TestAccount {
    TestAccount {
        bin: "961141000023",
        org_name: "ТОО «Посторонний»",
        iin: "760212350620",
        last_name: "Иванов",
        first_name: "Иван",
        middle_name: "Иванович",
        email: "office@outsider.kz",
        phone: "+77051234567",
        password: "Outsider-2026",
    }
}

/// The server with three organisations, the test PKI trusted, mail over SMTP.
struct Cabinet {
    server: ServerProcess,
    pki: TestPki,
    mail: SmtpSink,
    _sms: SmsGateway,
    _bundle: tempfile::NamedTempFile,
}

impl Cabinet {
    fn start() -> Cabinet {
        let pki = TestPki::new(now());
        let bundle = tempfile::NamedTempFile::new().expect("bundle");
        std::fs::write(bundle.path(), pki.trust_store().to_bundle()).expect("bundle written");
        let (mail, sms) = (SmtpSink::start(), SmsGateway::start());
        let config = format!(
            "trust_bundle = {:?}\nrefusal_hold_ms = 0\n{}",
            bundle.path(),
            delivery_config(mail.port(), sms.url())
        );
        let accounts = [TestAccount::nova_city(), TestAccount::stroy(), outsider()];
        Cabinet {
            server: ServerProcess::start_configured(&accounts, &config),
            pki,
            mail,
            _sms: sms,
            _bundle: bundle,
        }
    }

    /// A member of staff with `role`; their key.
    fn staff(&self, role: &str) -> String {
        let out = Command::new(server_binary())
            .arg("--data-dir")
            .arg(self.server.data_dir())
            .args([
                "staff",
                "add",
                "--name",
                "Модератор Айгерим",
                "--role",
                role,
            ])
            .stdin(Stdio::null())
            .output()
            .expect("the subcommand runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

fn refused<T: std::fmt::Debug>(result: Result<T, Refusal>) -> (StatusCode, ErrorCode) {
    let refusal = result.expect_err("refused");
    (refusal.status, refusal.body.code)
}

fn status(application: &ServerApplication) -> GuaranteeStatus {
    match application.status {
        ApplicationStatus::Guarantee(status) => status,
        other => panic!("not a guarantee status: {other:?}"),
    }
}

fn set(path: &str, value: &str) -> UpdateApplication {
    UpdateApplication {
        changes: vec![Change {
            unit: Unit::Value(path.to_owned()),
            value: Some(UnitValue::Text(value.to_owned())),
        }],
        resolutions: Vec::new(),
    }
}

fn whole(data: &FormData) -> UpdateApplication {
    UpdateApplication {
        changes: FormData::default().diff(data),
        resolutions: Vec::new(),
    }
}

fn signed_text(application: &ServerApplication) -> String {
    digest::text(
        digest::Subject {
            id: application.id,
            kind: application.kind,
            owner: &application.owner,
            developer: application.developer.as_ref(),
        },
        &application.data,
    )
}

async fn submission(
    app: &TestApp<'_>,
    application: &ServerApplication,
    cms: &[u8],
) -> Result<ServerApplication, Refusal> {
    use base64::Engine;
    let body = SubmitApplication {
        cms: base64::engine::general_purpose::STANDARD.encode(cms),
    };
    app.application_step(
        paths::SUBMISSION,
        application.id,
        application.version,
        Some(&body),
    )
    .await
}

/// Invites Строй to `id` and has it accept with its head's SIGN key.
async fn invite_and_join(cabinet: &Cabinet, uk: &TestApp<'_>, developer: &TestApp<'_>, id: i64) {
    let path = paths::of_application(paths::INVITATION, id);
    let sent: InvitationSent = uk.post(&path, &()).await.expect("invited");
    assert_eq!(sent.developer.name, TestAccount::stroy().org_name);
    let code = cabinet.mail.wait_for_invitation("info@stroy.kz", PATIENCE);
    let view: InvitationView = developer
        .get(&paths::of_invitation(paths::INVITATION_BY_CODE, &code))
        .await
        .expect("the invitation");
    assert!(view.text.contains("БИН 950341000052") && view.text.contains("БИН 940140000385"));
    use base64::Engine;
    let cms = cabinet
        .pki
        .key(Scenario::OtherBin)
        .sign_cms(view.text.as_bytes(), false, now());
    let accepted: InvitationAccepted = developer
        .post(
            &paths::of_invitation(paths::INVITATION_ACCEPT, &code),
            &AcceptInvitation {
                cms: base64::engine::general_purpose::STANDARD.encode(cms),
            },
        )
        .await
        .expect("accepted");
    assert_eq!(accepted.applications, 1);
}

#[tokio::test]
async fn two_parties_moderation_signature_and_registration() {
    let cabinet = Cabinet::start();
    let server = &cabinet.server;
    let uk = server.signed_in(&TestAccount::nova_city()).await;
    let developer = server.signed_in(&TestAccount::stroy()).await;
    let other = server.signed_in(&outsider()).await;
    let complete = complete_guarantee();

    // «Поиск»: the developer's name from the registry; unknown and malformed БИН refused.
    let found: Organisation = uk
        .get(&paths::organisation("950341000052"))
        .await
        .expect("found");
    assert_eq!(found.name, TestAccount::stroy().org_name);
    assert_eq!(
        refused(
            uk.get::<Organisation>(&paths::organisation("070941024691"))
                .await
        ),
        (StatusCode::NOT_FOUND, ErrorCode::OrganisationNotFound)
    );
    assert_eq!(
        refused(uk.get::<Organisation>(&paths::organisation("12345")).await).1,
        ErrorCode::Validation
    );

    // The УК cannot write the developer's part, even when creating.
    let refusal = uk
        .create_application(None, ApplicationKind::Guarantee, &complete)
        .await
        .refused();
    assert!(refusal.body.fields.iter().all(|f| f.rule == NOT_YOUR_PART));
    let application = uk
        .create_application(
            None,
            ApplicationKind::Guarantee,
            &part_of(&complete, Party::Uk),
        )
        .await
        .applied();
    let id = application.id;
    assert_eq!(application.developer, None);

    // Before the developer joins, nobody else sees it.
    for outsider in [&developer, &other] {
        assert_eq!(
            refused(outsider.application(id).await).0,
            StatusCode::NOT_FOUND
        );
        let feed = outsider.application_changes(0).await.expect("feed");
        assert!(feed.changes.iter().all(|a| a.id != id));
    }

    // Moderation waits for the developer's part.
    let refusal = uk
        .application_step::<()>(paths::MODERATION, id, application.version, None)
        .await
        .expect_err("incomplete");
    assert_eq!(refusal.body.code, ErrorCode::Validation);
    assert!(refusal
        .body
        .fields
        .iter()
        .any(|f| f.field == "developer.head_iin"));

    // Another organisation cannot take the invitation; Строй confirms with its EDS.
    invite_and_join(&cabinet, &uk, &developer, id).await;
    let shared = developer.application(id).await.expect("shared");
    assert_eq!(
        shared.developer.map(|b| b.as_string()),
        Some("950341000052".to_owned())
    );
    assert!(shared
        .history
        .iter()
        .any(|e| matches!(e.event, HistoryKind::DeveloperJoined { .. })));

    // The developer changes only its own part; it cannot delete the application.
    let refusal = developer
        .update_application(
            id,
            Some(shared.version),
            None,
            &set("uk.org_name_ru", "ТОО «Чужое»"),
        )
        .await
        .refused();
    assert_eq!(refusal.body.fields[0].field, "uk.org_name_ru");
    assert_eq!(refusal.body.fields[0].rule, NOT_YOUR_PART);
    let refusal = developer
        .update_application(
            id,
            Some(shared.version),
            None,
            &UpdateApplication {
                changes: vec![Change {
                    unit: Unit::Documents("uk_charter".into()),
                    value: None,
                }],
                resolutions: Vec::new(),
            },
        )
        .await
        .refused();
    assert_eq!(refusal.body.fields[0].rule, NOT_YOUR_PART);
    let filled = developer
        .update_application(
            id,
            Some(shared.version),
            None,
            &whole(&part_of(&complete, Party::Developer)),
        )
        .await
        .applied();
    let refusal = developer
        .delete_application(id, filled.version, None)
        .await
        .refused();
    assert_eq!(
        (refusal.status, refusal.body.code),
        (StatusCode::FORBIDDEN, ErrorCode::OtherParty)
    );

    // The outsider still sees nothing: every route is 404 and its feed is empty of it.
    assert_eq!(
        refused(other.application(id).await).0,
        StatusCode::NOT_FOUND
    );
    let refusal = other
        .update_application(id, Some(filled.version), None, &set("project.name", "x"))
        .await
        .refused();
    assert_eq!(refusal.status, StatusCode::NOT_FOUND);
    let some_cms = SubmitApplication { cms: "AAAA".into() };
    for path in [paths::MODERATION, paths::SUBMISSION, paths::NEW_VERSION] {
        let refusal = other
            .application_step(path, id, filled.version, Some(&some_cms))
            .await
            .expect_err("hidden");
        assert_eq!(refusal.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        refused(
            other
                .post::<_, InvitationSent>(&paths::of_application(paths::INVITATION, id), &())
                .await
        )
        .0,
        StatusCode::NOT_FOUND
    );
    assert!(other
        .application_changes(0)
        .await
        .expect("feed")
        .changes
        .iter()
        .all(|a| a.id != id));

    // Moderation: remarks arrive in the history; the УК makes a new version with all data.
    let current = uk.application(id).await.expect("current");
    assert_eq!(
        refused(
            developer
                .application_step::<()>(paths::MODERATION, id, current.version, None)
                .await
        ),
        (StatusCode::FORBIDDEN, ErrorCode::OtherParty)
    );
    let on_moderation = uk
        .application_step::<()>(paths::MODERATION, id, current.version, None)
        .await
        .expect("sent to moderation");
    assert_eq!(status(&on_moderation), GuaranteeStatus::OnModeration);

    let staff_app = server.app();
    let moderator = cabinet.staff("moderator");
    let registrar = cabinet.staff("registrar");
    let listed = staff_app
        .staff_request(Method::GET, staff::paths::APPLICATIONS, &moderator)
        .send()
        .await
        .expect("answer");
    let listed: Vec<ServerApplication> = listed.json().await.expect("list");
    assert!(listed.iter().any(|a| a.id == id));
    let no_key = staff_app
        .request(Method::GET, staff::paths::APPLICATIONS)
        .send()
        .await
        .expect("answer");
    assert_eq!(no_key.status(), StatusCode::UNAUTHORIZED);
    let remarks = PostRemarks {
        text: "Приложите устав в последней редакции".into(),
    };
    assert_eq!(
        refused(
            staff_app
                .staff_step(&registrar, staff::paths::REMARKS, id, Some(&remarks))
                .await
        ),
        (StatusCode::FORBIDDEN, ErrorCode::OtherParty)
    );
    staff_app
        .staff_step(&moderator, staff::paths::REMARKS, id, Some(&remarks))
        .await
        .expect("remarks posted");
    let with_remarks = uk.application(id).await.expect("read");
    assert_eq!(status(&with_remarks), GuaranteeStatus::Remarks);
    assert!(with_remarks.history.iter().any(|e| matches!(
        &e.event,
        HistoryKind::StatusChanged { payload: Payload::Remarks { text }, .. } if text == &remarks.text
    )));
    let new_version = uk
        .application_step::<()>(paths::NEW_VERSION, id, with_remarks.version, None)
        .await
        .expect("a new version");
    assert_eq!(status(&new_version), GuaranteeStatus::Draft);
    assert_eq!(
        new_version.data, with_remarks.data,
        "data and documents kept"
    );

    // The signed digest: a signature over the content before a change is refused after it.
    let old_text = signed_text(&new_version);
    let old_signature = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(old_text.as_bytes(), false, now());
    let changed = uk
        .update_application(
            id,
            Some(new_version.version),
            None,
            &set("project.name", "ЖК «Нова 2»"),
        )
        .await
        .applied();
    assert_ne!(signed_text(&changed), old_text);
    assert_eq!(
        refused(submission(&uk, &changed, &old_signature).await),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::SignatureOtherDocument
        )
    );
    let employee = cabinet.pki.key(Scenario::Employee).sign_cms(
        signed_text(&changed).as_bytes(),
        false,
        now(),
    );
    assert_eq!(
        refused(submission(&uk, &changed, &employee).await).1,
        ErrorCode::SignatureNoRight
    );
    let head =
        cabinet
            .pki
            .key(Scenario::Head)
            .sign_cms(signed_text(&changed).as_bytes(), false, now());
    let sent = submission(&uk, &changed, &head)
        .await
        .expect("signed and sent");
    assert_eq!(status(&sent), GuaranteeStatus::SignedAndSent);
    assert!(sent.history.iter().any(|e| matches!(
        &e.event,
        HistoryKind::Signed { signer_iin, content_sha256, .. }
            if signer_iin == TestAccount::nova_city().iin
                && content_sha256 == &digest::content_sha256(&changed.data)
    )));
    assert_eq!(
        uk.update_application(id, Some(sent.version), None, &set("project.name", "x"))
            .await
            .refused()
            .body
            .fields[0]
            .rule,
        homeportal_domain::applications::NOT_EDITABLE
    );

    // Registration by staff: a number, a date by the calendar and a deadline.
    assert_eq!(
        refused(
            staff_app
                .staff_step::<()>(&moderator, staff::paths::REGISTRATION, id, None)
                .await
        )
        .1,
        ErrorCode::OtherParty
    );
    let registered = staff_app
        .staff_step::<()>(&registrar, staff::paths::REGISTRATION, id, None)
        .await
        .expect("registered");
    assert_eq!(status(&registered), GuaranteeStatus::Registered);
    let registration = uk
        .application(id)
        .await
        .expect("read")
        .registration
        .expect("registration");
    assert_eq!(registration.number, "1");
    assert!(registration.deadline > registration.date);
    assert!(registration.label().starts_with("№1 от "));
    let seen_by_developer = developer.application(id).await.expect("read");
    assert_eq!(seen_by_developer.registration, Some(registration));

    // A later application of the УК naming Строй is open to it at once.
    let later = uk
        .create_application(
            None,
            ApplicationKind::Guarantee,
            &part_of(&complete, Party::Uk),
        )
        .await
        .applied();
    assert_eq!(
        later.developer.map(|b| b.as_string()),
        Some("950341000052".to_owned())
    );
    developer
        .application(later.id)
        .await
        .expect("shared at once");
    assert_eq!(
        refused(other.application(later.id).await).0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_invitation_is_for_the_invited_organisation_only() {
    let cabinet = Cabinet::start();
    let server = &cabinet.server;
    let uk = server.signed_in(&TestAccount::nova_city()).await;
    let other = server.signed_in(&outsider()).await;
    let application = uk
        .create_application(
            None,
            ApplicationKind::Guarantee,
            &part_of(&complete_guarantee(), Party::Uk),
        )
        .await
        .applied();
    let path = paths::of_application(paths::INVITATION, application.id);
    let _: InvitationSent = uk.post(&path, &()).await.expect("invited");
    let code = cabinet.mail.wait_for_invitation("info@stroy.kz", PATIENCE);
    let view: InvitationView = other
        .get(&paths::of_invitation(paths::INVITATION_BY_CODE, &code))
        .await
        .expect("readable");
    use base64::Engine;
    let cms = cabinet
        .pki
        .key(Scenario::Head)
        .sign_cms(view.text.as_bytes(), false, now());
    let accept = AcceptInvitation {
        cms: base64::engine::general_purpose::STANDARD.encode(cms),
    };
    let accept_path = paths::of_invitation(paths::INVITATION_ACCEPT, &code);
    assert_eq!(
        refused(
            other
                .post::<_, InvitationAccepted>(&accept_path, &accept)
                .await
        ),
        (
            StatusCode::FORBIDDEN,
            ErrorCode::InvitationOtherOrganisation
        )
    );
    assert_eq!(
        refused(
            other
                .get::<InvitationView>(&paths::of_invitation(
                    paths::INVITATION_BY_CODE,
                    "AAAA-BBBB-CCCC"
                ))
                .await
        ),
        (StatusCode::NOT_FOUND, ErrorCode::InvitationInvalid)
    );
    assert_eq!(
        refused(other.application(application.id).await).0,
        StatusCode::NOT_FOUND
    );
}

/// A headless Chromium session through chromedriver.
async fn browser(driver: &homeportal_testkit::chrome_driver::ChromeDriver) -> fantoccini::Client {
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    fantoccini::ClientBuilder::new(connector)
        .capabilities(homeportal_testkit::chrome_driver::ChromeDriver::headless())
        .connect(&driver.url())
        .await
        .expect("a Chromium session")
}

/// The text of the element `css` once it holds `expected` — after a form's post the old page
/// may still be there for a moment (a wait that times out fails).
async fn text(client: &fantoccini::Client, css: &str, expected: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let mut seen = String::new();
    while std::time::Instant::now() < deadline {
        if let Ok(element) = client.find(fantoccini::Locator::Css(css)).await {
            // A page replaced meanwhile makes the element stale: look again.
            if let Ok(text) = element.text().await {
                if text.contains(expected) {
                    return text;
                }
                seen = text;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never held {expected:?}; it held {seen:?}");
}

async fn click(client: &fantoccini::Client, css: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(fantoccini::Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
        .click()
        .await
        .expect("clicked");
}

async fn sign_in(client: &fantoccini::Client, base: &str, key: &str) {
    client
        .goto(&format!("{base}/back-office"))
        .await
        .expect("opened");
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(fantoccini::Locator::Css("#key"))
        .await
        .expect("the key field")
        .send_keys(key)
        .await
        .expect("typed");
    click(client, "#sign-in").await;
}

#[tokio::test]
async fn staff_remark_and_register_through_the_back_office_in_chromium() {
    let cabinet = Cabinet::start();
    let server = &cabinet.server;
    let uk = server.signed_in(&TestAccount::nova_city()).await;
    let developer = server.signed_in(&TestAccount::stroy()).await;
    let complete = complete_guarantee();
    let application = uk
        .create_application(
            None,
            ApplicationKind::Guarantee,
            &part_of(&complete, Party::Uk),
        )
        .await
        .applied();
    let id = application.id;
    invite_and_join(&cabinet, &uk, &developer, id).await;
    let shared = developer.application(id).await.expect("shared");
    developer
        .update_application(
            id,
            Some(shared.version),
            None,
            &whole(&part_of(&complete, Party::Developer)),
        )
        .await
        .applied();
    let current = uk.application(id).await.expect("current");
    uk.application_step::<()>(paths::MODERATION, id, current.version, None)
        .await
        .expect("sent to moderation");
    let (moderator, registrar) = (cabinet.staff("moderator"), cabinet.staff("registrar"));

    let driver = homeportal_testkit::chrome_driver::ChromeDriver::start();
    let client = browser(&driver).await;
    let base = server.url().trim_end_matches('/').to_owned();

    sign_in(&client, &base, "kzhk-not-a-key").await;
    text(&client, "#error", "Ключ не подходит").await;

    sign_in(&client, &base, &moderator).await;
    let row = text(&client, &format!("#row-{id}"), "На модерации").await;
    assert!(row.contains("940140000385"), "{row}");
    click(&client, &format!("#row-{id} a")).await;
    text(&client, "#status", "На модерации").await;
    assert!(
        client
            .find(fantoccini::Locator::Css("#register"))
            .await
            .is_err(),
        "a moderator is not offered registration"
    );
    client
        .find(fantoccini::Locator::Css("#remarks"))
        .await
        .expect("remarks field")
        .send_keys("Приложите устав в последней редакции")
        .await
        .expect("typed");
    click(&client, "#post-remarks").await;
    text(&client, "#status", "Есть замечания модератора").await;
    text(&client, "#history", "Приложите устав в последней редакции").await;
    let with_remarks = uk.application(id).await.expect("read");
    assert_eq!(status(&with_remarks), GuaranteeStatus::Remarks);

    // The УК makes a new version and signs it; the registrar registers it in the browser.
    let new_version = uk
        .application_step::<()>(paths::NEW_VERSION, id, with_remarks.version, None)
        .await
        .expect("new version");
    let head = cabinet.pki.key(Scenario::Head).sign_cms(
        signed_text(&new_version).as_bytes(),
        false,
        now(),
    );
    submission(&uk, &new_version, &head).await.expect("sent");
    client.delete_all_cookies().await.expect("signed out");
    sign_in(&client, &base, &registrar).await;
    click(&client, &format!("#row-{id} a")).await;
    text(&client, "#status", "Заявка отправлена").await;
    click(&client, "#register").await;
    text(&client, "#status", "Заявка зарегистрирована").await;
    text(&client, "#registration", "№1 от ").await;
    let registered = uk.application(id).await.expect("read");
    assert!(registered.registration.is_some());
    client.close().await.expect("closed");
}

#[tokio::test]
async fn the_application_is_signed_and_sent_by_egov_qr() {
    use homeportal_domain::signing::{QrSession, QrState, QrStatus};
    use homeportal_testkit::egov_mobile::{self, Behaviour};

    let cabinet = Cabinet::start();
    let server = &cabinet.server;
    let uk = server.signed_in(&TestAccount::nova_city()).await;
    let developer = server.signed_in(&TestAccount::stroy()).await;
    let complete = complete_guarantee();
    let application = uk
        .create_application(
            None,
            ApplicationKind::Guarantee,
            &part_of(&complete, Party::Uk),
        )
        .await
        .applied();
    let id = application.id;
    invite_and_join(&cabinet, &uk, &developer, id).await;
    let shared = developer.application(id).await.expect("shared");
    developer
        .update_application(
            id,
            Some(shared.version),
            None,
            &whole(&part_of(&complete, Party::Developer)),
        )
        .await
        .applied();
    let current = uk.application(id).await.expect("current");

    let start = |version: i64| {
        let uk = &uk;
        async move {
            let response = uk
                .request(
                    Method::POST,
                    &paths::of_application(paths::SUBMISSION_QR, id),
                )
                .header(reqwest::header::IF_MATCH, format!("\"{version}\""))
                .send()
                .await
                .expect("answer");
            assert!(response.status().is_success(), "{}", response.status());
            response.json::<QrSession>().await.expect("a session")
        }
    };
    let status = |session: String| {
        let uk = &uk;
        async move {
            let path = paths::of_session(
                &paths::of_application(paths::SUBMISSION_QR_STATUS, id),
                &session,
            );
            uk.get::<QrStatus>(&path).await.expect("status")
        }
    };

    // An employee's key is refused on the phone; the session stays open and says why.
    let qr = start(current.version).await;
    let employee = cabinet.pki.key(Scenario::Employee);
    let answer = egov_mobile::sign(&qr.qr_text, employee, &Behaviour::default())
        .await
        .expect("the phone got an answer");
    assert_eq!(answer.status, 403);
    let refused = status(qr.id.clone()).await;
    assert_eq!(refused.state, QrState::Rejected);
    assert_eq!(
        refused.error.map(|e| e.code),
        Some(ErrorCode::SignatureNoRight)
    );

    // The head signs on the phone: the application is sent; the session is used up.
    let head = cabinet.pki.key(Scenario::Head);
    let answer = egov_mobile::sign(&qr.qr_text, head, &Behaviour::default())
        .await
        .expect("the phone got an answer");
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(status(qr.id.clone()).await.state, QrState::Signed);
    let sent = uk.application(id).await.expect("read");
    assert_eq!(self::status(&sent), GuaranteeStatus::SignedAndSent);
    assert!(sent
        .history
        .iter()
        .any(|e| matches!(&e.event, HistoryKind::Signed { signer_iin, .. } if signer_iin == TestAccount::nova_city().iin)));
    let again = egov_mobile::sign(&qr.qr_text, head, &Behaviour::default()).await;
    assert!(!matches!(again, Ok(ref a) if a.status == 200), "{again:?}");
}
