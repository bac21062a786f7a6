//! Commands of «Подписать ЭЦП/QR»: sign a document through NCALayer, or open a QR session the
//! eGov Business app signs, and follow it; open NCALayer's download page.

use base64::Engine;
use homeportal_domain::api::DocumentIdRequest;
use homeportal_domain::signing::{
    NcaLayerPortRequest, QrSessionRequest, QrStatus, QrView, SignatureInfo,
};
use homeportal_domain::{ErrorBody, ErrorCode, FieldError};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::ncalayer::{self, NcaLayerConfig, SignOrder};
use crate::qr_image;
use crate::state::ShellState;

/// EKU of a signing key.
const SIGN_KEY: &str = "1.3.6.1.5.5.7.3.4";
/// Side of the QR image in pixels.
const QR_SIZE: u32 = 280;

/// NCALayer's port and extra CA: settings `ncalayer_port` / `ncalayer_ca`, overridden by
/// `HOMEPORTAL_NCALAYER_PORT` / `HOMEPORTAL_NCALAYER_CA`.
fn ncalayer_config(state: &ShellState) -> NcaLayerConfig {
    let setting = |env: &str, key: &str| {
        std::env::var(env)
            .ok()
            .or_else(|| state.store.setting(key).ok().flatten())
    };
    let mut config = NcaLayerConfig::default();
    if let Some(port) =
        setting("HOMEPORTAL_NCALAYER_PORT", "ncalayer_port").and_then(|p| p.parse().ok())
    {
        config.port = port;
    }
    config.extra_ca = setting("HOMEPORTAL_NCALAYER_CA", "ncalayer_ca").map(Into::into);
    config
}

/// Signs a document through NCALayer (the head's or a signatory's SIGN key of this
/// organisation) and hands the signature to the server, which verifies and keeps it.
#[tauri::command]
pub async fn sign_with_ncalayer(
    state: State<'_, ShellState>,
    request: DocumentIdRequest,
) -> Result<SignatureInfo, ErrorBody> {
    let lang = state.store.lang();
    let session = state.signed_in()?;
    let manifest = state.api.manifest(&session.token, request.id, lang).await?;
    let data = base64::engine::general_purpose::STANDARD.encode(manifest.text.as_bytes());
    let bin = session.profile.bin.as_string();
    let order = SignOrder {
        data: &data,
        bin: &bin,
        ext_key_usage: &[SIGN_KEY],
        attached: false,
    };
    let cms = ncalayer::sign_cms(&ncalayer_config(&state), &order, lang).await?;
    state
        .api
        .submit_signature(&session.token, request.id, cms, lang)
        .await
}

/// Opens a QR signing session and draws its code.
#[tauri::command]
pub async fn start_qr_signing(
    state: State<'_, ShellState>,
    request: DocumentIdRequest,
) -> Result<QrView, ErrorBody> {
    let lang = state.store.lang();
    let session = state.signed_in()?;
    let qr = state.api.start_qr(&session.token, request.id, lang).await?;
    let image = qr_image::data_url(&qr.qr_text, QR_SIZE).map_err(|e| {
        tracing::warn!(error = %e, "QR not drawn");
        ErrorBody::new(ErrorCode::Internal, lang)
    })?;
    Ok(QrView {
        session_id: qr.id,
        qr_text: qr.qr_text,
        image,
        expires_in: qr.expires_in,
    })
}

/// How a QR session stands.
#[tauri::command]
pub async fn qr_signing_status(
    state: State<'_, ShellState>,
    request: QrSessionRequest,
) -> Result<QrStatus, ErrorBody> {
    let lang = state.store.lang();
    let session = state.signed_in()?;
    state
        .api
        .qr_status(&session.token, &request.session_id, lang)
        .await
}

/// The port NCALayer is looked for on.
#[tauri::command]
pub async fn ncalayer_port(state: State<'_, ShellState>) -> Result<u16, ErrorBody> {
    Ok(ncalayer_config(&state).port)
}

/// Keeps another NCALayer port on this computer (setting `ncalayer_port`).
#[tauri::command]
pub async fn set_ncalayer_port(
    state: State<'_, ShellState>,
    request: NcaLayerPortRequest,
) -> Result<u16, ErrorBody> {
    let lang = state.store.lang();
    let port = request
        .port
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| {
            ErrorBody::validation(
                vec![FieldError {
                    field: "port".to_owned(),
                    rule: "rule.port.range".to_owned(),
                    message: homeportal_domain::i18n::text(lang, "rule.port.range").to_owned(),
                }],
                lang,
            )
        })?;
    state
        .store
        .set_setting("ncalayer_port", &port.to_string())
        .map_err(|e| e.to_body(lang))?;
    Ok(port)
}

/// Opens NCALayer's download page in the browser.
#[tauri::command]
pub async fn open_ncalayer_download(app: AppHandle) -> Result<(), ErrorBody> {
    app.opener()
        .open_url(ncalayer::DOWNLOAD_URL, None::<&str>)
        .map_err(|e| {
            tracing::warn!(error = %e, "browser not opened");
            ErrorBody::new(ErrorCode::Internal, homeportal_domain::Lang::Ru)
        })
}
