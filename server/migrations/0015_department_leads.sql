-- 0015: a department's lead (issue 16). The admin marks department staff as their
-- department's lead; a lead pulls, read-only, the complaints judged against their department.
-- A complaint's change-log rows now carry that department (other staff do not pull them:
-- the pull leaves complaints out for staff who are not leads); the rows written before this
-- get it from the complaint as it stands.
ALTER TABLE users ADD COLUMN lead INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1));

UPDATE change_log
SET department = (SELECT c.department FROM complaints c WHERE c.id = change_log.record_id)
WHERE kind = 'complaint';
