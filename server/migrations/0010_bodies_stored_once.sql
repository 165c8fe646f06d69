-- 0010: a record's text is stored once (issue 12, growth linear in what was sent).
--
-- Runs and follow-ups grow by appended entries and comments. Their change-log entry no longer
-- copies the record's body: `from_record = 1` says the pull reads the body from the record's
-- own row (`checklist_runs`, `follow_ups`), which the same transaction wrote. A tombstone is
-- still `body IS NULL AND from_record = 0`.
ALTER TABLE change_log ADD COLUMN from_record INTEGER NOT NULL DEFAULT 0
    CHECK (from_record IN (0, 1));

-- A mutation's body is kept while someone may still need to read it: refused, conflicting or
-- flagged ones (the "needs attention" list, the office applying it). An applied mutation keeps
-- its id, op, record and outcome, which a replay answers from; its body is not kept (NULL).
CREATE TABLE mutation_outcomes_0010 (
    device_id   TEXT NOT NULL REFERENCES devices(id),
    seq         INTEGER NOT NULL,
    mutation_id TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id),
    op          TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('applied', 'refused', 'conflict')),
    outcome     TEXT NOT NULL,
    mutation    TEXT CHECK (mutation IS NOT NULL OR (verdict = 'applied' AND flagged = 0)),
    device_time TEXT NOT NULL,
    received_at TEXT NOT NULL,
    settled_at  TEXT,
    settled_by  TEXT REFERENCES users(id),
    settlement  TEXT CHECK (settlement IN ('applied', 'discarded')),
    flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    PRIMARY KEY (device_id, seq)
) STRICT;
INSERT INTO mutation_outcomes_0010
    (device_id, seq, mutation_id, user_id, op, record_id, verdict, outcome, mutation,
     device_time, received_at, settled_at, settled_by, settlement, flagged)
SELECT device_id, seq, mutation_id, user_id, op, record_id, verdict, outcome,
       CASE WHEN verdict = 'applied' AND flagged = 0 THEN NULL ELSE mutation END,
       device_time, received_at, settled_at, settled_by, settlement, flagged
FROM mutation_outcomes;
DROP TABLE mutation_outcomes;
ALTER TABLE mutation_outcomes_0010 RENAME TO mutation_outcomes;
CREATE INDEX mutation_outcomes_by_id ON mutation_outcomes(mutation_id);
CREATE INDEX mutation_outcomes_attention ON mutation_outcomes(verdict, settled_at)
    WHERE verdict <> 'applied';
CREATE INDEX mutation_outcomes_flagged ON mutation_outcomes(flagged, settled_at) WHERE flagged = 1;
