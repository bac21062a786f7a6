-- A signature's own time (the CMS signing time) and, beside it, when the server received it.
ALTER TABLE signatures ADD COLUMN received_at INTEGER NOT NULL DEFAULT 0;
UPDATE signatures SET received_at = signed_at;
