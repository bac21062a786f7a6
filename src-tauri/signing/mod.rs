//! Commands of «Подписать ЭЦП/QR»: NCALayer, eGov QR, NCALayer's port and download page.

use homeportal_client::signing;
use homeportal_domain::api::DocumentIdRequest;
use homeportal_domain::commands::NoArgs;
use homeportal_domain::signing::{
    NcaLayerPortRequest, QrSessionRequest, QrStatus, QrView, SignatureInfo,
};
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use crate::error::ShellError;
use crate::Shell;

/// Signs a document through NCALayer; the verified signature.
pub async fn sign_with_ncalayer(
    shell: &Shell,
    _: &AppHandle,
    request: DocumentIdRequest,
) -> Result<SignatureInfo, ShellError> {
    Ok(signing::sign_with_ncalayer(shell.desktop()?, request.id).await?)
}

/// Opens a QR signing session and draws its code.
pub async fn start_qr_signing(
    shell: &Shell,
    _: &AppHandle,
    request: DocumentIdRequest,
) -> Result<QrView, ShellError> {
    Ok(signing::start_qr(shell.desktop()?, request.id).await?)
}

/// How a QR session stands.
pub async fn qr_signing_status(
    shell: &Shell,
    _: &AppHandle,
    request: QrSessionRequest,
) -> Result<QrStatus, ShellError> {
    Ok(signing::qr_status(shell.desktop()?, &request.session_id).await?)
}

/// The port NCALayer is looked for on.
pub async fn ncalayer_port(shell: &Shell, _: &AppHandle, _: NoArgs) -> Result<u16, ShellError> {
    Ok(signing::ncalayer_config(shell.desktop()?).port)
}

/// Keeps another NCALayer port on this computer.
pub async fn set_ncalayer_port(
    shell: &Shell,
    _: &AppHandle,
    request: NcaLayerPortRequest,
) -> Result<u16, ShellError> {
    Ok(signing::set_ncalayer_port(shell.desktop()?, &request.port)?)
}

/// Opens NCALayer's download page in the browser.
pub async fn open_ncalayer_download(
    _: &Shell,
    app: &AppHandle,
    _: NoArgs,
) -> Result<(), ShellError> {
    app.opener()
        .open_url(signing::DOWNLOAD_URL, None::<&str>)
        .map_err(|e| ShellError::Opener(e.to_string()))
}
