//! An organisation account for tests, with valid identifiers.

/// Everything needed to create and log in to an account.
#[derive(Debug, Clone)]
pub struct TestAccount {
    /// БИН.
    pub bin: &'static str,
    /// Наименование организации.
    pub org_name: &'static str,
    /// ИИН.
    pub iin: &'static str,
    /// Фамилия.
    pub last_name: &'static str,
    /// Имя.
    pub first_name: &'static str,
    /// Отчество.
    pub middle_name: &'static str,
    /// Электронная почта.
    pub email: &'static str,
    /// Мобильный номер.
    pub phone: &'static str,
    /// Пароль.
    pub password: &'static str,
}

impl TestAccount {
    /// An authorised company with a valid BIN (940140000385) and IIN (830717350867).
    pub fn nova_city() -> Self {
        TestAccount {
            bin: "940140000385",
            org_name: "ТОО «Nova City Development»",
            iin: "830717350867",
            last_name: "Сапаров",
            first_name: "Ерлан",
            middle_name: "Маратович",
            email: "buh@novacity.kz",
            phone: "+77011234567",
            password: "Qwerty12!",
        }
    }

    /// A developer with another valid BIN (950341000052) and IIN (871008401427).
    pub fn stroy() -> Self {
        TestAccount {
            bin: "950341000052",
            org_name: "ТОО «Строй»",
            iin: "871008401427",
            last_name: "Ахметов",
            first_name: "Нурлан",
            middle_name: "Серикович",
            email: "info@stroy.kz",
            phone: "+77771234567",
            password: "Parol-2026",
        }
    }
}
