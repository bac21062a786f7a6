//! Organisation accounts: login (password, e-mail code), logout, recovery, the profile and its
//! confirmed contacts, the local mailbox, password hashing; staff's `accounts` subcommand.

mod contacts;
mod email_login;
mod login;
mod mailbox;
pub(crate) mod one_time;
pub(crate) mod passwords;
mod profile;
mod recovery;
pub(crate) use axum::routing::{get, post};
use axum::Router;
use homeportal_domain::access::password;
use homeportal_domain::access::paths as access;
use homeportal_domain::api::paths;
use homeportal_domain::ids::{Bin, Email, Iin, PhoneKz};
use homeportal_domain::RuleViolation;

use crate::db::Db;
use crate::error::AppError;
use crate::repo;
use crate::state::AppState;

/// Login, logout, recovery, the profile and the local mailbox.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::LOGIN, post(login::login))
        .route(paths::LOGOUT, post(login::logout))
        .route(paths::PROFILE, get(profile::profile))
        .route(access::EMAIL_CODE, post(email_login::send_code))
        .route(access::LOGIN_EMAIL, post(email_login::login))
        .route(access::RECOVERY, post(recovery::start))
        .route(access::RECOVERY_EDS, post(recovery::by_eds))
        .route(access::RECOVERY_CONFIRM, post(recovery::confirm))
        .route(access::RECOVERY_COMPLETE, post(recovery::complete))
        .route(access::PROFILE_CONTACT, post(contacts::change))
        .route(access::PROFILE_CONTACT_CONFIRM, post(contacts::confirm))
        .route(access::PROFILE_HISTORY, get(contacts::history))
        .route(access::LOCAL_MAILBOX, get(mailbox::list))
}

/// What staff type to create an account; every field is parsed before anything is stored.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// БИН.
    pub bin: String,
    /// Наименование организации.
    pub org_name: String,
    /// ИИН of the person.
    pub iin: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: Option<String>,
    /// Электронная почта.
    pub email: String,
    /// Мобильный номер.
    pub phone: String,
    /// The initial password.
    pub password: String,
}

/// A [`NewAccount`] whose fields passed their rules.
#[derive(Debug, Clone)]
pub struct ValidAccount {
    pub(crate) bin: Bin,
    pub(crate) org_name: String,
    pub(crate) iin: Iin,
    pub(crate) last_name: String,
    pub(crate) first_name: String,
    pub(crate) middle_name: Option<String>,
    pub(crate) email: String,
    pub(crate) phone: String,
    pub(crate) password: String,
}

fn required(field: &str, value: &str, errors: &mut Vec<(String, RuleViolation)>) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.push((field.to_owned(), RuleViolation::new("rule.required")));
    }
    trimmed.to_owned()
}

impl NewAccount {
    /// Checks every field and reports all problems at once.
    pub fn validate(&self) -> Result<ValidAccount, AppError> {
        let mut errors = Vec::new();
        let bin = Bin::parse(&self.bin)
            .map_err(|e| errors.push(("bin".to_owned(), e)))
            .ok();
        let iin = Iin::parse(&self.iin)
            .map_err(|e| errors.push(("iin".to_owned(), e)))
            .ok();
        let org_name = required("org_name", &self.org_name, &mut errors);
        let last_name = required("last_name", &self.last_name, &mut errors);
        let first_name = required("first_name", &self.first_name, &mut errors);
        let email = Email::parse(&self.email)
            .map_err(|e| errors.push(("email".to_owned(), e)))
            .ok();
        let phone = PhoneKz::parse(&self.phone)
            .map_err(|e| errors.push(("phone".to_owned(), e)))
            .ok();
        if let Err(rule) = password::check(&self.password, &self.password) {
            errors.push(("password".to_owned(), rule));
        }
        match (bin, iin, email, phone) {
            (Some(bin), Some(iin), Some(email), Some(phone)) if errors.is_empty() => {
                Ok(ValidAccount {
                    bin,
                    org_name,
                    iin,
                    last_name,
                    first_name,
                    middle_name: self
                        .middle_name
                        .as_deref()
                        .map(str::trim)
                        .filter(|m| !m.is_empty())
                        .map(str::to_owned),
                    email: email.as_str().to_owned(),
                    phone: phone.e164().to_owned(),
                    password: self.password.clone(),
                })
            }
            _ => Err(AppError::Validation(errors)),
        }
    }
}

/// Stores a validated account (staff's `accounts create`, contacts not yet confirmed); a BIN
/// that has one is refused.
pub fn create(db: &Db, account: &ValidAccount, now: i64) -> Result<i64, AppError> {
    let hash = passwords::hash(&account.password)?;
    db.call_blocking(|conn| repo::accounts::create(conn, account, &hash, false, now))
}

/// BIN and name of every account (staff's `accounts list`).
pub fn list(db: &Db) -> Result<Vec<(String, String)>, AppError> {
    db.call_blocking(|conn| repo::accounts::list(conn))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_account() -> NewAccount {
        NewAccount {
            bin: "940140000385".into(),
            org_name: "ТОО «Тест»".into(),
            iin: "830717350867".into(),
            last_name: "Сапаров".into(),
            first_name: "Ерлан".into(),
            middle_name: Some("  ".into()),
            email: "Buh@Test.KZ".into(),
            phone: "8 (701) 123-45-67".into(),
            password: "Qwerty12!".into(),
        }
    }

    #[test]
    fn contacts_are_normalised() {
        let valid = new_account().validate().expect("valid");
        assert_eq!(valid.email, "Buh@test.kz");
        assert_eq!(valid.phone, "+77011234567");
        assert_eq!(valid.middle_name, None);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = NewAccount {
            email: "buh".into(),
            phone: "+7 703 123 45 67".into(),
            org_name: " ".into(),
            ..new_account()
        };
        let Err(AppError::Validation(fields)) = bad.validate() else {
            panic!("expected a validation error");
        };
        let found: Vec<(&str, &str)> = fields.iter().map(|(f, r)| (f.as_str(), r.key)).collect();
        assert_eq!(
            found,
            vec![
                ("org_name", "rule.required"),
                ("email", "rule.email.format"),
                ("phone", "rule.phone.not_mobile"),
            ]
        );
    }
}
