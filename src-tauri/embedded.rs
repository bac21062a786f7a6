//! The embedded default: the bundled server runs in-process on 127.0.0.1 with a free port and
//! its data in the app-data folder. The shell still talks to it over HTTP only.

use std::path::Path;

use homeportal_server::config::Overrides;
use homeportal_server::{Config, Server, StartError};
use tokio::sync::oneshot;

/// A running in-process server.
pub struct EmbeddedServer {
    url: String,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl EmbeddedServer {
    /// Opens the server's database in `data_dir`, binds a free loopback port and starts serving,
    /// checking signatures against `trust_bundle` (else the file's; none: nothing is trusted).
    /// A `server.toml` in `data_dir` configures the rest as for the standalone server — e-mail
    /// and SMS of one-time codes, say — and may name the address.
    pub async fn start(
        data_dir: &Path,
        trust_bundle: Option<std::path::PathBuf>,
    ) -> Result<EmbeddedServer, String> {
        let file = Some(data_dir.join("server.toml")).filter(|f| f.is_file());
        let overrides = Overrides {
            data_dir: Some(data_dir.to_path_buf()),
            default_listen: Some(std::net::SocketAddr::from(([127, 0, 0, 1], 0))),
            ..Overrides::default()
        };
        let mut config = Config::load(file.as_deref(), overrides).map_err(|e| e.to_string())?;
        if trust_bundle.is_some() {
            config.trust_bundle = trust_bundle;
        }
        Self::serve(config).await.map_err(|e| e.to_string())
    }

    async fn serve(config: Config) -> Result<EmbeddedServer, StartError> {
        let server = Server::bind(config).await?;
        let url = format!("http://{}", server.local_addr());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        tracing::info!(%url, "embedded server started");
        Ok(EmbeddedServer {
            url,
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
}
