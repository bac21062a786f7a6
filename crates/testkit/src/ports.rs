//! Free loopback ports.

use std::net::TcpListener;

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("the OS has no free loopback port")
}

/// A loopback URL on which nothing listens.
pub fn closed_url() -> String {
    format!("http://127.0.0.1:{}", free_port())
}
