//! Places on the estate (SOP procedure 2, duty 8, procedure 1; issue 18): notice boards
//! (公告栏), recreation facilities (文体设施) and patrol checkpoints (巡查点), registered by the
//! office per cluster; and the notices posted on the boards, each with its expiry date. Every
//! morning the butler takes down what has expired ("天天上午检查公告栏…如到期则及时取下").

use super::time::estate_today;
use super::{ClusterId, TemplateId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use super::ids::{NoticeId, PlaceId};

/// A place's name: characters at most.
pub const MAX_PLACE_NAME: usize = 100;
/// A place's location text: characters at most.
pub const MAX_LOCATION: usize = 200;
/// A notice's title: characters at most.
pub const MAX_NOTICE_TITLE: usize = 200;
/// Boards one notice is posted on at most (in one cluster).
pub const MAX_BOARDS: usize = 20;
/// Photos of a notice posted, or of a board cleared, at most.
pub const MAX_NOTICE_PHOTOS: usize = 5;
/// How long a notice may stay up at most.
pub const MAX_NOTICE_DAYS: i64 = 730;

coded!(
    /// What a place is.
    PlaceKind {
        /// 公告栏.
        NoticeBoard = "notice_board",
        /// 文体设施: playground, fitness equipment, table tennis, pavilion.
        Facility = "facility",
        /// 巡查点: gates, car-park entrances, plant rooms, fire lanes.
        Checkpoint = "checkpoint",
    }
);

coded!(
    /// Who issued a notice.
    Issuer {
        /// 物业服务中心.
        ServiceCentre = "service_centre",
        /// 工程部.
        Engineering = "engineering",
        /// 安防部.
        Security = "security",
        /// 保洁部.
        Cleaning = "cleaning",
        /// 绿化部.
        Landscaping = "landscaping",
        /// 财务部.
        Finance = "finance",
        /// 业主委员会.
        OwnersCommittee = "owners_committee",
        /// 社区居委会.
        Community = "community",
        /// 水电气单位.
        Utility = "utility",
    }
);

/// A position on the map, in millionths of a degree (WGS-84), so that records compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Position {
    /// Latitude × 1,000,000.
    pub lat_e6: i32,
    /// Longitude × 1,000,000.
    pub lon_e6: i32,
}

impl Position {
    /// A position from degrees, if both are on the globe.
    pub fn from_degrees(lat: f64, lon: f64) -> Option<Position> {
        let ok = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        ok.then(|| Position {
            lat_e6: (lat * 1e6).round() as i32,
            lon_e6: (lon * 1e6).round() as i32,
        })
    }

    /// Whether it is on the globe.
    pub fn is_valid(self) -> bool {
        self.lat_e6.unsigned_abs() <= 90_000_000 && self.lon_e6.unsigned_abs() <= 180_000_000
    }

    /// Degrees, as a form shows them.
    pub fn degrees(self) -> (f64, f64) {
        (f64::from(self.lat_e6) / 1e6, f64::from(self.lon_e6) / 1e6)
    }

    /// The distance to another position in metres (haversine, on a sphere of the Earth's mean
    /// radius: a few metres' error over an estate is of no account).
    pub fn metres_to(self, other: Position) -> f64 {
        let (lat1, lon1) = self.degrees();
        let (lat2, lon2) = other.degrees();
        let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
        let dp = p2 - p1;
        let dl = (lon2 - lon1).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * 6_371_008.8 * a.sqrt().min(1.0).asin()
    }
}

/// Faster than a person walks between two places: the line is 2 m/s in a straight
/// line between their registered positions.
pub const WALKING_LIMIT_M_PER_S: f64 = 2.0;

/// Whether reaching `b` at `tb` from `a` at `ta` is faster than a person walks. Unknown
/// positions prove nothing (`false`); two scans at the same instant of places apart are
/// implausible.
pub fn implausible_walk(
    a: Option<Position>,
    ta: DateTime<Utc>,
    b: Option<Position>,
    tb: DateTime<Utc>,
) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let metres = a.metres_to(b);
    let secs = (tb - ta).num_milliseconds().unsigned_abs() as f64 / 1000.0;
    metres > WALKING_LIMIT_M_PER_S * secs
}

/// A place of a cluster, as the office registered it. A place no longer used is retired, not
/// deleted (the notices and rounds that named it still read its name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Place {
    /// Its id.
    pub id: PlaceId,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// Notice board, facility or checkpoint.
    pub kind: PlaceKind,
    /// Its name (e.g. "3号楼大堂公告栏").
    pub name: String,
    /// Where it is, in words.
    #[serde(default)]
    pub location: String,
    /// Where it is on the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// The checklist template that applies to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<TemplateId>,
    /// No longer used.
    #[serde(default)]
    pub retired: bool,
}

/// Why a place as entered cannot be saved: the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceProblem {
    /// Empty, or over [`MAX_PLACE_NAME`].
    Name,
    /// Over [`MAX_LOCATION`].
    Location,
    /// Off the globe.
    Position,
}

impl PlaceProblem {
    /// The field's name on the wire.
    pub fn field(self) -> &'static str {
        match self {
            PlaceProblem::Name => "name",
            PlaceProblem::Location => "location",
            PlaceProblem::Position => "position",
        }
    }
}

impl Place {
    /// Checks what the form and the rule check alike.
    pub fn check(&self) -> Result<(), PlaceProblem> {
        let name = self.name.trim().chars().count();
        if name == 0 || name > MAX_PLACE_NAME {
            return Err(PlaceProblem::Name);
        }
        if self.location.trim().chars().count() > MAX_LOCATION {
            return Err(PlaceProblem::Location);
        }
        if self.position.is_some_and(|p| !p.is_valid()) {
            return Err(PlaceProblem::Position);
        }
        Ok(())
    }

    /// The place with its texts trimmed.
    pub fn trimmed(&self) -> Place {
        Place {
            name: self.name.trim().to_owned(),
            location: self.location.trim().to_owned(),
            ..self.clone()
        }
    }
}

/// A notice taken down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TakeDown {
    /// When (the phone's time of the tap).
    pub at: DateTime<Utc>,
    /// Who.
    pub by: UserId,
    /// Photos of the cleared board, by hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
}

/// A change of a notice's expiry date, kept in its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ExpiryChange {
    /// When it was decided.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: UserId,
    /// The date before.
    pub from: NaiveDate,
    /// The date asked for.
    pub to: NaiveDate,
    /// It arrived after the notice was taken down: kept, and the notice stays down (a
    /// take-down wins).
    #[serde(default)]
    pub after_take_down: bool,
}

/// A notice (公告) posted on boards of one cluster. Wire type and record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Notice {
    /// Its id.
    pub id: NoticeId,
    /// The cluster of its boards.
    pub cluster_id: ClusterId,
    /// Its title.
    pub title: String,
    /// Who issued it.
    pub issuer: Issuer,
    /// The boards it is posted on.
    pub boards: Vec<PlaceId>,
    /// Posted on (estate date).
    pub posted_on: NaiveDate,
    /// The last day it stays up (estate date).
    pub expires_on: NaiveDate,
    /// Photos of it posted, by hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// Who posted it.
    pub posted_by: UserId,
    /// Taken down, when and by whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_down: Option<TakeDown>,
    /// Changes of its expiry date, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ExpiryChange>,
}

/// Where a notice stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeState {
    /// Not posted yet on that day.
    NotYet,
    /// Up, its last day later.
    Up,
    /// Up, and this is its last day: take it down tomorrow morning at the latest.
    ExpiresToday,
    /// Up past its last day by this many days: take it down now.
    Expired(i64),
    /// Taken down.
    TakenDown,
}

/// Why a notice as entered cannot be posted: the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeProblem {
    /// Empty, or over [`MAX_NOTICE_TITLE`].
    Title,
    /// None, over [`MAX_BOARDS`], or one not a notice board of the cluster.
    Boards,
    /// Before the posting date, or over [`MAX_NOTICE_DAYS`] after it.
    ExpiresOn,
    /// Over [`MAX_NOTICE_PHOTOS`].
    Photos,
}

impl NoticeProblem {
    /// The field's name on the wire.
    pub fn field(self) -> &'static str {
        match self {
            NoticeProblem::Title => "title",
            NoticeProblem::Boards => "boards",
            NoticeProblem::ExpiresOn => "expires_on",
            NoticeProblem::Photos => "photos",
        }
    }
}

/// Checks an expiry date against the posting date.
pub fn check_expiry(posted_on: NaiveDate, expires_on: NaiveDate) -> Result<(), NoticeProblem> {
    let days = (expires_on - posted_on).num_days();
    if (0..=MAX_NOTICE_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(NoticeProblem::ExpiresOn)
    }
}

/// Checks a new notice's title, boards (against the places known: each a notice board of the
/// cluster, in use), dates and photos.
pub fn check_notice(
    title: &str,
    cluster: ClusterId,
    boards: &[PlaceId],
    places: &[&Place],
    posted_on: NaiveDate,
    expires_on: NaiveDate,
    photos: &[String],
) -> Result<(), NoticeProblem> {
    let t = title.trim().chars().count();
    if t == 0 || t > MAX_NOTICE_TITLE {
        return Err(NoticeProblem::Title);
    }
    let mut seen = std::collections::HashSet::new();
    let boards_ok = !boards.is_empty()
        && boards.len() <= MAX_BOARDS
        && boards.iter().all(|b| {
            seen.insert(*b)
                && places.iter().any(|p| {
                    p.id == *b
                        && p.kind == PlaceKind::NoticeBoard
                        && p.cluster_id == cluster
                        && !p.retired
                })
        });
    if !boards_ok {
        return Err(NoticeProblem::Boards);
    }
    check_expiry(posted_on, expires_on)?;
    if photos.len() > MAX_NOTICE_PHOTOS {
        return Err(NoticeProblem::Photos);
    }
    Ok(())
}

impl Notice {
    /// Where it stands on `day` (an estate date).
    pub fn state_on(&self, day: NaiveDate) -> NoticeState {
        if let Some(t) = &self.taken_down {
            if estate_today(t.at) <= day {
                return NoticeState::TakenDown;
            }
        }
        if day < self.posted_on {
            NoticeState::NotYet
        } else if day < self.expires_on {
            NoticeState::Up
        } else if day == self.expires_on {
            NoticeState::ExpiresToday
        } else {
            NoticeState::Expired((day - self.expires_on).num_days())
        }
    }

    /// Whether it was on its boards on `day` (posted, not yet taken down; an expired notice
    /// still up counts: it was there).
    pub fn up_on(&self, day: NaiveDate) -> bool {
        matches!(
            self.state_on(day),
            NoticeState::Up | NoticeState::ExpiresToday | NoticeState::Expired(_)
        )
    }

    /// On the butler's morning list on `day`: its last day, or past it, and still up.
    pub fn due_down(&self, day: NaiveDate) -> bool {
        matches!(
            self.state_on(day),
            NoticeState::ExpiresToday | NoticeState::Expired(_)
        )
    }
}

/// Which notices the register (公告登记表) lists: those up on a day, or taken down that day,
/// of one cluster or all (query string of its export). The day is an estate date; none is
/// today.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct NoticeFilter {
    /// The day.
    #[serde(default)]
    pub day: Option<NaiveDate>,
    /// One cluster.
    #[serde(default)]
    pub cluster: Option<ClusterId>,
}

impl NoticeFilter {
    /// Whether the register lists `n` on `day` (the filter's day, or the caller's today).
    pub fn matches(&self, n: &Notice, day: NaiveDate) -> bool {
        self.cluster.is_none_or(|c| n.cluster_id == c)
            && (n.up_on(day)
                || n.taken_down
                    .as_ref()
                    .is_some_and(|t| estate_today(t.at) == day))
    }

    /// The query string of the export for this filter.
    pub fn to_query(&self) -> String {
        let mut parts = vec![];
        if let Some(d) = self.day {
            parts.push(format!("day={d}"));
        }
        if let Some(c) = self.cluster {
            parts.push(format!("cluster={c}"));
        }
        parts.join("&")
    }
}

/// The follow-up that keeps a facility out of use: one about it, not yet resolved (the
/// newest, if several).
pub fn facility_fault<'a>(
    facility: PlaceId,
    follow_ups: impl IntoIterator<Item = &'a super::follow_up::FollowUp>,
) -> Option<&'a super::follow_up::FollowUp> {
    follow_ups
        .into_iter()
        .filter(|f| f.facility == Some(facility) && f.unresolved())
        .max_by_key(|f| f.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn notice(posted: &str, expires: &str) -> Notice {
        Notice {
            id: NoticeId::new_v7(),
            cluster_id: ClusterId::new_v7(),
            title: "停水通知".into(),
            issuer: Issuer::Utility,
            boards: vec![PlaceId::new_v7()],
            posted_on: day(posted),
            expires_on: day(expires),
            photos: vec![],
            posted_by: UserId::new_v7(),
            taken_down: None,
            changes: vec![],
        }
    }

    #[test]
    fn expiry_today_is_the_estate_day_not_the_utc_day() {
        let n = notice("2026-12-01", "2026-12-07");
        // 2026-12-06 16:30 UTC is 2026-12-07 00:30 in the estate (UTC+8): its last day.
        let t = Utc.with_ymd_and_hms(2026, 12, 6, 16, 30, 0).unwrap();
        assert_eq!(n.state_on(estate_today(t)), NoticeState::ExpiresToday);
        assert!(n.due_down(estate_today(t)));
        // 15:30 UTC the same day is still the 6th in the estate: up, not due.
        let t = Utc.with_ymd_and_hms(2026, 12, 6, 15, 30, 0).unwrap();
        assert_eq!(n.state_on(estate_today(t)), NoticeState::Up);
        assert_eq!(n.state_on(day("2026-12-09")), NoticeState::Expired(2));
        assert_eq!(n.state_on(day("2026-11-30")), NoticeState::NotYet);
    }

    #[test]
    fn taken_down_counts_from_its_estate_day() {
        let mut n = notice("2026-12-01", "2026-12-07");
        n.taken_down = Some(TakeDown {
            // The 8th at 08:10 in the estate.
            at: Utc.with_ymd_and_hms(2026, 12, 8, 0, 10, 0).unwrap(),
            by: UserId::new_v7(),
            photos: vec![],
        });
        assert!(n.up_on(day("2026-12-07")));
        assert_eq!(n.state_on(day("2026-12-08")), NoticeState::TakenDown);
        assert!(!n.due_down(day("2026-12-08")));
        assert!(!n.up_on(day("2026-12-09")));
    }

    #[test]
    fn a_notice_names_notice_boards_of_its_cluster_in_use() {
        let cluster = ClusterId::new_v7();
        let board = |kind, cluster, retired| Place {
            id: PlaceId::new_v7(),
            cluster_id: cluster,
            kind,
            name: "1号楼公告栏".into(),
            location: String::new(),
            position: None,
            template: None,
            retired,
        };
        let ok = board(PlaceKind::NoticeBoard, cluster, false);
        let swing = board(PlaceKind::Facility, cluster, false);
        let other = board(PlaceKind::NoticeBoard, ClusterId::new_v7(), false);
        let old = board(PlaceKind::NoticeBoard, cluster, true);
        let places = [&ok, &swing, &other, &old];
        let (d1, d2) = (day("2026-12-01"), day("2026-12-10"));
        let check = |boards: &[PlaceId], title: &str, to: NaiveDate| {
            check_notice(title, cluster, boards, &places, d1, to, &[])
        };
        assert_eq!(check(&[ok.id], "停水通知", d2), Ok(()));
        for bad in [
            vec![],
            vec![swing.id],
            vec![other.id],
            vec![old.id],
            vec![ok.id, ok.id],
        ] {
            assert_eq!(check(&bad, "停水通知", d2), Err(NoticeProblem::Boards));
        }
        assert_eq!(check(&[ok.id], "  ", d2), Err(NoticeProblem::Title));
        assert_eq!(
            check(&[ok.id], "停水通知", day("2026-11-30")),
            Err(NoticeProblem::ExpiresOn)
        );
        assert_eq!(
            check(&[ok.id], "停水通知", day("2029-01-01")),
            Err(NoticeProblem::ExpiresOn)
        );
    }

    #[test]
    fn walking_faster_than_two_metres_a_second_is_implausible() {
        let a = Position::from_degrees(31.230_000, 121.470_000);
        // About 111 m north.
        let b = Position::from_degrees(31.231_000, 121.470_000);
        let d = a.expect("on the globe").metres_to(b.expect("on the globe"));
        assert!((110.0..112.5).contains(&d), "{d}");
        let t0 = Utc.with_ymd_and_hms(2026, 12, 7, 1, 0, 0).unwrap();
        assert!(implausible_walk(
            a,
            t0,
            b,
            t0 + chrono::Duration::seconds(30)
        ));
        assert!(!implausible_walk(
            a,
            t0,
            b,
            t0 + chrono::Duration::seconds(60)
        ));
        // Unknown positions prove nothing.
        assert!(!implausible_walk(None, t0, b, t0));
        assert!(Position::from_degrees(91.0, 0.0).is_none());
        assert!(!Position {
            lat_e6: 0,
            lon_e6: 180_000_001
        }
        .is_valid());
    }

    #[test]
    fn a_run_summary_counts_typed_too_fast_and_far_check_ins() {
        use crate::domain::checklist::{scan_summary, Scan};
        let gate = PlaceId(uuid::Uuid::from_u128(1));
        let garage = PlaceId(uuid::Uuid::from_u128(2));
        let shed = PlaceId(uuid::Uuid::from_u128(3));
        let at_gate = Position::from_degrees(31.230_000, 121.470_000);
        // About 111 m north of the gate.
        let at_garage = Position::from_degrees(31.231_000, 121.470_000);
        let position_of = |p: PlaceId| match p {
            p if p == gate => at_gate,
            p if p == garage => at_garage,
            _ => None,
        };
        let t0 = Utc.with_ymd_and_hms(2026, 12, 7, 1, 0, 0).unwrap();
        let scan = |place, secs, typed, position| Scan {
            id: uuid::Uuid::now_v7(),
            place,
            at: t0 + chrono::Duration::seconds(secs),
            typed,
            position,
        };
        // At the gate; the garage 10 s later (too fast); the shed (no position) typed; the
        // gate again, the phone a kilometre away.
        let far = Position::from_degrees(31.240_000, 121.470_000);
        let scans = [
            scan(gate, 0, false, at_gate),
            scan(garage, 10, false, at_garage),
            scan(shed, 200, true, None),
            scan(gate, 400, false, far),
        ];
        let s = scan_summary(&scans, position_of);
        assert_eq!((s.scans, s.typed, s.doubtful), (4, 1, 2));
        // Walked at a person's pace, on the spot: nothing doubtful.
        let calm = [
            scan(gate, 0, false, at_gate),
            scan(garage, 120, false, at_garage),
        ];
        assert_eq!(scan_summary(&calm, position_of).doubtful, 0);
    }
}
