//! An SMTP server for tests: it speaks the protocol (RFC 5321: greeting, EHLO/HELO, MAIL,
//! RCPT, DATA with dot-stuffing, RSET, NOOP, QUIT) on 127.0.0.1 and keeps what it receives,
//! decoding the body's transfer encoding, so a test reads the code a person would read.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One received message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// `RCPT TO` addresses.
    pub to: Vec<String>,
    /// The `Subject` header, decoded when it is an RFC 2047 word.
    pub subject: String,
    /// The body, transfer encoding removed.
    pub body: String,
}

/// The running sink.
pub struct SmtpSink {
    port: u16,
    mail: Arc<Mutex<Vec<ReceivedMail>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl SmtpSink {
    /// Starts on a free port.
    pub fn start() -> SmtpSink {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the SMTP sink");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("SMTP sink port");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("address").port();
        let mail = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&mail);
        runtime.spawn(async move {
            let Ok(listener) = TcpListener::from_std(listener) else {
                return;
            };
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&kept)));
            }
        });
        SmtpSink {
            port,
            mail,
            runtime: Some(runtime),
        }
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.mail.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Waits (up to `patience`) for a message to `to` whose body holds a six-digit code, newest
    /// first after `seen` earlier messages; panics with what arrived when none does.
    pub fn wait_for_code(&self, to: &str, after: usize, patience: Duration) -> String {
        let deadline = Instant::now() + patience;
        loop {
            let received = self.received();
            let found = received
                .iter()
                .skip(after)
                .rev()
                .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                .find_map(|m| crate::codes::six_digits(&m.body));
            if let Some(code) = found {
                return code;
            }
            assert!(
                Instant::now() < deadline,
                "no code reached {to} by SMTP; received: {received:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

async fn serve(stream: TcpStream, mail: Arc<Mutex<Vec<ReceivedMail>>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if write
        .write_all(b"220 sink.test ESMTP ready\r\n")
        .await
        .is_err()
    {
        return;
    }
    let mut to = Vec::new();
    let mut from_given = false;
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" => b"250 sink.test\r\n",
            "MAIL" => {
                from_given = true;
                to.clear();
                b"250 OK\r\n"
            }
            "RCPT" if from_given => {
                to.push(address_of(&command));
                b"250 OK\r\n"
            }
            "RCPT" => b"503 MAIL first\r\n",
            "DATA" if !to.is_empty() => {
                if write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await
                    .is_err()
                {
                    return;
                }
                let Some(data) = read_data(&mut lines).await else {
                    return;
                };
                if let Ok(mut kept) = mail.lock() {
                    kept.push(parse(std::mem::take(&mut to), &data));
                }
                from_given = false;
                b"250 OK queued\r\n"
            }
            "DATA" => b"503 RCPT first\r\n",
            "RSET" => {
                to.clear();
                from_given = false;
                b"250 OK\r\n"
            }
            "NOOP" => b"250 OK\r\n",
            "QUIT" => {
                let _ = write.write_all(b"221 Bye\r\n").await;
                return;
            }
            _ => b"502 Command not implemented\r\n",
        };
        if write.write_all(answer).await.is_err() {
            return;
        }
    }
}

fn address_of(command: &str) -> String {
    let inside = command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address);
    inside
        .unwrap_or_else(|| command.split(':').nth(1).unwrap_or_default())
        .trim()
        .to_owned()
}

/// The message up to the lone dot, with dot-stuffing undone.
async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<String> {
    let mut data = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let text = line.trim_end_matches(['\r', '\n']);
        if text == "." {
            return Some(data);
        }
        data.push_str(text.strip_prefix('.').unwrap_or(text));
        data.push('\n');
    }
}

fn parse(to: Vec<String>, data: &str) -> ReceivedMail {
    let (head, body) = data.split_once("\n\n").unwrap_or((data, ""));
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            })
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let encoding = header("Content-Transfer-Encoding").to_ascii_lowercase();
    let body = match encoding.as_str() {
        "base64" => {
            let joined: String = body.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default()
        }
        "quoted-printable" => quoted_printable(body),
        _ => body.to_owned(),
    };
    ReceivedMail {
        to,
        subject: header("Subject"),
        body,
    }
}

fn quoted_printable(text: &str) -> String {
    let mut bytes = Vec::new();
    let joined = text.replace("=\n", "");
    let raw = joined.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'=' {
            if let Some(byte) = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                bytes.push(byte);
                i += 3;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // Tests drop it from async code, where a runtime may not block.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
