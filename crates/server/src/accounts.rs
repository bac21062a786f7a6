//! Organisation accounts: created by KZhK staff (admin subcommand) until registration lands.

use homeportal_domain::api::Profile;
use homeportal_domain::ids::{Bin, Email, Iin, PhoneKz};
use homeportal_domain::RuleViolation;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;
use crate::passwords;

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
    bin: Bin,
    org_name: String,
    iin: Iin,
    last_name: String,
    first_name: String,
    middle_name: Option<String>,
    email: String,
    phone: String,
    password: String,
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
        if self.password.is_empty() {
            errors.push((
                "password".to_owned(),
                RuleViolation::new("rule.password.required"),
            ));
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

/// Stores a validated account; a BIN that already has one is a conflict.
pub fn create(conn: &Connection, account: &ValidAccount, now: i64) -> Result<i64, AppError> {
    let hash = passwords::hash(&account.password)?;
    let inserted = conn.execute(
        "INSERT INTO accounts (bin, org_name, iin, last_name, first_name, middle_name, email, \
         phone, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT(bin) DO NOTHING",
        params![
            account.bin.as_string(),
            account.org_name,
            account.iin.as_string(),
            account.last_name,
            account.first_name,
            account.middle_name,
            account.email,
            account.phone,
            hash,
            now
        ],
    )?;
    if inserted == 0 {
        return Err(AppError::Code(homeportal_domain::ErrorCode::Conflict));
    }
    Ok(conn.last_insert_rowid())
}

/// The account id and password hash for a BIN, if it has an account.
pub fn credentials(conn: &Connection, bin: &Bin) -> Result<Option<(i64, String)>, AppError> {
    Ok(conn
        .query_row(
            "SELECT id, password_hash FROM accounts WHERE bin = ?1",
            [bin.as_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}

/// The profile of an account.
pub fn profile(conn: &Connection, account_id: i64) -> Result<Profile, AppError> {
    let row = conn
        .query_row(
            "SELECT bin, org_name, iin, last_name, first_name, middle_name, email, email_verified, \
             phone, phone_verified FROM accounts WHERE id = ?1",
            [account_id],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, Option<String>>(5)?,
                    row.get::<_, String>(6)?,
                    row.get::<_, bool>(7)?,
                    row.get::<_, String>(8)?,
                    row.get::<_, bool>(9)?,
                ))
            },
        )
        .optional()?
        .ok_or(AppError::Code(homeportal_domain::ErrorCode::NotFound))?;
    let (bin, org_name, iin, last_name, first_name, middle_name, email, ev, phone, pv) = row;
    Ok(Profile {
        bin: Bin::parse(&bin).map_err(|e| AppError::internal(format!("stored BIN: {e}")))?,
        org_name,
        iin: Iin::parse(&iin).map_err(|e| AppError::internal(format!("stored IIN: {e}")))?,
        last_name,
        first_name,
        middle_name,
        email,
        email_verified: ev,
        phone,
        phone_verified: pv,
    })
}

/// BIN and name of every account, for staff.
pub fn list(conn: &Connection) -> Result<Vec<(String, String)>, AppError> {
    let mut stmt = conn.prepare("SELECT bin, org_name FROM accounts ORDER BY bin")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
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
