//! Numbers as people read them in each language: sizes in the system's decimal units, integers
//! grouped by thousands, with the separators of the catalogue (`1 234,5` in ru and kk,
//! `1,234.5` in en).

use crate::i18n::{self, Lang};

/// Size units, smallest first, as catalogue keys.
const SIZE_UNITS: [&str; 4] = [
    "unit.byte",
    "unit.kilobyte",
    "unit.megabyte",
    "unit.gigabyte",
];

/// `1,5 МБ`, `820 КБ`: units are decimal (1 МБ = 1,000,000 bytes), as the system's file
/// dialogs count them.
pub fn size(bytes: u64, lang: Lang) -> String {
    let sep = i18n::text(lang, "format.decimal_separator");
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < 3 {
        value /= 1000.0;
        unit += 1;
    }
    let text = if unit == 0 {
        bytes.to_string()
    } else {
        format!("{value:.1}").replace('.', sep)
    };
    format!("{text} {}", i18n::text(lang, SIZE_UNITS[unit]))
}

/// `1 234 567` (ru, kk: a no-break space between thousands) or `1,234,567` (en).
pub fn integer(n: u64, lang: Lang) -> String {
    let sep = i18n::text(lang, "format.thousands_separator");
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_decimal_as_the_system_shows_them() {
        assert_eq!(size(50_000_000, Lang::Ru), "50,0 МБ");
        assert_eq!(size(50_000_000, Lang::En), "50.0 MB");
        assert_eq!(size(999, Lang::Ru), "999 Б");
        assert_eq!(size(553_000_000, Lang::Kk), "553,0 МБ");
        assert_eq!(size(1_500_000_000, Lang::Ru), "1,5 ГБ");
    }

    #[test]
    fn integers_are_grouped_by_thousands_per_language() {
        assert_eq!(integer(1_234_567, Lang::Ru), "1\u{a0}234\u{a0}567");
        assert_eq!(integer(1_234_567, Lang::Kk), "1\u{a0}234\u{a0}567");
        assert_eq!(integer(1_234_567, Lang::En), "1,234,567");
        assert_eq!(integer(999, Lang::Ru), "999");
        assert_eq!(integer(0, Lang::En), "0");
    }
}
