//! The installed-package tests: builds the shipped Debian package, and versions N and N+1 that
//! trust an update key made for this run, signs N+1, and runs `tests/installed` against them
//! (they install with `dpkg -i`, so they need root).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::bundle::{debian_package, merged_config};
use crate::update_feed::UpdateKey;
use crate::{root, step, target_dir};

/// Copies the package just built to `name` in the test folder (the next build replaces it).
fn keep(deb: &Path, name: &str) -> Result<PathBuf, String> {
    let folder = target_dir().join("installed-test");
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let kept = folder.join(name);
    std::fs::copy(deb, &kept).map_err(|e| format!("{}: {e}", kept.display()))?;
    Ok(kept)
}

/// The version after `version` (its patch number plus one).
fn next_version(version: &str) -> Result<String, String> {
    let (head, patch) = version
        .rsplit_once('.')
        .ok_or_else(|| format!("{version} is not major.minor.patch"))?;
    let patch: u32 = patch
        .parse()
        .map_err(|_| format!("{version}: the patch is not a number"))?;
    Ok(format!("{head}.{}", patch + 1))
}

/// What the test builds merge into the configuration: a version and the run's update key,
/// and plain HTTP for the loopback update source.
fn test_build(version: &str, key: &UpdateKey) -> Result<Value, String> {
    Ok(json!({
        "version": version,
        "plugins": { "updater": {
            "pubkey": key.public()?,
            "dangerousInsecureTransportProtocol": true,
        }},
    }))
}

/// Builds the packages and runs the installed-package tests.
pub fn run() -> Result<(), String> {
    if !crate::setup::is_root() {
        println!("==> installed-package tests need root (dpkg -i): not run by this user");
        return Ok(());
    }
    let shipped = keep(&debian_package(&json!({}))?, "shipped.deb")?;
    let version = merged_config(&json!({}))?["version"]
        .as_str()
        .ok_or("tauri.conf.json has no version")?
        .to_owned();
    let next = next_version(&version)?;
    let key = UpdateKey::generate()?;
    let current = keep(
        &debian_package(&test_build(&version, &key)?)?,
        "current.deb",
    )?;
    let newer = keep(&debian_package(&test_build(&next, &key)?)?, "next.deb")?;
    let signature = key.sign(&newer)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut tests = Command::new("xvfb-run");
    tests
        .current_dir(root())
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(cargo)
        .args([
            "test",
            "-p",
            "homeportal",
            "--features",
            "installed-package-tests",
            "--test",
            "installed",
        ])
        .env("HOMEPORTAL_DEB_SHIPPED", &shipped)
        .env("HOMEPORTAL_DEB_CURRENT", &current)
        .env("HOMEPORTAL_DEB_NEXT", &newer)
        .env("HOMEPORTAL_DEB_NEXT_SIG", signature)
        .env("HOMEPORTAL_DEB_NEXT_VERSION", &next);
    step(
        "installed-package tests (dpkg -i, login, updates)",
        &mut tests,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_version_raises_the_patch() {
        assert_eq!(next_version("0.1.0").as_deref(), Ok("0.1.1"));
        assert_eq!(next_version("1.9.41").as_deref(), Ok("1.9.42"));
        assert!(next_version("1.2").is_ok_and(|v| v == "1.3"));
        assert!(next_version("x").is_err());
    }
}
