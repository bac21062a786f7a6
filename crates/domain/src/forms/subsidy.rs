//! «Заявка на субсидирование» (R6): KZhK subsidises part of the rate of a second-tier bank's
//! loan to the developer, who sells part of the housing at a fixed price per m².

use super::build::{doc, req, signed, APPLICATION_FILE};
use super::guarantee::bank_problems;
use super::rules::decimal;
use super::{FormData, FormSpec, GroupSpec, Party, Problem, Rule, StageSpec, TabSpec};
use crate::rule::RuleViolation;

const NAME: Rule = Rule::Text { max: 300 };
const SHORT: Rule = Rule::Text { max: 100 };

/// Regions whose fixed price may reach 260 000 ₸/m² (Astana, Almaty, Shymkent, Atyrau, Mangystau
/// for Aktau); elsewhere 220 000 ₸/m².
const DEARER_REGIONS: &[&str] = &["71", "75", "79", "23", "47"];
/// Price ceilings, ₸ per m².
const PRICE_CEILING: (f64, f64) = (260_000.0, 220_000.0);
/// At least this share of the housing is sold at the fixed price, %.
const MIN_FIXED_SHARE: f64 = 50.0;

const APPLICANT: GroupSpec = GroupSpec {
    id: "applicant",
    label: "group.applicant",
    repeatable: false,
    fields: &[
        req("bin", "field.bin", Rule::Bin),
        req("org_name", "field.org_name", NAME),
        req("phone", "field.phone", Rule::Phone),
        req("email", "field.email", Rule::Email),
        req("iik", "field.iik", Rule::Iik),
        req("bik", "field.bik", Rule::Bik),
        req("kbe", "field.kbe", Rule::Kbe),
        req("bank_name", "field.bank_name", NAME),
    ],
};

const LOAN: GroupSpec = GroupSpec {
    id: "loan",
    label: "group.loan",
    repeatable: false,
    fields: &[
        req("lender_bik", "field.lender_bik", Rule::Bik),
        req("lender_name", "field.lender_name", NAME),
        req("agreement_number", "field.agreement_number", SHORT),
        req("agreement_date", "field.agreement_date", Rule::Date),
        req("amount", "field.loan_amount", Rule::Money),
        req("rate", "field.loan_rate", Rule::Percent),
        req("subsidised_rate", "field.subsidised_rate", Rule::Percent),
        req(
            "term_months",
            "field.term_months",
            Rule::Integer { min: 1, max: 36 },
        ),
    ],
};

const PROJECT: GroupSpec = GroupSpec {
    id: "project",
    label: "group.project",
    repeatable: false,
    fields: &[
        req("name", "field.project_name", NAME),
        req("region", "field.region", Rule::AddressPart("region")),
        req("total_area", "field.total_area", Rule::Positive),
        req(
            "fixed_price_share",
            "field.fixed_price_share",
            Rule::Percent,
        ),
        req("price_per_m2", "field.price_per_m2", Rule::Money),
    ],
};

/// The subsidy application.
pub const SUBSIDY: FormSpec = FormSpec {
    id: "subsidy",
    label: "form.subsidy",
    stages: &[
        StageSpec {
            id: "applicant",
            label: "stage.applicant",
            tabs: &[TabSpec {
                id: "applicant",
                label: "tab.applicant",
                groups: &[APPLICANT],
                documents: &[],
            }],
        },
        StageSpec {
            id: "loan",
            label: "stage.loan",
            tabs: &[
                TabSpec {
                    id: "loan",
                    label: "tab.loan",
                    groups: &[LOAN],
                    documents: &[],
                },
                TabSpec {
                    id: "project",
                    label: "tab.project",
                    groups: &[PROJECT],
                    documents: &[],
                },
            ],
        },
        StageSpec {
            id: "documents",
            label: "stage.documents",
            tabs: &[TabSpec {
                id: "documents",
                label: "tab.supporting_documents",
                groups: &[],
                documents: &[
                    doc(
                        "loan_agreement",
                        "doc.loan_agreement",
                        true,
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    doc(
                        "bank_decision",
                        "doc.bank_decision",
                        true,
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    doc(
                        "sales_registry",
                        "doc.sales_registry",
                        true,
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                    signed(
                        "consent_data_processing",
                        "doc.consent_data_processing",
                        Party::Uk,
                        APPLICATION_FILE,
                    ),
                ],
            }],
        },
    ],
    cross_checks,
};

fn number(data: &FormData, group: &str, field: &str) -> Option<f64> {
    decimal(data.value(group, field).trim(), 2)
}

fn cross_checks(data: &FormData) -> Vec<Problem> {
    let mut problems = bank_problems(data, "applicant");
    if let (Some(rate), Some(subsidised)) = (
        number(data, "loan", "rate"),
        number(data, "loan", "subsidised_rate"),
    ) {
        if subsidised > rate {
            problems.push(Problem::new(
                "loan.subsidised_rate",
                RuleViolation::new("rule.subsidy.rate"),
            ));
        }
    }
    if number(data, "project", "fixed_price_share").is_some_and(|s| s < MIN_FIXED_SHARE) {
        problems.push(Problem::new(
            "project.fixed_price_share",
            RuleViolation::new("rule.subsidy.fixed_share"),
        ));
    }
    if let Some(price) = number(data, "project", "price_per_m2") {
        let region = data.value("project", "region").trim();
        let ceiling = if DEARER_REGIONS.contains(&region) {
            PRICE_CEILING.0
        } else {
            PRICE_CEILING.1
        };
        if price > ceiling {
            problems.push(Problem::new(
                "project.price_per_m2",
                RuleViolation::new("rule.subsidy.price"),
            ));
        }
    }
    problems
}
