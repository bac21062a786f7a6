//! «Подписать ЭЦП/QR»: sign a document's manifest through NCALayer and hand the CMS to the
//! server, or open an eGov QR session and draw its code.

pub mod ncalayer;
pub mod qr;

use std::path::Path;

use base64::Engine;
use homeportal_domain::signing::{QrStatus, QrView, SignatureInfo, PORT_RANGE};

use crate::error::{ClientError, Result};
use crate::store::settings::Setting;
use crate::{trust, Desktop};
pub use ncalayer::{NcaLayerConfig, SignOrder, DOWNLOAD_URL};

/// EKU of a signing key.
pub(crate) const SIGN_KEY: &str = "1.3.6.1.5.5.7.3.4";
/// EKU of an authentication key.
pub(crate) const AUTH_KEY: &str = "1.3.6.1.5.5.7.3.2";
/// Side of the QR image in pixels.
pub(crate) const QR_SIZE: u32 = 280;

/// NCALayer's port and extra CA: settings, overridden by `HOMEPORTAL_NCALAYER_PORT` /
/// `HOMEPORTAL_NCALAYER_CA`.
pub fn ncalayer_config(desktop: &Desktop) -> NcaLayerConfig {
    let setting = |env: &str, key: Setting| {
        std::env::var(env)
            .ok()
            .or_else(|| desktop.store().setting(key).ok().flatten())
    };
    let mut config = NcaLayerConfig::default();
    if let Some(port) =
        setting("HOMEPORTAL_NCALAYER_PORT", Setting::NcaLayerPort).and_then(|p| p.parse().ok())
    {
        config.port = port;
    }
    config.extra_ca = setting("HOMEPORTAL_NCALAYER_CA", Setting::NcaLayerCa)
        .filter(|path| !path.is_empty())
        .map(Into::into);
    config
}

/// The name of NCALayer's CA imported in the settings, in the data folder.
const NCALAYER_CA_FILE: &str = "ncalayer-ca.pem";

/// The certificates NCALayer's connection is checked against besides the system's roots.
pub fn ncalayer_ca_certificates(desktop: &Desktop) -> u32 {
    ncalayer_config(desktop)
        .extra_ca
        .map_or(0, |path| trust::certificates_at(&path))
}

/// Imports the PEM at `from` as NCALayer's CA: copied into `data_dir` (the original may move)
/// and kept in the settings; its certificates. A file with none is refused, the old CA kept.
pub fn import_ncalayer_ca(desktop: &Desktop, from: &Path, data_dir: &Path) -> Result<u32> {
    let kept = data_dir.join(NCALAYER_CA_FILE);
    let count = trust::import(from, &kept)?;
    desktop
        .store()
        .set_setting(Setting::NcaLayerCa, &kept.to_string_lossy())?;
    Ok(count)
}

/// Forgets the imported CA: NCALayer's certificate is then checked against the system's roots.
pub fn forget_ncalayer_ca(desktop: &Desktop) -> Result<()> {
    desktop.store().set_setting(Setting::NcaLayerCa, "")
}

/// Keeps another NCALayer port on this computer; the port kept.
pub fn set_ncalayer_port(desktop: &Desktop, typed: &str) -> Result<u16> {
    let port = typed
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| ClientError::Invalid(vec![("port".into(), PORT_RANGE.into())]))?;
    desktop
        .store()
        .set_setting(Setting::NcaLayerPort, &port.to_string())?;
    Ok(port)
}

/// Signs document `id` through NCALayer (a SIGN key of this organisation) and hands the
/// signature to the server, which verifies and keeps it.
pub async fn sign_with_ncalayer(desktop: &Desktop, id: i64) -> Result<SignatureInfo> {
    let (api, session) = desktop.signed_in()?;
    let manifest = api.manifest(id).await?;
    let data = base64::engine::general_purpose::STANDARD.encode(manifest.text.as_bytes());
    let bin = session.profile.bin.as_string();
    let order = SignOrder {
        data: &data,
        bin: Some(&bin),
        ext_key_usage: &[SIGN_KEY],
        attached: false,
    };
    let cms = ncalayer::sign_cms(&ncalayer_config(desktop), &order, desktop.lang()).await?;
    api.submit_signature(id, cms).await
}

/// Opens a QR signing session for document `id` and draws its code.
pub async fn start_qr(desktop: &Desktop, id: i64) -> Result<QrView> {
    let (api, _) = desktop.signed_in()?;
    let qr = api.start_qr(id).await?;
    let image = qr::data_url(&qr.qr_text, QR_SIZE)?;
    Ok(QrView {
        session_id: qr.id,
        qr_text: qr.qr_text,
        image,
        expires_in: qr.expires_in,
    })
}

/// How QR session `id` stands.
pub async fn qr_status(desktop: &Desktop, id: &str) -> Result<QrStatus> {
    let (api, _) = desktop.signed_in()?;
    api.qr_status(id).await
}
