-- Logins by eGov Business QR: the phone signs the login text; the desktop that holds the poll
-- secret (kept hashed) receives the session once.
CREATE TABLE qr_logins (
    id          TEXT    PRIMARY KEY,
    token       TEXT    NOT NULL,
    poll_hash   TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending',
    account_id  INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    error_code  TEXT
) STRICT;
