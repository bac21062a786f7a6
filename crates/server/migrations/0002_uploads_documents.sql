-- Documents (the organisation's library and application slots) and resumable uploads (tus).
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    slot        TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    mime        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX documents_by_account ON documents(account_id);
CREATE INDEX documents_by_blob ON documents(sha256);

CREATE TABLE uploads (
    id              TEXT    PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    slot            TEXT    NOT NULL,
    file_name       TEXT    NOT NULL,
    length          INTEGER NOT NULL,
    offset          INTEGER NOT NULL DEFAULT 0,
    declared_sha256 TEXT,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    document_id     INTEGER REFERENCES documents(id) ON DELETE SET NULL
) STRICT;

CREATE INDEX uploads_by_account ON uploads(account_id);
