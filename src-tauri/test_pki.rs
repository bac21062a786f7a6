//! The test PKI for one run of a development build (`cargo xtask run` sets
//! `HOMEPORTAL_TEST_PKI` to the folder the fake NCALayer exported): the embedded server trusts
//! its `trust.pem`, and the window says so in a banner. A build for clients ignores the
//! variable, so it never trusts the test PKI.

use std::path::PathBuf;

/// How this program was built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// A development build (debug assertions on).
    Development,
    /// A build for clients.
    Release,
}

impl Build {
    /// This program's build.
    pub const THIS: Build = if cfg!(debug_assertions) {
        Build::Development
    } else {
        Build::Release
    };
}

/// The exported test PKI of this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestPki {
    /// The folder.
    pub folder: PathBuf,
}

impl TestPki {
    /// The roots the embedded server trusts in this run.
    pub fn trust_bundle(&self) -> PathBuf {
        self.folder.join("trust.pem")
    }
}

/// The test PKI named by `variable` (the value of `HOMEPORTAL_TEST_PKI`), honoured only in a
/// development build.
pub fn from(build: Build, variable: Option<std::ffi::OsString>) -> Option<TestPki> {
    match build {
        Build::Development => variable.filter(|v| !v.is_empty()).map(|folder| TestPki {
            folder: folder.into(),
        }),
        Build::Release => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_for_clients_never_takes_the_test_pki() {
        let folder = Some(std::ffi::OsString::from("/tmp/test-pki"));
        assert_eq!(from(Build::Release, folder.clone()), None);
        assert_eq!(
            from(Build::Development, folder).map(|p| p.trust_bundle()),
            Some(PathBuf::from("/tmp/test-pki/trust.pem"))
        );
        assert_eq!(from(Build::Development, Some("".into())), None);
    }
}
