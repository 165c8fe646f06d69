-- 0011: the trail keeps what a synced change did as data (issue 13), so that a screen tells it
-- in words in its reader's language instead of an item's key and a value's code. Entries
-- written before keep their `detail` text; `change` is JSON of `app::estate::audit::AuditChange`.
ALTER TABLE audit_log ADD COLUMN change TEXT;
