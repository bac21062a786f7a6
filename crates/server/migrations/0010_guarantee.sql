-- Guarantee applications between two parties and КЖК: when an application was sent and how it
-- was registered; developers a УК invited and that confirmed with their EDS; the signatures
-- over applications; КЖК staff and their API keys.
ALTER TABLE applications ADD COLUMN sent_at INTEGER;
ALTER TABLE applications ADD COLUMN reg_number TEXT;
ALTER TABLE applications ADD COLUMN reg_date TEXT;
ALTER TABLE applications ADD COLUMN reg_deadline TEXT;

-- The last registration number handed out per kind.
CREATE TABLE registration_numbers (
    kind TEXT    PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE invitations (
    code_hash      TEXT    PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    uk_bin         TEXT    NOT NULL,
    developer_bin  TEXT    NOT NULL,
    developer_name TEXT    NOT NULL,
    email          TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    accepted_at    INTEGER
) STRICT;

-- A developer that confirmed an invitation of a УК: the УК's applications naming it open to it.
CREATE TABLE partnerships (
    uk_bin        TEXT    NOT NULL,
    developer_bin TEXT    NOT NULL,
    signer_iin    TEXT    NOT NULL,
    cms           BLOB    NOT NULL,
    confirmed_at  INTEGER NOT NULL,
    PRIMARY KEY (uk_bin, developer_bin)
) STRICT;

CREATE TABLE application_signatures (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    content_sha256 TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    cms            BLOB    NOT NULL,
    signer_iin     TEXT    NOT NULL,
    signer_name    TEXT    NOT NULL,
    signed_at      INTEGER NOT NULL,
    received_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    key_hash   TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
) STRICT;
