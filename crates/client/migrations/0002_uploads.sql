-- Uploads in progress, so that they resume after a network drop, a restart or a crash.
CREATE TABLE uploads (
    id         INTEGER PRIMARY KEY,
    path       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    mtime      INTEGER NOT NULL,
    sha256     TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    slot       TEXT    NOT NULL,
    file_name  TEXT    NOT NULL,
    location   TEXT,
    offset     INTEGER NOT NULL DEFAULT 0,
    state      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
