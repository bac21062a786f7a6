//! The embedded default: the bundled server runs in-process on 127.0.0.1 with a free port and
//! its data in the app-data folder. The shell still talks to it over HTTP only.

use std::path::Path;

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
    /// checking signatures against `trust_bundle` (none: nothing is trusted).
    pub async fn start(
        data_dir: &Path,
        trust_bundle: Option<std::path::PathBuf>,
    ) -> Result<EmbeddedServer, StartError> {
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
