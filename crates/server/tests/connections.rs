//! Connections that never finish their request are closed after the header timeout, so silent
//! or slow clients cannot hold the server's sockets; the server keeps answering meanwhile.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use homeportal_testkit::ServerProcess;

fn address(server: &ServerProcess) -> String {
    server.url().trim_start_matches("http://").to_owned()
}

/// Waits until the server closes `stream`; how long that took.
fn closed_after(mut stream: TcpStream) -> Duration {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    let mut buffer = [0u8; 512];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return started.elapsed(),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return started.elapsed(),
            Err(e) => panic!("the server held the connection: {e}"),
        }
    }
}

#[tokio::test]
async fn half_open_and_silent_connections_are_closed_after_the_header_timeout() {
    let server = ServerProcess::start_configured(
        &[],
        "[connections]\nheader_read_timeout_secs = 1\nmax_connections = 8\n",
    );
    let silent = TcpStream::connect(address(&server)).expect("connects");
    let mut half = TcpStream::connect(address(&server)).expect("connects");
    half.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .expect("half a request head");

    // Meanwhile others are served.
    assert_eq!(server.app().health().await.status, "ok");

    let (silent, half) =
        tokio::task::spawn_blocking(move || (closed_after(silent), closed_after(half)))
            .await
            .expect("waited");
    assert!(silent < Duration::from_secs(5), "silent held {silent:?}");
    assert!(half < Duration::from_secs(5), "half-open held {half:?}");
}

#[tokio::test]
async fn connections_beyond_the_limit_wait_and_are_served_once_others_close() {
    let server = ServerProcess::start_configured(
        &[],
        "[connections]\nheader_read_timeout_secs = 2\nmax_connections = 2\n",
    );
    let held: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(address(&server)).expect("connects"))
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    assert_eq!(server.app().health().await.status, "ok");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(1000),
        "served while both slots were held ({waited:?})"
    );
    drop(held);
}
