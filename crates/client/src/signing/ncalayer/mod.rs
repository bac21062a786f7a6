//! The client of the local NCALayer websocket: connect over TLS trusting NCALayer's chain (the
//! OS store NCALayer installs its root into, plus a configured CA — never "any certificate"),
//! read the greeting, send `kz.gov.pki.knca.basics` `sign`, and turn every answer into a CMS
//! or a clear error.

mod client;
mod reply;

pub use client::{sign_cms, NcaLayerConfig, SignOrder};

/// Where NCALayer can be downloaded.
pub const DOWNLOAD_URL: &str = "https://ncl.pki.gov.kz/";
