-- 0002: the sync engine (change log, per-device sequences, stored outcomes) and follow-ups.

-- Follow-ups: the whole record as it syncs (JSON in `body`), plus the columns lists filter on.
CREATE TABLE follow_ups (
    id          TEXT PRIMARY KEY,
    cluster_id  TEXT NOT NULL REFERENCES clusters(id),
    department  TEXT NOT NULL CHECK (department IN ('customer_service', 'security', 'engineering',
                                                   'cleaning', 'landscaping', 'finance', 'monitoring')),
    assignee_id TEXT REFERENCES users(id),
    status      TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'in_progress', 'resolved',
                                               'customer_informed', 'closed')),
    due_date    TEXT,
    version     INTEGER NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    body        TEXT NOT NULL
) STRICT;
CREATE INDEX follow_ups_by_cluster ON follow_ups(cluster_id, status);
CREATE INDEX follow_ups_by_department ON follow_ups(department, status);
CREATE INDEX follow_ups_by_assignee ON follow_ups(assignee_id, status);

-- The change log: the server's one order of every change. A row carries the record as it
-- became (NULL body: a tombstone) and the scope columns pulls filter on.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    cluster_id TEXT,
    department TEXT,
    body       TEXT,
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX change_log_by_record ON change_log(kind, record_id, seq);
CREATE INDEX change_log_by_cluster ON change_log(cluster_id, seq);
CREATE INDEX change_log_by_department ON change_log(department, seq);

-- Each device's last applied sequence.
CREATE TABLE sync_devices (
    device_id    TEXT PRIMARY KEY REFERENCES devices(id),
    last_seq     INTEGER NOT NULL DEFAULT 0,
    last_push_at TEXT
) STRICT;

-- Every mutation's outcome, returned again on replay; refused and conflicting ones stay on the
-- "needs attention" list until settled.
CREATE TABLE mutation_outcomes (
    device_id   TEXT NOT NULL REFERENCES devices(id),
    seq         INTEGER NOT NULL,
    mutation_id TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id),
    op          TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('applied', 'refused', 'conflict')),
    outcome     TEXT NOT NULL,
    mutation    TEXT NOT NULL,
    device_time TEXT NOT NULL,
    received_at TEXT NOT NULL,
    settled_at  TEXT,
    settled_by  TEXT REFERENCES users(id),
    settlement  TEXT CHECK (settlement IN ('applied', 'discarded')),
    PRIMARY KEY (device_id, seq)
) STRICT;
CREATE INDEX mutation_outcomes_by_id ON mutation_outcomes(mutation_id);
CREATE INDEX mutation_outcomes_attention ON mutation_outcomes(verdict, settled_at)
    WHERE verdict <> 'applied';

-- Small counters: `floor_seq`, the highest change-log position compaction has removed.
CREATE TABLE sync_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
