//! Finding a one-time code in a message, as a person reads it.

/// The first run of exactly six digits in `text`.
pub fn six_digits(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut start = None;
    for (i, byte) in bytes.iter().chain(std::iter::once(&b' ')).enumerate() {
        match (byte.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                if i - from == 6 {
                    return Some(text[from..i].to_owned());
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}
