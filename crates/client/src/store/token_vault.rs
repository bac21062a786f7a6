//! Where the session token lives: the operating system's keychain when one answers (Windows
//! Credential Manager, macOS Keychain, the Secret Service on Linux), else the local store. The
//! `session` table then holds a marker instead of the token.

use homeportal_domain::settings::TokenPlace;

/// The keychain service the token is filed under.
const SERVICE: &str = "kz.homeportal.desktop";
/// What the `session` table holds when the token is in the keychain.
pub const IN_KEYCHAIN: &str = "keychain:";

fn entry(device: &str) -> Option<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("session-{device}")).ok()
}

/// Files `token` in the keychain when it answers (read back to be sure); where it went.
pub fn put(device: &str, token: &str) -> TokenPlace {
    let kept = entry(device).is_some_and(|entry| {
        entry.set_password(token).is_ok() && entry.get_password().is_ok_and(|read| read == token)
    });
    if kept {
        TokenPlace::Keychain
    } else {
        TokenPlace::LocalStore
    }
}

/// The token filed in the keychain, if it is still there.
pub fn get(device: &str) -> Option<String> {
    entry(device).and_then(|entry| entry.get_password().ok())
}

/// Removes the token from the keychain (nothing to do when it is not there).
pub fn forget(device: &str) {
    if let Some(entry) = entry(device) {
        let _ = entry.delete_credential();
    }
}

/// Whether a keychain answers on this computer now.
pub fn available(device: &str) -> bool {
    let probe = format!("probe-{device}");
    let answered = put(&probe, "probe") == TokenPlace::Keychain;
    forget(&probe);
    answered
}
