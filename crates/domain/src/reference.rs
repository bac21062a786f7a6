//! Reference tables shipped as data (`data/*.csv`): banks, КБе sectors, KATO regions, mobile
//! prefixes. Updating a table is a data change, not a code change.

use std::sync::OnceLock;

use crate::csv;

/// A bank (or other payment participant) with its BIK and IBAN bank code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bank {
    /// 8-character BIK, e.g. `HSBKKZKX`.
    pub bik: String,
    /// The 3-digit code at positions 5–7 of its IIKs.
    pub iban_code: String,
    /// Наименование (рус.).
    pub name_ru: String,
    /// Атауы (қаз.).
    pub name_kk: String,
}

/// One of the 20 top-level KATO units (17 oblasts and 3 cities).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Two-digit KATO code (AB).
    pub kato: String,
    /// Название (рус.).
    pub name_ru: String,
    /// Атауы (қаз.).
    pub name_kk: String,
    /// Name in English.
    pub name_en: String,
}

/// Every bank of the table.
pub fn banks() -> &'static [Bank] {
    static BANKS: OnceLock<Vec<Bank>> = OnceLock::new();
    BANKS.get_or_init(|| {
        csv::rows(include_str!("../data/kz_banks_bik_iban_codes.csv"))
            .into_iter()
            .filter(|r| r.len() >= 4)
            .map(|r| Bank {
                bik: r[0].trim().to_owned(),
                iban_code: r[1].trim().to_owned(),
                name_ru: r[2].trim().to_owned(),
                name_kk: r[3].trim().to_owned(),
            })
            .collect()
    })
}

/// The bank with this 8-character BIK.
pub fn bank_by_bik(bik8: &str) -> Option<&'static Bank> {
    banks().iter().find(|b| b.bik == bik8)
}

/// The bank whose IIKs carry this 3-digit code.
pub fn bank_by_iban_code(code: &str) -> Option<&'static Bank> {
    banks().iter().find(|b| b.iban_code == code)
}

/// The 20 KATO regions.
pub fn regions() -> &'static [Region] {
    static REGIONS: OnceLock<Vec<Region>> = OnceLock::new();
    REGIONS.get_or_init(|| {
        csv::rows(include_str!("../data/kz_regions_kato_top_level.csv"))
            .into_iter()
            .filter(|r| r.len() >= 6)
            .map(|r| Region {
                kato: r[0].trim().to_owned(),
                name_ru: r[3].trim().to_owned(),
                name_kk: r[4].trim().to_owned(),
                name_en: r[5].trim().to_owned(),
            })
            .collect()
    })
}

/// The region with this two-digit KATO code.
pub fn region(kato: &str) -> Option<&'static Region> {
    regions().iter().find(|r| r.kato == kato.trim())
}

/// The three-digit prefixes after +7 that are mobile ranges.
pub fn mobile_prefixes() -> &'static [String] {
    static PREFIXES: OnceLock<Vec<String>> = OnceLock::new();
    PREFIXES.get_or_init(|| {
        csv::rows(include_str!(
            "../data/kz_mobile_prefixes_libphonenumber.csv"
        ))
        .into_iter()
        .filter(|r| r.len() >= 2 && r[1].trim() == "MOBILE")
        .map(|r| r[0].trim().to_owned())
        .collect()
    })
}

/// Meaning of a КБе digit: `position` is `first` (residency) or `second` (sector).
pub fn kbe_meaning(position: &str, digit: char) -> Option<(&'static str, &'static str)> {
    static KBE: OnceLock<Vec<(String, String, String, String)>> = OnceLock::new();
    KBE.get_or_init(|| {
        csv::rows(include_str!("../data/kz_kbe_kod_sector_codes.csv"))
            .into_iter()
            .filter(|r| r.len() >= 4)
            .map(|r| (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()))
            .collect()
    })
    .iter()
    .find(|(d, p, _, _)| d.starts_with(digit) && p == position)
    .map(|(_, _, ru, en)| (ru.as_str(), en.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_load_whole() {
        assert_eq!(banks().len(), 33);
        assert_eq!(regions().len(), 20);
        assert_eq!(
            bank_by_bik("CASPKZKA").map(|b| b.iban_code.as_str()),
            Some("722")
        );
        assert_eq!(
            bank_by_iban_code("856").map(|b| b.bik.as_str()),
            Some("KCJBKZKX")
        );
        assert_eq!(
            region("71").map(|r| r.name_ru.as_str()),
            Some("город Астана")
        );
        assert!(mobile_prefixes().iter().any(|p| p == "701"));
        assert!(!mobile_prefixes().iter().any(|p| p == "703" || p == "704"));
        assert!(kbe_meaning("second", '7').is_some());
    }
}
