//! Forms: a complete draft passes «Check Application»; every gap is reported with its path;
//! completeness per tab, stage and party; the cross-field rules.

use homeportal_domain::forms::correction::CORRECTION;
use homeportal_domain::forms::guarantee::{self, GUARANTEE};
use homeportal_domain::forms::subsidy::SUBSIDY;
use homeportal_domain::forms::{FormData, Party};
use homeportal_testkit::guarantee::{complete_guarantee, file, with_all_documents};

fn paths(problems: Vec<homeportal_domain::forms::Problem>) -> Vec<(String, String)> {
    problems.into_iter().map(|p| (p.path, p.rule)).collect()
}

#[test]
fn a_complete_guarantee_application_passes() {
    let data = complete_guarantee();
    assert_eq!(paths(GUARANTEE.check(&data)), vec![]);
    assert!(GUARANTEE.is_complete_for(&data, Party::Uk));
    assert!(GUARANTEE.is_complete_for(&data, Party::Developer));
    assert!(guarantee::warnings(&data).is_empty());
}

#[test]
fn an_empty_application_reports_every_required_field_with_its_path() {
    let problems = GUARANTEE.check(&FormData::default());
    let required_fields = GUARANTEE
        .fields()
        .filter(|(g, f)| f.required && !g.repeatable)
        .count();
    assert!(problems.len() > required_fields, "{}", problems.len());
    let found = paths(problems);
    for expected in [
        ("uk.bin", "rule.required"),
        ("uk_address.house", "rule.required"),
        ("shareholders", "rule.block.at_least_one"),
        ("developer.head_iin", "rule.required"),
        ("documents.uk_charter", "rule.document.required"),
        ("documents.consent_developer", "rule.document.required"),
        ("uk.actual_address", "rule.required"),
    ] {
        assert!(
            found.contains(&(expected.0.into(), expected.1.into())),
            "missing {expected:?}"
        );
    }
}

#[test]
fn completeness_per_tab_stage_and_party() {
    let mut data = complete_guarantee();
    data.values.remove("developer.head_iin");
    data.documents.remove("dev_financials");
    let stage1 = &GUARANTEE.stages[0];
    let developer_tab = &stage1.tabs[4];
    assert!(stage1.tabs[0].is_complete(&data, None));
    assert!(!developer_tab.is_complete(&data, None));
    assert!(
        developer_tab.is_complete(&data, Some(Party::Uk)),
        "the УК's part of the tab is done"
    );
    assert!(!developer_tab.is_complete(&data, Some(Party::Developer)));
    assert!(!stage1.is_complete(&data, None));
    assert!(GUARANTEE.is_complete_for(&data, Party::Uk));
    assert!(!GUARANTEE.is_complete_for(&data, Party::Developer));
}

#[test]
fn field_rules_cross_checks_and_warnings() {
    let mut data = complete_guarantee();
    data.set("uk", "bin", "940140000386");
    data.set("uk_bank", "bik", "HSBKKZKX");
    data.set("uk_contacts", "phone", "+7 703 123 45 67");
    data.blocks.get_mut("shareholders").expect("block")[1].insert("id".into(), "12345".into());
    data.blocks.get_mut("expertise_consent").expect("block")[0]
        .insert("date".into(), "01.06.2023".into());
    data.documents
        .insert("consent_credit_bureau".into(), vec![file(10, false)]);
    data.documents
        .insert("uk_amendments".into(), vec![file(601 * 1024 * 1024, false)]);
    let found = paths(GUARANTEE.check(&data));
    for expected in [
        ("uk.bin", "rule.id.check_digit"),
        ("uk_contacts.phone", "rule.phone.not_mobile"),
        ("shareholders[1].id", "rule.id.bin_or_iin"),
        ("expertise_consent[0].date", "rule.date.format"),
        ("documents.consent_credit_bureau", "rule.document.unsigned"),
        ("documents.uk_amendments", "rule.document.too_large"),
        ("uk_bank.iik", "rule.bik.iik_mismatch"),
    ] {
        assert!(
            found.contains(&(expected.0.into(), expected.1.into())),
            "missing {expected:?} in {found:?}"
        );
    }

    let mut data = complete_guarantee();
    data.blocks.get_mut("shareholders").expect("block")[1].insert("share".into(), "39.99".into());
    data.set("uk_bank", "kbe", "19");
    data.set("developer", "bin", "940140000385");
    let found = paths(GUARANTEE.check(&data));
    assert!(found.contains(&("shareholders".into(), "rule.shares.sum".into())));
    assert!(found.contains(&("developer.bin".into(), "rule.developer.same_bin".into())));
    assert_eq!(
        paths(guarantee::warnings(&data)),
        vec![("uk_bank.kbe".into(), "warn.kbe.sector".into())]
    );
}

#[test]
fn subsidy_rules() {
    let mut d = FormData::default();
    for (g, f, v) in [
        ("applicant", "bin", "950341000052"),
        ("applicant", "org_name", "ТОО «Строй»"),
        ("applicant", "phone", "+77771234567"),
        ("applicant", "email", "info@stroy.kz"),
        ("applicant", "iik", "KZ738562204140586741"),
        ("applicant", "bik", "KCJBKZKX"),
        ("applicant", "kbe", "17"),
        ("applicant", "bank_name", "АО «Банк ЦентрКредит»"),
        ("loan", "lender_bik", "HSBKKZKX"),
        ("loan", "lender_name", "АО «Народный Банк Казахстана»"),
        ("loan", "agreement_number", "КД-15"),
        ("loan", "agreement_date", "2025-02-10"),
        ("loan", "amount", "3000000000"),
        ("loan", "rate", "19.75"),
        ("loan", "subsidised_rate", "7"),
        ("loan", "term_months", "36"),
        ("project", "name", "ЖК «Нова»"),
        ("project", "region", "75"),
        ("project", "total_area", "20000"),
        ("project", "fixed_price_share", "50"),
        ("project", "price_per_m2", "260000"),
    ] {
        d.set(g, f, v);
    }
    with_all_documents(&SUBSIDY, &mut d);
    assert_eq!(paths(SUBSIDY.check(&d)), vec![]);
    d.set("project", "region", "15");
    d.set("project", "fixed_price_share", "49");
    d.set("loan", "subsidised_rate", "20");
    d.set("loan", "term_months", "48");
    let found = paths(SUBSIDY.check(&d));
    for expected in [
        ("project.price_per_m2", "rule.subsidy.price"),
        ("project.fixed_price_share", "rule.subsidy.fixed_share"),
        ("loan.subsidised_rate", "rule.subsidy.rate"),
        ("loan.term_months", "rule.number.range"),
    ] {
        assert!(
            found.contains(&(expected.0.into(), expected.1.into())),
            "missing {expected:?} in {found:?}"
        );
    }
}

#[test]
fn a_correction_appeal_needs_the_official_letter_and_explains_other() {
    let mut d = FormData::default();
    for (f, v) in [
        ("appeal_type", "choice.appeal.guarantee"),
        ("contract_number", "ДГ-2023/15"),
        ("contract_date", "2023-03-15"),
        ("category", "choice.category.other"),
        ("description", "Прошу изменить реквизиты"),
    ] {
        d.set("contract", f, v);
    }
    let found = paths(CORRECTION.check(&d));
    assert_eq!(
        found,
        vec![
            (
                "documents.official_letter".into(),
                "rule.document.required".into()
            ),
            (
                "contract.category_other".into(),
                "rule.category.other".into()
            ),
        ]
    );
    d.set("contract", "category_other", "Смена банка");
    d.documents.insert(
        "official_letter".into(),
        vec![file(700 * 1024 * 1024, false)],
    );
    assert_eq!(paths(CORRECTION.check(&d)), vec![]);
    d.documents.insert(
        "official_letter".into(),
        vec![file(700 * 1024 * 1024 + 1, false)],
    );
    assert_eq!(
        paths(CORRECTION.check(&d)),
        vec![(
            "documents.official_letter".into(),
            "rule.document.too_large".into()
        )]
    );
}

#[test]
fn a_draft_round_trips_through_json() {
    let data = complete_guarantee();
    let json = serde_json::to_string(&data).expect("serialises");
    let back: FormData = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, data);
}
