//! Units (房屋) and their occupancy over time (design §3): vacant (空置), occupied or under
//! renovation, as a history of dated changes — the one source of truth for vacancy and move-in.
//! Every record of a period (the monthly vacant-unit record, the weekly move-in record, the due
//! list) is computed *as of* that period from the history's effective dates, so a change dated
//! later never rewrites a past record.
//!
//! Vacant units are inspected at least once a calendar month (SOP procedure 6): a unit is *done*
//! when an inspection is dated this month, *overdue* when last month, while it was vacant, had
//! none either, else *due*. Months are the estate's (see [`super::time`]).

use super::checklist::{Purpose, Run, Schedule};
use super::{ClusterId, UnitId, UserId};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who lives in a unit. Codes are stored and sent as the snake-case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Occupancy {
    /// 空置: nobody lives there.
    Vacant,
    /// 已入住.
    Occupied,
    /// 装修中.
    Renovating,
}

impl Occupancy {
    /// All states.
    pub const ALL: [Occupancy; 3] = [
        Occupancy::Vacant,
        Occupancy::Occupied,
        Occupancy::Renovating,
    ];

    /// The code name.
    pub fn code(self) -> &'static str {
        match self {
            Occupancy::Vacant => "vacant",
            Occupancy::Occupied => "occupied",
            Occupancy::Renovating => "renovating",
        }
    }
}

impl std::str::FromStr for Occupancy {
    type Err = super::UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Occupancy::ALL
            .into_iter()
            .find(|o| o.code() == s)
            .ok_or_else(|| super::UnknownCode(s.to_owned()))
    }
}

/// One dated change of a unit's occupancy. Append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OccupancyChange {
    /// Made by the device that recorded it (a replay never doubles it).
    pub id: Uuid,
    /// The state from `effective_date` on.
    pub state: Occupancy,
    /// The estate date it took effect.
    pub effective_date: NaiveDate,
    /// Who moved in (a move-in), if said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub household: String,
    /// A note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who recorded it (none: imported or seeded).
    #[serde(default)]
    pub recorded_by: Option<UserId>,
    /// When it reached the server.
    pub recorded_at: DateTime<Utc>,
    /// The state the recorder saw, when it differed from the state the change replaced: both
    /// stay in the history and the change is flagged (design §5's rule for shared fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_unseen: Option<Occupancy>,
}

/// A unit as it syncs to the butlers of its cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Unit {
    /// Its id.
    pub id: UnitId,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// Building code ("3" in 3-2-1201).
    pub building: String,
    /// Entrance code ("2").
    pub entrance: String,
    /// Room ("1201").
    pub room: String,
    /// Floor.
    pub floor: i64,
    /// Occupancy changes, in the order they take effect.
    pub history: Vec<OccupancyChange>,
    /// Rises with every change.
    pub version: i64,
}

impl Unit {
    /// 楼栋-单元-房号, e.g. 3-2-1201.
    pub fn code(&self) -> String {
        format!("{}-{}-{}", self.building, self.entrance, self.room)
    }

    /// The state in force on `date` (`None` before any record).
    pub fn state_on(&self, date: NaiveDate) -> Option<Occupancy> {
        self.history
            .iter()
            .filter(|c| c.effective_date <= date)
            .max_by_key(|c| (c.effective_date, c.recorded_at, c.id))
            .map(|c| c.state)
    }

    /// Whether it was vacant at any time between `from` and `to` (inclusive).
    pub fn vacant_during(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.state_on(from) == Some(Occupancy::Vacant)
            || self.history.iter().any(|c| {
                c.state == Occupancy::Vacant && c.effective_date > from && c.effective_date <= to
            })
    }

    /// Keeps the history in effective order.
    pub fn sort_history(&mut self) {
        self.history
            .sort_by_key(|c| (c.effective_date, c.recorded_at, c.id));
    }
}

/// Where a vacant unit stands on the due list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Not inspected yet this month.
    Due,
    /// Not inspected this month, nor last month while it was vacant.
    Overdue,
    /// Inspected this month.
    Done,
}

/// The inspections of one unit among `runs`.
pub fn inspections_of<'a>(unit: UnitId, runs: &'a [&'a Run]) -> impl Iterator<Item = &'a Run> + 'a {
    runs.iter()
        .copied()
        .filter(move |r| r.purpose == Purpose::VacantUnit && r.unit == Some(unit))
}

/// The unit's place on the due list on `today` (`None`: not vacant today, not on the list).
/// Only a finished inspection (完成巡查 accepted) counts: one started and left open leaves the
/// unit due.
pub fn due_state(unit: &Unit, runs: &[&Run], today: NaiveDate) -> Option<DueState> {
    if unit.state_on(today) != Some(Occupancy::Vacant) {
        return None;
    }
    let (from, to) = Schedule::Monthly.period(today);
    let inspected = |a: NaiveDate, b: NaiveDate| {
        inspections_of(unit.id, runs).any(|r| r.finished_at.is_some() && r.date >= a && r.date <= b)
    };
    if inspected(from, to) {
        return Some(DueState::Done);
    }
    let last = from - Days::new(1);
    let (last_from, last_to) = Schedule::Monthly.period(last);
    if unit.vacant_during(last_from, last_to) && !inspected(last_from, last_to) {
        Some(DueState::Overdue)
    } else {
        Some(DueState::Due)
    }
}

/// The same, at an instant (the estate's today).
pub fn due_state_at(unit: &Unit, runs: &[&Run], now: DateTime<Utc>) -> Option<DueState> {
    due_state(unit, runs, super::time::estate_today(now))
}

/// The monthly vacant-unit record for the month containing `date`: the units vacant on its
/// last day, as the history says now (changes dated later do not count).
pub fn vacant_in_month(units: &[Unit], date: NaiveDate) -> Vec<&Unit> {
    let (_, last) = Schedule::Monthly.period(date);
    units
        .iter()
        .filter(|u| u.state_on(last) == Some(Occupancy::Vacant))
        .collect()
}

/// The weekly move-in record for the week (Monday to Sunday) containing `date`: each move-in
/// dated in it, from a state other than occupied.
pub fn move_ins_in_week(units: &[Unit], date: NaiveDate) -> Vec<(&Unit, &OccupancyChange)> {
    let (from, to) = Schedule::Weekly.period(date);
    let mut out = vec![];
    for u in units {
        for c in &u.history {
            if c.state == Occupancy::Occupied
                && c.effective_date >= from
                && c.effective_date <= to
                && c.effective_date.pred_opt().and_then(|d| u.state_on(d))
                    != Some(Occupancy::Occupied)
            {
                out.push((u, c));
            }
        }
    }
    out.sort_by_key(|(u, c)| (c.effective_date, u.code()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::Run;
    use crate::domain::{RunId, TemplateId};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn change(state: Occupancy, on: NaiveDate) -> OccupancyChange {
        OccupancyChange {
            id: Uuid::now_v7(),
            state,
            effective_date: on,
            household: String::new(),
            note: String::new(),
            recorded_by: None,
            recorded_at: Utc::now(),
            replaced_unseen: None,
        }
    }

    fn unit(history: Vec<OccupancyChange>) -> Unit {
        Unit {
            id: UnitId::new_v7(),
            cluster_id: ClusterId::new_v7(),
            building: "3".into(),
            entrance: "2".into(),
            room: "1201".into(),
            floor: 12,
            history,
            version: 1,
        }
    }

    /// A finished inspection on `on`.
    fn inspection(u: &Unit, on: NaiveDate) -> Run {
        Run {
            id: RunId::new_v7(),
            template_id: TemplateId::new_v7(),
            template_version: Uuid::now_v7(),
            version_no: 1,
            template_name: "空置房巡视".into(),
            purpose: Purpose::VacantUnit,
            cluster_id: u.cluster_id,
            unit: Some(u.id),
            date: on,
            butler: UserId::new_v7(),
            started_at: Utc::now(),
            finished_at: Some(Utc::now()),
            results: vec![],
            entries: vec![],
            owner_notices: vec![],
            scans: vec![],
            version: 1,
            discarded_at: None,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    #[test]
    fn due_overdue_and_done_across_month_and_year_ends_in_estate_time() {
        let u = unit(vec![change(Occupancy::Vacant, d(2026, 1, 1))]);
        let december = inspection(&u, d(2026, 12, 5));
        let runs = [&december];
        // 31 December 23:30 in the estate (15:30 UTC; a device in New York calls it 10:30 on
        // the 31st, one in Berlin 16:30): December's inspection counts.
        assert_eq!(
            due_state_at(&u, &runs, at("2026-12-31T15:30:00Z")),
            Some(DueState::Done)
        );
        // 1 January 00:30 in the estate (16:30 UTC on the 31st everywhere west of it): a new
        // month, and December was inspected: due, not overdue.
        assert_eq!(
            due_state_at(&u, &runs, at("2026-12-31T16:30:00Z")),
            Some(DueState::Due)
        );
        // With no inspection in December either, January starts overdue.
        assert_eq!(
            due_state_at(&u, &[], at("2026-12-31T16:30:00Z")),
            Some(DueState::Overdue)
        );
        // Started in December and left open, it does not count: on 31 December the unit is
        // still on the list (overdue, as November was not inspected either).
        let open = Run {
            finished_at: None,
            ..december.clone()
        };
        assert_eq!(
            due_state_at(&u, &[&open], at("2026-12-31T15:30:00Z")),
            Some(DueState::Overdue)
        );
        // The same at a month end inside the year: 28 February 2027 23:30 / 1 March 00:30.
        let feb = inspection(&u, d(2027, 2, 27));
        let runs = [&feb];
        assert_eq!(
            due_state_at(&u, &runs, at("2027-02-28T15:30:00Z")),
            Some(DueState::Done)
        );
        assert_eq!(
            due_state_at(&u, &runs, at("2027-02-28T16:30:00Z")),
            Some(DueState::Due)
        );
        // An inspection dated in the new month makes it done.
        let march = inspection(&u, d(2027, 3, 1));
        assert_eq!(
            due_state_at(&u, &[&march], at("2027-02-28T16:30:00Z")),
            Some(DueState::Done)
        );
    }

    #[test]
    fn a_unit_that_became_vacant_this_month_is_due_not_overdue_and_an_occupied_one_is_not_listed() {
        let u = unit(vec![
            change(Occupancy::Occupied, d(2025, 5, 1)),
            change(Occupancy::Vacant, d(2026, 11, 10)),
        ]);
        assert_eq!(due_state(&u, &[], d(2026, 11, 28)), Some(DueState::Due));
        assert_eq!(due_state(&u, &[], d(2026, 12, 1)), Some(DueState::Overdue));
        assert_eq!(
            due_state(&u, &[], d(2026, 11, 9)),
            None,
            "still occupied then"
        );
    }

    #[test]
    fn a_move_in_dated_in_march_leaves_februarys_record_unchanged() {
        let mut u = unit(vec![change(Occupancy::Vacant, d(2026, 1, 1))]);
        let feb = d(2027, 2, 10);
        assert_eq!(vacant_in_month(std::slice::from_ref(&u), feb).len(), 1);
        // Recorded later, dated 3 March.
        u.history.push(change(Occupancy::Occupied, d(2027, 3, 3)));
        u.sort_history();
        let units = [u];
        assert_eq!(vacant_in_month(&units, feb).len(), 1, "February unchanged");
        assert_eq!(vacant_in_month(&units, d(2027, 3, 31)).len(), 0);
        // The move-in is in the week of Monday 1 March, and only there.
        assert_eq!(move_ins_in_week(&units, d(2027, 3, 7)).len(), 1);
        assert_eq!(move_ins_in_week(&units, d(2027, 3, 8)).len(), 0);
        assert_eq!(move_ins_in_week(&units, d(2027, 2, 28)).len(), 0);
    }

    #[test]
    fn a_renovation_start_and_end_stay_in_the_history() {
        let mut u = unit(vec![change(Occupancy::Vacant, d(2026, 1, 1))]);
        u.history.push(change(Occupancy::Renovating, d(2026, 6, 1)));
        u.history.push(change(Occupancy::Occupied, d(2026, 9, 1)));
        u.sort_history();
        assert_eq!(u.state_on(d(2026, 7, 1)), Some(Occupancy::Renovating));
        assert_eq!(u.state_on(d(2026, 9, 1)), Some(Occupancy::Occupied));
        assert_eq!(u.history.len(), 3);
        // A move-in after a renovation counts as a move-in.
        assert_eq!(
            move_ins_in_week(std::slice::from_ref(&u), d(2026, 9, 1)).len(),
            1
        );
    }
}
