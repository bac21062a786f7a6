//! The front door against the server binary, with codes delivered to a real SMTP server (the
//! testkit's sink) and an SMS gateway fake: registration with the organisation's EDS, login by
//! e-mail code and by EDS, recovery, and confirmed changes of the profile's contacts.

use homeportal_domain::access::{
    paths, Channel, CodeSent, CodesSent, ConfirmCodes, ContactChange, ContactConfirm,
    EmailCodeRequest, EmailLoginRequest, LocalMessage, NewPassword, ProfileChange, RecoveryRequest,
    RecoveryStarted, ResendRequest,
};
use homeportal_domain::api::{LoginResponse, Profile};
use homeportal_domain::signing::path_with_id;
use homeportal_domain::ErrorCode;
use homeportal_testkit::front_door::CODE_PATIENCE;
use homeportal_testkit::pki::{Scenario, TestPki};
use homeportal_testkit::sms_gateway::delivery_config;
use homeportal_testkit::{Refusal, ServerProcess, SmsGateway, SmtpSink, TestApp};
use reqwest::StatusCode;

const EMAIL: &str = "buh@novacity.kz";
const PHONE: &str = "+77011234567";
const PASSWORD: &str = "Nova-City-2026";
const BIN: &str = "940140000385";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

/// A server with no account yet, trusting the test PKI, sending codes by SMTP and SMS.
struct FrontDoor {
    server: ServerProcess,
    pki: TestPki,
    mail: SmtpSink,
    sms: SmsGateway,
    _bundle: tempfile::NamedTempFile,
}

impl FrontDoor {
    fn start() -> FrontDoor {
        FrontDoor::start_with("")
    }

    /// With more configuration (TOML lines).
    fn start_with(extra: &str) -> FrontDoor {
        let pki = TestPki::new(now());
        let bundle = tempfile::NamedTempFile::new().expect("bundle");
        std::fs::write(bundle.path(), pki.trust_store().to_bundle()).expect("bundle written");
        let (mail, sms) = (SmtpSink::start(), SmsGateway::start());
        let config = format!(
            "trust_bundle = {:?}\nrobot_bits = 8\nrefusal_hold_ms = 0\n{extra}\n{}",
            bundle.path(),
            delivery_config(mail.port(), sms.url())
        );
        FrontDoor {
            server: ServerProcess::start_configured(&[], &config),
            pki,
            mail,
            sms,
            _bundle: bundle,
        }
    }

    fn app(&self) -> TestApp<'_> {
        self.server.app()
    }

    /// Registers Nova City; a client signed in with its first session.
    async fn registered(&self) -> TestApp<'_> {
        let session = self
            .app()
            .register(&self.pki, &self.mail, &self.sms, (EMAIL, PHONE), PASSWORD)
            .await;
        self.app().with_token(&session.token)
    }
}

fn refused<T: std::fmt::Debug>(result: Result<T, Refusal>) -> (StatusCode, ErrorCode) {
    let refusal = result.expect_err("refused");
    (refusal.status, refusal.body.code)
}

fn field_rule<T: std::fmt::Debug>(result: Result<T, Refusal>) -> (String, String) {
    let refusal = result.expect_err("refused");
    assert_eq!(refusal.body.code, ErrorCode::Validation, "{refusal:?}");
    let field = refusal.body.fields.first().expect("a field error");
    (field.field.clone(), field.rule.clone())
}

#[tokio::test]
async fn an_organisation_registers_with_its_eds_and_both_codes_and_is_signed_in() {
    let door = FrontDoor::start();
    let app = door.registered().await;
    let profile: Profile = app.profile().await.expect("the profile");
    assert_eq!(profile.bin.as_string(), BIN);
    assert_eq!(profile.org_name, "ТОО \"Nova City Development\"");
    assert_eq!(profile.iin.as_string(), "830717350867");
    assert_eq!(
        (profile.last_name.as_str(), profile.first_name.as_str()),
        ("ТЕСТОВ", "АЙДАР")
    );
    assert_eq!(profile.middle_name.as_deref(), Some("СЕРИКОВИЧ"));
    assert_eq!(
        (profile.email.as_str(), profile.phone.as_str()),
        (EMAIL, PHONE)
    );
    assert!(profile.email_verified && profile.phone_verified);
    // The password chosen works, and the mail came over SMTP with a subject.
    door.app()
        .login(BIN, PASSWORD)
        .await
        .expect("password login");
    let mail = door.mail.received();
    assert_eq!(mail[0].to, vec![EMAIL.to_owned()]);
    assert!(mail[0].subject.contains("=?utf-8?") || mail[0].subject.contains("КЖК"));
}

#[tokio::test]
async fn a_bin_registers_once_and_the_second_attempt_says_how_to_get_in() {
    let door = FrontDoor::start();
    door.registered().await;
    let again = door
        .app()
        .start_registration(&door.pki, Scenario::HeadAuth)
        .await;
    let refusal = again.expect_err("refused");
    assert_eq!(
        (refusal.status, refusal.body.code),
        (StatusCode::CONFLICT, ErrorCode::AlreadyRegistered)
    );
    assert!(
        refusal.body.message.contains("Забыли пароль?"),
        "{}",
        refusal.body.message
    );
}

#[tokio::test]
async fn registration_refuses_the_wrong_keys_robots_and_contacts_each_in_its_words() {
    let door = FrontDoor::start();
    let app = door.app();
    assert_eq!(
        refused(
            app.start_registration(&door.pki, Scenario::IndividualAuth)
                .await
        )
        .1,
        ErrorCode::CertificateNotLegalEntity
    );
    assert_eq!(
        refused(app.start_registration(&door.pki, Scenario::Head).await).1,
        ErrorCode::SignatureWrongKey
    );
    let started = app
        .start_registration(&door.pki, Scenario::HeadAuth)
        .await
        .expect("started");
    assert_eq!(started.bin.as_string(), BIN);
    let contacts = |email: &'static str, phone: &'static str, signer: Scenario| {
        let (app, started, pki) = (&app, &started, &door.pki);
        async move {
            app.registration_contacts(started, pki, signer, email, phone)
                .await
        }
    };
    assert_eq!(
        field_rule(contacts("buh", PHONE, Scenario::Head).await),
        ("email".to_owned(), "rule.email.format".to_owned())
    );
    assert_eq!(
        field_rule(contacts(EMAIL, "+7 703 123 45 67", Scenario::Head).await),
        ("phone".to_owned(), "rule.phone.not_mobile".to_owned())
    );
    // The licence signed by another organisation's head, or by an AUTH key.
    assert_eq!(
        refused(contacts(EMAIL, PHONE, Scenario::OtherBin).await).1,
        ErrorCode::SignatureWrongOrganization
    );
    assert_eq!(
        refused(contacts(EMAIL, PHONE, Scenario::HeadAuth).await).1,
        ErrorCode::SignatureWrongKey
    );
    // A robot answer that does not solve the puzzle.
    let mut wrong = started.clone();
    wrong.robot.prefix.push('x');
    let robot = app
        .registration_contacts(&wrong, &door.pki, Scenario::Head, EMAIL, PHONE)
        .await;
    if !started.robot.solved_by(wrong.robot.solve()) {
        assert_eq!(refused(robot).1, ErrorCode::RobotCheckFailed);
    }
    // An unknown registration.
    let mut unknown = started.clone();
    unknown.id = "no-such-registration".into();
    assert_eq!(
        refused(
            app.registration_contacts(&unknown, &door.pki, Scenario::Head, EMAIL, PHONE)
                .await
        ),
        (StatusCode::GONE, ErrorCode::RegistrationExpired)
    );
}

#[tokio::test]
async fn codes_are_checked_resent_to_a_changed_address_and_the_password_policy_holds() {
    let door = FrontDoor::start();
    let app = door.app();
    let started = app
        .start_registration(&door.pki, Scenario::HeadAuth)
        .await
        .expect("started");
    let mail_seen = door.mail.received().len();
    let sent = app
        .registration_contacts(
            &started,
            &door.pki,
            Scenario::Head,
            "old@novacity.kz",
            PHONE,
        )
        .await
        .expect("codes sent");
    let old_code = door
        .mail
        .wait_for_code("old@novacity.kz", mail_seen, CODE_PATIENCE);
    let sms_code = door.sms.wait_for_code(PHONE, 0, CODE_PATIENCE);
    assert_eq!(sent.resend_in_secs, 60);

    // «Изменить электронную почту» at once: the cool-down is per channel, so it waits.
    let change = ResendRequest {
        channel: Channel::Email,
        value: EMAIL.into(),
    };
    let code_path = path_with_id(paths::REGISTRATION_CODE, &started.id);
    assert_eq!(
        refused(app.post::<_, CodesSent>(&code_path, &change).await),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::ResendTooSoon)
    );

    // A wrong e-mail code is refused, and so is a malformed one.
    let confirm_path = path_with_id(paths::REGISTRATION_CONFIRM, &started.id);
    let wrong = |right: &str| {
        if right == "000000" {
            "111111"
        } else {
            "000000"
        }
        .to_owned()
    };
    let typed = |email_code: String, sms_code: String| ConfirmCodes {
        email_code,
        sms_code,
    };
    assert_eq!(
        refused(
            app.post_done(&confirm_path, &typed(wrong(&old_code), sms_code.clone()))
                .await
        )
        .1,
        ErrorCode::CodeInvalid
    );
    assert_eq!(
        field_rule(
            app.post_done(&confirm_path, &typed("12a".into(), sms_code.clone()))
                .await
        ),
        ("email_code".to_owned(), "rule.code.format".to_owned())
    );
    // The right e-mail code with a wrong SMS code: the e-mail stays confirmed, so only the SMS
    // code must be typed again.
    assert_eq!(
        refused(
            app.post_done(&confirm_path, &typed(old_code.clone(), wrong(&sms_code)))
                .await
        )
        .1,
        ErrorCode::CodeInvalid
    );
    app.post_done(&confirm_path, &typed(wrong(&old_code), sms_code))
        .await
        .expect("the SMS code, the e-mail confirmed before");

    // The password policy, each rule alone, then a good one.
    let complete_path = path_with_id(paths::REGISTRATION_COMPLETE, &started.id);
    let table = [
        ("Aa1!aaa", "Aa1!aaa", "rule.password.min_length"),
        ("AA1!AAAA", "AA1!AAAA", "rule.password.lowercase"),
        ("aa1!aaaa", "aa1!aaaa", "rule.password.uppercase"),
        ("Aa!!aaaa", "Aa!!aaaa", "rule.password.digit"),
        ("Aa1aaaaa", "Aa1aaaaa", "rule.password.symbol"),
        ("Aa1!aaaa", "Aa1!aaab", "rule.password.match"),
    ];
    for (password, repeat, rule) in table {
        let typed = NewPassword {
            password: password.into(),
            repeat: repeat.into(),
        };
        assert_eq!(
            field_rule(app.post::<_, LoginResponse>(&complete_path, &typed).await),
            ("password".to_owned(), rule.to_owned()),
            "{password} / {repeat}"
        );
    }
    let good = NewPassword {
        password: PASSWORD.into(),
        repeat: PASSWORD.into(),
    };
    let session: LoginResponse = app.post(&complete_path, &good).await.expect("registered");
    let profile = app
        .clone_for(&session.token)
        .profile()
        .await
        .expect("profile");
    assert_eq!(profile.email, "old@novacity.kz");
}

#[tokio::test]
async fn login_by_email_code_answers_alike_for_unknown_addresses_and_codes_die_after_five_tries() {
    let door = FrontDoor::start();
    door.registered().await;
    let app = door.app();
    let ask = |email: &'static str| {
        let app = &app;
        async move {
            app.post::<_, CodeSent>(
                paths::EMAIL_CODE,
                &EmailCodeRequest {
                    email: email.into(),
                },
            )
            .await
        }
    };
    let seen = door.mail.received().len();
    let known = ask(EMAIL).await.expect("sent");
    let unknown = ask("nobody@novacity.kz").await.expect("answered alike");
    assert_eq!(known, unknown);
    assert_eq!(
        refused(ask(EMAIL).await),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::ResendTooSoon)
    );
    assert_eq!(
        refused(ask("nobody@novacity.kz").await),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::ResendTooSoon)
    );
    let code = door.mail.wait_for_code(EMAIL, seen, CODE_PATIENCE);
    assert!(door
        .mail
        .received()
        .iter()
        .all(|m| m.to != vec!["nobody@novacity.kz".to_owned()]));

    let login = |email: &'static str, code: String| {
        let app = &app;
        async move {
            app.post::<_, LoginResponse>(
                paths::LOGIN_EMAIL,
                &EmailLoginRequest {
                    email: email.into(),
                    code,
                },
            )
            .await
        }
    };
    // Unknown address and wrong code: the same refusal.
    let unknown = refused(login("nobody@novacity.kz", "123456".into()).await);
    let wrong_code = if code == "123456" { "654321" } else { "123456" };
    let wrong = refused(login(EMAIL, wrong_code.into()).await);
    assert_eq!(unknown, wrong);
    assert_eq!(wrong.1, ErrorCode::CodeInvalid);
    for _ in 0..4 {
        login(EMAIL, wrong_code.into()).await.expect_err("wrong");
    }
    assert_eq!(
        refused(login(EMAIL, code).await).1,
        ErrorCode::CodeAttemptsExceeded
    );
}

#[tokio::test]
async fn login_by_email_code_opens_a_session_once() {
    let door = FrontDoor::start();
    door.registered().await;
    let app = door.app();
    let seen = door.mail.received().len();
    app.post::<_, CodeSent>(
        paths::EMAIL_CODE,
        &EmailCodeRequest {
            email: "BUH@novacity.kz".into(),
        },
    )
    .await
    .expect("sent");
    let code = door.mail.wait_for_code(EMAIL, seen, CODE_PATIENCE);
    let request = EmailLoginRequest {
        email: EMAIL.into(),
        code,
    };
    let session: LoginResponse = app.post(paths::LOGIN_EMAIL, &request).await.expect("in");
    assert!(app.clone_for(&session.token).profile().await.is_ok());
    assert_eq!(
        refused(
            app.post::<_, LoginResponse>(paths::LOGIN_EMAIL, &request)
                .await
        )
        .1,
        ErrorCode::CodeExpired
    );
}

#[tokio::test]
async fn eds_login_names_another_organisation_an_individual_and_a_sign_key_apart() {
    let door = FrontDoor::start();
    door.registered().await;
    let app = door.app();
    let login = |scenario: Scenario| {
        let (app, pki) = (&app, &door.pki);
        async move {
            let proof = app.eds_proof(pki, scenario).await;
            app.post::<_, LoginResponse>(homeportal_domain::signing::paths::LOGIN_EDS, &proof)
                .await
        }
    };
    login(Scenario::HeadAuth).await.expect("the registered key");
    assert_eq!(
        refused(login(Scenario::OtherBinAuth).await).1,
        ErrorCode::AccountNotFound
    );
    assert_eq!(
        refused(login(Scenario::IndividualAuth).await).1,
        ErrorCode::CertificateNotLegalEntity
    );
    assert_eq!(
        refused(login(Scenario::Head).await).1,
        ErrorCode::SignatureWrongKey
    );
}

#[tokio::test]
async fn unknown_account_and_wrong_password_get_the_same_answer() {
    let door = FrontDoor::start();
    door.registered().await;
    let unknown = refused(
        door.app()
            .login(homeportal_testkit::TestAccount::stroy().bin, PASSWORD)
            .await,
    );
    let wrong = refused(door.app().login(BIN, "Wrong-pass-1").await);
    assert_eq!(unknown, wrong);
    assert_eq!(
        wrong,
        (StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials)
    );
    // Recovery for contacts of no cabinet is answered as for a real one.
    let request = |bin: &str, email: &str| RecoveryRequest {
        bin: bin.into(),
        email: email.into(),
        phone: PHONE.into(),
    };
    let real: RecoveryStarted = door
        .app()
        .post(paths::RECOVERY, &request(BIN, EMAIL))
        .await
        .expect("started");
    let fake: RecoveryStarted = door
        .app()
        .post(paths::RECOVERY, &request(BIN, "other@novacity.kz"))
        .await
        .expect("answered alike");
    assert_eq!(
        (real.proven, real.resend_in_secs),
        (fake.proven, fake.resend_in_secs)
    );
}

#[tokio::test]
async fn recovery_by_codes_sets_a_new_password_and_ends_every_session() {
    let door = FrontDoor::start();
    let old_session = door.registered().await;
    let app = door.app();
    let (mail_seen, sms_seen) = (door.mail.received().len(), door.sms.sent().len());
    let started: RecoveryStarted = app
        .post(
            paths::RECOVERY,
            &RecoveryRequest {
                bin: BIN.into(),
                email: EMAIL.into(),
                phone: "8 701 123 45 67".into(),
            },
        )
        .await
        .expect("started");
    assert!(!started.proven);
    let complete = path_with_id(paths::RECOVERY_COMPLETE, &started.id);
    let new = NewPassword {
        password: "Novyi-Parol-7".into(),
        repeat: "Novyi-Parol-7".into(),
    };
    assert_eq!(
        refused(app.post_done(&complete, &new).await).1,
        ErrorCode::Unauthorized,
        "no password before the codes"
    );
    let codes = ConfirmCodes {
        email_code: door.mail.wait_for_code(EMAIL, mail_seen, CODE_PATIENCE),
        sms_code: door.sms.wait_for_code(PHONE, sms_seen, CODE_PATIENCE),
    };
    app.post_done(&path_with_id(paths::RECOVERY_CONFIRM, &started.id), &codes)
        .await
        .expect("proven");
    let weak = NewPassword {
        password: "short".into(),
        repeat: "short".into(),
    };
    assert_eq!(
        field_rule(app.post_done(&complete, &weak).await).1,
        "rule.password.min_length"
    );
    app.post_done(&complete, &new).await.expect("new password");
    assert_eq!(
        refused(old_session.profile().await),
        (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized)
    );
    assert!(door.app().login(BIN, PASSWORD).await.is_err());
    door.app()
        .login(BIN, "Novyi-Parol-7")
        .await
        .expect("the new password");
}

#[tokio::test]
async fn recovery_by_eds_needs_the_registered_person() {
    let door = FrontDoor::start();
    door.registered().await;
    let app = door.app();
    let proof = app.eds_proof(&door.pki, Scenario::HeadAuth).await;
    let started: RecoveryStarted = app.post(paths::RECOVERY_EDS, &proof).await.expect("ok");
    assert!(started.proven);
    app.post_done(
        &path_with_id(paths::RECOVERY_COMPLETE, &started.id),
        &NewPassword {
            password: "Po-EDS-2026".into(),
            repeat: "Po-EDS-2026".into(),
        },
    )
    .await
    .expect("new password");
    door.app().login(BIN, "Po-EDS-2026").await.expect("in");
    let stranger = app.eds_proof(&door.pki, Scenario::OtherBinAuth).await;
    assert_eq!(
        refused(
            app.post::<_, RecoveryStarted>(paths::RECOVERY_EDS, &stranger)
                .await
        )
        .1,
        ErrorCode::AccountNotFound
    );
}

#[tokio::test]
async fn a_new_email_takes_effect_only_when_its_code_is_typed_and_is_kept_in_history() {
    let door = FrontDoor::start();
    let app = door.registered().await;
    let seen = door.mail.received().len();
    let change = ContactChange {
        channel: Channel::Email,
        value: "new@novacity.kz".into(),
    };
    let _: CodeSent = app
        .post(paths::PROFILE_CONTACT, &change)
        .await
        .expect("sent");
    let code = door
        .mail
        .wait_for_code("new@novacity.kz", seen, CODE_PATIENCE);
    let before = app.profile().await.expect("profile");
    assert_eq!(before.email, EMAIL, "nothing changes before the code");
    let confirm = |code: String| ContactConfirm {
        channel: Channel::Email,
        code,
    };
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert_eq!(
        refused(
            app.post::<_, Profile>(paths::PROFILE_CONTACT_CONFIRM, &confirm(wrong.into()))
                .await
        )
        .1,
        ErrorCode::CodeInvalid
    );
    let after: Profile = app
        .post(paths::PROFILE_CONTACT_CONFIRM, &confirm(code))
        .await
        .expect("confirmed");
    assert_eq!(after.email, "new@novacity.kz");
    assert!(after.email_verified);
    let history: Vec<ProfileChange> = app.get(paths::PROFILE_HISTORY).await.expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].old.as_str(), history[0].new.as_str()),
        (EMAIL, "new@novacity.kz")
    );
    assert_eq!(history[0].by, "ТЕСТОВ АЙДАР");
    // The SMS side: a bad number is a field error.
    let bad = ContactChange {
        channel: Channel::Sms,
        value: "12345".into(),
    };
    assert_eq!(
        field_rule(app.post::<_, CodeSent>(paths::PROFILE_CONTACT, &bad).await).0,
        "value"
    );
}

#[tokio::test]
async fn a_local_server_keeps_codes_in_its_mailbox_and_a_configured_one_has_none() {
    let local = ServerProcess::start_configured(&[], "refusal_hold_ms = 0\n");
    let _: CodeSent = local
        .app()
        .post(
            paths::EMAIL_CODE,
            &EmailCodeRequest {
                email: "nobody@novacity.kz".into(),
            },
        )
        .await
        .expect("answered");
    let mailbox: Vec<LocalMessage> = local
        .app()
        .get(paths::LOCAL_MAILBOX)
        .await
        .expect("a mailbox");
    assert!(mailbox.is_empty(), "nothing for an unknown address");
    let door = FrontDoor::start();
    assert_eq!(
        refused(
            door.app()
                .get::<Vec<LocalMessage>>(paths::LOCAL_MAILBOX)
                .await
        )
        .1,
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn a_qr_code_signed_in_egov_business_logs_in_the_computer_that_holds_its_secret_once() {
    use homeportal_domain::access::{QrLogin, QrLoginPoll, QrLoginStatus};
    use homeportal_domain::signing::QrState;
    use homeportal_testkit::egov_mobile::{self, Behaviour};

    let door = FrontDoor::start();
    door.registered().await;
    let app = door.app();
    let code: QrLogin = app.post(paths::QR_LOGIN, &()).await.expect("a code");
    assert!(code.qr_text.starts_with("mobileSign:http"));
    let status_path = path_with_id(paths::QR_LOGIN_STATUS, &code.id);
    let poll = |secret: &str| QrLoginPoll {
        poll: secret.to_owned(),
    };
    let waiting: QrLoginStatus = app.post(&status_path, &poll(&code.poll)).await.expect("ok");
    assert_eq!((waiting.state, waiting.session), (QrState::Pending, None));
    assert_eq!(
        refused(
            app.post::<_, QrLoginStatus>(&status_path, &poll("guessed"))
                .await
        )
        .1,
        ErrorCode::NotFound,
        "the QR code alone opens nothing"
    );

    // Another organisation's phone: refused with its reason, the code stays usable.
    let stranger = egov_mobile::sign(
        &code.qr_text,
        door.pki.key(Scenario::OtherBin),
        &Behaviour::default(),
    )
    .await
    .expect("the phone got an answer");
    assert_eq!(stranger.status, 403);
    let rejected: QrLoginStatus = app.post(&status_path, &poll(&code.poll)).await.expect("ok");
    assert_eq!(rejected.state, QrState::Rejected);
    assert_eq!(
        rejected.error.map(|e| e.code),
        Some(ErrorCode::AccountNotFound)
    );

    let head = egov_mobile::sign(
        &code.qr_text,
        door.pki.key(Scenario::Head),
        &Behaviour::default(),
    )
    .await
    .expect("signed");
    assert_eq!(head.status, 200, "{:?}", head.body);
    let signed: QrLoginStatus = app.post(&status_path, &poll(&code.poll)).await.expect("ok");
    assert_eq!(signed.state, QrState::Signed);
    let session = signed.session.expect("a session");
    let profile = app.clone_for(&session.token).profile().await.expect("in");
    assert_eq!(profile.bin.as_string(), BIN);
    assert_eq!(
        refused(
            app.post::<_, QrLoginStatus>(&status_path, &poll(&code.poll))
                .await
        )
        .1,
        ErrorCode::SigningDone,
        "handed over once"
    );
    let again = egov_mobile::sign(
        &code.qr_text,
        door.pki.key(Scenario::Head),
        &Behaviour::default(),
    )
    .await;
    assert!(
        again.is_err(),
        "a used code is refused to the phone: {again:?}"
    );
}

#[tokio::test]
async fn a_changed_address_gets_a_new_code_after_the_cool_down_and_the_old_one_stops_working() {
    let door = FrontDoor::start_with("code_resend_secs = 1");
    let app = door.app();
    let started = app
        .start_registration(&door.pki, Scenario::HeadAuth)
        .await
        .expect("started");
    let sent = app
        .registration_contacts(
            &started,
            &door.pki,
            Scenario::Head,
            "old@novacity.kz",
            PHONE,
        )
        .await
        .expect("codes sent");
    assert_eq!(sent.resend_in_secs, 1);
    let old_code = door.mail.wait_for_code("old@novacity.kz", 0, CODE_PATIENCE);
    let sms_code = door.sms.wait_for_code(PHONE, 0, CODE_PATIENCE);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let seen = door.mail.received().len();
    let changed: CodesSent = app
        .post(
            &path_with_id(paths::REGISTRATION_CODE, &started.id),
            &ResendRequest {
                channel: Channel::Email,
                value: EMAIL.into(),
            },
        )
        .await
        .expect("a code to the new address");
    assert_eq!(
        (changed.email.as_str(), changed.phone.as_str()),
        (EMAIL, PHONE)
    );
    let new_code = door.mail.wait_for_code(EMAIL, seen, CODE_PATIENCE);
    let confirm = path_with_id(paths::REGISTRATION_CONFIRM, &started.id);
    if old_code != new_code {
        assert_eq!(
            refused(
                app.post_done(
                    &confirm,
                    &ConfirmCodes {
                        email_code: old_code,
                        sms_code: sms_code.clone(),
                    },
                )
                .await
            )
            .1,
            ErrorCode::CodeInvalid
        );
    }
    app.post_done(
        &confirm,
        &ConfirmCodes {
            email_code: new_code,
            sms_code,
        },
    )
    .await
    .expect("the new address confirmed");
    let session: LoginResponse = app
        .post(
            &path_with_id(paths::REGISTRATION_COMPLETE, &started.id),
            &NewPassword {
                password: PASSWORD.into(),
                repeat: PASSWORD.into(),
            },
        )
        .await
        .expect("registered");
    let profile = app.clone_for(&session.token).profile().await.expect("in");
    assert_eq!(profile.email, EMAIL);
}
