//! The `registrations` table: registrations between the AUTH signature and the password.

use homeportal_domain::access::RobotChallenge;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::AppError;

/// Registrations under way kept at most; beyond, the server is busy.
pub const MAX_LIVE: i64 = 10_000;

/// A registration under way.
#[derive(Debug, Clone)]
pub struct Registration {
    /// Random id.
    pub id: String,
    /// БИН from the certificate.
    pub bin: String,
    /// Наименование организации from the certificate.
    pub org_name: String,
    /// ИИН from the certificate.
    pub iin: String,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub middle_name: Option<String>,
    /// «Я не робот».
    pub robot: RobotChallenge,
    /// The e-mail codes went to, once given.
    pub email: Option<String>,
    /// The phone codes went to, once given.
    pub phone: Option<String>,
    /// The signed licence, once given.
    pub licence_cms: Option<Vec<u8>>,
    /// Whether both codes were typed.
    pub confirmed: bool,
    /// Unix seconds when it is forgotten.
    pub expires_at: i64,
}

/// Keeps a new registration, forgetting those whose time ran out.
pub fn insert(conn: &Connection, r: &Registration, now: i64) -> Result<(), AppError> {
    conn.execute("DELETE FROM registrations WHERE expires_at <= ?1", [now])?;
    let live: i64 = conn.query_row("SELECT count(*) FROM registrations", [], |r| r.get(0))?;
    if live >= MAX_LIVE {
        return Err(AppError::Code(homeportal_domain::ErrorCode::ServerBusy));
    }
    conn.execute(
        "INSERT INTO registrations (id, bin, org_name, iin, last_name, first_name, middle_name, \
         robot_prefix, robot_bits, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            r.id,
            r.bin,
            r.org_name,
            r.iin,
            r.last_name,
            r.first_name,
            r.middle_name,
            r.robot.prefix,
            r.robot.bits,
            now,
            r.expires_at
        ],
    )?;
    Ok(())
}

/// The live registration `id`.
pub fn find(conn: &Connection, id: &str, now: i64) -> Result<Option<Registration>, AppError> {
    Ok(conn
        .query_row(
            "SELECT id, bin, org_name, iin, last_name, first_name, middle_name, robot_prefix, \
             robot_bits, email, phone, licence_cms, confirmed, expires_at FROM registrations \
             WHERE id = ?1 AND expires_at > ?2",
            params![id, now],
            |r| {
                Ok(Registration {
                    id: r.get(0)?,
                    bin: r.get(1)?,
                    org_name: r.get(2)?,
                    iin: r.get(3)?,
                    last_name: r.get(4)?,
                    first_name: r.get(5)?,
                    middle_name: r.get(6)?,
                    robot: RobotChallenge {
                        prefix: r.get(7)?,
                        bits: r.get(8)?,
                    },
                    email: r.get(9)?,
                    phone: r.get(10)?,
                    licence_cms: r.get(11)?,
                    confirmed: r.get(12)?,
                    expires_at: r.get(13)?,
                })
            },
        )
        .optional()?)
}

/// Records the contacts and the signed licence; the codes must be typed again.
pub fn set_contacts(
    conn: &Connection,
    id: &str,
    email: &str,
    phone: &str,
    licence_cms: &[u8],
) -> Result<(), AppError> {
    conn.execute(
        "UPDATE registrations SET email = ?2, phone = ?3, licence_cms = ?4, confirmed = 0 \
         WHERE id = ?1",
        params![id, email, phone, licence_cms],
    )?;
    Ok(())
}

/// Changes one contact («Изменить электронную почту» / «Изменить номер телефона»).
pub fn set_contact(
    conn: &Connection,
    id: &str,
    channel: homeportal_domain::access::Channel,
    value: &str,
) -> Result<(), AppError> {
    let sql = match channel {
        homeportal_domain::access::Channel::Email => {
            "UPDATE registrations SET email = ?2, confirmed = 0 WHERE id = ?1"
        }
        homeportal_domain::access::Channel::Sms => {
            "UPDATE registrations SET phone = ?2, confirmed = 0 WHERE id = ?1"
        }
    };
    conn.execute(sql, params![id, value])?;
    Ok(())
}

/// Both codes were typed.
pub fn confirm(conn: &Connection, id: &str) -> Result<(), AppError> {
    conn.execute("UPDATE registrations SET confirmed = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// Forgets a finished registration.
pub fn remove(conn: &Connection, id: &str) -> Result<(), AppError> {
    conn.execute("DELETE FROM registrations WHERE id = ?1", [id])?;
    Ok(())
}
