//! Staff users, their clusters, devices, sessions and failed sign-ins.

use super::{now_text, DbError};
use app::domain::{ClusterId, ClusterRef, Department, DeviceId, Role, SessionUser, UserId};
use rusqlite::{params, Connection, OptionalExtension};

/// A user row as sign-in needs it.
#[derive(Debug, Clone)]
pub struct UserForSignIn {
    /// The user.
    pub id: UserId,
    /// The Argon2id hash in PHC form.
    pub password_hash: String,
    /// A deactivated user cannot sign in.
    pub active: bool,
}

/// A new staff user.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Sign-in name.
    pub username: &'a str,
    /// Name shown to people.
    pub display_name: &'a str,
    /// Argon2id hash.
    pub password_hash: &'a str,
    /// Role.
    pub role: Role,
    /// Department, if any.
    pub department: Option<Department>,
    /// Must change the password at next sign-in.
    pub must_change_password: bool,
    /// Their department's lead (department staff only).
    pub lead: bool,
}

fn parse<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, DbError> {
    s.parse()
        .map_err(|_| DbError::Corrupt(format!("{what} {s:?}")))
}

/// Creates a user; returns its id.
pub fn insert_user(conn: &Connection, user: &NewUser<'_>) -> Result<UserId, DbError> {
    let id = UserId::new_v7();
    conn.execute(
        "INSERT INTO users (id, username, display_name, password_hash, role, department,
                            must_change_password, active, created_at, lead)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9)",
        params![
            id.to_string(),
            user.username,
            user.display_name,
            user.password_hash,
            user.role.code(),
            user.department.map(Department::code),
            user.must_change_password,
            now_text(),
            user.lead && user.role == Role::Staff,
        ],
    )?;
    Ok(id)
}

/// Gives a user a cluster to look after.
pub fn assign_cluster(conn: &Connection, user: UserId, cluster: ClusterId) -> Result<(), DbError> {
    conn.execute(
        "INSERT OR IGNORE INTO user_clusters (user_id, cluster_id) VALUES (?1, ?2)",
        params![user.to_string(), cluster.to_string()],
    )?;
    Ok(())
}

/// How many users exist.
pub fn count_users(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?)
}

/// Finds a user by sign-in name (case-insensitive).
pub fn find_for_sign_in(
    conn: &Connection,
    username: &str,
) -> Result<Option<UserForSignIn>, DbError> {
    let row = conn
        .query_row(
            "SELECT id, password_hash, active FROM users WHERE username = ?1",
            [username],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            },
        )
        .optional()?;
    row.map(|(id, password_hash, active)| {
        Ok(UserForSignIn {
            id: parse(&id, "user id")?,
            password_hash,
            active,
        })
    })
    .transpose()
}

/// A user's name as people read it (`None`: no such user).
pub fn display_name(conn: &Connection, id: UserId) -> Result<Option<String>, DbError> {
    Ok(conn
        .prepare_cached("SELECT display_name FROM users WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?)
}

/// The user as the browser keeps it, with their clusters.
pub fn session_user(conn: &Connection, id: UserId) -> Result<Option<SessionUser>, DbError> {
    let row = conn
        .query_row(
            "SELECT username, display_name, role, department, must_change_password, lead
             FROM users WHERE id = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, bool>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((username, display_name, role, department, must_change_password, lead)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name FROM user_clusters uc JOIN clusters c ON c.id = uc.cluster_id
         WHERE uc.user_id = ?1 ORDER BY c.name",
    )?;
    let clusters = stmt
        .query_map([id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .map(|row| {
            let (cid, name) = row?;
            Ok(ClusterRef {
                id: parse(&cid, "cluster id")?,
                name,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(Some(SessionUser {
        id,
        username,
        display_name,
        role: parse(&role, "role")?,
        department: department.map(|d| parse(&d, "department")).transpose()?,
        clusters,
        lead,
        must_change_password,
    }))
}

/// The device a new session will belong to: the one the browser named if it is this user's and
/// not revoked, else a new one (a revoked phone never comes back under its old id).
pub fn claim_device(
    conn: &Connection,
    user: UserId,
    proposed: Option<DeviceId>,
    user_agent: Option<&str>,
) -> Result<DeviceId, DbError> {
    let now = now_text();
    if let Some(device) = proposed {
        let owner: Option<(String, Option<String>)> = conn
            .query_row(
                "SELECT user_id, revoked_at FROM devices WHERE id = ?1",
                [device.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match owner {
            Some((owner, None)) if owner == user.to_string() => {
                conn.execute(
                    "UPDATE devices SET last_seen_at = ?2, user_agent = COALESCE(?3, user_agent)
                     WHERE id = ?1",
                    params![device.to_string(), now, user_agent],
                )?;
                return Ok(device);
            }
            Some(_) => {}
            None => {
                conn.execute(
                    "INSERT INTO devices (id, user_id, user_agent, first_seen_at, last_seen_at)
                     VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![device.to_string(), user.to_string(), user_agent, now],
                )?;
                return Ok(device);
            }
        }
    }
    let device = DeviceId::new_v7();
    conn.execute(
        "INSERT INTO devices (id, user_id, user_agent, first_seen_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![device.to_string(), user.to_string(), user_agent, now],
    )?;
    Ok(device)
}

/// A stored session, found by the hash of its token.
#[derive(Debug, Clone)]
pub struct SessionRow {
    /// Whose.
    pub user_id: UserId,
    /// On which device.
    pub device_id: DeviceId,
    /// When it was last extended.
    pub last_seen_at: String,
}

/// Stores a new session.
pub fn insert_session(
    conn: &Connection,
    token_hash: &str,
    user: UserId,
    device: DeviceId,
    expires_at: &str,
) -> Result<(), DbError> {
    let now = now_text();
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, device_id, created_at, last_seen_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![token_hash, user.to_string(), device.to_string(), now, expires_at],
    )?;
    Ok(())
}

/// A live session: not expired, its user active, its device not revoked.
pub fn live_session(
    conn: &Connection,
    token_hash: &str,
    now: &str,
) -> Result<Option<SessionRow>, DbError> {
    let row = conn
        .query_row(
            "SELECT s.user_id, s.device_id, s.last_seen_at
             FROM sessions s
             JOIN users u ON u.id = s.user_id
             JOIN devices d ON d.id = s.device_id
             WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.active = 1 AND d.revoked_at IS NULL",
            params![token_hash, now],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?;
    row.map(|(u, d, last_seen_at)| {
        Ok(SessionRow {
            user_id: parse(&u, "user id")?,
            device_id: parse(&d, "device id")?,
            last_seen_at,
        })
    })
    .transpose()
}

/// Extends a session (the rolling lifetime).
pub fn touch_session(
    conn: &Connection,
    token_hash: &str,
    now: &str,
    expires_at: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE sessions SET last_seen_at = ?2, expires_at = ?3 WHERE token_hash = ?1",
        params![token_hash, now, expires_at],
    )?;
    Ok(())
}

/// Ends a session.
pub fn delete_session(conn: &Connection, token_hash: &str) -> Result<(), DbError> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Failed sign-ins for a username: how many since when, and any lock.
#[derive(Debug, Clone, Default)]
pub struct Failures {
    /// Consecutive failures in the current window.
    pub failures: i64,
    /// When the window began.
    pub first_failed_at: Option<String>,
    /// Until when sign-in is refused.
    pub locked_until: Option<String>,
}

/// The failure record of a username (lower-cased).
pub fn failures(conn: &Connection, username: &str) -> Result<Failures, DbError> {
    Ok(conn
        .query_row(
            "SELECT failures, first_failed_at, locked_until FROM sign_in_failures WHERE username = ?1",
            [username],
            |r| {
                Ok(Failures {
                    failures: r.get(0)?,
                    first_failed_at: r.get(1)?,
                    locked_until: r.get(2)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Stores the failure record of a username.
pub fn store_failures(conn: &Connection, username: &str, f: &Failures) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO sign_in_failures (username, failures, first_failed_at, locked_until)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (username) DO UPDATE SET failures = ?2, first_failed_at = ?3, locked_until = ?4",
        params![username, f.failures, f.first_failed_at, f.locked_until],
    )?;
    Ok(())
}

/// Forgets a username's failures (after a successful sign-in).
pub fn clear_failures(conn: &Connection, username: &str) -> Result<(), DbError> {
    conn.execute(
        "DELETE FROM sign_in_failures WHERE username = ?1",
        [username],
    )?;
    Ok(())
}

/// Active staff and every cluster, by name.
pub fn directory(conn: &Connection) -> Result<app::session::Directory, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, display_name, role, department FROM users WHERE active = 1 ORDER BY display_name",
    )?;
    let users = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .map(|row| {
            let (id, display_name, role, dept) = row?;
            Ok(app::session::StaffRef {
                id: parse(&id, "user id")?,
                display_name,
                role: parse(&role, "role")?,
                department: dept.map(|d| parse(&d, "department")).transpose()?,
                clusters: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    let mut users = users;
    let mut stmt = conn.prepare_cached(
        "SELECT uc.user_id, uc.cluster_id FROM user_clusters uc JOIN clusters c ON c.id = uc.cluster_id ORDER BY c.name",
    )?;
    let looked_after = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let at: std::collections::HashMap<UserId, usize> =
        users.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
    for (user, cluster) in looked_after {
        if let Some(&i) = at.get(&parse::<UserId>(&user, "user id")?) {
            users[i].clusters.push(parse(&cluster, "cluster id")?);
        }
    }
    let mut stmt = conn.prepare_cached("SELECT id, name FROM clusters ORDER BY name")?;
    let clusters = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .map(|row| {
            let (id, name) = row?;
            Ok(ClusterRef {
                id: parse(&id, "cluster id")?,
                name,
            })
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    Ok(app::session::Directory {
        users,
        clusters,
        due_days: super::follow_up::department_due_days(conn)?,
        label_keys: super::place::label_keys(conn)?,
    })
}

/// The active butlers of each cluster.
pub fn butlers_by_cluster(
    conn: &Connection,
) -> Result<std::collections::HashMap<ClusterId, Vec<UserId>>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT uc.cluster_id, u.id FROM user_clusters uc JOIN users u ON u.id = uc.user_id
         WHERE u.active = 1 AND u.role = 'butler' ORDER BY u.display_name",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out: std::collections::HashMap<ClusterId, Vec<UserId>> =
        std::collections::HashMap::new();
    for (c, u) in rows {
        let c = c
            .parse()
            .map_err(|e| DbError::Corrupt(format!("cluster id: {e}")))?;
        let u = u
            .parse()
            .map_err(|e| DbError::Corrupt(format!("user id: {e}")))?;
        out.entry(c).or_default().push(u);
    }
    Ok(out)
}

/// Every user with their clusters and devices (imports' own devices left out), by role then
/// name. The admin's staff page.
pub fn members(conn: &Connection) -> Result<Vec<app::estate::staff::StaffMember>, DbError> {
    use app::estate::staff::{DeviceInfo, StaffMember};
    let mut clusters: std::collections::HashMap<String, Vec<ClusterId>> = Default::default();
    let sql = "SELECT user_id, cluster_id FROM user_clusters";
    for (u, c) in super::all::<(String, String)>(conn, sql, [])? {
        clusters
            .entry(u)
            .or_default()
            .push(parse(&c, "cluster id")?);
    }
    let mut devices: std::collections::HashMap<String, Vec<DeviceInfo>> = Default::default();
    let sql =
        "SELECT id, user_id, COALESCE(user_agent, ''), first_seen_at, last_seen_at, revoked_at
               FROM devices WHERE COALESCE(user_agent, '') NOT LIKE 'import: %'
               ORDER BY last_seen_at DESC";
    type DeviceCols = (String, String, String, String, String, Option<String>);
    for (id, user, agent, first, last, revoked) in super::all::<DeviceCols>(conn, sql, [])? {
        devices.entry(user).or_default().push(DeviceInfo {
            id: parse(&id, "device id")?,
            user_agent: agent,
            first_seen_at: super::parse_instant(&first)?,
            last_seen_at: super::parse_instant(&last)?,
            revoked_at: revoked.map(|r| super::parse_instant(&r)).transpose()?,
        });
    }
    let sql = "SELECT id, username, display_name, role, department, active, must_change_password,
                      lead
               FROM users ORDER BY role, username";
    type UserCols = (
        String,
        String,
        String,
        String,
        Option<String>,
        bool,
        bool,
        bool,
    );
    let rows = super::all::<UserCols>(conn, sql, [])?;
    rows.into_iter()
        .map(
            |(id, username, display_name, role, dept, active, must, lead)| {
                Ok(StaffMember {
                    clusters: clusters.remove(&id).unwrap_or_default(),
                    devices: devices.remove(&id).unwrap_or_default(),
                    id: parse(&id, "user id")?,
                    username,
                    display_name,
                    role: parse(&role, "role")?,
                    department: dept.map(|d| parse(&d, "department")).transpose()?,
                    lead,
                    active,
                    must_change_password: must,
                })
            },
        )
        .collect()
}

/// Whether a username is taken (case-insensitive), by someone other than `except`.
pub fn username_taken(
    conn: &Connection,
    username: &str,
    except: Option<UserId>,
) -> Result<bool, DbError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1 AND (?2 IS NULL OR id <> ?2))",
        params![username, except.map(|u| u.to_string())],
        |r| r.get(0),
    )?)
}

/// Changes a user's name, role, department, lead flag, activity and clusters. A deactivated user's
/// sessions end.
pub fn update_user(
    conn: &Connection,
    id: UserId,
    d: &app::estate::staff::StaffDraft,
) -> Result<bool, DbError> {
    let changed = conn.execute(
        "UPDATE users SET display_name = ?2, role = ?3, department = ?4, active = ?5, lead = ?6
         WHERE id = ?1",
        params![
            id.to_string(),
            d.display_name.trim(),
            d.role.code(),
            d.department.map(Department::code),
            d.active,
            d.is_lead(),
        ],
    )?;
    if changed == 0 {
        return Ok(false);
    }
    set_clusters(
        conn,
        id,
        if d.role == Role::Butler {
            &d.clusters
        } else {
            &[]
        },
    )?;
    if !d.active {
        conn.execute("DELETE FROM sessions WHERE user_id = ?1", [id.to_string()])?;
    }
    Ok(true)
}

/// Replaces a user's clusters.
pub fn set_clusters(conn: &Connection, id: UserId, clusters: &[ClusterId]) -> Result<(), DbError> {
    conn.execute(
        "DELETE FROM user_clusters WHERE user_id = ?1",
        [id.to_string()],
    )?;
    for c in clusters {
        assign_cluster(conn, id, *c)?;
    }
    Ok(())
}

/// Sets a password; `must_change` when an admin set it. An admin's reset ends the user's
/// sessions (a lost phone's too).
pub fn set_password(
    conn: &Connection,
    id: UserId,
    hash: &str,
    must_change: bool,
) -> Result<bool, DbError> {
    let changed = conn.execute(
        "UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1",
        params![id.to_string(), hash, must_change],
    )?;
    if must_change {
        conn.execute("DELETE FROM sessions WHERE user_id = ?1", [id.to_string()])?;
    }
    Ok(changed > 0)
}

/// A user's password hash.
pub fn password_hash(conn: &Connection, id: UserId) -> Result<Option<String>, DbError> {
    Ok(conn
        .query_row(
            "SELECT password_hash FROM users WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Revokes a device: its sessions end and its sync is refused from now on. Returns its user.
pub fn revoke_device(conn: &Connection, id: DeviceId) -> Result<Option<UserId>, DbError> {
    let user: Option<String> = conn
        .query_row(
            "SELECT user_id FROM devices WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(user) = user else { return Ok(None) };
    conn.execute(
        "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
        params![id.to_string(), now_text()],
    )?;
    conn.execute(
        "DELETE FROM sessions WHERE device_id = ?1",
        [id.to_string()],
    )?;
    Ok(Some(parse(&user, "user id")?))
}
