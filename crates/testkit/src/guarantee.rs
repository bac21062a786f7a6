//! A guarantee application filled completely and validly, as both parties fill it: the УК's
//! part and the developer's, for tests of the whole route.

use std::collections::BTreeMap;

use homeportal_domain::forms::guarantee::GUARANTEE;
use homeportal_domain::forms::merge::Change;
use homeportal_domain::forms::{AttachedFile, FormData, FormSpec, Party};

/// A file of `size` bytes, signed or not.
pub fn file(size: u64, signed: bool) -> AttachedFile {
    AttachedFile {
        file_name: "scan.pdf".into(),
        size,
        sha256: "ab".repeat(32),
        signed,
    }
}

/// A block of a repeatable group.
pub fn block(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// One file in every document slot of `form`.
pub fn with_all_documents(form: &FormSpec, data: &mut FormData) {
    for stage in form.stages {
        for tab in stage.tabs {
            for slot in tab.documents {
                data.documents
                    .insert(slot.id.to_owned(), vec![file(1024, true)]);
            }
        }
    }
}

/// A guarantee application every check passes: Nova City (УК) and Строй (developer).
pub fn complete_guarantee() -> FormData {
    let mut d = FormData::default();
    let values = [
        ("uk", "org_name_ru", "ТОО \"Nova City Development\""),
        ("uk", "org_name_kk", "\"Nova City Development\" ЖШС"),
        ("uk", "bin", "940140000385"),
        (
            "uk",
            "legal_address",
            "Казахстан, город Астана, район Есиль, улица 38, дом 30",
        ),
        ("uk", "same_as_legal", "true"),
        ("uk_address", "region", "71"),
        ("uk_address", "district", "район Есиль"),
        ("uk_address", "locality", "город Астана"),
        ("uk_address", "settlement", "Астана"),
        ("uk_address", "street", "улица 38"),
        ("uk_address", "house", "30"),
        ("uk_contacts", "phone", "+7 701 123 45 67"),
        ("uk_contacts", "email", "buh@novacity.kz"),
        ("uk_contacts", "website", "novacity.kz"),
        ("uk_bank", "iik", "KZ31722S000010366450"),
        ("uk_bank", "bik", "CASPKZKA"),
        ("uk_bank", "kbe", "17"),
        ("uk_bank", "bank_name", "АО «Kaspi Bank»"),
        ("head", "iin", "830717350867"),
        ("head", "last_name", "Сапаров"),
        ("head", "first_name", "Ерлан"),
        ("head", "position", "Директор"),
        ("head", "phone", "87011234567"),
        ("head", "email", "director@novacity.kz"),
        ("project", "name", "ЖК «Нова»"),
        ("project", "region", "71"),
        ("project", "address", "Астана, улица 38"),
        ("project", "land_area", "1,5"),
        ("project", "total_area", "18500"),
        ("project", "floors", "12"),
        ("project", "apartments", "240"),
        ("project", "cost", "12 500 000 000"),
        ("project", "cadastral_number", "21-320-123-456"),
        ("project", "land_title", "choice.land.lease"),
        ("project", "expertise_number", "01-0123/23"),
        ("project", "expertise_date", "2023-06-01"),
        ("developer", "bin", "950341000052"),
        ("developer", "org_name", "ТОО «Строй»"),
        ("developer", "phone", "+77771234567"),
        ("developer", "email", "info@stroy.kz"),
        ("developer", "legal_address", "Алматы, проспект Абая, 1"),
        ("developer", "head_iin", "871008401427"),
        ("developer", "head_full_name", "Ахметов Нурлан"),
        ("developer", "experience_years", "7"),
        ("developer", "commissioned_area", "54000"),
        ("developer", "iik", "KZ738562204140586741"),
        ("developer", "bik", "KCJBKZKX"),
        ("developer", "kbe", "17"),
    ];
    for (g, f, v) in values {
        d.set(g, f, v);
    }
    d.blocks.insert(
        "shareholders".into(),
        vec![
            block(&[
                ("name", "ТОО «Строй»"),
                ("id", "950341000052"),
                ("share", "60"),
            ]),
            block(&[
                ("name", "Сапаров Ерлан"),
                ("id", "830717350867"),
                ("share", "40,00"),
            ]),
        ],
    );
    d.blocks.insert(
        "expertise_consent".into(),
        vec![block(&[
            ("kind", "choice.expertise.state"),
            ("subject", "Рабочий проект"),
            ("project_name", "ЖК «Нова»"),
            ("number", "01-0123/23"),
            ("date", "2023-06-01"),
        ])],
    );
    with_all_documents(&GUARANTEE, &mut d);
    d
}

/// The part of `data` that `party` fills.
pub fn part_of(data: &FormData, party: Party) -> FormData {
    let changes: Vec<Change> = data
        .units()
        .into_iter()
        .filter(|(unit, _)| GUARANTEE.party_of(unit) == Some(party))
        .map(|(unit, value)| Change {
            unit,
            value: Some(value),
        })
        .collect();
    let mut part = FormData::default();
    part.apply(&changes);
    part
}

/// The invitation code in an invitation e-mail («Код приглашения: XXXX-XXXX-XXXX»).
pub fn invitation_code(body: &str) -> Option<String> {
    let rest = &body[body.find("Код приглашения: ")? + "Код приглашения: ".len()..];
    let code: String = rest.chars().take(14).collect();
    (code.len() == 14 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then_some(code)
}

impl crate::SmtpSink {
    /// Waits (up to `patience`) for an invitation to `to`; its code. Panics with what arrived
    /// when none does.
    pub fn wait_for_invitation(&self, to: &str, patience: std::time::Duration) -> String {
        let deadline = std::time::Instant::now() + patience;
        loop {
            let received = self.received();
            let found = received
                .iter()
                .rev()
                .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                .find_map(|m| invitation_code(&m.body));
            if let Some(code) = found {
                return code;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no invitation reached {to}; received: {received:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

impl crate::TestApp<'_> {
    /// `POST path` of application `id` at `version` (`If-Match`) with an optional body.
    pub async fn application_step<B: serde::Serialize>(
        &self,
        path: &str,
        id: i64,
        version: i64,
        body: Option<&B>,
    ) -> Result<homeportal_domain::sync::ServerApplication, crate::Refusal> {
        let path = homeportal_domain::guarantee::paths::of_application(path, id);
        let mut request = self
            .request(reqwest::Method::POST, &path)
            .header(reqwest::header::IF_MATCH, format!("\"{version}\""));
        if let Some(body) = body {
            request = request.json(body);
        }
        crate::app::answer(request.send().await.expect("the server answers")).await
    }

    /// A request of КЖК staff holding `key`.
    pub fn staff_request(
        &self,
        method: reqwest::Method,
        path: &str,
        key: &str,
    ) -> reqwest::RequestBuilder {
        self.request(method, path)
            .header(reqwest::header::AUTHORIZATION, format!("Bearer {key}"))
    }

    /// `POST` a staff step on application `id` with `key`.
    pub async fn staff_step<B: serde::Serialize>(
        &self,
        key: &str,
        path: &str,
        id: i64,
        body: Option<&B>,
    ) -> Result<homeportal_domain::sync::ServerApplication, crate::Refusal> {
        let path = homeportal_domain::guarantee::staff::paths::of_application(path, id);
        let mut request = self.staff_request(reqwest::Method::POST, &path, key);
        if let Some(body) = body {
            request = request.json(body);
        }
        crate::app::answer(request.send().await.expect("the server answers")).await
    }
}
