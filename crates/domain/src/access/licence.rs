//! The Лицензионное соглашение of the cabinet: shown at registration and signed with the
//! organisation's SIGN key. The server verifies the signature over exactly these bytes.

use sha2::{Digest, Sha256};

/// The agreement's text (UTF-8), as shown and as signed.
pub const TEXT: &str = include_str!("../../data/licence_ru.txt");

/// SHA-256 of [`TEXT`], hex: which version of the agreement a signature accepted.
pub fn sha256_hex() -> String {
    Sha256::digest(TEXT.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
