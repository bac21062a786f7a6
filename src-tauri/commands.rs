//! Tauri commands: thin and typed. Requests and responses are `homeportal-domain` types; every
//! error is an `ErrorBody`.

use homeportal_domain::api::{AppInfo, LoginRequest, Profile, SetLanguageRequest};
use homeportal_domain::{ErrorBody, ErrorCode};
use tauri::State;

use crate::state::ShellState;
use crate::store::keys;

/// Version, server, language and the kept session (its profile refreshed when the server answers).
#[tauri::command]
pub async fn app_info(state: State<'_, ShellState>) -> Result<AppInfo, ErrorBody> {
    let lang = state.store.lang();
    let stored = state.store.session().map_err(|e| e.to_body(lang))?;
    let profile = match stored {
        None => None,
        Some(session) => match state.api.profile(&session.token, lang).await {
            Ok(fresh) => {
                state
                    .store
                    .save_session(&session.token, &fresh, now())
                    .map_err(|e| e.to_body(lang))?;
                Some(fresh)
            }
            Err(error) if error.code == ErrorCode::Unauthorized => {
                state.store.clear_session().map_err(|e| e.to_body(lang))?;
                None
            }
            // Offline: the cabinet opens with the profile last seen.
            Err(_) => Some(session.profile),
        },
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        server_mode: state.server_mode,
        server_url: state.api.base().to_owned(),
        lang,
        profile,
    })
}

/// Logs in with BIN and password, keeps the session, returns the profile.
#[tauri::command]
pub async fn login(
    app: tauri::AppHandle,
    state: State<'_, ShellState>,
    request: LoginRequest,
) -> Result<Profile, ErrorBody> {
    let lang = state.store.lang();
    let session = state.api.login(&request, lang).await?;
    let profile = state.api.profile(&session.token, lang).await?;
    state
        .store
        .save_session(&session.token, &profile, now())
        .map_err(|e| e.to_body(lang))?;
    crate::upload_service::resume_unfinished(&app);
    Ok(profile)
}

/// Logs out: the session is forgotten here even if the server cannot be told.
#[tauri::command]
pub async fn logout(state: State<'_, ShellState>) -> Result<(), ErrorBody> {
    let lang = state.store.lang();
    let stored = state.store.session().map_err(|e| e.to_body(lang))?;
    state.store.clear_session().map_err(|e| e.to_body(lang))?;
    if let Some(session) = stored {
        if let Err(error) = state.api.logout(&session.token, lang).await {
            tracing::warn!(%error, "server not told of the logout");
        }
    }
    Ok(())
}

/// Keeps the interface language on this computer.
#[tauri::command]
pub async fn set_language(
    state: State<'_, ShellState>,
    request: SetLanguageRequest,
) -> Result<(), ErrorBody> {
    state
        .store
        .set_setting(keys::LANG, request.lang.code())
        .map_err(|e| e.to_body(request.lang))
}

/// Seconds since the Unix epoch, UTC.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
