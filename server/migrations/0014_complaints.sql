-- 0014: complaints (客户投诉解决, SOP procedure 5; issue 16). Each a whole record (JSON in
-- `body`) with the columns the register filters and counts on. `department` is the
-- responsible department of a valid complaint; `status` is derived from the record.
CREATE TABLE complaints (
    id           TEXT PRIMARY KEY,
    cluster_id   TEXT NOT NULL REFERENCES clusters(id),
    household_id TEXT REFERENCES households(id),
    category     TEXT NOT NULL,
    department   TEXT,
    valid        INTEGER CHECK (valid IN (0, 1)),
    status       TEXT NOT NULL CHECK (status IN ('received', 'reached', 'handling', 'replied',
                                                 'closed')),
    received_at  TEXT NOT NULL,
    closed_at    TEXT,
    taken_by     TEXT NOT NULL REFERENCES users(id),
    version      INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    body         TEXT NOT NULL
) STRICT;
CREATE INDEX complaints_by_received ON complaints(received_at);
CREATE INDEX complaints_by_cluster ON complaints(cluster_id, received_at);
CREATE INDEX complaints_by_household ON complaints(household_id, received_at);
