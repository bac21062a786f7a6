-- Verified EDS signatures over documents, eGov QR signing sessions, and login challenges.
CREATE TABLE signatures (
    id                 INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    document_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    cms                BLOB    NOT NULL,
    signer_name        TEXT    NOT NULL,
    signer_iin         TEXT    NOT NULL,
    signer_bin         TEXT    NOT NULL,
    role               TEXT    NOT NULL,
    certificate_serial TEXT    NOT NULL,
    method             TEXT    NOT NULL,
    signed_at          INTEGER NOT NULL
) STRICT;

CREATE INDEX signatures_by_document ON signatures(document_id);

-- The token is what API №1 hands the phone; the session id in the QR code is as secret.
CREATE TABLE qr_sessions (
    id           TEXT    PRIMARY KEY,
    token        TEXT    NOT NULL,
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'pending',
    signature_id INTEGER REFERENCES signatures(id) ON DELETE SET NULL,
    error_code   TEXT
) STRICT;

CREATE TABLE challenges (
    nonce      TEXT    PRIMARY KEY,
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0
) STRICT;
