-- Applications with their content, version and parties; a change feed ordered by one server
-- sequence; and the mutations each device had applied, with their first answers.
CREATE TABLE applications (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    owner_bin    TEXT    NOT NULL,
    developer_bin TEXT,
    status       TEXT    NOT NULL,
    data         TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    change_seq   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    deleted_at   INTEGER
) STRICT;

CREATE INDEX applications_by_owner ON applications(owner_bin, change_seq);
CREATE INDEX applications_by_developer ON applications(developer_bin, change_seq)
    WHERE developer_bin IS NOT NULL;

-- The last value handed out to a change: the feed's cursor.
CREATE TABLE change_sequence (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
) STRICT;
INSERT INTO change_sequence (id, value) VALUES (1, 0);

CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    at             INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    event          TEXT    NOT NULL
) STRICT;

CREATE INDEX application_events_by_application ON application_events(application_id, id);

-- Per account and device: the last mutation applied (in the same transaction as its effect).
CREATE TABLE devices (
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device        TEXT    NOT NULL,
    last_mutation INTEGER NOT NULL,
    PRIMARY KEY (account_id, device)
) STRICT;

-- The first answer to each applied mutation, so a replay gets it again and changes nothing.
CREATE TABLE mutation_answers (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    device     TEXT    NOT NULL,
    mutation   INTEGER NOT NULL,
    status     INTEGER NOT NULL,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, device, mutation)
) STRICT;
