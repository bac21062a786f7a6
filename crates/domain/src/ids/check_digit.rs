//! The two-pass mod-11 check digit shared by IIN and BIN (Government Resolution No. 406).

const FIRST_PASS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit of the first eleven digits, or `None` when both passes give 10
/// (such numbers are never issued).
pub fn compute(digits: &[u8; 12]) -> Option<u8> {
    let weighted = |weights: &[u32; 11]| -> u32 {
        digits[..11]
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(*d) * w)
            .sum::<u32>()
            % 11
    };
    let first = weighted(&FIRST_PASS);
    let check = if first == 10 {
        weighted(&SECOND_PASS)
    } else {
        first
    };
    (check != 10).then_some(check as u8)
}

/// Splits a string of exactly twelve ASCII digits; surrounding spaces are ignored.
pub fn twelve_digits(input: &str) -> Option<[u8; 12]> {
    let trimmed = input.trim();
    if trimmed.len() != 12 {
        return None;
    }
    let mut out = [0u8; 12];
    for (slot, byte) in out.iter_mut().zip(trimmed.bytes()) {
        if !byte.is_ascii_digit() {
            return None;
        }
        *slot = byte - b'0';
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_examples_from_the_reference() {
        let d = |s: &str| twelve_digits(s).expect("12 digits");
        assert_eq!(compute(&d("940140000385")), Some(5));
        assert_eq!(compute(&d("961141000023")), Some(3));
        assert_eq!(compute(&d("830717350867")), Some(7));
        assert_eq!(compute(&d("000813159890")), None);
    }

    #[test]
    fn rejects_anything_but_twelve_digits() {
        assert!(twelve_digits("12345678901").is_none());
        assert!(twelve_digits("1234567890123").is_none());
        assert!(twelve_digits("12345678901a").is_none());
        assert!(twelve_digits("１２３４５６７８９０１２").is_none());
        assert!(twelve_digits(" 940140000385 ").is_some());
    }
}
