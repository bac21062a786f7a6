//! The app's log: a file in the data folder's `logs` (else the system's log folder) that rotates
//! at a size holding a busy day of work and keeps a week of files. The shell, the core and the
//! embedded server log through `tracing`, which reaches this file through `log`.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use log::LevelFilter;
use tauri::{Manager, Runtime};
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

use crate::test_pki::Build;

/// The log file's size before it rotates: a day of work at the info level is a few megabytes.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// Rotated files kept beside the current one.
pub const KEPT_FILES: usize = 7;
/// The log file's name, without `.log`; rotated ones add `_<date>`.
const FILE_NAME: &str = "homeportal";
/// Libraries whose routine chatter would fill the file.
const QUIET: &[&str] = &[
    "hyper",
    "hyper_util",
    "reqwest",
    "rustls",
    "tao",
    "wry",
    "zbus",
    "tungstenite",
    "tokio_tungstenite",
    "tracing",
];

/// The folder of the log: `<HOMEPORTAL_DATA_DIR>/logs` when the data folder is given, else the
/// system's log folder for the app.
pub fn folder<R: Runtime>(app: &tauri::AppHandle<R>) -> Option<PathBuf> {
    match std::env::var_os("HOMEPORTAL_DATA_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join("logs")),
        None => app.path().app_log_dir().ok(),
    }
}

/// The size at which the file rotates: `HOMEPORTAL_LOG_MAX_BYTES` in a development build (the
/// rotation test), else [`MAX_FILE_BYTES`].
fn max_file_bytes() -> u64 {
    match Build::THIS {
        Build::Development => std::env::var("HOMEPORTAL_LOG_MAX_BYTES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(MAX_FILE_BYTES),
        Build::Release => MAX_FILE_BYTES,
    }
}

/// The level: `HOMEPORTAL_LOG` (`error` … `trace`), else `info`.
fn level() -> LevelFilter {
    std::env::var("HOMEPORTAL_LOG")
        .ok()
        .and_then(|v| LevelFilter::from_str(v.trim()).ok())
        .unwrap_or(LevelFilter::Info)
}

/// The log plugin: the rotating file and the standard error stream.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    let file = match std::env::var_os("HOMEPORTAL_DATA_DIR") {
        Some(dir) => TargetKind::Folder {
            path: PathBuf::from(dir).join("logs"),
            file_name: Some(FILE_NAME.into()),
        },
        None => TargetKind::LogDir {
            file_name: Some(FILE_NAME.into()),
        },
    };
    let mut builder = tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(file))
        .target(Target::new(TargetKind::Stderr))
        .max_file_size(u128::from(max_file_bytes()))
        .rotation_strategy(RotationStrategy::KeepSome(KEPT_FILES))
        .level(level());
    for module in QUIET {
        builder = builder.level_for(*module, LevelFilter::Warn);
    }
    builder.build()
}

/// The log's files, oldest first: rotated ones by their date, then the current one.
pub fn files(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut rotated: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{FILE_NAME}_")))
        })
        .collect();
    rotated.sort();
    let current = folder.join(format!("{FILE_NAME}.log"));
    if current.is_file() {
        rotated.push(current);
    }
    rotated
}

/// Writes every file of the log, oldest first, into one file at `dest` for support.
pub fn save_for_support(folder: &Path, dest: &Path) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(dest)?);
    for file in files(folder) {
        use std::io::Write;
        writeln!(out, "===== {} =====", file.display())?;
        std::io::copy(&mut std::fs::File::open(&file)?, &mut out)?;
    }
    std::io::Write::flush(&mut out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_file_holds_rotated_files_oldest_first_then_the_current_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("homeportal.log"), "now\n").expect("current");
        std::fs::write(
            dir.path().join("homeportal_2026-12-02_10-00-00.log"),
            "later\n",
        )
        .expect("rotated");
        std::fs::write(
            dir.path().join("homeportal_2026-12-01_09-00-00.log"),
            "earlier\n",
        )
        .expect("rotated");
        std::fs::write(dir.path().join("other.txt"), "not the log\n").expect("other");
        let dest = dir.path().join("support.log");
        save_for_support(dir.path(), &dest).expect("saved");
        let text = std::fs::read_to_string(dest).expect("read");
        let order: Vec<usize> = ["earlier", "later", "now"]
            .iter()
            .map(|w| text.find(w).expect("every file is there"))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(!text.contains("not the log"));
    }
}
