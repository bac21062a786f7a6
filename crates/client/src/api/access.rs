//! The server's front door: registration, login by e-mail code and EDS, recovery, the
//! profile's contacts and the local mailbox.

use homeportal_domain::access::{
    paths, CodeSent, CodesSent, ConfirmCodes, ContactChange, ContactConfirm, ContactsRequest,
    EmailCodeRequest, EmailLoginRequest, LocalMessage, NewPassword, ProfileChange, RecoveryRequest,
    RecoveryStarted, RegistrationStarted, ResendRequest,
};
use homeportal_domain::access::{QrLogin, QrLoginPoll, QrLoginStatus};
use homeportal_domain::api::{LoginResponse, Profile};
use homeportal_domain::signing::{self, path_with_id, Challenge, EdsLoginRequest};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Api;
use crate::error::Result;

impl Api {
    async fn post_json<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R> {
        self.json(self.request(Method::POST, path).json(body)).await
    }

    async fn post_done<B: Serialize>(&self, path: &str, body: &B) -> Result<()> {
        self.send(self.request(Method::POST, path).json(body))
            .await
            .map(drop)
    }

    /// A one-time nonce to sign with an AUTH key.
    pub async fn challenge(&self) -> Result<Challenge> {
        self.json(self.request(Method::POST, signing::paths::CHALLENGE))
            .await
    }

    /// Logs in with an AUTH signature over a challenge.
    pub async fn login_eds(&self, proof: &EdsLoginRequest) -> Result<LoginResponse> {
        self.post_json(signing::paths::LOGIN_EDS, proof).await
    }

    /// Starts a registration with an AUTH signature over a challenge.
    pub async fn start_registration(&self, proof: &EdsLoginRequest) -> Result<RegistrationStarted> {
        self.post_json(paths::REGISTRATION, proof).await
    }

    /// Sends the registration's contacts, robot answer and signed licence.
    pub async fn registration_contacts(
        &self,
        id: &str,
        request: &ContactsRequest,
    ) -> Result<CodesSent> {
        let path = path_with_id(paths::REGISTRATION_CONTACTS, id);
        self.post_json(&path, request).await
    }

    /// A new code to a changed (or the same) contact of a registration.
    pub async fn registration_code(&self, id: &str, request: &ResendRequest) -> Result<CodesSent> {
        let path = path_with_id(paths::REGISTRATION_CODE, id);
        self.post_json(&path, request).await
    }

    /// Both codes of a registration.
    pub async fn confirm_registration(&self, id: &str, codes: &ConfirmCodes) -> Result<()> {
        let path = path_with_id(paths::REGISTRATION_CONFIRM, id);
        self.post_done(&path, codes).await
    }

    /// The password that completes a registration; the first session.
    pub async fn complete_registration(
        &self,
        id: &str,
        password: &NewPassword,
    ) -> Result<LoginResponse> {
        let path = path_with_id(paths::REGISTRATION_COMPLETE, id);
        self.post_json(&path, password).await
    }

    /// «Получить разовый код».
    pub async fn email_code(&self, request: &EmailCodeRequest) -> Result<CodeSent> {
        self.post_json(paths::EMAIL_CODE, request).await
    }

    /// Logs in with an e-mail and its code.
    pub async fn login_email(&self, request: &EmailLoginRequest) -> Result<LoginResponse> {
        self.post_json(paths::LOGIN_EMAIL, request).await
    }

    /// Starts a recovery by codes.
    pub async fn start_recovery(&self, request: &RecoveryRequest) -> Result<RecoveryStarted> {
        self.post_json(paths::RECOVERY, request).await
    }

    /// Starts a recovery proven by EDS.
    pub async fn recovery_by_eds(&self, proof: &EdsLoginRequest) -> Result<RecoveryStarted> {
        self.post_json(paths::RECOVERY_EDS, proof).await
    }

    /// Both codes of a recovery.
    pub async fn confirm_recovery(&self, id: &str, codes: &ConfirmCodes) -> Result<()> {
        let path = path_with_id(paths::RECOVERY_CONFIRM, id);
        self.post_done(&path, codes).await
    }

    /// The new password of a recovery.
    pub async fn complete_recovery(&self, id: &str, password: &NewPassword) -> Result<()> {
        let path = path_with_id(paths::RECOVERY_COMPLETE, id);
        self.post_done(&path, password).await
    }

    /// A code to a new contact of the profile.
    pub async fn change_contact(&self, request: &ContactChange) -> Result<CodeSent> {
        self.post_json(paths::PROFILE_CONTACT, request).await
    }

    /// The code that makes the new contact the profile's.
    pub async fn confirm_contact(&self, request: &ContactConfirm) -> Result<Profile> {
        self.post_json(paths::PROFILE_CONTACT_CONFIRM, request)
            .await
    }

    /// The profile's changes, newest first.
    pub async fn profile_history(&self) -> Result<Vec<ProfileChange>> {
        self.json(self.request(Method::GET, paths::PROFILE_HISTORY))
            .await
    }

    /// A QR code to log in with eGov Business.
    pub async fn qr_login(&self) -> Result<QrLogin> {
        self.json(self.request(Method::POST, paths::QR_LOGIN)).await
    }

    /// How QR login `id` stands; the session once signed.
    pub async fn qr_login_status(&self, id: &str, poll: &QrLoginPoll) -> Result<QrLoginStatus> {
        let path = path_with_id(paths::QR_LOGIN_STATUS, id);
        self.post_json(&path, poll).await
    }

    /// What a local server sent (local mode).
    pub async fn local_mailbox(&self) -> Result<Vec<LocalMessage>> {
        self.json(self.request(Method::GET, paths::LOCAL_MAILBOX))
            .await
    }
}
