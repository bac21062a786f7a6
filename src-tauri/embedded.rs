//! The embedded default: the bundled server runs in-process on 127.0.0.1 with a free port and
//! its data in the app-data folder. The shell still talks to it over HTTP only.

use std::path::Path;

use homeportal_server::{Config, Server, StartError};
use tokio::sync::oneshot;

/// A running in-process server.
pub struct EmbeddedServer {
    url: String,
    #[cfg(test)]
    data_dir: std::path::PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl EmbeddedServer {
    /// Opens the server's database in `data_dir`, binds a free loopback port and starts serving.
    pub async fn start(data_dir: &Path) -> Result<EmbeddedServer, StartError> {
        // The roots signatures are checked against: `trust.pem` in the server's folder (НУЦ РК's
        // roots in a production install, the test PKI's when trying the app), or
        // `HOMEPORTAL_TRUST_BUNDLE`.
        let trust_bundle = std::env::var_os("HOMEPORTAL_TRUST_BUNDLE")
            .map(std::path::PathBuf::from)
            .or_else(|| Some(data_dir.join("trust.pem")).filter(|p| p.is_file()));
        let config = Config {
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.to_path_buf(),
            trust_bundle,
            ..Config::default()
        };
        let server = Server::bind(config).await?;
        let url = format!("http://{}", server.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        tracing::info!(%url, "embedded server started");
        Ok(EmbeddedServer {
            url,
            #[cfg(test)]
            data_dir: data_dir.to_path_buf(),
            stop: Some(stop),
            task,
        })
    }

    /// Base URL of the server.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stops accepting connections, lets requests in flight finish and waits for the server.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match (&mut self.task).await {
            Ok(Ok(())) => tracing::info!("embedded server stopped"),
            Ok(Err(e)) => tracing::error!(error = %e, "embedded server failed"),
            Err(e) => tracing::error!(error = %e, "embedded server task failed"),
        }
    }

    /// Creates an account in the embedded server's database (tests only; staff use the CLI).
    #[cfg(test)]
    pub fn create_account_for_tests(
        &self,
        account: &homeportal_testkit::TestAccount,
    ) -> Result<(), homeportal_server::error::AppError> {
        let valid = homeportal_server::accounts::NewAccount {
            bin: account.bin.into(),
            org_name: account.org_name.into(),
            iin: account.iin.into(),
            last_name: account.last_name.into(),
            first_name: account.first_name.into(),
            middle_name: Some(account.middle_name.into()),
            email: account.email.into(),
            phone: account.phone.into(),
            password: account.password.into(),
        }
        .validate()?;
        let db = homeportal_server::db::Db::open(&self.data_dir)
            .map_err(|e| homeportal_server::error::AppError::internal(e.to_string()))?;
        db.call_blocking(|conn| homeportal_server::accounts::create(conn, &valid, 0))
            .map(|_| ())
    }
}
