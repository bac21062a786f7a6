//! Every rule, warning, label, choice and status the domain names has its text in ru, kk and en.

use homeportal_domain::forms::{correction, guarantee, subsidy, Rule};
use homeportal_domain::i18n::{self, Lang};
use homeportal_domain::status::appeal::AppealStatus;
use homeportal_domain::status::guarantee::GuaranteeStatus;

fn dotted_literals(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            [
                "rule.", "warn.", "field.", "group.", "tab.", "stage.", "doc.", "form.", "choice.",
                "library.",
            ]
            .iter()
            .any(|p| s.starts_with(p))
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_' || b.is_ascii_digit())
        })
        .map(str::to_owned)
        .collect()
}

fn walk(dir: &std::path::Path, keys: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, keys);
        } else if path.extension().is_some_and(|e| e == "rs") {
            keys.extend(dotted_literals(
                &std::fs::read_to_string(&path).expect("utf-8"),
            ));
        }
    }
}

fn assert_translated(key: &str) {
    assert!(i18n::has_key(key), "{key} is missing from a catalogue");
    for lang in Lang::ALL {
        assert_ne!(
            i18n::text(lang, key),
            key,
            "{key} has no {} text",
            lang.code()
        );
    }
}

#[test]
fn every_rule_and_label_in_the_source_is_translated() {
    let mut keys = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut keys,
    );
    assert!(
        keys.iter().filter(|k| k.starts_with("rule.")).count() > 40,
        "scan found too few rules"
    );
    for key in &keys {
        assert_translated(key);
    }
}

#[test]
fn every_form_label_choice_and_status_is_translated() {
    for form in [
        guarantee::GUARANTEE,
        subsidy::SUBSIDY,
        correction::CORRECTION,
    ] {
        for key in form.label_keys() {
            assert_translated(key);
        }
        for (_, field) in form.fields() {
            if let Rule::Choice(options) = field.rule {
                options.iter().for_each(|o| assert_translated(o));
            }
        }
    }
    for status in AppealStatus::ALL {
        assert_translated(&status.label_key());
    }
    for status in GuaranteeStatus::ALL {
        assert_translated(&status.label_key());
    }
    assert_eq!(
        i18n::text(Lang::Ru, &AppealStatus::AgreementSigningByKzhk.label_key()),
        "Подписание ДС АО «КЖК»"
    );
}
