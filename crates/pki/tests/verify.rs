//! The verifier against the test PKI: every rejection reason yields its own error, valid head
//! and signing-right signatures pass, and a CMS made by OpenSSL verifies too.

use homeportal_domain::ids::{Bin, Iin};
use homeportal_pki::{Outcome, Policy, Rejection, Role, Step, Verifier};
use homeportal_testkit::pki::{Scenario, TestPki};
use homeportal_testkit::TestAccount;

const NOW: i64 = 1_795_000_000;
const DOCUMENT: &[u8] = "Заявление на гарантию, ТОО «Nova City Development»".as_bytes();

fn nova() -> Bin {
    Bin::parse(TestAccount::nova_city().bin).expect("bin")
}

fn verifier(pki: &TestPki) -> Verifier {
    Verifier::new(pki.trust_store()).with_revocation(Box::new(pki.revocations()))
}

fn verdict(pki: &TestPki, scenario: Scenario, policy: &Policy) -> Result<(), Rejection> {
    let cms = pki.key(scenario).sign_cms(DOCUMENT, true, NOW - 60);
    verifier(pki)
        .verify(&cms, None, policy, NOW)?
        .verdict()
        .map(|_| ())
}

#[test]
fn valid_head_and_signing_right_signatures_pass_and_say_who_signed() {
    let pki = TestPki::new(NOW);
    let policy = Policy::act_of(nova());
    let head = pki.key(Scenario::Head).sign_cms(DOCUMENT, true, NOW - 60);
    let verification = verifier(&pki)
        .verify(&head, None, &policy, NOW)
        .expect("parsed");
    let signer = verification.verdict().expect("valid");
    assert_eq!(signer.iin.as_deref(), Some(TestAccount::nova_city().iin));
    assert_eq!(signer.bin.as_deref(), Some(TestAccount::nova_city().bin));
    assert_eq!(signer.full_name, "ТЕСТОВ АЙДАР СЕРИКОВИЧ");
    assert_eq!(
        signer.organization.as_deref(),
        Some("ТОО \"Nova City Development\"")
    );
    assert_eq!(signer.roles, vec![Role::Head, Role::Organization]);
    assert_eq!(verification.signing_time, NOW - 60);
    assert_eq!(verification.content, DOCUMENT);
    assert!(verification
        .checks
        .iter()
        .all(|(step, outcome)| *outcome == Outcome::Passed || *step == Step::Iin));

    assert_eq!(verdict(&pki, Scenario::SigningRight, &policy), Ok(()));
    let detached = pki.key(Scenario::Head).sign_cms(DOCUMENT, false, NOW - 60);
    let checked = verifier(&pki)
        .verify(&detached, Some(DOCUMENT), &policy, NOW)
        .expect("parsed");
    assert!(checked.verdict().is_ok());
}

#[test]
fn every_rejection_reason_has_its_own_error() {
    let pki = TestPki::new(NOW);
    let act = Policy::act_of(nova());
    let cases = [
        (
            Scenario::HeadAuth,
            Rejection::WrongKeyType { expected: "SIGN" },
        ),
        (Scenario::Individual, Rejection::IndividualKey),
        (Scenario::Employee, Rejection::NoSigningRight),
        (Scenario::Expired, Rejection::Expired),
        (Scenario::NotYetValid, Rejection::NotYetValid),
        (Scenario::Untrusted, Rejection::Untrusted),
        (Scenario::Revoked, Rejection::Revoked),
        (Scenario::OtherBin, Rejection::WrongBin),
    ];
    for (scenario, expected) in cases {
        assert_eq!(verdict(&pki, scenario, &act), Err(expected), "{scenario:?}");
    }

    let someone_else = Iin::parse("850312450194").expect("iin");
    assert_eq!(
        verdict(&pki, Scenario::Head, &act.clone().by(someone_else)),
        Err(Rejection::WrongIin)
    );

    // Tampered data: one byte of the attached content changed.
    let mut cms = pki.key(Scenario::Head).sign_cms(DOCUMENT, true, NOW - 60);
    let at = cms
        .windows(DOCUMENT.len())
        .position(|w| w == DOCUMENT)
        .expect("content inside");
    cms[at] ^= 0x01;
    let tampered = verifier(&pki)
        .verify(&cms, None, &act, NOW)
        .expect("parsed");
    assert_eq!(tampered.verdict(), Err(Rejection::DigestMismatch));

    // Detached with other data, and without any data.
    let detached = pki.key(Scenario::Head).sign_cms(DOCUMENT, false, NOW - 60);
    let other = verifier(&pki)
        .verify(&detached, Some(b"another document"), &act, NOW)
        .expect("parsed");
    assert_eq!(other.verdict(), Err(Rejection::DigestMismatch));
    assert_eq!(
        verifier(&pki).verify(&detached, None, &act, NOW).err(),
        Some(Rejection::DetachedWithoutData)
    );

    // A flipped bit in the signature value.
    let mut cms = pki.key(Scenario::Head).sign_cms(DOCUMENT, true, NOW - 60);
    let last = cms.len() - 1;
    cms[last] ^= 0x01;
    let forged = verifier(&pki)
        .verify(&cms, None, &act, NOW)
        .expect("parsed");
    assert_eq!(forged.verdict(), Err(Rejection::BadSignature));

    // Garbage.
    for garbage in [
        &b""[..],
        b"not a signature",
        &[0x30, 0x82, 0xff, 0xff, 0x01],
    ] {
        assert!(matches!(
            verifier(&pki).verify(garbage, None, &act, NOW),
            Err(Rejection::Malformed(_))
        ));
    }
}

#[test]
fn a_login_challenge_needs_the_auth_key() {
    let pki = TestPki::new(NOW);
    let login = Policy::login_to(nova());
    assert_eq!(verdict(&pki, Scenario::HeadAuth, &login), Ok(()));
    assert_eq!(
        verdict(&pki, Scenario::Head, &login),
        Err(Rejection::WrongKeyType { expected: "AUTH" })
    );
}

#[test]
fn without_a_revocation_checker_the_step_is_skipped() {
    let pki = TestPki::new(NOW);
    let cms = pki
        .key(Scenario::Revoked)
        .sign_cms(DOCUMENT, true, NOW - 60);
    let verification = Verifier::new(pki.trust_store())
        .verify(&cms, None, &Policy::act_of(nova()), NOW)
        .expect("parsed");
    assert!(verification.verdict().is_ok());
    assert!(verification
        .checks
        .contains(&(Step::Revocation, Outcome::Skipped)));
}

#[test]
fn a_cms_made_by_openssl_verifies() {
    let pki = TestPki::new(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs() as i64,
    );
    let head = pki.key(Scenario::Head);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = |name: &str| dir.path().join(name);
    std::fs::write(path("data.txt"), DOCUMENT).expect("data");
    std::fs::write(path("cert.pem"), head.certificate_pem()).expect("cert");
    std::fs::write(path("key.pem"), head.key_pem()).expect("key");
    for attached in [true, false] {
        let mut command = std::process::Command::new("openssl");
        command
            .args([
                "cms", "-sign", "-binary", "-md", "sha256", "-outform", "DER",
            ])
            .arg("-in")
            .arg(path("data.txt"))
            .arg("-signer")
            .arg(path("cert.pem"))
            .arg("-inkey")
            .arg(path("key.pem"))
            .arg("-out")
            .arg(path("signature.cms"));
        if attached {
            command.arg("-nodetach");
        }
        let status = command.status().expect("openssl runs");
        assert!(status.success(), "openssl cms -sign failed");
        let cms = std::fs::read(path("signature.cms")).expect("cms");
        let detached = (!attached).then_some(DOCUMENT);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs() as i64;
        let verification = Verifier::new(pki.trust_store())
            .verify(&cms, detached, &Policy::act_of(nova()), now)
            .expect("OpenSSL's CMS parses");
        let signer = verification.verdict().expect("OpenSSL's CMS verifies");
        assert_eq!(signer.iin.as_deref(), Some(TestAccount::nova_city().iin));
    }
}

#[test]
fn gost_is_reported_as_unsupported_not_as_invalid() {
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::{Any, Decode, Encode};

    let pki = TestPki::new(NOW);
    let cms = pki.key(Scenario::Head).sign_cms(DOCUMENT, true, NOW - 60);
    let mut info = ContentInfo::from_der(&cms).expect("content info");
    let mut data: SignedData = info.content.decode_as().expect("signed data");
    let mut signers: Vec<_> = data.signer_infos.0.into_vec();
    signers[0].signature_algorithm.oid =
        const_oid::ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.3.2");
    data.signer_infos = signers.try_into().expect("signers");
    info.content = Any::encode_from(&data).expect("encoded");
    let gost = info.to_der().expect("der");
    let verification = verifier(&pki)
        .verify(&gost, None, &Policy::act_of(nova()), NOW)
        .expect("parsed");
    assert!(matches!(
        verification.verdict(),
        Err(Rejection::UnsupportedAlgorithm(name)) if name.starts_with("GOST")
    ));
}
