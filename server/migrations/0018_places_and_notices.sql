-- 0018: places on the estate and the notices posted on its boards (issue 18). A place — a
-- notice board, a recreation facility, a patrol checkpoint — is registered by the office per
-- cluster and retired, never deleted; a notice is posted on boards of one cluster, its expiry
-- date may change, and it is taken down. Both are stored whole (body: JSON of `Place` and
-- `Notice`) with the columns the registers filter on, and published to their cluster through
-- the change log (the body read from this row).
CREATE TABLE places (
    id          TEXT PRIMARY KEY,
    cluster_id  TEXT NOT NULL REFERENCES clusters(id),
    kind        TEXT NOT NULL CHECK (kind IN ('notice_board', 'facility', 'checkpoint')),
    name        TEXT NOT NULL,
    retired     INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    body        TEXT NOT NULL
) STRICT;
CREATE INDEX places_by_cluster ON places(cluster_id, kind, name);

CREATE TABLE notices (
    id            TEXT PRIMARY KEY,
    cluster_id    TEXT NOT NULL REFERENCES clusters(id),
    posted_on     TEXT NOT NULL,
    expires_on    TEXT NOT NULL,
    taken_down_at TEXT,
    updated_at    TEXT NOT NULL,
    body          TEXT NOT NULL
) STRICT;
CREATE INDEX notices_by_cluster ON notices(cluster_id, posted_on);
CREATE INDEX notices_by_posting ON notices(posted_on, expires_on);
