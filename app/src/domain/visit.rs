//! Customer visits (客户拜访, SOP procedure 4) and return visits (回访, procedure 7).
//!
//! A visit note records how the butler met the customer, who was met and what was said, and
//! any number of questions or needs: each answered on the spot or referred — a follow-up to a
//! department, which per the SOP is not closed until the customer has been told the outcome. A
//! return visit after a resolved follow-up scores the repair's attitude, quality and etiquette
//! from 1 to 5. Both are facts: append-only, never in conflict.

use super::follow_up::{FollowUp, FollowUpId, FollowUpStatus};
use super::household::HouseholdId;
use super::{ClusterId, Department, UnitId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use super::ids::VisitId;

/// How the butler met the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisitChannel {
    /// 预约拜访.
    Appointment,
    /// 途中偶遇.
    MetOnTheWay,
    /// 电话.
    Phone,
}

impl VisitChannel {
    /// All channels.
    pub const ALL: [VisitChannel; 3] = [
        VisitChannel::Appointment,
        VisitChannel::MetOnTheWay,
        VisitChannel::Phone,
    ];

    /// The code name.
    pub fn code(self) -> &'static str {
        match self {
            VisitChannel::Appointment => "appointment",
            VisitChannel::MetOnTheWay => "met_on_the_way",
            VisitChannel::Phone => "phone",
        }
    }
}

/// One question or need raised at a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VisitItem {
    /// What the customer asked or needs.
    pub question: String,
    /// The answer given on the spot, if it was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The follow-up it was referred as, if it was referred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpId>,
}

/// A visit note, as it syncs to its cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Visit {
    /// Its id (made by the device).
    pub id: VisitId,
    /// The household visited.
    pub household: HouseholdId,
    /// Its unit.
    pub unit_id: UnitId,
    /// The cluster.
    pub cluster_id: ClusterId,
    /// How.
    pub channel: VisitChannel,
    /// When it took place.
    pub at: DateTime<Utc>,
    /// Who was met.
    pub met: String,
    /// What was said.
    pub said: String,
    /// Questions and needs.
    pub items: Vec<VisitItem>,
    /// The butler.
    pub butler: UserId,
    /// When it reached the server.
    pub recorded_at: DateTime<Utc>,
}

/// A return visit's scores and comment, kept on the follow-up it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReturnVisit {
    /// 服务态度, 1–5.
    pub attitude: u8,
    /// 维修质量, 1–5.
    pub quality: u8,
    /// 礼仪规范, 1–5.
    pub etiquette: u8,
    /// What the customer said.
    #[serde(default)]
    pub comment: String,
    /// Who made it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}

impl ReturnVisit {
    /// The three scores' mean.
    pub fn mean(&self) -> f64 {
        f64::from(u32::from(self.attitude) + u32::from(self.quality) + u32::from(self.etiquette))
            / 3.0
    }
}

/// Whether a score is 1 to 5.
pub fn score_ok(s: u8) -> bool {
    (1..=5).contains(&s)
}

/// A referral waiting for the customer to be told (resolved, not yet informed).
pub fn waits_to_tell(f: &FollowUp) -> bool {
    f.household.is_some() && f.status == FollowUpStatus::Resolved
}

/// A follow-up waiting for its return visit: resolved or later, none recorded yet.
pub fn waits_for_return_visit(f: &FollowUp) -> bool {
    matches!(
        f.status,
        FollowUpStatus::Resolved | FollowUpStatus::CustomerInformed | FollowUpStatus::Closed
    ) && f.return_visit.is_none()
        && f.department != Department::CustomerService
        && !f.public_area()
}

/// Mean scores of return visits grouped by a key (a department, a repairer, a butler):
/// (key, count, mean of attitude, quality, etiquette, overall).
pub fn satisfaction_by<K: Ord + Clone>(
    follow_ups: &[&FollowUp],
    key: impl Fn(&FollowUp) -> Option<K>,
) -> Vec<(K, u32, [f64; 4])> {
    let mut groups: std::collections::BTreeMap<K, Vec<&ReturnVisit>> = Default::default();
    for f in follow_ups {
        if let (Some(rv), Some(k)) = (&f.return_visit, key(f)) {
            groups.entry(k).or_default().push(rv);
        }
    }
    groups
        .into_iter()
        .map(|(k, rvs)| {
            let n = rvs.len() as f64;
            let avg = |g: fn(&ReturnVisit) -> f64| rvs.iter().map(|r| g(r)).sum::<f64>() / n;
            (
                k,
                rvs.len() as u32,
                [
                    avg(|r| f64::from(r.attitude)),
                    avg(|r| f64::from(r.quality)),
                    avg(|r| f64::from(r.etiquette)),
                    avg(ReturnVisit::mean),
                ],
            )
        })
        .collect()
}

/// The estate dates a visit report covers.
pub fn in_period(v: &Visit, from: NaiveDate, to: NaiveDate) -> bool {
    let d = super::time::estate_today(v.at);
    d >= from && d <= to
}
