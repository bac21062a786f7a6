-- Offline-first drafts: each draft belongs to one server and organisation (its scope), knows
-- the server copy its local edits are based on, and has a local revision. Mutations wait in the
-- outbox, numbered once per device (AUTOINCREMENT never reuses a number). A cursor per scope
-- remembers how far the change feed was read.
ALTER TABLE drafts ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE drafts ADD COLUMN server_id INTEGER;
ALTER TABLE drafts ADD COLUMN base_version INTEGER;
ALTER TABLE drafts ADD COLUMN base_data TEXT;
ALTER TABLE drafts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE drafts ADD COLUMN conflict TEXT;
ALTER TABLE drafts ADD COLUMN sync_error TEXT;
ALTER TABLE drafts ADD COLUMN history TEXT NOT NULL DEFAULT '[]';
ALTER TABLE drafts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX drafts_by_server_id ON drafts(scope, server_id) WHERE server_id IS NOT NULL;
CREATE INDEX drafts_by_scope ON drafts(scope, kind, id);

CREATE TABLE outbox (
    mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope       TEXT    NOT NULL,
    draft_id    INTEGER NOT NULL,
    operation   TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX outbox_by_draft ON outbox(draft_id);

CREATE TABLE sync_cursors (
    scope  TEXT    PRIMARY KEY,
    cursor INTEGER NOT NULL
) STRICT;
