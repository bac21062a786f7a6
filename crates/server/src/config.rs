//! Server configuration: defaults, then a TOML file, then environment and flags (highest).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Settings the server runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one.
    pub listen: SocketAddr,
    /// Directory that holds the database and document blobs.
    pub data_dir: PathBuf,
    /// `tracing` filter, e.g. `info` or `homeportal_server=debug`.
    pub log_level: String,
    /// How long a login session lasts.
    pub session_ttl_hours: u32,
    /// Storage each organisation may use for documents and unfinished uploads, bytes.
    pub quota_bytes: u64,
    /// How long an unfinished upload is kept.
    pub upload_expiry_hours: u32,
    /// PEM bundle the signature verifier trusts: self-signed certificates are roots, the others
    /// issuing CAs (НУЦ РК's in production, the test PKI's in development). None trusts nothing.
    pub trust_bundle: Option<PathBuf>,
    /// The address phones reach this server at, for eGov API №1/№2 links (default: `listen`).
    pub public_url: Option<String>,
    /// How long a QR code can be used.
    pub qr_ttl_seconds: u32,
    /// The requesting organisation shown by eGov mobile (API №1 `organisation`).
    pub requester: Requester,
    /// What a connection may hold and for how long.
    pub connections: ConnectionLimits,
    /// The longest a refusal for too many attempts is held before it is answered, so a flood is
    /// slowed to its allowance, milliseconds.
    pub refusal_hold_ms: u64,
    /// How e-mail (one-time codes) leaves the server.
    pub mail: MailConfig,
    /// How SMS (one-time codes) leave the server.
    pub sms: SmsConfig,
    /// Leading zero bits the «Я не робот» puzzle asks for (16: a fraction of a second).
    pub robot_bits: u8,
    /// Seconds before another one-time code may go to the same flow and channel.
    pub code_resend_secs: u32,
    /// Where «Поиск» finds organisations by БИН.
    pub registry: RegistryConfig,
    /// Working days КЖК has to review a registered application («Срок исполнения»).
    pub review_working_days: u32,
    /// Hours a developer's invitation can be accepted.
    pub invitation_ttl_hours: u32,
    /// A folder with the desktop app's `latest.json` and installers, served at `/updates/`
    /// (none: `/updates/latest.json` answers 204, which the app reads as "no update").
    pub updates_dir: Option<PathBuf>,
}

/// Where organisations are looked up by БИН.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum RegistryConfig {
    /// Among the organisations registered in this cabinet.
    #[default]
    Accounts,
    /// An external registry service: `GET {url}/{bin}` answers `{"name": "…"}` or 404.
    Http {
        /// The service's base address.
        url: String,
        /// Sent as a bearer token, when the service needs one.
        key: Option<String>,
    },
}

/// How e-mail leaves the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum MailConfig {
    /// Kept in the local mailbox the desktop shows (local mode only: loopback servers).
    #[default]
    Mailbox,
    /// Sent over SMTP.
    Smtp {
        /// The relay's host name.
        host: String,
        /// Its port (25, 465 or 587 usually).
        port: u16,
        /// How the connection is protected.
        tls: SmtpTls,
        /// Login, if the relay wants one.
        #[serde(default)]
        username: Option<String>,
        /// Password of the login.
        #[serde(default)]
        password: Option<String>,
        /// The sender, e.g. `Личный кабинет КЖК <noreply@khc.kz>`.
        from: String,
    },
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain text (a relay on the same machine).
    None,
    /// STARTTLS upgrade, required.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// How SMS leave the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum SmsConfig {
    /// Kept in the local mailbox the desktop shows (local mode only: loopback servers).
    #[default]
    Mailbox,
    /// Posted to an HTTP gateway as `{"to", "text"}` with `Authorization: Bearer <key>`.
    Http {
        /// The gateway's URL.
        url: String,
        /// Its API key.
        key: String,
    },
}

/// Limits on connections, so slow or silent clients cannot hold the server's sockets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConnectionLimits {
    /// Seconds a connection may take to deliver a request head, counted from when it starts
    /// waiting for one — so also how long an idle keep-alive connection stays open.
    pub header_read_timeout_secs: u32,
    /// Seconds a request body may go without a byte arriving.
    pub body_read_timeout_secs: u32,
    /// Connections served at once; the next ones wait in the OS's queue.
    pub max_connections: u32,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout_secs: 60,
            body_read_timeout_secs: 30,
            max_connections: 1024,
        }
    }
}

/// The organisation eGov mobile names as asking for the signature.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requester {
    /// Name in Russian.
    pub name_ru: String,
    /// Name in Kazakh.
    pub name_kz: String,
    /// Name in English.
    pub name_en: String,
    /// БИН, 12 digits (set КЖК's in the production configuration).
    pub bin: String,
}

impl Default for Requester {
    fn default() -> Self {
        Requester {
            name_ru: "АО «Казахстанская Жилищная Компания»".to_owned(),
            name_kz: "«Қазақстандық Тұрғын үй компаниясы» АҚ".to_owned(),
            name_en: "Kazakhstan Housing Company JSC".to_owned(),
            bin: "000000000000".to_owned(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("homeportal-data"),
            log_level: "info".to_owned(),
            session_ttl_hours: 12,
            quota_bytes: 20 * 1024 * 1024 * 1024,
            upload_expiry_hours: 72,
            trust_bundle: None,
            public_url: None,
            qr_ttl_seconds: 600,
            requester: Requester::default(),
            connections: ConnectionLimits::default(),
            refusal_hold_ms: 2000,
            mail: MailConfig::default(),
            sms: SmsConfig::default(),
            robot_bits: 16,
            code_resend_secs: 60,
            registry: RegistryConfig::default(),
            review_working_days: 15,
            invitation_ttl_hours: 7 * 24,
            updates_dir: None,
        }
    }
}

/// Values given on the command line or in the environment; `None` means "not given".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--listen` / `HOMEPORTAL_LISTEN`.
    pub listen: Option<SocketAddr>,
    /// `--data-dir` / `HOMEPORTAL_DATA_DIR`.
    pub data_dir: Option<PathBuf>,
    /// `--log-level` / `HOMEPORTAL_LOG`.
    pub log_level: Option<String>,
    /// The address to listen on when neither a flag nor the file names one (the embedded
    /// server: a free loopback port).
    pub default_listen: Option<SocketAddr>,
}

/// The shape of the optional TOML file; every key may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    log_level: Option<String>,
    session_ttl_hours: Option<u32>,
    quota_bytes: Option<u64>,
    upload_expiry_hours: Option<u32>,
    trust_bundle: Option<PathBuf>,
    public_url: Option<String>,
    qr_ttl_seconds: Option<u32>,
    requester: Option<Requester>,
    connections: Option<ConnectionLimits>,
    refusal_hold_ms: Option<u64>,
    mail: Option<MailConfig>,
    sms: Option<SmsConfig>,
    robot_bits: Option<u8>,
    code_resend_secs: Option<u32>,
    registry: Option<RegistryConfig>,
    review_working_days: Option<u32>,
    invitation_ttl_hours: Option<u32>,
    updates_dir: Option<PathBuf>,
}

/// Why the configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named by `--config` could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("the configuration file {path} is invalid: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        source: toml::de::Error,
    },
    /// A value is out of range.
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

impl Config {
    /// [`Config::refusal_hold_ms`] as a duration.
    pub fn refusal_hold(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.refusal_hold_ms)
    }

    /// Loads defaults, then `file` (if any), then `overrides`.
    pub fn load(file: Option<&Path>, overrides: Overrides) -> Result<Config, ConfigError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str::<FileConfig>(&text).map_err(|source| ConfigError::Parse {
                    path: path.to_owned(),
                    source,
                })?
            }
            None => FileConfig::default(),
        };
        let defaults = Config::default();
        let config = Config {
            listen: overrides
                .listen
                .or(from_file.listen)
                .or(overrides.default_listen)
                .unwrap_or(defaults.listen),
            data_dir: overrides
                .data_dir
                .or(from_file.data_dir)
                .unwrap_or(defaults.data_dir),
            log_level: overrides
                .log_level
                .or(from_file.log_level)
                .unwrap_or(defaults.log_level),
            session_ttl_hours: from_file
                .session_ttl_hours
                .unwrap_or(defaults.session_ttl_hours),
            quota_bytes: from_file.quota_bytes.unwrap_or(defaults.quota_bytes),
            upload_expiry_hours: from_file
                .upload_expiry_hours
                .unwrap_or(defaults.upload_expiry_hours),
            trust_bundle: from_file.trust_bundle,
            public_url: from_file.public_url,
            qr_ttl_seconds: from_file.qr_ttl_seconds.unwrap_or(defaults.qr_ttl_seconds),
            requester: from_file.requester.unwrap_or(defaults.requester),
            connections: from_file.connections.unwrap_or(defaults.connections),
            refusal_hold_ms: from_file
                .refusal_hold_ms
                .unwrap_or(defaults.refusal_hold_ms),
            mail: from_file.mail.unwrap_or(defaults.mail),
            sms: from_file.sms.unwrap_or(defaults.sms),
            robot_bits: from_file.robot_bits.unwrap_or(defaults.robot_bits),
            code_resend_secs: from_file
                .code_resend_secs
                .unwrap_or(defaults.code_resend_secs),
            registry: from_file.registry.unwrap_or(defaults.registry),
            review_working_days: from_file
                .review_working_days
                .unwrap_or(defaults.review_working_days),
            invitation_ttl_hours: from_file
                .invitation_ttl_hours
                .unwrap_or(defaults.invitation_ttl_hours),
            updates_dir: from_file.updates_dir,
        };
        let limits = config.connections;
        if limits.header_read_timeout_secs == 0
            || limits.body_read_timeout_secs == 0
            || limits.max_connections == 0
        {
            return Err(ConfigError::Invalid(
                "connection timeouts and max_connections must be at least 1".to_owned(),
            ));
        }
        if config.qr_ttl_seconds == 0 {
            return Err(ConfigError::Invalid(
                "qr_ttl_seconds must be at least 1".to_owned(),
            ));
        }
        if config.session_ttl_hours == 0
            || config.upload_expiry_hours == 0
            || config.invitation_ttl_hours == 0
        {
            return Err(ConfigError::Invalid(
                "session_ttl_hours, upload_expiry_hours and invitation_ttl_hours must be at least 1".to_owned(),
            ));
        }
        let local_mailbox = config.mail == MailConfig::Mailbox || config.sms == SmsConfig::Mailbox;
        if local_mailbox && !config.listen.ip().is_loopback() {
            return Err(ConfigError::Invalid(
                "a server reachable from the network must send codes: configure [mail] and [sms]"
                    .to_owned(),
            ));
        }
        if config.robot_bits > 32 {
            return Err(ConfigError::Invalid(
                "robot_bits must be at most 32".to_owned(),
            ));
        }
        Ok(config)
    }

    /// [`Config::code_resend_secs`] as the codes table counts it.
    pub fn code_cool_down(&self) -> i64 {
        i64::from(self.code_resend_secs)
    }

    /// Whether codes land in the local mailbox (local mode) rather than leaving the server.
    pub fn local_mailbox(&self) -> bool {
        self.mail == MailConfig::Mailbox || self.sms == SmsConfig::Mailbox
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("server.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:9000\"\nlog_level = \"debug\"\nsession_ttl_hours = 2\n",
        )
        .expect("write");
        let overrides = Overrides {
            listen: Some(SocketAddr::from(([127, 0, 0, 1], 9100))),
            ..Overrides::default()
        };
        let config = Config::load(Some(&path), overrides).expect("loads");
        assert_eq!(config.listen.port(), 9100);
        assert_eq!(config.log_level, "debug");
        assert_eq!(config.session_ttl_hours, 2);
        assert_eq!(config.data_dir, Config::default().data_dir);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("server.toml");
        std::fs::write(&path, "lisen = \"x\"\n").expect("write");
        assert!(matches!(
            Config::load(Some(&path), Overrides::default()),
            Err(ConfigError::Parse { .. })
        ));
        std::fs::write(&path, "session_ttl_hours = 0\n").expect("write");
        assert!(matches!(
            Config::load(Some(&path), Overrides::default()),
            Err(ConfigError::Invalid(_))
        ));
        assert!(matches!(
            Config::load(Some(&dir.path().join("absent.toml")), Overrides::default()),
            Err(ConfigError::Read { .. })
        ));
    }

    #[test]
    fn delivery_is_configured_and_a_public_server_must_send_codes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("server.toml");
        std::fs::write(
            &path,
            "listen = \"0.0.0.0:8080\"\n\
             [mail]\nmode = \"smtp\"\nhost = \"smtp.khc.kz\"\nport = 587\ntls = \"starttls\"\n\
             from = \"noreply@khc.kz\"\n\
             [sms]\nmode = \"http\"\nurl = \"https://sms.example.kz/send\"\nkey = \"k\"\n",
        )
        .expect("write");
        let config = Config::load(Some(&path), Overrides::default()).expect("loads");
        assert!(matches!(
            config.mail,
            MailConfig::Smtp {
                port: 587,
                tls: SmtpTls::Starttls,
                ..
            }
        ));
        assert!(!config.local_mailbox());
        std::fs::write(&path, "listen = \"0.0.0.0:8080\"\n").expect("write");
        assert!(matches!(
            Config::load(Some(&path), Overrides::default()),
            Err(ConfigError::Invalid(_))
        ));
    }
}
