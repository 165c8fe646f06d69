//! Wire types of the office's vacant-unit API (`/api/v1/vacant/*`): the vacant-unit register
//! (空置房巡视登记表), this month's coverage, the monthly vacant-unit record and the weekly
//! move-in record.

use crate::domain::checklist::Channel;
use crate::domain::{ClusterId, RunId, UnitId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Filters of the register and the period of the records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct VacantQuery {
    /// First estate date (register).
    #[serde(default, deserialize_with = "crate::domain::time::bounded_date")]
    pub from: Option<NaiveDate>,
    /// Last estate date (register).
    #[serde(default, deserialize_with = "crate::domain::time::bounded_date")]
    pub to: Option<NaiveDate>,
    /// One cluster.
    #[serde(default)]
    pub cluster: Option<ClusterId>,
    /// One butler.
    #[serde(default)]
    pub butler: Option<UserId>,
    /// Only inspections with findings.
    #[serde(default)]
    pub failures: bool,
    /// Only inspections whose owner has not been told.
    #[serde(default)]
    pub untold: bool,
    /// A day of the month / week wanted (records, coverage); default today.
    #[serde(default, deserialize_with = "crate::domain::time::bounded_date")]
    pub date: Option<NaiveDate>,
}

impl VacantQuery {
    /// As a query string (without `?`).
    pub fn to_query(&self) -> String {
        let mut parts = vec![];
        if let Some(d) = self.from {
            parts.push(format!("from={d}"));
        }
        if let Some(d) = self.to {
            parts.push(format!("to={d}"));
        }
        if let Some(c) = self.cluster {
            parts.push(format!("cluster={c}"));
        }
        if let Some(u) = self.butler {
            parts.push(format!("butler={u}"));
        }
        if self.failures {
            parts.push("failures=true".into());
        }
        if self.untold {
            parts.push("untold=true".into());
        }
        if let Some(d) = self.date {
            parts.push(format!("date={d}"));
        }
        parts.join("&")
    }
}

/// One inspection in the vacant-unit register. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VacantRow {
    /// The inspection.
    pub run: RunId,
    /// Its estate date.
    pub date: NaiveDate,
    /// The unit.
    pub unit: UnitId,
    /// 3-2-1201.
    pub unit_code: String,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// Who inspected.
    pub butler: UserId,
    /// Finished.
    pub finished_at: Option<DateTime<Utc>>,
    /// The items found wrong, by label, with their notes.
    pub findings: Vec<String>,
    /// Follow-ups handed on.
    pub follow_ups: u32,
    /// Photos taken.
    pub photos: u32,
    /// How and when the owner was told, if they were.
    pub owner_told: Option<(Channel, DateTime<Utc>)>,
}

/// This month's coverage in one cluster. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CoverageLine {
    /// The cluster.
    pub cluster_id: ClusterId,
    /// Its butlers.
    pub butlers: Vec<UserId>,
    /// Units vacant at some time this month.
    pub vacant: u32,
    /// Of those, inspected this month.
    pub inspected: u32,
}

impl CoverageLine {
    /// Inspected of vacant, in percent (100 when nothing is vacant).
    pub fn percent(&self) -> u32 {
        (self.inspected * 100)
            .checked_div(self.vacant)
            .unwrap_or(100)
    }
}

/// One unit of the monthly vacant-unit record (空置房月报). Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthlyLine {
    /// The unit.
    pub unit: UnitId,
    /// 3-2-1201.
    pub unit_code: String,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// Vacant since (the change that made it vacant).
    pub vacant_since: Option<NaiveDate>,
    /// Inspections dated in the month.
    pub inspections: Vec<NaiveDate>,
}

/// One move-in of the weekly record (入住周报). Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MoveInLine {
    /// The unit.
    pub unit: UnitId,
    /// 3-2-1201.
    pub unit_code: String,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// The move-in's date.
    pub date: NaiveDate,
    /// Who moved in.
    pub household: String,
    /// Who recorded it.
    pub recorded_by: Option<UserId>,
}

/// A record of a period. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PeriodRecord<T> {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Its lines.
    pub lines: Vec<T>,
}
