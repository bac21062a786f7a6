//! What «Подписать заявку» signs: a short text naming the application, both parties and the
//! SHA-256 of its content in one canonical form — every value by path and every document by its
//! SHA-256 and size. The desktop and the server build it with this one function, so the same
//! content gives the same bytes on both sides, and a signature over other content is refused.

use std::fmt::Write;

use sha2::{Digest, Sha256};

use crate::api::ApplicationKind;
use crate::forms::FormData;
use crate::ids::Bin;

/// What the digest names besides the content.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The server's id of the application.
    pub id: i64,
    /// Its kind.
    pub kind: ApplicationKind,
    /// The УК.
    pub owner: &'a Bin,
    /// The developer, once one has joined.
    pub developer: Option<&'a Bin>,
}

/// Escapes `\`, tab and line breaks so that every value is one unambiguous line.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            other => out.push(other),
        }
    }
    out
}

/// The canonical content: one line per value (`path\tvalue`), block field
/// (`group[i].field\tvalue`) and file (`documents.slot[i]\tsha256\tsize`), in path order,
/// empty values left out. File names and signature marks are not content.
pub fn canonical_content(data: &FormData) -> String {
    let data = data.clone().normalized();
    let mut out = String::new();
    for (path, value) in &data.values {
        let _ = writeln!(out, "{path}\t{}", escaped(value));
    }
    for (group, blocks) in &data.blocks {
        for (i, block) in blocks.iter().enumerate() {
            for (field, value) in block {
                let _ = writeln!(out, "{group}[{i}].{field}\t{}", escaped(value));
            }
        }
    }
    for (slot, files) in &data.documents {
        for (i, file) in files.iter().enumerate() {
            let sha = file.sha256.to_ascii_lowercase();
            let _ = writeln!(out, "documents.{slot}[{i}]\t{sha}\t{}", file.size);
        }
    }
    out
}

/// SHA-256 of [`canonical_content`], lowercase hex.
pub fn content_sha256(data: &FormData) -> String {
    Sha256::digest(canonical_content(data).as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// The text «Подписать заявку» signs.
pub fn text(subject: Subject<'_>, data: &FormData) -> String {
    let developer = subject
        .developer
        .map_or_else(|| "—".to_owned(), Bin::as_string);
    format!(
        "Подписание заявки для АО «Казахстанская Жилищная Компания»\n\
         Вид: {}\n\
         Заявка № {}\n\
         УК: БИН {}\n\
         Застройщик: БИН {developer}\n\
         SHA-256 содержания: {}\n",
        subject.kind.slug(),
        subject.id,
        subject.owner.as_string(),
        content_sha256(data)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::AttachedFile;

    fn bin(text: &str) -> Bin {
        Bin::parse(text).expect("bin")
    }

    fn sample() -> FormData {
        let mut data = FormData::default();
        data.set("uk", "org_name_ru", "ТОО «Нова Сити»\nфилиал");
        data.set("project", "name", "ЖК Алтын");
        data.blocks.insert(
            "shareholders".into(),
            vec![[
                ("name".to_owned(), "А".to_owned()),
                ("share".to_owned(), "100".to_owned()),
            ]
            .into_iter()
            .collect()],
        );
        data.documents.insert(
            "uk_charter".into(),
            vec![AttachedFile {
                file_name: "устав.pdf".into(),
                size: 1234,
                sha256: "AB".repeat(32),
                signed: false,
            }],
        );
        data
    }

    fn subject(owner: &Bin) -> Subject<'_> {
        Subject {
            id: 7,
            kind: ApplicationKind::Guarantee,
            owner,
            developer: None,
        }
    }

    #[test]
    fn the_canonical_form_is_fixed() {
        assert_eq!(
            canonical_content(&sample()),
            "project.name\tЖК Алтын\n\
             uk.org_name_ru\tТОО «Нова Сити»\\nфилиал\n\
             shareholders[0].name\tА\n\
             shareholders[0].share\t100\n\
             documents.uk_charter[0]\tabababababababababababababababababababababababababababababababab\t1234\n"
        );
    }

    #[test]
    fn same_content_same_text_and_any_change_another() {
        let owner = bin("080540014021");
        let base = text(subject(&owner), &sample());
        let mut renamed = sample();
        renamed.documents.get_mut("uk_charter").expect("slot")[0].file_name = "другое.pdf".into();
        renamed.set("uk", "website", "");
        assert_eq!(text(subject(&owner), &renamed), base);

        let mut field = sample();
        field.set("project", "name", "ЖК Алтын 2");
        assert_ne!(text(subject(&owner), &field), base);

        let mut document = sample();
        document.documents.get_mut("uk_charter").expect("slot")[0].sha256 = "cd".repeat(32);
        assert_ne!(text(subject(&owner), &document), base);

        let developer = bin("080540014021");
        let with_developer = Subject {
            developer: Some(&developer),
            ..subject(&owner)
        };
        assert_ne!(text(with_developer, &sample()), base);
    }

    #[test]
    fn values_cannot_pose_as_other_lines() {
        let mut a = FormData::default();
        a.set("project", "name", "x\nuk.bin\t1");
        let mut b = FormData::default();
        b.set("project", "name", "x");
        b.set("uk", "bin", "1");
        assert_ne!(content_sha256(&a), content_sha256(&b));
    }
}
