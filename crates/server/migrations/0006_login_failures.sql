-- Wrong passwords per client address and БИН, and until when that address must wait: kept here
-- so that a restart forgets nothing.
CREATE TABLE login_failures (
    address    TEXT    NOT NULL,
    bin        TEXT    NOT NULL,
    failures   INTEGER NOT NULL,
    wait_until INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (address, bin)
) STRICT;
