-- 0016: charges from finance (issue 17), imported from finance's export: one row per unit, fee
-- type and month billed. Amounts in fen, never floats. A charge missing from a later export
-- stays, marked (in_latest = 0: 未在最新导出中). paid_on: the export's payment date, else the day
-- of the first import that showed it paid in full.
CREATE TABLE charges (
    unit_id     TEXT NOT NULL REFERENCES units(id),
    fee_type    TEXT NOT NULL CHECK (fee_type IN ('property', 'parking', 'utilities', 'other')),
    period      TEXT NOT NULL,                 -- the month billed, its first day: 2026-11-01
    cluster_id  TEXT NOT NULL REFERENCES clusters(id),
    due_fen     INTEGER NOT NULL CHECK (due_fen BETWEEN 0 AND 100000000000),
    paid_fen    INTEGER NOT NULL CHECK (paid_fen BETWEEN 0 AND 100000000000),
    due_date    TEXT NOT NULL,
    paid_on     TEXT,
    in_latest   INTEGER NOT NULL DEFAULT 1 CHECK (in_latest IN (0, 1)),
    import_id   TEXT NOT NULL,                 -- the import that last wrote it
    PRIMARY KEY (unit_id, fee_type, period)
) STRICT, WITHOUT ROWID;
CREATE INDEX charges_by_cluster ON charges(cluster_id, period);

-- Each applied import of charges: who, when, which file and what it did.
CREATE TABLE charge_imports (
    id           TEXT PRIMARY KEY,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    imported_by  TEXT NOT NULL REFERENCES users(id),
    imported_at  TEXT NOT NULL,
    rows         INTEGER NOT NULL,
    new          INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    paid_in_full INTEGER NOT NULL,
    missing      INTEGER NOT NULL
) STRICT;

-- The office's fee-collection settings (one row; none: the defaults in `FeeSettings`): the
-- company on letters, the late fee's terms and the limitation rule, as JSON of `FeeSettings`.
CREATE TABLE fee_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES users(id)
) STRICT;

-- Lawyer's letters recorded as issued, with what they stated (the drafted `LetterDraft`).
CREATE TABLE lawyer_letters (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES units(id),
    dated         TEXT NOT NULL,
    issued_by     TEXT NOT NULL REFERENCES users(id),
    issued_at     TEXT NOT NULL,
    owed_fen      INTEGER NOT NULL,
    late_fee_fen  INTEGER NOT NULL,
    body          TEXT NOT NULL
) STRICT;
CREATE INDEX lawyer_letters_by_unit ON lawyer_letters(unit_id, dated);
