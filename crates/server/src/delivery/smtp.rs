//! E-mail over SMTP with lettre: plain, STARTTLS or TLS, with or without a login.

use futures_util::future::BoxFuture;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::{DeliveryError, Mailer, Message};
use crate::config::SmtpTls;

/// Where and how to reach the relay.
pub struct SmtpSettings<'a> {
    /// Host name.
    pub host: &'a str,
    /// Port.
    pub port: u16,
    /// Protection.
    pub tls: SmtpTls,
    /// Login.
    pub username: Option<&'a str>,
    /// Password.
    pub password: Option<&'a str>,
    /// Sender.
    pub from: &'a str,
}

/// Sends through one relay, reusing its connections.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// A mailer for `settings`; a malformed sender or host is a start-up error.
    pub fn new(settings: SmtpSettings<'_>) -> Result<SmtpMailer, DeliveryError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| DeliveryError(format!("mail.from «{}»: {e}", settings.from)))?;
        let builder = match settings.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host),
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(settings.host)
                    .map_err(|e| DeliveryError(format!("mail.host: {e}")))?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(settings.host)
                .map_err(|e| DeliveryError(format!("mail.host: {e}")))?,
        };
        let builder = builder
            .port(settings.port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        let builder = match (settings.username, settings.password) {
            (Some(user), Some(password)) => {
                builder.credentials(Credentials::new(user.to_owned(), password.to_owned()))
            }
            _ => builder,
        };
        Ok(SmtpMailer {
            transport: builder.build(),
            from,
        })
    }

    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let to: Mailbox = message
            .to
            .parse()
            .map_err(|e| DeliveryError(format!("recipient: {e}")))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(message.text.clone())
            .map_err(|e| DeliveryError(format!("message: {e}")))?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| DeliveryError(format!("smtp: {e}")))
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, message: &'a Message) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(self.deliver(message))
    }
}
