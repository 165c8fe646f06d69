-- 0017: the butler's fee-collection case file (issue 17). Each contact — a statement delivered,
-- a call, a visit, a return visit, a lawyer's letter — is a fact recorded once, stored whole
-- (body: JSON of `CollectionContact`) with the columns the register filters on, and published
-- to its cluster through the change log (the body read from this row). Units' arrears are
-- published to the change log as `arrears` records computed from `charges`; they have no table.
CREATE TABLE collection_contacts (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES units(id),
    cluster_id   TEXT NOT NULL REFERENCES clusters(id),
    what         TEXT NOT NULL CHECK (what IN ('statement', 'call', 'visit', 'return_visit', 'letter')),
    at           TEXT NOT NULL,
    by_user      TEXT NOT NULL REFERENCES users(id),
    reason       TEXT,
    promised_on  TEXT,
    follow_up    TEXT,
    recorded_at  TEXT NOT NULL,
    body         TEXT NOT NULL
) STRICT;
CREATE INDEX collection_contacts_by_unit ON collection_contacts(unit_id, at);
CREATE INDEX collection_contacts_by_cluster ON collection_contacts(cluster_id, at);
