//! Delivery of one-time codes: e-mail over SMTP, SMS through a provider, or — on a local
//! server with neither configured — the local mailbox the desktop shows.

mod mailbox;
mod sms_gateway;
mod smtp;

use std::sync::Arc;

use futures_util::future::BoxFuture;
use homeportal_domain::access::Channel;

use crate::config::{Config, MailConfig, SmsConfig};
use crate::db::Db;
use crate::error::AppError;

/// Why a message did not leave.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DeliveryError(pub String);

/// One message to one address or number.
#[derive(Debug, Clone)]
pub struct Message {
    /// E-mail or SMS.
    pub channel: Channel,
    /// The address or the +7 number.
    pub to: String,
    /// Subject (e-mail).
    pub subject: String,
    /// Text.
    pub text: String,
}

/// Sends e-mail.
pub trait Mailer: Send + Sync {
    /// Sends `message` (its channel is e-mail).
    fn send<'a>(&'a self, message: &'a Message) -> BoxFuture<'a, Result<(), DeliveryError>>;
}

/// Sends SMS.
pub trait SmsProvider: Send + Sync {
    /// Sends `message` (its channel is SMS).
    fn send<'a>(&'a self, message: &'a Message) -> BoxFuture<'a, Result<(), DeliveryError>>;
}

/// The server's ways out.
#[derive(Clone)]
pub struct Delivery {
    mail: Arc<dyn Mailer>,
    sms: Arc<dyn SmsProvider>,
}

impl Delivery {
    /// The delivery `config` asks for; the local mailbox lives in `db`.
    pub fn from_config(config: &Config, db: &Db) -> Result<Delivery, DeliveryError> {
        let mailbox = Arc::new(mailbox::LocalMailbox::new(db.clone()));
        let mail: Arc<dyn Mailer> = match &config.mail {
            MailConfig::Mailbox => mailbox.clone(),
            MailConfig::Smtp {
                host,
                port,
                tls,
                username,
                password,
                from,
            } => Arc::new(smtp::SmtpMailer::new(smtp::SmtpSettings {
                host,
                port: *port,
                tls: *tls,
                username: username.as_deref(),
                password: password.as_deref(),
                from,
            })?),
        };
        let sms: Arc<dyn SmsProvider> = match &config.sms {
            SmsConfig::Mailbox => mailbox,
            SmsConfig::Http { url, key } => Arc::new(sms_gateway::HttpGateway::new(url, key)?),
        };
        Ok(Delivery { mail, sms })
    }

    /// Sends an e-mail that is not a code (an invitation).
    pub async fn send_mail(&self, message: &Message) -> Result<(), AppError> {
        self.mail.send(message).await.map_err(|e| {
            tracing::warn!(error = %e, "an e-mail was not delivered");
            AppError::Code(homeportal_domain::ErrorCode::DeliveryFailed)
        })
    }

    /// Sends a one-time `code` to `to` over `channel`.
    pub async fn send_code(&self, channel: Channel, to: &str, code: &str) -> Result<(), AppError> {
        let message = code_message(channel, to, code);
        let sent = match channel {
            Channel::Email => self.mail.send(&message).await,
            Channel::Sms => self.sms.send(&message).await,
        };
        sent.map_err(|e| {
            tracing::warn!(channel = channel.as_str(), error = %e, "a code was not delivered");
            AppError::Code(homeportal_domain::ErrorCode::DeliveryFailed)
        })
    }
}

/// The words of a code message, in Russian and Kazakh as КЖК writes to clients.
fn code_message(channel: Channel, to: &str, code: &str) -> Message {
    let text = match channel {
        Channel::Email => format!(
            "Ваш одноразовый код: {code}\n\
             Код действует 5 минут. Никому не сообщайте его: сотрудники АО «КЖК» его не спрашивают.\n\n\
             Сіздің бір реттік кодыңыз: {code}\n\
             Код 5 минут жарамды. Оны ешкімге айтпаңыз.\n\n\
             Личный кабинет юридического лица АО «Казахстанская Жилищная Компания»"
        ),
        Channel::Sms => format!("Код КЖК: {code}. Никому не сообщайте. / Ешкімге айтпаңыз."),
    };
    Message {
        channel,
        to: to.to_owned(),
        subject: "Одноразовый код — Личный кабинет АО «КЖК»".to_owned(),
        text,
    }
}
