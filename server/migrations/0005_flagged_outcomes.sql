-- 0005: a change that applied but overwrote a value its author had not seen (design §5's rule
-- for shared fields) is flagged, and stays on "needs attention" until someone acknowledges it.
ALTER TABLE mutation_outcomes ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1));
CREATE INDEX mutation_outcomes_flagged ON mutation_outcomes(flagged, settled_at) WHERE flagged = 1;
