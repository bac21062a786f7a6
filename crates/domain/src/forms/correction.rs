//! «Обращение» to correct an active contract (R7): type, contract, category («Иное» needs a
//! description), contract information and supporting documents with the mandatory official letter.

use super::build::{doc, opt, req, APPEAL_FILE};
use super::{FormData, FormSpec, GroupSpec, Party, Problem, Rule, StageSpec, TabSpec};
use crate::rule::RuleViolation;

/// Тип обращения.
pub const APPEAL_TYPES: &[&str] = &["choice.appeal.guarantee", "choice.appeal.subsidy"];

/// Категория корректировки; the list ends with «Иное».
pub const CATEGORIES: &[&str] = &[
    "choice.category.construction_period",
    "choice.category.design_documents",
    "choice.category.parties_details",
    "choice.category.payment_schedule",
    "choice.category.other",
];

const CONTRACT: GroupSpec = GroupSpec {
    id: "contract",
    label: "group.contract",
    repeatable: false,
    fields: &[
        req(
            "appeal_type",
            "field.appeal_type",
            Rule::Choice(APPEAL_TYPES),
        ),
        req(
            "contract_number",
            "field.contract_number",
            Rule::Text { max: 100 },
        ),
        req("contract_date", "field.contract_date", Rule::Date),
        req("category", "field.category", Rule::Choice(CATEGORIES)),
        opt(
            "category_other",
            "field.category_other",
            Rule::Text { max: 300 },
        ),
        req(
            "description",
            "field.correction_description",
            Rule::Text { max: 4000 },
        ),
    ],
};

/// The correction appeal.
pub const CORRECTION: FormSpec = FormSpec {
    id: "correction",
    label: "form.correction",
    stages: &[StageSpec {
        id: "appeal",
        label: "stage.appeal",
        tabs: &[
            TabSpec {
                id: "contract_info",
                label: "tab.contract_info",
                groups: &[CONTRACT],
                documents: &[],
            },
            TabSpec {
                id: "supporting_documents",
                label: "tab.supporting_documents",
                groups: &[],
                documents: &[
                    doc(
                        "official_letter",
                        "doc.official_letter",
                        true,
                        Party::Uk,
                        APPEAL_FILE,
                    ),
                    doc(
                        "supporting",
                        "doc.supporting",
                        false,
                        Party::Uk,
                        APPEAL_FILE,
                    ),
                ],
            },
        ],
    }],
    cross_checks,
};

fn cross_checks(data: &FormData) -> Vec<Problem> {
    let other = data.value("contract", "category") == "choice.category.other";
    if other && data.value("contract", "category_other").trim().is_empty() {
        return vec![Problem::new(
            "contract.category_other",
            RuleViolation::new("rule.category.other"),
        )];
    }
    Vec::new()
}
