//! «Сформировать согласие»: formed consents from КЖК's catalogue and the expertise consent filled
//! in the form become PDFs among the organisation's documents, whose Russian text `pdftotext`
//! reads back intact; a block that breaks the form's rules is refused field by field.

use std::collections::BTreeMap;
use std::process::Command;

use homeportal_domain::api::DocumentInfo;
use homeportal_domain::guarantee::consents::{paths, ConsentSource, ConsentTemplate, FormConsent};
use homeportal_domain::ErrorCode;
use homeportal_testkit::{ServerProcess, TestAccount, TestApp};
use reqwest::Method;

/// The text `pdftotext` reads from document `id`, lines joined by spaces.
async fn text_of(app: &TestApp<'_>, id: i64) -> String {
    let bytes = app
        .request(Method::GET, &format!("/api/v1/documents/{id}"))
        .send()
        .await
        .expect("answer")
        .bytes()
        .await
        .expect("bytes");
    assert!(bytes.starts_with(b"%PDF-"));
    let file = tempfile::NamedTempFile::new().expect("temp");
    std::fs::write(file.path(), &bytes).expect("written");
    let out = Command::new("pdftotext")
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn consents_become_pdfs_whose_russian_text_reads_back() {
    let account = TestAccount::nova_city();
    let server = ServerProcess::start_with(&account);
    let app = server.signed_in(&account).await;

    let catalogue: Vec<ConsentTemplate> = app.get(paths::CATALOGUE).await.expect("catalogue");
    assert!(catalogue.iter().any(|c| c.code == "data_processing"));

    let formed: DocumentInfo = app
        .post(
            paths::FORM,
            &FormConsent {
                slot: "app1-consent_data_processing".into(),
                source: ConsentSource::Catalogue {
                    code: "data_processing".into(),
                },
            },
        )
        .await
        .expect("formed");
    assert_eq!(formed.mime, "application/pdf");
    assert_eq!(formed.slot, "app1-consent_data_processing");
    let text = text_of(&app, formed.id).await;
    for expected in [
        "Согласие на сбор и обработку персональных данных",
        "ТОО «Nova City Development», БИН 940140000385",
        "О персональных данных и их защите",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }

    let block: BTreeMap<String, String> = [
        ("kind", "choice.expertise.state"),
        ("subject", "Рабочий проект «Жилой комплекс»"),
        ("project_name", "ЖК «Нұрлы Көш»"),
        ("number", "01-0123/23"),
        ("date", "2023-06-01"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let expertise: DocumentInfo = app
        .post(
            paths::FORM,
            &FormConsent {
                slot: "app1-consent_expertise".into(),
                source: ConsentSource::Expertise {
                    block: block.clone(),
                },
            },
        )
        .await
        .expect("formed");
    let text = text_of(&app, expertise.id).await;
    for expected in [
        "ПСД с положительным заключением",
        "Государственная",
        "ЖК «Нұрлы Көш»",
        "01-0123/23",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text:?}");
    }

    let mut broken = block;
    broken.insert("date".into(), "01.13.2023".into());
    broken.remove("subject");
    let refusal = app
        .post::<_, DocumentInfo>(
            paths::FORM,
            &FormConsent {
                slot: "app1-consent_expertise".into(),
                source: ConsentSource::Expertise { block: broken },
            },
        )
        .await
        .expect_err("refused");
    assert_eq!(refusal.body.code, ErrorCode::Validation);
    let mut fields: Vec<&str> = refusal
        .body
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["date", "subject"]);
    let unknown = app
        .post::<_, DocumentInfo>(
            paths::FORM,
            &FormConsent {
                slot: "app1 bad slot".into(),
                source: ConsentSource::Catalogue {
                    code: "data_processing".into(),
                },
            },
        )
        .await
        .expect_err("refused");
    assert_eq!(unknown.body.fields[0].field, "slot");
}

#[tokio::test]
async fn a_library_document_is_attached_to_an_application_without_uploading_it_again() {
    let (nova, stroy) = (TestAccount::nova_city(), TestAccount::stroy());
    let server = ServerProcess::start_configured(&[nova.clone(), stroy.clone()], "");
    let app = server.signed_in(&nova).await;
    let library = app.upload_document("Устав.pdf", b"%PDF-1.7 charter").await;
    let path = format!("/api/v1/documents/{library}/attach");
    let attached: DocumentInfo = app
        .post(
            &path,
            &homeportal_domain::api::AttachDocumentRequest {
                document_id: library,
                slot: "app3-uk_charter".into(),
            },
        )
        .await
        .expect("attached");
    assert_ne!(attached.id, library);
    assert_eq!(attached.slot, "app3-uk_charter");
    let documents = app.documents().await;
    let original = documents.iter().find(|d| d.id == library).expect("kept");
    assert_eq!(
        attached.sha256, original.sha256,
        "the same bytes, stored once"
    );
    assert_eq!(text_bytes(&app, attached.id).await, b"%PDF-1.7 charter");

    // Another organisation cannot take it, and a slot key is checked.
    let other = server.signed_in(&stroy).await;
    let refusal = other
        .post::<_, DocumentInfo>(
            &path,
            &homeportal_domain::api::AttachDocumentRequest {
                document_id: library,
                slot: "app1-uk_charter".into(),
            },
        )
        .await
        .expect_err("not theirs");
    assert_eq!(refusal.body.code, ErrorCode::NotFound);
    let refusal = app
        .post::<_, DocumentInfo>(
            &path,
            &homeportal_domain::api::AttachDocumentRequest {
                document_id: library,
                slot: "../etc".into(),
            },
        )
        .await
        .expect_err("bad slot");
    assert_eq!(refusal.body.fields[0].field, "slot");

    // Deleting the copy leaves the library's file readable.
    app.request(
        Method::DELETE,
        &format!("/api/v1/documents/{}", attached.id),
    )
    .send()
    .await
    .expect("deleted");
    assert_eq!(text_bytes(&app, library).await, b"%PDF-1.7 charter");
}

async fn text_bytes(app: &TestApp<'_>, id: i64) -> Vec<u8> {
    app.request(Method::GET, &format!("/api/v1/documents/{id}"))
        .send()
        .await
        .expect("answer")
        .bytes()
        .await
        .expect("bytes")
        .to_vec()
}
