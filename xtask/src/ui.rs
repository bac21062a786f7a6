//! Builds the Yew UI: cargo to wasm32, then wasm-bindgen (the library, at exactly the version
//! the lockfile pins for the UI — nothing is downloaded), then the static files.

use std::path::Path;

use crate::{cargo, root, step, target_dir};

const STATIC_FILES: [&str; 3] = ["index.html", "main.js", "style.css"];

/// Writes `ui/dist`: the wasm, its JS glue, the page, the stylesheet and the icon.
pub fn build(release: bool) -> Result<(), String> {
    let mut command = cargo();
    command.args([
        "build",
        "-p",
        "homeportal-ui",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    if release {
        command.arg("--release");
    }
    step("build the UI (wasm32)", &mut command)?;

    let profile = if release { "release" } else { "debug" };
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("homeportal_ui.wasm");
    let dist = root().join("ui").join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    println!("==> wasm-bindgen {}", wasm.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .typescript(false)
        .debug(!release)
        .generate(&dist)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;

    let source = root().join("ui").join("static");
    for name in STATIC_FILES {
        copy(&source.join(name), &dist.join(name))?;
    }
    copy(
        &root().join("icons").join("128x128.png"),
        &dist.join("icon.png"),
    )?;
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}
