//! Consents (R5.9): formed ones from КЖК's catalogue and not-yet-formed ones filled in the form
//! («ПСД с положительным заключением…»); «Сформировать согласие» renders either as a PDF that
//! lands in the organisation's documents, to be viewed and signed like any document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Paths of the consents.
pub mod paths {
    /// `GET` the catalogue of formed consents.
    pub const CATALOGUE: &str = "/api/v1/consents";
    /// `POST` «Сформировать согласие».
    pub const FORM: &str = "/api/v1/consents/form";
    /// `POST` a formed consent into the catalogue (КЖК staff, administrator).
    pub const STAFF_CATALOGUE: &str = "/staff/v1/consents";
}

/// A formed consent of КЖК's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentTemplate {
    /// Stable code, e.g. `data_processing`.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Its text; the organisation's name and БИН are put before it.
    pub text: String,
}

/// What a consent is formed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum ConsentSource {
    /// A formed consent of the catalogue.
    Catalogue {
        /// Its code.
        code: String,
    },
    /// «ПСД с положительным заключением комплексной вневедомственной экспертизы»: one block of
    /// the form's `expertise_consent` group.
    Expertise {
        /// Вид экспертизы, Предмет, Наименование проекта, Номер, Дата.
        block: BTreeMap<String, String>,
    },
}

/// «Сформировать согласие»: the consent, and the document slot key it is filed under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormConsent {
    /// The slot key of the organisation's documents (the application's consent slot).
    pub slot: String,
    /// What it is formed from.
    pub source: ConsentSource,
}

/// `form_consent`: «Сформировать согласие» for a draft on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormConsentRequest {
    /// The local draft.
    pub draft_id: i64,
    /// What the consent is formed from.
    pub source: ConsentSource,
}

impl ConsentSource {
    /// The form's document slot the consent is filed under.
    pub fn slot(&self) -> String {
        match self {
            ConsentSource::Catalogue { code } => format!("consent_{code}"),
            ConsentSource::Expertise { .. } => "consent_expertise".to_owned(),
        }
    }
}
