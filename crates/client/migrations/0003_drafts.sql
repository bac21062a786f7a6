-- Application drafts kept on this computer: the form as typed, its kind and status.
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    data       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    saved_at   INTEGER NOT NULL
) STRICT;
