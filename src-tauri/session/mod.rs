//! Commands of the session: who we are, log in, log out, the interface language.

use homeportal_client::session;
use homeportal_client::store::settings::Setting;
use homeportal_domain::api::{AppInfo, LoginRequest, Profile, SetLanguageRequest};
use homeportal_domain::commands::NoArgs;
use tauri::AppHandle;

use crate::error::ShellError;
use crate::Shell;

/// Version, server, language and the kept session (its profile refreshed when the server
/// answers); before the first run's choice, no server and no session.
pub async fn app_info(shell: &Shell, _: &AppHandle, _: NoArgs) -> Result<AppInfo, ShellError> {
    let (server_mode, server_url, profile) = match shell.connection() {
        Some(connection) => (
            Some(connection.server_mode),
            connection.desktop.api().base().to_owned(),
            session::current_profile(&connection.desktop).await?,
        ),
        None => (None, String::new(), None),
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        server_mode,
        server_url,
        lang: shell.lang(),
        profile,
        test_mode: shell.test_pki.is_some(),
    })
}

/// Logs in with BIN and password; the profile.
pub async fn login(
    shell: &Shell,
    _: &AppHandle,
    request: LoginRequest,
) -> Result<Profile, ShellError> {
    Ok(session::login(shell.desktop()?, &request).await?)
}

/// Logs out (forgotten here even if the server cannot be told).
pub async fn logout(shell: &Shell, _: &AppHandle, _: NoArgs) -> Result<(), ShellError> {
    Ok(session::logout(shell.desktop()?).await?)
}

/// Keeps the interface language on this computer.
pub async fn set_language(
    shell: &Shell,
    app: &AppHandle,
    request: SetLanguageRequest,
) -> Result<(), ShellError> {
    crate::window::set_title(app, request.lang);
    Ok(shell
        .store
        .set_setting(Setting::Lang, request.lang.code())?)
}

/// «Закрыть» although files upload: the close goes on (they resume at the next start).
pub async fn confirm_close(shell: &Shell, app: &AppHandle, _: NoArgs) -> Result<(), ShellError> {
    crate::window::confirm_close(app, shell.desktop()?);
    Ok(())
}

/// The forms saved what was typed: the window closes.
pub async fn ready_to_close(_: &Shell, app: &AppHandle, _: NoArgs) -> Result<(), ShellError> {
    crate::window::close_all(app);
    Ok(())
}
