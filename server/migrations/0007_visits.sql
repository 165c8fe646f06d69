-- 0007: visit notes (客户拜访); each a whole record (JSON in `body`) with the columns the visit
-- report filters on. Return visits live on their follow-up.
CREATE TABLE visits (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    cluster_id   TEXT NOT NULL REFERENCES clusters(id),
    butler_id    TEXT NOT NULL REFERENCES users(id),
    at           TEXT NOT NULL,
    body         TEXT NOT NULL
) STRICT;
CREATE INDEX visits_by_butler ON visits(butler_id, at);
CREATE INDEX visits_by_household ON visits(household_id, at);
