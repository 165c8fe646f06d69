-- 0004: what the vacant-unit issue needs: occupancy changes carry who moved in, a note and the
-- state a change overwrote unseen (design §5); runs name the unit they inspected.

ALTER TABLE occupancy_changes ADD COLUMN household TEXT;
ALTER TABLE occupancy_changes ADD COLUMN note TEXT;
ALTER TABLE occupancy_changes ADD COLUMN replaced_unseen TEXT;

ALTER TABLE checklist_runs ADD COLUMN unit_id TEXT REFERENCES units(id);
CREATE INDEX checklist_runs_by_unit ON checklist_runs(unit_id, date);
