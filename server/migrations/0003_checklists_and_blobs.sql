-- 0003: checklist templates (one immutable row per version), checklist runs, and photos
-- (blobs stored as files beside the database; `blob_refs` says which records show them).

CREATE TABLE checklist_templates (
    version_id  TEXT PRIMARY KEY,
    template_id TEXT NOT NULL,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    purpose     TEXT NOT NULL CHECK (purpose IN ('patrol', 'notice_board', 'briefing', 'vacant_unit')),
    active      INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (template_id, version)
) STRICT;

CREATE TABLE checklist_runs (
    id               TEXT PRIMARY KEY,
    template_id      TEXT NOT NULL,
    template_version TEXT NOT NULL REFERENCES checklist_templates(version_id),
    purpose          TEXT NOT NULL,
    cluster_id       TEXT NOT NULL REFERENCES clusters(id),
    butler_id        TEXT NOT NULL REFERENCES users(id),
    date             TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    failures         INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    updated_at       TEXT NOT NULL,
    body             TEXT NOT NULL
) STRICT;
CREATE INDEX checklist_runs_by_date ON checklist_runs(date, cluster_id);
CREATE INDEX checklist_runs_by_template ON checklist_runs(template_id, date);

CREATE TABLE blobs (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    uploaded_by  TEXT NOT NULL REFERENCES users(id),
    uploaded_at  TEXT NOT NULL
) STRICT;

-- A photo may be referred to before it arrives (it uploads on its own), so no foreign key.
CREATE TABLE blob_refs (
    sha256     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    cluster_id TEXT,
    department TEXT,
    PRIMARY KEY (sha256, kind, record_id)
) STRICT;
