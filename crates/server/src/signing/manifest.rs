//! What a signature over a document covers: a short text naming the organisation and the file
//! with its SHA-256, so that a signature binds the exact bytes without sending them again.

use homeportal_domain::api::DocumentInfo;

/// The manifest text of `document` for organisation `org_name` / `bin`.
pub fn text(org_name: &str, bin: &str, document: &DocumentInfo) -> String {
    format!(
        "Подписание документа организации для АО «Казахстанская Жилищная Компания»\n\
         Организация: {org_name}, БИН {bin}\n\
         Документ: {}\n\
         Размер: {} байт\n\
         SHA-256: {}\n",
        document.file_name, document.size, document.sha256
    )
}
