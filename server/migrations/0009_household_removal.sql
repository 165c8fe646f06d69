-- 0009: a household can leave the ledger (an import asked to remove what the file no longer
-- has — a tenant who moved out, say). The row stays, with its corrections, visits and history;
-- phones drop it; importing it again brings it back.
ALTER TABLE households ADD COLUMN removed_at TEXT;
