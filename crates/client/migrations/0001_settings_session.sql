-- Settings of this computer (language, server URL) and the one open session.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The profile is cached with the token so the cabinet opens offline.
CREATE TABLE session (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    token    TEXT    NOT NULL,
    profile  TEXT    NOT NULL,
    saved_at INTEGER NOT NULL
) STRICT;
