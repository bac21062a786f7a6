//! What a signature over a document covers: a short text naming the organisation, the document
//! (its number and the field it was given for) and the file with its SHA-256, so that a
//! signature binds the exact bytes without sending them again, and only for that document.

use homeportal_domain::api::DocumentInfo;
use homeportal_domain::ids::Bin;

/// A document's manifest and what it was made from.
pub struct Manifest {
    /// The text a signature covers.
    pub text: String,
    /// The organisation that must sign it.
    pub bin: Bin,
    /// The document's original file name.
    pub file_name: String,
}

impl Manifest {
    /// The manifest of `document` for organisation `org_name` / `bin`.
    pub fn new(org_name: &str, bin: Bin, document: &DocumentInfo) -> Manifest {
        let text = format!(
            "Подписание документа организации для АО «Казахстанская Жилищная Компания»\n\
             Организация: {org_name}, БИН {}\n\
             Документ № {}, поле «{}»\n\
             Файл: {}\n\
             Размер: {} байт\n\
             SHA-256: {}\n",
            bin.as_string(),
            document.id,
            document.slot,
            document.file_name,
            document.size,
            document.sha256
        );
        Manifest {
            text,
            bin,
            file_name: document.file_name.clone(),
        }
    }
}
