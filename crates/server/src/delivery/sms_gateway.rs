//! SMS through an HTTP gateway: `POST <url>` with `{"to": "+7…", "text": "…"}` and
//! `Authorization: Bearer <key>`; any 2xx means accepted.

use futures_util::future::BoxFuture;

use super::{DeliveryError, Message, SmsProvider};

/// One gateway.
pub struct HttpGateway {
    client: reqwest::Client,
    url: String,
    key: String,
}

impl HttpGateway {
    /// A gateway at `url` with API key `key`.
    pub fn new(url: &str, key: &str) -> Result<HttpGateway, DeliveryError> {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .map_err(|e| DeliveryError(format!("sms client: {e}")))?;
        Ok(HttpGateway {
            client,
            url: url.to_owned(),
            key: key.to_owned(),
        })
    }

    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let answer = self
            .client
            .post(&self.url)
            .bearer_auth(&self.key)
            .json(&serde_json::json!({ "to": message.to, "text": message.text }))
            .send()
            .await
            .map_err(|e| DeliveryError(format!("sms gateway: {e}")))?;
        if answer.status().is_success() {
            Ok(())
        } else {
            Err(DeliveryError(format!(
                "sms gateway answered {}",
                answer.status()
            )))
        }
    }
}

impl SmsProvider for HttpGateway {
    fn send<'a>(&'a self, message: &'a Message) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(self.deliver(message))
    }
}
