//! The front door's endpoints for tests: any JSON call by path, and the whole registration of
//! an organisation as a person does it (AUTH signature, contacts, licence, both codes read from
//! the SMTP sink and the SMS gateway, a password).

use std::time::Duration;

use base64::Engine;
use homeportal_domain::access::{
    licence, paths, CodesSent, ConfirmCodes, ContactsRequest, NewPassword, RegistrationStarted,
};
use homeportal_domain::api::LoginResponse;
use homeportal_domain::signing::{path_with_id, EdsLoginRequest};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::app::{answer, refusal};
use crate::pki::{Scenario, TestPki};
use crate::{Refusal, SmsGateway, SmtpSink, TestApp};

/// How long a test waits for a code to arrive.
pub const CODE_PATIENCE: Duration = Duration::from_secs(10);

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

impl TestApp<'_> {
    /// `POST path` with `body`; the JSON answer or the refusal.
    pub async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, Refusal> {
        let response = self
            .request(Method::POST, path)
            .json(body)
            .send()
            .await
            .expect("the server answers");
        answer(response).await
    }

    /// `POST path` with `body`, answered with no content.
    pub async fn post_done<B: Serialize>(&self, path: &str, body: &B) -> Result<(), Refusal> {
        let response = self
            .request(Method::POST, path)
            .json(body)
            .send()
            .await
            .expect("the server answers");
        if response.status().is_success() {
            Ok(())
        } else {
            Err(refusal(response).await)
        }
    }

    /// `GET path`; the JSON answer or the refusal.
    pub async fn get<R: DeserializeOwned>(&self, path: &str) -> Result<R, Refusal> {
        let response = self
            .request(Method::GET, path)
            .send()
            .await
            .expect("the server answers");
        answer(response).await
    }

    /// An AUTH proof by `scenario`'s key over a fresh challenge.
    pub async fn eds_proof(&self, pki: &TestPki, scenario: Scenario) -> EdsLoginRequest {
        let challenge = self.challenge().await;
        let nonce = base64::engine::general_purpose::STANDARD
            .decode(&challenge.nonce)
            .expect("base64 nonce");
        EdsLoginRequest {
            nonce: challenge.nonce,
            cms: b64(&pki.key(scenario).sign_cms(&nonce, true, now())),
        }
    }

    /// Starts a registration with `scenario`'s AUTH key.
    pub async fn start_registration(
        &self,
        pki: &TestPki,
        scenario: Scenario,
    ) -> Result<RegistrationStarted, Refusal> {
        let proof = self.eds_proof(pki, scenario).await;
        self.post(paths::REGISTRATION, &proof).await
    }

    /// The contacts step: the robot solved, the licence signed with `signer`'s key.
    pub async fn registration_contacts(
        &self,
        started: &RegistrationStarted,
        pki: &TestPki,
        signer: Scenario,
        email: &str,
        phone: &str,
    ) -> Result<CodesSent, Refusal> {
        let request = ContactsRequest {
            email: email.to_owned(),
            phone: phone.to_owned(),
            robot_answer: started.robot.solve(),
            licence_cms: b64(&pki
                .key(signer)
                .sign_cms(licence::TEXT.as_bytes(), false, now())),
        };
        self.post(
            &path_with_id(paths::REGISTRATION_CONTACTS, &started.id),
            &request,
        )
        .await
    }

    /// Registers Nova City as its head does, reading the codes where they arrive; the first
    /// session.
    pub async fn register(
        &self,
        pki: &TestPki,
        mail: &SmtpSink,
        sms: &SmsGateway,
        contacts: (&str, &str),
        password: &str,
    ) -> LoginResponse {
        let (email, phone) = contacts;
        let started = self
            .start_registration(pki, Scenario::HeadAuth)
            .await
            .expect("registration starts");
        let (mail_seen, sms_seen) = (mail.received().len(), sms.sent().len());
        let sent = self
            .registration_contacts(&started, pki, Scenario::Head, email, phone)
            .await
            .expect("codes sent");
        let codes = ConfirmCodes {
            email_code: mail.wait_for_code(&sent.email, mail_seen, CODE_PATIENCE),
            sms_code: sms.wait_for_code(&sent.phone, sms_seen, CODE_PATIENCE),
        };
        self.post_done(
            &path_with_id(paths::REGISTRATION_CONFIRM, &started.id),
            &codes,
        )
        .await
        .expect("codes accepted");
        let password = NewPassword {
            password: password.to_owned(),
            repeat: password.to_owned(),
        };
        self.post(
            &path_with_id(paths::REGISTRATION_COMPLETE, &started.id),
            &password,
        )
        .await
        .expect("registered")
    }
}
