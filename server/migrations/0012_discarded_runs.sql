-- 0012: a run started by mistake can be discarded by its owner while nothing is answered
-- (issue 13). The row stays, for the audit trail; registers, coverage and due lists leave it
-- out, and a pull gives it as a tombstone.
ALTER TABLE checklist_runs ADD COLUMN discarded_at TEXT;
