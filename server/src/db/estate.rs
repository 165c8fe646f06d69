//! The estate's shape: estate → cluster → building → entrance → unit, households and
//! occupancy.

use super::{now_text, DbError};
use app::domain::ClusterId;
use rusqlite::{params, Connection};
use uuid::Uuid;

/// Whether any estate exists (an empty database gets seeded).
pub fn has_estate(conn: &Connection) -> Result<bool, DbError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM estates)", [], |r| r.get(0))?)
}

/// Creates an estate; returns its id.
pub fn insert_estate(conn: &Connection, name: &str, time_zone: &str) -> Result<Uuid, DbError> {
    let id = Uuid::now_v7();
    conn.execute(
        "INSERT INTO estates (id, name, time_zone, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id.to_string(), name, time_zone, now_text()],
    )?;
    Ok(id)
}

/// Creates a cluster.
pub fn insert_cluster(conn: &Connection, estate: Uuid, name: &str) -> Result<ClusterId, DbError> {
    let id = ClusterId::new_v7();
    conn.execute(
        "INSERT INTO clusters (id, estate_id, name) VALUES (?1, ?2, ?3)",
        params![id.to_string(), estate.to_string(), name],
    )?;
    Ok(id)
}

/// Creates a building.
pub fn insert_building(
    conn: &Connection,
    estate: Uuid,
    cluster: ClusterId,
    code: &str,
    name: &str,
) -> Result<Uuid, DbError> {
    let id = Uuid::now_v7();
    conn.execute(
        "INSERT INTO buildings (id, estate_id, cluster_id, code, name) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id.to_string(),
            estate.to_string(),
            cluster.to_string(),
            code,
            name
        ],
    )?;
    Ok(id)
}

/// The codes of a cluster's buildings, in natural order ("2" before "10").
pub fn building_codes_of_cluster(
    conn: &Connection,
    cluster: ClusterId,
) -> Result<Vec<String>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT code FROM buildings WHERE cluster_id = ?1 ORDER BY length(code), code",
    )?;
    let codes = stmt
        .query_map([cluster.to_string()], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(codes)
}

/// Creates an entrance.
pub fn insert_entrance(conn: &Connection, building: Uuid, code: &str) -> Result<Uuid, DbError> {
    let id = Uuid::now_v7();
    conn.execute(
        "INSERT INTO entrances (id, building_id, code) VALUES (?1, ?2, ?3)",
        params![id.to_string(), building.to_string(), code],
    )?;
    Ok(id)
}

/// Creates a unit.
pub fn insert_unit(
    conn: &Connection,
    entrance: Uuid,
    room: &str,
    floor: i64,
    area_m2: f64,
) -> Result<Uuid, DbError> {
    let id = Uuid::now_v7();
    conn.prepare_cached(
        "INSERT INTO units (id, entrance_id, room, floor, area_m2) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.to_string(),
        entrance.to_string(),
        room,
        floor,
        area_m2
    ])?;
    Ok(id)
}

/// Occupancy of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occupancy {
    /// 空置
    Vacant,
    /// 已入住
    Occupied,
    /// 装修中
    Renovating,
}

impl Occupancy {
    fn code(self) -> &'static str {
        match self {
            Occupancy::Vacant => "vacant",
            Occupancy::Occupied => "occupied",
            Occupancy::Renovating => "renovating",
        }
    }
}

/// Records a unit's occupancy from a date on.
pub fn record_occupancy(
    conn: &Connection,
    unit: Uuid,
    state: Occupancy,
    effective_date: &str,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO occupancy_changes (id, unit_id, state, effective_date, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        Uuid::now_v7().to_string(),
        unit.to_string(),
        state.code(),
        effective_date,
        now_text()
    ])?;
    Ok(())
}

/// A household of a unit.
#[derive(Debug, Clone)]
pub struct NewHousehold<'a> {
    /// Full name.
    pub name: &'a str,
    /// Owner or tenant.
    pub owner: bool,
    /// Mobile number.
    pub phone: &'a str,
    /// Where documents are mailed.
    pub mailing_address: Option<&'a str>,
    /// 重点客户.
    pub key_customer: bool,
}

/// Creates a household.
pub fn insert_household(
    conn: &Connection,
    unit: Uuid,
    h: &NewHousehold<'_>,
) -> Result<(), DbError> {
    conn.prepare_cached(
        "INSERT INTO households (id, unit_id, name, relation, phone, mailing_address, key_customer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        Uuid::now_v7().to_string(),
        unit.to_string(),
        h.name,
        if h.owner { "owner" } else { "tenant" },
        h.phone,
        h.mailing_address,
        h.key_customer,
    ])?;
    Ok(())
}

/// Counts for a quick look at the estate.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct EstateCounts {
    /// Clusters.
    pub clusters: i64,
    /// Buildings.
    pub buildings: i64,
    /// Entrances.
    pub entrances: i64,
    /// Units not removed.
    pub units: i64,
    /// Units whose latest occupancy is vacant.
    pub vacant: i64,
    /// Households.
    pub households: i64,
}

/// Counts the estate's parts.
pub fn counts(conn: &Connection) -> Result<EstateCounts, DbError> {
    let one = |sql: &str| -> Result<i64, DbError> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(EstateCounts {
        clusters: one("SELECT COUNT(*) FROM clusters")?,
        buildings: one("SELECT COUNT(*) FROM buildings")?,
        entrances: one("SELECT COUNT(*) FROM entrances")?,
        units: one("SELECT COUNT(*) FROM units WHERE removed_at IS NULL")?,
        vacant: one(
            "SELECT COUNT(*) FROM units u WHERE u.removed_at IS NULL AND (
                SELECT state FROM occupancy_changes o WHERE o.unit_id = u.id
                ORDER BY effective_date DESC, recorded_at DESC LIMIT 1) = 'vacant'",
        )?,
        households: one("SELECT COUNT(*) FROM households WHERE removed_at IS NULL")?,
    })
}
