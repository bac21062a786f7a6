//! Who is signed in on this computer: log in, refresh the profile, log out.

use homeportal_domain::api::{LoginRequest, LoginResponse, Profile};
use homeportal_domain::ErrorCode;

use crate::error::Result;
use crate::uploads;
use crate::Desktop;

/// Logs in with BIN and password, keeps the session, resumes unfinished uploads; the profile.
pub async fn login(desktop: &Desktop, request: &LoginRequest) -> Result<Profile> {
    let session = desktop.api().login(request).await?;
    keep(desktop, session).await
}

/// Keeps a session however it was opened, resumes unfinished uploads and wakes the sync
/// engine; the profile.
pub async fn keep(desktop: &Desktop, session: LoginResponse) -> Result<Profile> {
    let profile = desktop.api().signed_in(&session.token).profile().await?;
    desktop
        .store()
        .save_session(&session.token, &profile, desktop.now())?;
    uploads::resume_unfinished(desktop);
    desktop.sync().wake();
    Ok(profile)
}

/// The kept session's profile, refreshed when the server answers: `None` once the server says
/// the session ended, the profile last seen when it cannot be reached (the cabinet opens offline).
pub async fn current_profile(desktop: &Desktop) -> Result<Option<Profile>> {
    let Some(session) = desktop.store().session()? else {
        return Ok(None);
    };
    match desktop.api().signed_in(&session.token).profile().await {
        Ok(fresh) => {
            desktop
                .store()
                .save_session(&session.token, &fresh, desktop.now())?;
            Ok(Some(fresh))
        }
        Err(error) if error.code() == ErrorCode::Unauthorized => {
            desktop.store().clear_session()?;
            Ok(None)
        }
        Err(_) => Ok(Some(session.profile)),
    }
}

/// Logs out: the session is forgotten here even if the server cannot be told.
pub async fn logout(desktop: &Desktop) -> Result<()> {
    let stored = desktop.store().session()?;
    desktop.store().clear_session()?;
    if let Some(session) = stored {
        if let Err(error) = desktop.api().signed_in(&session.token).logout().await {
            tracing::warn!(%error, "server not told of the logout");
        }
    }
    Ok(())
}
