-- «Подписать заявку» by eGov QR: a session per application version, used up once signed.
CREATE TABLE submission_qr (
    id             TEXT    PRIMARY KEY,
    token          TEXT    NOT NULL,
    account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    version        INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    state          TEXT    NOT NULL DEFAULT 'open',
    error_code     TEXT
) STRICT;
