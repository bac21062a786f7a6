//! Windows Installer accepts only numeric versions: `major.minor.patch` with major and minor at
//! most 255 and patch at most 65535, and a pre-release, if any, a number up to 65535
//! (`1.2.0-beta.1` fails the MSI build). The bundle's version is the crate's.

fn config() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json"))
        .expect("tauri.conf.json");
    serde_json::from_str(&text).expect("tauri.conf.json is JSON")
}

/// Why `version` cannot be an MSI version, if it cannot.
fn msi_refusal(version: &str) -> Option<String> {
    let (core, pre) = match version.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (version, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return Some(format!("{version}: not major.minor.patch"));
    }
    for (part, limit) in parts.iter().zip([255u32, 255, 65535]) {
        match part.parse::<u32>() {
            Ok(n) if n <= limit => {}
            _ => return Some(format!("{version}: {part} is not a number up to {limit}")),
        }
    }
    match pre.map(str::parse::<u32>) {
        None | Some(Ok(0..=65535)) => None,
        Some(_) => Some(format!(
            "{version}: the pre-release must be a number up to 65535"
        )),
    }
}

#[test]
fn the_bundle_version_is_numeric_as_msi_requires_and_is_the_crates() {
    let version = config()["version"]
        .as_str()
        .expect("a version in tauri.conf.json")
        .to_owned();
    assert_eq!(msi_refusal(&version), None);
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn msi_rules_refuse_what_windows_installer_refuses() {
    assert_eq!(msi_refusal("1.2.0"), None);
    assert_eq!(msi_refusal("1.2.0-7"), None);
    assert!(msi_refusal("1.2.0-beta.1").is_some());
    assert!(msi_refusal("256.0.0").is_some());
    assert!(msi_refusal("1.2").is_some());
    assert!(msi_refusal("1.2.65536").is_some());
}
