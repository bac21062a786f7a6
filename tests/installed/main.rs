//! The Debian package as a user gets it: `dpkg -i` installs it on this machine, the installed
//! program runs under Xvfb and a person logs in; then signed updates from a static source —
//! version N finds N+1, checks its signature and installs it; a tampered package or manifest is
//! refused in words and the old version stays.
//!
//! `cargo xtask test` builds the packages first and names them in the environment:
//! `HOMEPORTAL_DEB_SHIPPED` (the package `cargo xtask bundle` makes), `HOMEPORTAL_DEB_CURRENT`
//! and `HOMEPORTAL_DEB_NEXT` (versions N and N+1 trusting the run's update key), the signature
//! `HOMEPORTAL_DEB_NEXT_SIG` and its version `HOMEPORTAL_DEB_NEXT_VERSION`.

// The end-to-end suite's driver of the app; these tests use only part of it.
#[allow(dead_code)]
#[path = "../e2e/app.rs"]
mod app;
mod package;
mod updates;
