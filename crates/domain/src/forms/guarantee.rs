//! «Заявка на гарантирование» (R5), filed by the УК with the developer's part: four stages.

use super::build::{dev, doc, opt, req, signed, APPLICATION_FILE};
use super::rules::decimal;
use super::{FormData, FormSpec, GroupSpec, Party, Problem, Rule, StageSpec, TabSpec};
use crate::ids::{bank_of, Bik, Bin, Iik, Kbe};
use crate::rule::RuleViolation;

const NAME: Rule = Rule::Text { max: 300 };
const SHORT: Rule = Rule::Text { max: 100 };
const LINE: Rule = Rule::Text { max: 500 };

/// Кind of land title.
pub const LAND_TITLES: &[&str] = &["choice.land.ownership", "choice.land.lease"];
/// Вид экспертизы.
pub const EXPERTISE_KINDS: &[&str] = &["choice.expertise.state", "choice.expertise.private"];

const UK: GroupSpec = GroupSpec {
    id: "uk",
    label: "group.uk",
    repeatable: false,
    fields: &[
        req("org_name_ru", "field.org_name_ru", NAME),
        req("org_name_kk", "field.org_name_kk", NAME),
        req("bin", "field.bin", Rule::Bin),
        req("legal_address", "field.legal_address", LINE),
        opt("actual_address", "field.actual_address", LINE),
        opt("same_as_legal", "field.same_as_legal", Rule::Flag),
    ],
};

const UK_ADDRESS: GroupSpec = GroupSpec {
    id: "uk_address",
    label: "group.address",
    repeatable: false,
    fields: &[
        req("region", "field.region", Rule::AddressPart("region")),
        req("district", "field.district", Rule::AddressPart("district")),
        req("locality", "field.locality", Rule::AddressPart("locality")),
        req(
            "settlement",
            "field.settlement",
            Rule::AddressPart("settlement"),
        ),
        req("street", "field.street", Rule::AddressPart("street")),
        req("house", "field.house", Rule::AddressPart("house")),
        opt("block", "field.block", Rule::AddressPart("block")),
        opt(
            "apartment",
            "field.apartment",
            Rule::AddressPart("apartment"),
        ),
    ],
};

const UK_CONTACTS: GroupSpec = GroupSpec {
    id: "uk_contacts",
    label: "group.contacts",
    repeatable: false,
    fields: &[
        req("phone", "field.phone", Rule::Phone),
        req("email", "field.email", Rule::Email),
        opt("website", "field.website", Rule::Website),
    ],
};

const UK_BANK: GroupSpec = GroupSpec {
    id: "uk_bank",
    label: "group.bank",
    repeatable: false,
    fields: &[
        req("iik", "field.iik", Rule::Iik),
        req("bik", "field.bik", Rule::Bik),
        req("kbe", "field.kbe", Rule::Kbe),
        req("bank_name", "field.bank_name", NAME),
    ],
};

const SHAREHOLDERS: GroupSpec = GroupSpec {
    id: "shareholders",
    label: "group.shareholders",
    repeatable: true,
    fields: &[
        req("name", "field.shareholder_name", NAME),
        req("id", "field.bin_or_iin", Rule::BinOrIin),
        req("share", "field.share", Rule::Percent),
    ],
};

const HEAD: GroupSpec = GroupSpec {
    id: "head",
    label: "group.head",
    repeatable: false,
    fields: &[
        req("iin", "field.iin", Rule::Iin),
        req("last_name", "field.last_name", SHORT),
        req("first_name", "field.first_name", SHORT),
        opt("middle_name", "field.middle_name", SHORT),
        req("position", "field.position", SHORT),
        req("phone", "field.phone", Rule::Phone),
        req("email", "field.email", Rule::Email),
    ],
};

const PROJECT: GroupSpec = GroupSpec {
    id: "project",
    label: "group.project",
    repeatable: false,
    fields: &[
        req("name", "field.project_name", NAME),
        req("region", "field.region", Rule::AddressPart("region")),
        req("address", "field.project_address", LINE),
        req("land_area", "field.land_area", Rule::Positive),
        req("total_area", "field.total_area", Rule::Positive),
        req("floors", "field.floors", Rule::Integer { min: 1, max: 100 }),
        req(
            "apartments",
            "field.apartments",
            Rule::Integer {
                min: 1,
                max: 10_000,
            },
        ),
        req("cost", "field.cost", Rule::Money),
        req("cadastral_number", "field.cadastral_number", SHORT),
        req("land_title", "field.land_title", Rule::Choice(LAND_TITLES)),
        req("expertise_number", "field.expertise_number", SHORT),
        req("expertise_date", "field.expertise_date", Rule::Date),
    ],
};

const DEVELOPER: GroupSpec = GroupSpec {
    id: "developer",
    label: "group.developer",
    repeatable: false,
    fields: &[
        req("bin", "field.bin", Rule::Bin),
        req("org_name", "field.org_name", NAME),
        req("phone", "field.phone", Rule::Phone),
        req("email", "field.email", Rule::Email),
        dev("legal_address", "field.legal_address", LINE),
        dev("head_iin", "field.head_iin", Rule::Iin),
        dev("head_full_name", "field.head_full_name", NAME),
        dev(
            "experience_years",
            "field.experience_years",
            Rule::Integer { min: 0, max: 100 },
        ),
        dev(
            "commissioned_area",
            "field.commissioned_area",
            Rule::Positive,
        ),
        dev("iik", "field.iik", Rule::Iik),
        dev("bik", "field.bik", Rule::Bik),
        dev("kbe", "field.kbe", Rule::Kbe),
    ],
};

const EXPERTISE_CONSENT: GroupSpec = GroupSpec {
    id: "expertise_consent",
    label: "group.expertise_consent",
    repeatable: true,
    fields: &[
        req(
            "kind",
            "field.expertise_kind",
            Rule::Choice(EXPERTISE_KINDS),
        ),
        req("subject", "field.expertise_subject", LINE),
        req("project_name", "field.expertise_project_name", NAME),
        req("number", "field.expertise_number", SHORT),
        req("date", "field.expertise_date", Rule::Date),
    ],
};

/// The guarantee application.
pub const GUARANTEE: FormSpec = FormSpec {
    id: "guarantee",
    label: "form.guarantee",
    stages: &[
        StageSpec {
            id: "corporate_info",
            label: "stage.corporate_info",
            tabs: &[
                TabSpec {
                    id: "uk",
                    label: "tab.uk",
                    groups: &[UK, UK_ADDRESS, UK_CONTACTS, UK_BANK],
                    documents: &[],
                },
                TabSpec {
                    id: "shareholders",
                    label: "tab.shareholders",
                    groups: &[SHAREHOLDERS],
                    documents: &[],
                },
                TabSpec {
                    id: "head",
                    label: "tab.head",
                    groups: &[HEAD],
                    documents: &[],
                },
                TabSpec {
                    id: "project",
                    label: "tab.project",
                    groups: &[PROJECT],
                    documents: &[],
                },
                TabSpec {
                    id: "developer",
                    label: "tab.developer",
                    groups: &[DEVELOPER],
                    documents: &[],
                },
            ],
        },
        StageSpec {
            id: "corporate_documents",
            label: "stage.corporate_documents",
            tabs: &[
                TabSpec {
                    id: "uk_documents",
                    label: "tab.uk_documents",
                    groups: &[],
                    documents: &[
                        doc(
                            "uk_charter",
                            "doc.charter",
                            true,
                            Party::Uk,
                            APPLICATION_FILE,
                        ),
                        doc(
                            "uk_founders_decision",
                            "doc.founders_decision",
                            true,
                            Party::Uk,
                            APPLICATION_FILE,
                        ),
                        doc(
                            "uk_registration",
                            "doc.registration_certificate",
                            true,
                            Party::Uk,
                            APPLICATION_FILE,
                        ),
                        doc(
                            "uk_amendments",
                            "doc.amendments",
                            false,
                            Party::Uk,
                            APPLICATION_FILE,
                        ),
                    ],
                },
                TabSpec {
                    id: "developer_documents",
                    label: "tab.developer_documents",
                    groups: &[],
                    documents: &[
                        doc(
                            "dev_charter",
                            "doc.charter",
                            true,
                            Party::Developer,
                            APPLICATION_FILE,
                        ),
                        doc(
                            "dev_founders_decision",
                            "doc.founders_decision",
                            true,
                            Party::Developer,
                            APPLICATION_FILE,
                        ),
                        doc(
                            "dev_financials",
                            "doc.audited_financials",
                            true,
                            Party::Developer,
                            APPLICATION_FILE,
                        ),
                        doc(
                            "dev_experience",
                            "doc.experience",
                            true,
                            Party::Developer,
                            APPLICATION_FILE,
                        ),
                    ],
                },
            ],
        },
        StageSpec {
            id: "project_documents",
            label: "stage.project_documents",
            tabs: &[TabSpec {
                id: "project_documents",
                label: "tab.project_documents",
                groups: &[],
                documents: &[
                    doc(
                        "land_title",
                        "doc.land_title",
                        true,
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    doc(
                        "land_act",
                        "doc.land_act",
                        true,
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    doc(
                        "psd_expertise",
                        "doc.psd_expertise",
                        true,
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    doc(
                        "construction_schedule",
                        "doc.construction_schedule",
                        false,
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                ],
            }],
        },
        StageSpec {
            id: "consents",
            label: "stage.consents",
            tabs: &[TabSpec {
                id: "consents",
                label: "tab.consents",
                groups: &[EXPERTISE_CONSENT],
                documents: &[
                    signed(
                        "consent_data_processing",
                        "doc.consent_data_processing",
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    signed(
                        "consent_credit_bureau",
                        "doc.consent_credit_bureau",
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    signed(
                        "consent_expertise",
                        "doc.consent_expertise",
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    signed(
                        "consent_developer",
                        "doc.consent_developer",
                        Party::Developer,
                        APPLICATION_FILE,
                    ),
                ],
            }],
        },
    ],
    cross_checks,
};

/// Bank details agree: the IIK belongs to the BIK's bank (checked when both parse).
pub(crate) fn bank_problems(data: &FormData, group: &str) -> Vec<Problem> {
    match (
        Iik::parse(data.value(group, "iik")),
        Bik::parse(data.value(group, "bik")),
    ) {
        (Ok(iik), Ok(bik)) => bank_of(&iik, &bik)
            .err()
            .map(|rule| vec![Problem::new(format!("{group}.iik"), rule)])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn cross_checks(data: &FormData) -> Vec<Problem> {
    let mut problems = bank_problems(data, "uk_bank");
    problems.extend(bank_problems(data, "developer"));
    if let Some(blocks) = data.blocks.get("shareholders") {
        let shares: Option<Vec<f64>> = blocks
            .iter()
            .map(|b| b.get("share").and_then(|s| decimal(s.trim(), 2)))
            .collect();
        if let Some(shares) = shares {
            let total: f64 = shares.iter().sum();
            if (total - 100.0).abs() > 0.005 {
                problems.push(Problem::new(
                    "shareholders",
                    RuleViolation::new("rule.shares.sum"),
                ));
            }
        }
    }
    if data.value("uk", "same_as_legal") != "true"
        && data.value("uk", "actual_address").trim().is_empty()
    {
        problems.push(Problem::new(
            "uk.actual_address",
            RuleViolation::new("rule.required"),
        ));
    }
    if let (Ok(uk), Ok(developer)) = (
        Bin::parse(data.value("uk", "bin")),
        Bin::parse(data.value("developer", "bin")),
    ) {
        if uk == developer {
            problems.push(Problem::new(
                "developer.bin",
                RuleViolation::new("rule.developer.same_bin"),
            ));
        }
    }
    problems
}

/// Warnings that do not block sending (КБе that does not fit the BIN).
pub fn warnings(data: &FormData) -> Vec<Problem> {
    match (
        Kbe::parse(data.value("uk_bank", "kbe")),
        Bin::parse(data.value("uk", "bin")),
    ) {
        (Ok(kbe), Ok(bin)) => kbe
            .warning_for(&bin)
            .map(|w| vec![Problem::new("uk_bank.kbe", w)])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
