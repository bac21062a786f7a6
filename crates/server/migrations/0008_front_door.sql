-- The front door (R1–R3): registrations under way, one-time codes, recoveries, the licence
-- each organisation signed, the history of profile changes, and the local mailbox.

-- A registration between the AUTH signature and the password.
CREATE TABLE registrations (
    id              TEXT    PRIMARY KEY,
    bin             TEXT    NOT NULL,
    org_name        TEXT    NOT NULL,
    iin             TEXT    NOT NULL,
    last_name       TEXT    NOT NULL,
    first_name      TEXT    NOT NULL,
    middle_name     TEXT,
    robot_prefix    TEXT    NOT NULL,
    robot_bits      INTEGER NOT NULL,
    email           TEXT,
    phone           TEXT,
    licence_cms     BLOB,
    confirmed       INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL
) STRICT;

-- One-time codes: only a salted SHA-256 is kept. One live code per (purpose, subject, channel).
CREATE TABLE codes (
    purpose     TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    salt        TEXT    NOT NULL,
    code_hash   TEXT    NOT NULL,
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     INTEGER,
    PRIMARY KEY (purpose, subject, channel)
) STRICT;

-- «Забыли пароль?» under way; account_id is NULL for a request that matched no account (it
-- is answered the same way and can never be proven).
CREATE TABLE recoveries (
    id          TEXT    PRIMARY KEY,
    account_id  INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    proven      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) STRICT;

-- The signed Лицензионное соглашение of each account.
CREATE TABLE licence_acceptances (
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    text_sha256   TEXT    NOT NULL,
    cms           BLOB    NOT NULL,
    signer_iin    TEXT    NOT NULL,
    signed_at     INTEGER NOT NULL
) STRICT;

-- Who changed the profile's contacts, when, from what to what.
CREATE TABLE profile_changes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    by_name     TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    old_value   TEXT    NOT NULL,
    new_value   TEXT    NOT NULL
) STRICT;

CREATE INDEX profile_changes_by_account ON profile_changes(account_id, id);

-- Messages of a server with no SMTP and no SMS gateway (local mode), newest last.
CREATE TABLE mailbox (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    channel   TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    subject   TEXT    NOT NULL,
    body      TEXT    NOT NULL
) STRICT;
