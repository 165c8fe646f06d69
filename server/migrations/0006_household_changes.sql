-- 0006: corrections of a household's shared fields (phone, mailing address), kept with the
-- value they replaced and, when it was not the one the author saw, that too (design §5).
CREATE TABLE household_changes (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id),
    field        TEXT NOT NULL CHECK (field IN ('phone', 'mailing_address')),
    value        TEXT NOT NULL,
    previous     TEXT NOT NULL,
    author_saw   TEXT,
    recorded_by  TEXT REFERENCES users(id),
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX household_changes_by_household ON household_changes(household_id, recorded_at);
