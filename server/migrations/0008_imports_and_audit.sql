-- 0008: estate imports, where a change came from, and the audit trail (issue 7).

-- An uploaded spreadsheet, kept so the mapping and preview steps can read it again, and as a
-- record of what was imported.
CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    file_name   TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users(id),
    uploaded_at TEXT NOT NULL,
    applied_at  TEXT,
    report      TEXT
) STRICT;

-- Whether a shared-field correction or an occupancy change came from a device or an import:
-- an import's base is what the previous import set (design §5).
ALTER TABLE household_changes ADD COLUMN source TEXT NOT NULL DEFAULT 'device'
    CHECK (source IN ('device', 'import'));
ALTER TABLE occupancy_changes ADD COLUMN source TEXT NOT NULL DEFAULT 'device'
    CHECK (source IN ('device', 'import'));

-- Who changed what, when, from which device (design §6). Append-only.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    user_id   TEXT REFERENCES users(id),
    device_id TEXT,
    source    TEXT NOT NULL CHECK (source IN ('device', 'office', 'import', 'admin')),
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_by_record ON audit_log(kind, record_id, seq);
CREATE INDEX audit_by_user ON audit_log(user_id, seq);
CREATE INDEX audit_by_at ON audit_log(at);
