-- 0021: community activities (issue 19). One row per activity, stored whole (body: JSON of
-- `Activity`, with each butler's share of the places and every household's sign-up, its
-- attendance and its feedback), published to every butler through the change log (no
-- cluster: the body read from this row). Never deleted.
CREATE TABLE activities (
    id          TEXT PRIMARY KEY,
    starts_at   TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    body        TEXT NOT NULL
) STRICT;
CREATE INDEX activities_by_start ON activities(starts_at);
