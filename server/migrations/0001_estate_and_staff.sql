-- 0001: the estate's shape, staff, devices, sessions and sign-in throttling.
-- Shipped migrations are never edited: add a new numbered file instead.
-- Ids are UUID v7 text; instants are UTC text as 2026-11-28T06:49:33.123Z (they sort as text);
-- calendar dates are YYYY-MM-DD in the estate's time zone.

CREATE TABLE estates (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    time_zone   TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE clusters (
    id          TEXT PRIMARY KEY,
    estate_id   TEXT NOT NULL REFERENCES estates(id),
    name        TEXT NOT NULL,
    UNIQUE (estate_id, name)
) STRICT;

CREATE TABLE buildings (
    id          TEXT PRIMARY KEY,
    estate_id   TEXT NOT NULL REFERENCES estates(id),
    cluster_id  TEXT NOT NULL REFERENCES clusters(id),
    code        TEXT NOT NULL,            -- "3" in 3-2-1201
    name        TEXT NOT NULL,            -- "3栋"
    UNIQUE (estate_id, code)
) STRICT;
CREATE INDEX buildings_by_cluster ON buildings(cluster_id);

CREATE TABLE entrances (
    id          TEXT PRIMARY KEY,
    building_id TEXT NOT NULL REFERENCES buildings(id),
    code        TEXT NOT NULL,            -- "2" in 3-2-1201
    UNIQUE (building_id, code)
) STRICT;

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    entrance_id TEXT NOT NULL REFERENCES entrances(id),
    room        TEXT NOT NULL,            -- "1201" in 3-2-1201
    floor       INTEGER NOT NULL,
    area_m2     REAL,
    removed_at  TEXT,
    UNIQUE (entrance_id, room)
) STRICT;

-- A unit's occupancy over time: the one source of truth for vacancy and move-in (design §3).
CREATE TABLE occupancy_changes (
    id             TEXT PRIMARY KEY,
    unit_id        TEXT NOT NULL REFERENCES units(id),
    state          TEXT NOT NULL CHECK (state IN ('vacant', 'occupied', 'renovating')),
    effective_date TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX occupancy_by_unit ON occupancy_changes(unit_id, effective_date);

-- The people of a unit, identified within it by name (design §3).
CREATE TABLE households (
    id              TEXT PRIMARY KEY,
    unit_id         TEXT NOT NULL REFERENCES units(id),
    name            TEXT NOT NULL,
    relation        TEXT NOT NULL CHECK (relation IN ('owner', 'tenant')),
    phone           TEXT,
    mailing_address TEXT,
    key_customer    INTEGER NOT NULL DEFAULT 0 CHECK (key_customer IN (0, 1)),
    note            TEXT,
    UNIQUE (unit_id, name)
) STRICT;

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('butler', 'office', 'admin', 'staff')),
    department           TEXT CHECK (department IN ('customer_service', 'security', 'engineering',
                                                    'cleaning', 'landscaping', 'finance', 'monitoring')),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at           TEXT NOT NULL,
    CHECK (role <> 'staff' OR department IS NOT NULL)
) STRICT;

CREATE TABLE user_clusters (
    user_id    TEXT NOT NULL REFERENCES users(id),
    cluster_id TEXT NOT NULL REFERENCES clusters(id),
    PRIMARY KEY (user_id, cluster_id)
) STRICT;

-- One browser on one phone or computer. Revoking a device ends its sessions and its sync.
CREATE TABLE devices (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id),
    user_agent    TEXT,
    first_seen_at TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    revoked_at    TEXT
) STRICT;
CREATE INDEX devices_by_user ON devices(user_id);

-- Sessions survive restarts. Only a SHA-256 of the cookie's token is stored.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    device_id    TEXT NOT NULL REFERENCES devices(id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Failed sign-ins per username (lower-cased), kept across restarts.
CREATE TABLE sign_in_failures (
    username         TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL,
    first_failed_at  TEXT NOT NULL,
    locked_until     TEXT
) STRICT;
