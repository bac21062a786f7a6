//! What a finished upload holds: its SHA-256 and the MIME type its first bytes reveal.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

/// SHA-256 (hex) of a file and its first bytes (for sniffing), read in 1 MiB pieces.
pub fn hash_file(path: &Path) -> std::io::Result<(String, Vec<u8>)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1024 * 1024];
    let mut head = Vec::new();
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        if head.len() < 512 {
            head.extend_from_slice(&buffer[..n.min(512 - head.len())]);
        }
        hasher.update(&buffer[..n]);
    }
    Ok((hex::encode(hasher.finalize()), head))
}

/// The MIME type from the content's signature (the file name only tells zip formats apart).
pub fn sniff_mime(head: &[u8], file_name: &str) -> &'static str {
    let lower = file_name.to_lowercase();
    if head.starts_with(b"%PDF-") {
        "application/pdf"
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        "image/tiff"
    } else if head.starts_with(b"PK\x03\x04") {
        if lower.ends_with(".docx") {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        } else if lower.ends_with(".xlsx") {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        } else {
            "application/zip"
        }
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "application/x-ole-storage"
    } else if head.starts_with(b"Rar!") {
        "application/vnd.rar"
    } else if head.starts_with(b"7z\xBC\xAF\x27\x1C") {
        "application/x-7z-compressed"
    } else {
        "application/octet-stream"
    }
}
