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
    // Generated beside the target, then copied into `ui/dist` only where a file changed: the
    // app embeds `ui/dist`, and a rewritten file with the same bytes would rebuild it.
    let staging = target_dir().join("ui-dist").join(profile);
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)
        .map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
    println!("==> wasm-bindgen {}", wasm.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .typescript(false)
        .debug(!release)
        .generate(&staging)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    let source = root().join("ui").join("static");
    for name in STATIC_FILES {
        copy(&source.join(name), &staging.join(name))?;
    }
    copy(
        &root().join("icons").join("128x128.png"),
        &staging.join("icon.png"),
    )?;
    let dist = root().join("ui").join("dist");
    sync(&staging, &dist)
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Makes `to` hold exactly the files of `from`, writing only those whose bytes differ.
fn sync(from: &Path, to: &Path) -> Result<(), String> {
    let fail = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    std::fs::create_dir_all(to).map_err(|e| fail(to, e))?;
    let mut wanted = Vec::new();
    for entry in std::fs::read_dir(from)
        .map_err(|e| fail(from, e))?
        .flatten()
    {
        let name = entry.file_name();
        let bytes = std::fs::read(entry.path()).map_err(|e| fail(&entry.path(), e))?;
        let target = to.join(&name);
        if std::fs::read(&target).ok().as_deref() != Some(bytes.as_slice()) {
            std::fs::write(&target, &bytes).map_err(|e| fail(&target, e))?;
        }
        wanted.push(name);
    }
    for entry in std::fs::read_dir(to).map_err(|e| fail(to, e))?.flatten() {
        if !wanted.contains(&entry.file_name()) && entry.path().is_file() {
            std::fs::remove_file(entry.path()).map_err(|e| fail(&entry.path(), e))?;
        }
    }
    Ok(())
}
