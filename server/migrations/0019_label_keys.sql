-- 0019: the estate's keys for the places' QR labels (issue 18). Labels are signed with the
-- current key (Ed25519; `secret` is its 32-byte seed, kept here and so in the backups); phones
-- receive the public keys through the directory and check a scanned code offline. Rotating
-- retires the current key (`retired_at`): its labels are then refused with that reason.
CREATE TABLE label_keys (
    id          INTEGER PRIMARY KEY,
    secret      BLOB NOT NULL CHECK (length(secret) = 32),
    public      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT
) STRICT;
