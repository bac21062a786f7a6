-- Organisation accounts (R1/R3) and their login sessions.
CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    bin            TEXT    NOT NULL UNIQUE,
    org_name       TEXT    NOT NULL,
    iin            TEXT    NOT NULL,
    last_name      TEXT    NOT NULL,
    first_name     TEXT    NOT NULL,
    middle_name    TEXT,
    email          TEXT    NOT NULL,
    email_verified INTEGER NOT NULL DEFAULT 0,
    phone          TEXT    NOT NULL,
    phone_verified INTEGER NOT NULL DEFAULT 0,
    password_hash  TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
) STRICT;

-- Only a SHA-256 of each token is kept, so a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) STRICT;

CREATE INDEX sessions_by_account ON sessions(account_id);
