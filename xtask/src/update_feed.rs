//! Signed update feeds: `latest.json` as the updater reads it, and minisign signatures of the
//! artifacts made with a key the build holds. The release workflow writes the manifest from the
//! signatures tauri-cli made (`release-manifest`); the update test signs its own feed with a key
//! made for the run.

use std::path::{Path, PathBuf};

use base64::Engine;
use serde_json::{json, Map, Value};

/// A key pair for signing updates.
pub struct UpdateKey {
    pair: minisign::KeyPair,
}

impl UpdateKey {
    /// A new key pair without a password (for one test run only).
    pub fn generate() -> Result<UpdateKey, String> {
        minisign::KeyPair::generate_unencrypted_keypair()
            .map(|pair| UpdateKey { pair })
            .map_err(|e| format!("update key: {e}"))
    }

    /// The public key as `plugins.updater.pubkey` takes it (base64 of minisign's key file).
    pub fn public(&self) -> Result<String, String> {
        let text = self
            .pair
            .pk
            .to_box()
            .map_err(|e| format!("public key: {e}"))?
            .to_string();
        Ok(base64::engine::general_purpose::STANDARD.encode(text))
    }

    /// The signature of `file` as a manifest carries it (base64 of minisign's signature file).
    pub fn sign(&self, file: &Path) -> Result<String, String> {
        let data = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let trusted = format!("file:{name}");
        let signature = minisign::sign(
            Some(&self.pair.pk),
            &self.pair.sk,
            data,
            Some(&trusted),
            Some("signature from the Homeportal Desktop build"),
        )
        .map_err(|e| format!("signing {}: {e}", file.display()))?;
        Ok(base64::engine::general_purpose::STANDARD.encode(signature.to_string()))
    }
}

/// `cargo xtask update-key <file>`: a release key pair protected by the password in
/// `TAURI_SIGNING_PRIVATE_KEY_PASSWORD`; writes the private key (the value of the
/// `TAURI_SIGNING_PRIVATE_KEY` secret) to `<file>` and prints the public key for
/// `plugins.updater.pubkey` in `tauri.conf.json`.
pub fn release_key(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err("usage: cargo xtask update-key <file for the private key>".into());
    };
    let password = std::env::var("TAURI_SIGNING_PRIVATE_KEY_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or("set TAURI_SIGNING_PRIVATE_KEY_PASSWORD to the password that protects the key")?;
    let pair = minisign::KeyPair::generate_encrypted_keypair(Some(password))
        .map_err(|e| format!("key pair: {e}"))?;
    let secret = pair
        .sk
        .to_box(None)
        .map_err(|e| format!("private key: {e}"))?
        .to_string();
    let engine = base64::engine::general_purpose::STANDARD;
    std::fs::write(file, engine.encode(secret)).map_err(|e| format!("{file}: {e}"))?;
    let public = UpdateKey { pair }.public()?;
    println!("private key written to {file}; the public key for tauri.conf.json:\n{public}");
    Ok(())
}

/// One platform's entry of the manifest.
pub struct Platform {
    /// The updater's target, e.g. `linux-x86_64-deb`, `windows-x86_64-nsis`.
    pub target: String,
    /// Where the artifact is downloaded from.
    pub url: String,
    /// Its signature (base64 of minisign's signature file).
    pub signature: String,
}

/// `latest.json` for `version` with `notes` and its platforms.
pub fn manifest(version: &str, notes: &str, platforms: &[Platform]) -> Value {
    let entries: Map<String, Value> = platforms
        .iter()
        .map(|p| {
            (
                p.target.clone(),
                json!({ "url": p.url, "signature": p.signature }),
            )
        })
        .collect();
    json!({
        "version": version,
        "notes": notes,
        "pub_date": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "platforms": entries,
    })
}

/// The updater target of a signed artifact, from its file name.
fn target_of(file: &Path) -> Option<&'static str> {
    let name = file.file_name()?.to_str()?;
    if name.ends_with(".msi") {
        Some("windows-x86_64-msi")
    } else if name.ends_with("-setup.exe") {
        Some("windows-x86_64-nsis")
    } else if name.ends_with(".app.tar.gz") {
        Some(if name.contains("aarch64") {
            "darwin-aarch64"
        } else {
            "darwin-x86_64"
        })
    } else if name.ends_with(".deb") {
        Some("linux-x86_64-deb")
    } else {
        None
    }
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// `cargo xtask release-manifest <artifacts> <base url>`: `latest.json` from every artifact
/// that has a `.sig` beside it (the intranet build's installers are left out: its WebView2
/// offline installer is not what an update should download).
pub fn release_manifest(args: &[String]) -> Result<(), String> {
    let [artifacts, base_url] = args else {
        return Err("usage: cargo xtask release-manifest <artifacts folder> <base url>".into());
    };
    let config = crate::bundle::merged_config(&json!({}))?;
    let version = config["version"]
        .as_str()
        .ok_or("tauri.conf.json has no version")?;
    let mut files = Vec::new();
    files_under(Path::new(artifacts), &mut files);
    let mut platforms = Vec::new();
    for file in &files {
        if file.to_string_lossy().contains("intranet") {
            continue;
        }
        let (Some(target), Some(name)) = (target_of(file), file.file_name()) else {
            continue;
        };
        let sig = PathBuf::from(format!("{}.sig", file.display()));
        let Ok(signature) = std::fs::read_to_string(&sig) else {
            continue;
        };
        let name = name.to_string_lossy();
        platforms.push(Platform {
            target: target.into(),
            url: format!(
                "{}/{}",
                base_url.trim_end_matches('/'),
                name.replace(' ', ".")
            ),
            signature: signature.trim().to_owned(),
        });
    }
    if platforms.is_empty() {
        return Err(format!("no signed artifacts under {artifacts}"));
    }
    let notes = format!("Homeportal Desktop {version}");
    let text = serde_json::to_string_pretty(&manifest(version, &notes, &platforms))
        .map_err(|e| e.to_string())?;
    std::fs::write("latest.json", text).map_err(|e| format!("latest.json: {e}"))?;
    println!(
        "==> latest.json for {version}: {} platforms",
        platforms.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifacts_name_their_updater_targets() {
        assert_eq!(
            target_of(Path::new("Homeportal Desktop_0.1.0_x64_en-US.msi")),
            Some("windows-x86_64-msi")
        );
        assert_eq!(
            target_of(Path::new("Homeportal Desktop_0.1.0_x64-setup.exe")),
            Some("windows-x86_64-nsis")
        );
        assert_eq!(
            target_of(Path::new("Homeportal Desktop_0.1.0_amd64.deb")),
            Some("linux-x86_64-deb")
        );
        assert_eq!(target_of(Path::new("notes.txt")), None);
    }
}
