//! `cargo bench -p homeportal-pki`: CMS verifications per second on one core (one thread),
//! full checks (signature, chain, validity, revocation, key type, role, BIN). Prints numbers.

use std::time::{Duration, Instant};

use homeportal_domain::ids::Bin;
use homeportal_pki::{Policy, Verifier};
use homeportal_testkit::pki::{Scenario, TestPki};

fn main() {
    let now = 1_795_000_000;
    let pki = TestPki::new(now);
    let verifier = Verifier::new(pki.trust_store()).with_revocation(Box::new(pki.revocations()));
    let policy = Policy::act_of(Bin::parse("940140000385").expect("bin"));
    for (label, size) in [("1 KB document", 1024), ("1 MB document", 1024 * 1024)] {
        let document = vec![0x5a_u8; size];
        let cms = pki.key(Scenario::Head).sign_cms(&document, false, now - 60);
        let started = Instant::now();
        let mut done = 0u64;
        while started.elapsed() < Duration::from_secs(3) {
            let verification = verifier
                .verify(&cms, Some(&document), &policy, now)
                .expect("parses");
            assert!(verification.verdict().is_ok());
            done += 1;
        }
        let rate = done as f64 / started.elapsed().as_secs_f64();
        println!("CMS verification, RSA-2048, detached, {label}: {rate:8.0} per second per core");
    }
}
