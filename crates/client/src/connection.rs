//! Which server this computer works with: chosen on the first run («Сервер АО «КЖК»», checked
//! by `/health` before it is kept, or «Локальный режим»), changed in the settings, or set for
//! one run by `HOMEPORTAL_SERVER_URL`.

use std::time::Duration;

use homeportal_domain::api::{paths, Health};
use homeportal_domain::settings::ServerChoice;

use crate::error::{ClientError, Result};
use crate::store::settings::Setting;
use crate::LocalStore;

/// How long a typed server has to answer `/health`.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(8);

/// The server chosen for this run: `HOMEPORTAL_SERVER_URL`, else the kept choice; none before
/// the first run's choice.
pub fn configured(store: &LocalStore) -> Result<Option<ServerChoice>> {
    if let Some(url) = std::env::var("HOMEPORTAL_SERVER_URL")
        .ok()
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
    {
        return Ok(Some(ServerChoice::Remote { url }));
    }
    let url = store
        .setting(Setting::ServerUrl)?
        .filter(|u| !u.trim().is_empty());
    Ok(
        match (store.setting(Setting::ServerMode)?.as_deref(), url) {
            (Some("local"), _) => Some(ServerChoice::Local),
            // A remote URL kept before the choice was asked for counts as that choice.
            (Some("remote") | None, Some(url)) => Some(ServerChoice::Remote { url }),
            _ => None,
        },
    )
}

/// Keeps `choice` for the next starts.
pub fn remember(store: &LocalStore, choice: &ServerChoice) -> Result<()> {
    match choice {
        ServerChoice::Local => store.set_setting(Setting::ServerMode, "local"),
        ServerChoice::Remote { url } => {
            store.set_setting(Setting::ServerUrl, url)?;
            store.set_setting(Setting::ServerMode, "remote")
        }
    }
}

fn invalid_url() -> ClientError {
    ClientError::Invalid(vec![("url".into(), "rule.url.format".into())])
}

/// A typed address as `scheme://host[:port]` without a trailing slash, or why not.
pub fn normalise_url(typed: &str) -> Result<String> {
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        return Err(invalid_url());
    }
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    };
    let parsed = reqwest::Url::parse(&with_scheme).map_err(|_| invalid_url())?;
    let plain = matches!(parsed.scheme(), "http" | "https")
        && parsed.host_str().is_some_and(|h| !h.is_empty())
        && parsed.query().is_none()
        && parsed.username().is_empty();
    if !plain {
        return Err(invalid_url());
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

/// Checks that a homeportal server answers at `typed`; its normalised address.
pub async fn check_remote(typed: &str) -> Result<String> {
    let url = normalise_url(typed)?;
    let client = reqwest::Client::builder()
        .timeout(HEALTH_TIMEOUT)
        .build()
        .map_err(|e| ClientError::Unreachable(e.to_string()))?;
    let answer = client
        .get(format!("{url}{}", paths::HEALTH))
        .send()
        .await
        .map_err(|e| ClientError::Unreachable(e.to_string()))?;
    let health: Health = answer
        .json()
        .await
        .map_err(|e| ClientError::BadResponse(e.to_string()))?;
    if health.status != "ok" {
        return Err(ClientError::BadResponse(format!(
            "health: {}",
            health.status
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_normalised_or_refused() {
        assert_eq!(
            normalise_url(" portal.khc.kz/ ").expect("ok"),
            "https://portal.khc.kz"
        );
        assert_eq!(
            normalise_url("http://127.0.0.1:8080").expect("ok"),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "",
            "ftp://x.kz",
            "https://",
            "https://a.kz/?x=1",
            "https://u@a.kz",
        ] {
            assert!(normalise_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_choice_is_kept_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = LocalStore::open(dir.path()).expect("store");
        if std::env::var_os("HOMEPORTAL_SERVER_URL").is_some() {
            return;
        }
        assert_eq!(configured(&store).expect("read"), None);
        remember(&store, &ServerChoice::Local).expect("kept");
        assert_eq!(configured(&store).expect("read"), Some(ServerChoice::Local));
        let remote = ServerChoice::Remote {
            url: "https://portal.khc.kz".into(),
        };
        remember(&store, &remote).expect("kept");
        assert_eq!(configured(&store).expect("read"), Some(remote));
    }
}
