//! The local mailbox: a local server's e-mail and SMS, kept in its database for the desktop's
//! «Локальный режим: письма и SMS» panel.

use futures_util::future::BoxFuture;

use super::{DeliveryError, Mailer, Message, SmsProvider};
use crate::db::Db;
use crate::repo::mailbox;
use crate::state::now;

/// Keeps messages in the `mailbox` table.
pub struct LocalMailbox {
    db: Db,
}

impl LocalMailbox {
    /// A mailbox in `db`.
    pub fn new(db: Db) -> LocalMailbox {
        LocalMailbox { db }
    }

    async fn keep(&self, message: &Message) -> Result<(), DeliveryError> {
        let message = message.clone();
        self.db
            .call(move |conn| {
                mailbox::put(
                    conn,
                    message.channel,
                    &message.to,
                    &message.subject,
                    &message.text,
                    now(),
                )
            })
            .await
            .map_err(|e| DeliveryError(e.to_string()))
    }
}

impl Mailer for LocalMailbox {
    fn send<'a>(&'a self, message: &'a Message) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(self.keep(message))
    }
}

impl SmsProvider for LocalMailbox {
    fn send<'a>(&'a self, message: &'a Message) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(self.keep(message))
    }
}
