-- 0013: each department's default time for a follow-up (issue 13), set by the admin. A
-- department without a row has the general default (3 days, `DEFAULT_DUE_DAYS` in the app).
-- Follow-ups made before this had no due date; the first start after this migration gives
-- them one, and moves the place of those that named a checklist section to the unit or the
-- round's cluster (`db::follow_up::backfill_due_dates_and_places`, once, in Rust, since it
-- reads template versions).
CREATE TABLE department_settings (
    department TEXT PRIMARY KEY CHECK (department IN ('customer_service', 'security',
                                                     'engineering', 'cleaning', 'landscaping',
                                                     'finance', 'monitoring')),
    due_days   INTEGER NOT NULL CHECK (due_days BETWEEN 1 AND 365),
    updated_at TEXT NOT NULL,
    updated_by TEXT REFERENCES users(id)
) STRICT;
