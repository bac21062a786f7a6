//! `cargo xtask bundle`: the release build and the Debian package, made with the `tauri-bundler`
//! crate from `tauri.conf.json` (no tauri-cli to install). Variants for the update test carry
//! another version and the test's update key, merged in through `TAURI_CONFIG` exactly as
//! tauri-cli merges `--config`.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tauri_bundler::bundle::{
    bundle_project, AppCategory, BundleBinary, BundleSettings, DebianSettings, PackageSettings,
    PackageType, SettingsBuilder,
};

use crate::{cargo, root, step, target_dir, ui};

/// The name of the app's binary (`[[bin]]` in the root `Cargo.toml`).
const BINARY: &str = "homeportal";

/// `cargo xtask bundle`: the shipped Debian package; prints where it is.
pub fn run() -> Result<(), String> {
    let deb = debian_package(&json!({}))?;
    println!("==> Debian package: {}", deb.display());
    Ok(())
}

/// Builds the app in release mode with `overrides` merged into `tauri.conf.json` and packs it as
/// a `.deb`; its path.
pub fn debian_package(overrides: &Value) -> Result<PathBuf, String> {
    ui::build(true)?;
    let config = merged_config(overrides)?;
    let mut build = cargo();
    build.args([
        "build",
        "--release",
        "-p",
        "homeportal",
        "--features",
        "custom-protocol",
    ]);
    // The same value for every build of the shipped package, so that switching between
    // commands does not rebuild it; variants differ only in what they merge.
    if overrides.as_object().is_some_and(|o| !o.is_empty()) {
        build.env("TAURI_CONFIG", overrides.to_string());
    } else {
        build.env_remove("TAURI_CONFIG");
    }
    step("release build of the app", &mut build)?;
    let out = target_dir().join("release");
    let settings = SettingsBuilder::new()
        .project_out_directory(&out)
        .package_types(vec![PackageType::Deb])
        .package_settings(package_settings(&config)?)
        .bundle_settings(bundle_settings(&config)?)
        .binaries(vec![BundleBinary::new(BINARY.into(), true)])
        .build()
        .map_err(|e| format!("bundle settings: {e}"))?;
    println!("==> pack the Debian package");
    let bundles = bundle_project(&settings).map_err(|e| format!("Debian package: {e}"))?;
    bundles
        .into_iter()
        .flat_map(|b| b.bundle_paths)
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .ok_or_else(|| "the bundler made no .deb".to_owned())
}

/// `tauri.conf.json` with `overrides` merged in (objects key by key, anything else replaced).
pub fn merged_config(overrides: &Value) -> Result<Value, String> {
    let path = root().join("tauri.conf.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut config: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    merge(&mut config, overrides);
    Ok(config)
}

fn merge(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(base), Value::Object(patch)) => {
            for (key, value) in patch {
                merge(base.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
        (base, patch) => *base = patch.clone(),
    }
}

fn text(config: &Value, pointer: &str) -> Result<String, String> {
    config
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("tauri.conf.json has no {pointer}"))
}

fn texts(config: &Value, pointer: &str) -> Option<Vec<String>> {
    config
        .pointer(pointer)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
}

fn package_settings(config: &Value) -> Result<PackageSettings, String> {
    Ok(PackageSettings {
        product_name: text(config, "/productName")?,
        version: text(config, "/version")?,
        description: text(config, "/bundle/shortDescription")?,
        homepage: None,
        authors: None,
        default_run: Some(BINARY.into()),
    })
}

fn bundle_settings(config: &Value) -> Result<BundleSettings, String> {
    let icons = texts(config, "/bundle/icon")
        .unwrap_or_default()
        .into_iter()
        .map(|icon| absolute(&icon))
        .collect();
    let category = text(config, "/bundle/category")?
        .parse::<AppCategory>()
        .map_err(|e| format!("bundle category: {e:?}"))?;
    Ok(BundleSettings {
        identifier: Some(text(config, "/identifier")?),
        publisher: config
            .pointer("/bundle/publisher")
            .and_then(Value::as_str)
            .map(str::to_owned),
        icon: Some(icons),
        category: Some(category),
        short_description: Some(text(config, "/bundle/shortDescription")?),
        long_description: config
            .pointer("/bundle/longDescription")
            .and_then(Value::as_str)
            .map(str::to_owned),
        deb: DebianSettings {
            depends: texts(config, "/bundle/linux/deb/depends"),
            ..DebianSettings::default()
        },
        ..BundleSettings::default()
    })
}

fn absolute(relative: &str) -> String {
    Path::new(&root())
        .join(relative)
        .to_string_lossy()
        .into_owned()
}
