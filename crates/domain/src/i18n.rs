//! The one translation catalogue of the product: Russian complete, Kazakh and English keyed alike.
//!
//! The catalogue is data (`i18n/*.json`, compiled in), so translators edit JSON, not code.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Русский — the complete reference language.
    #[default]
    Ru,
    /// Қазақ тілі.
    Kk,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Ru, Lang::Kk, Lang::En];

    /// The two-letter code (`ru`, `kk`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
            Lang::En => "en",
        }
    }

    /// Parses a two-letter code; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" => Some(Lang::Ru),
            "kk" | "kz" => Some(Lang::Kk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header; Russian otherwise.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| Lang::from_code(tag.split('-').next().unwrap_or(tag)))
            .next()
            .unwrap_or_default()
    }
}

type Catalogue = HashMap<String, String>;

fn parse(json: &'static str) -> Catalogue {
    // The files are compiled in and checked by the tests below, so a parse failure here is a
    // build defect; an empty catalogue then shows keys instead of crashing the app.
    serde_json::from_str(json).unwrap_or_default()
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static RU: OnceLock<Catalogue> = OnceLock::new();
    static KK: OnceLock<Catalogue> = OnceLock::new();
    static EN: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Ru => RU.get_or_init(|| parse(include_str!("../i18n/ru.json"))),
        Lang::Kk => KK.get_or_init(|| parse(include_str!("../i18n/kk.json"))),
        Lang::En => EN.get_or_init(|| parse(include_str!("../i18n/en.json"))),
    }
}

/// The text of `key` in `lang`; falls back to Russian, then to the key itself.
pub fn text(lang: Lang, key: &str) -> &str {
    catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::Ru).get(key))
        .map(String::as_str)
        .unwrap_or(key)
}

/// The catalogue's own `'static` copy of `key` (rule keys carried as strings come back here).
pub fn static_key(key: &str) -> Option<&'static str> {
    catalogue(Lang::Ru)
        .get_key_value(key)
        .map(|(k, _)| k.as_str())
}

/// Whether `key` exists in every language's catalogue.
pub fn has_key(key: &str) -> bool {
    Lang::ALL
        .iter()
        .all(|lang| catalogue(*lang).contains_key(key))
}

/// Every key of the Russian (reference) catalogue.
pub fn keys() -> impl Iterator<Item = &'static str> {
    catalogue(Lang::Ru).keys().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn every_language_has_every_key_and_no_extra_ones() {
        let reference = catalogue(Lang::Ru);
        assert!(reference.len() > 20, "the Russian catalogue did not load");
        for lang in Lang::ALL {
            let cat = catalogue(lang);
            for (key, value) in reference {
                // A separator may be a single (no-break) space; any other text must say something.
                let blank = |t: &str| {
                    if key.starts_with("format.") {
                        t.is_empty()
                    } else {
                        t.trim().is_empty()
                    }
                };
                assert!(
                    cat.get(key).is_some_and(|t| !blank(t)),
                    "{key} is missing or empty in {}",
                    lang.code()
                );
                assert!(!blank(value), "{key} is empty in ru");
            }
            for key in cat.keys() {
                assert!(
                    reference.contains_key(key),
                    "{key} in {} but not in ru",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn every_error_code_has_a_message() {
        for code in ErrorCode::ALL {
            assert!(has_key(code.key()), "{} has no message", code.key());
            assert_ne!(code.message(Lang::Ru), code.key());
        }
    }

    #[test]
    fn accept_language_picks_the_first_supported() {
        assert_eq!(Lang::from_accept_language("kk-KZ,ru;q=0.8"), Lang::Kk);
        assert_eq!(Lang::from_accept_language("de, en;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::Ru);
        assert_eq!(Lang::from_accept_language("fr"), Lang::Ru);
    }

    #[test]
    fn missing_key_falls_back_to_the_key() {
        assert_eq!(text(Lang::En, "no.such.key"), "no.such.key");
    }
}
