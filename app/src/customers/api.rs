//! Wire types of the office's visit API (`/api/v1/visits/*`): the supervisor's visit report
//! and satisfaction from return visits.

use crate::domain::{ClusterId, Department, UserId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The report's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Monday to Sunday.
    #[default]
    Week,
    /// The calendar month.
    Month,
}

/// `?period=week|month&date=YYYY-MM-DD&butler=…`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct ReportQuery {
    /// Week or month.
    #[serde(default)]
    pub period: Period,
    /// A day in it (default today, estate time).
    #[serde(default, deserialize_with = "crate::domain::time::bounded_date")]
    pub date: Option<NaiveDate>,
    /// One butler.
    #[serde(default)]
    pub butler: Option<UserId>,
}

/// One butler's line of the visit report. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportLine {
    /// The butler.
    pub butler: UserId,
    /// Their clusters.
    pub clusters: Vec<ClusterId>,
    /// Visits in the period.
    pub visits: u32,
    /// Distinct households visited.
    pub households_reached: u32,
    /// Households in their clusters.
    pub cluster_households: u32,
    /// Questions referred as follow-ups in the period's visits.
    pub referrals: u32,
    /// Of those, not yet told to the customer (open).
    pub referrals_open: u32,
    /// Of the open ones, past their due date (or, without one, older than 7 days).
    pub referrals_overdue: u32,
    /// Return visits they made in the period.
    pub return_visits: u32,
    /// Mean satisfaction of those (1–5), if any.
    pub satisfaction: Option<f64>,
}

/// The visit report. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Report {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// One line per butler.
    pub lines: Vec<ReportLine>,
}

/// Satisfaction of a group: how many return visits, and the mean of attitude, quality,
/// etiquette and all three. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Score<K> {
    /// The group.
    pub key: K,
    /// Return visits.
    pub count: u32,
    /// Means: attitude, quality, etiquette, overall.
    pub means: [f64; 4],
}

/// `GET /api/v1/visits/satisfaction`. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Satisfaction {
    /// By the department that did the work.
    pub by_department: Vec<Score<Department>>,
    /// By the repairer (the follow-up's assignee).
    pub by_repairer: Vec<Score<UserId>>,
    /// By the butler who made the return visit.
    pub by_butler: Vec<Score<UserId>>,
}
