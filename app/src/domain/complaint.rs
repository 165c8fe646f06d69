//! Complaints (客户投诉解决, SOP procedure 5; duties 12–13).
//!
//! A complaint is taken on the spot (or by the office at the desk or on the phone) for a
//! household or a public area: what the customer said in their words, its category, urgency
//! and photos, when it was received and when the butler reached the customer. It is then judged
//! valid (有效) — the responsible department, the person if known, the proposed solution, and
//! either a follow-up to that department or an answer on the spot — or invalid (无效) with the
//! reason. The reply is recorded with the customer's agreement, and the customer signs on the
//! phone's screen (or the refusal to sign is recorded): that closes it. A valid complaint handed
//! to a department closes only once its follow-up is resolved, unless the office overrides it
//! with a reason. The office records the corrective action for a valid one.

use super::follow_up::FollowUpId;
use super::household::HouseholdId;
use super::{ClusterId, Department, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::ids::ComplaintId;

coded!(
    /// How the complaint reached the company.
    ComplaintChannel {
        /// 现场.
        OnSite = "on_site",
        /// 电话.
        Phone = "phone",
        /// 前台.
        FrontDesk = "front_desk",
        /// 网上.
        Online = "online",
    }
);

coded!(
    /// What the complaint is about.
    ComplaintCategory {
        /// 安防.
        Security = "security",
        /// 保洁.
        Cleaning = "cleaning",
        /// 绿化.
        Landscaping = "landscaping",
        /// 工程维修.
        Engineering = "engineering",
        /// 停车.
        Parking = "parking",
        /// 收费.
        Fees = "fees",
        /// 员工服务.
        StaffConduct = "staff_conduct",
        /// 邻里.
        Neighbours = "neighbours",
        /// 其他.
        Other = "other",
    }
);

impl ComplaintCategory {
    /// The department a valid complaint of this category usually goes to (the form pre-fills
    /// it; the butler may choose another).
    pub fn usual_department(self) -> Department {
        match self {
            ComplaintCategory::Security | ComplaintCategory::Parking => Department::Security,
            ComplaintCategory::Cleaning => Department::Cleaning,
            ComplaintCategory::Landscaping => Department::Landscaping,
            ComplaintCategory::Engineering => Department::Engineering,
            ComplaintCategory::Fees => Department::Finance,
            ComplaintCategory::StaffConduct
            | ComplaintCategory::Neighbours
            | ComplaintCategory::Other => Department::CustomerService,
        }
    }
}

coded!(
    /// How urgent.
    Urgency {
        /// 一般.
        Normal = "normal",
        /// 紧急.
        Urgent = "urgent",
    }
);

coded!(
    /// What the customer thought of the reply.
    Agreement {
        /// 满意.
        Satisfied = "satisfied",
        /// 接受.
        Accepted = "accepted",
        /// 不满意.
        NotSatisfied = "not_satisfied",
    }
);

/// The judgement: valid, with who is responsible and what is proposed, or invalid with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    /// 有效.
    Valid {
        /// The responsible department.
        department: Department,
        /// The responsible person, if known.
        #[serde(default)]
        person: String,
        /// The proposed solution.
        solution: String,
        /// The follow-up it was handed to the department as (none: answered on the spot).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        follow_up: Option<FollowUpId>,
    },
    /// 无效.
    Invalid {
        /// Why.
        reason: String,
    },
}

/// What was answered, when, and what the customer thought of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Reply {
    /// The answer given.
    pub text: String,
    /// When (device time, checked not to be in the future).
    pub at: DateTime<Utc>,
    /// The customer's agreement.
    pub agreement: Agreement,
}

/// A point of a signature stroke, in the pad's own units (0..=1000 on both axes, so a stroke
/// drawn on one screen redraws on another).
pub type Point = (u16, u16);

/// The pad's extent in its own units.
pub const PAD_UNITS: u16 = 1000;

/// Fewer strokes and points than this is an empty signature.
pub const MIN_STROKES: usize = 2;
/// See [`MIN_STROKES`].
pub const MIN_POINTS: usize = 20;
/// Bounds on what a signature may carry.
pub const MAX_STROKES: usize = 60;
/// See [`MAX_STROKES`].
pub const MAX_POINTS: usize = 4000;
/// The signature image's limit (PNG).
pub const MAX_SIGNATURE_BYTES: usize = 100 * 1024;

/// How the complaint was signed off: the customer's signature, or the refusal to sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignOff {
    /// Signed on the phone's screen.
    Signed {
        /// Who signed (the customer's name as they gave it).
        signer: String,
        /// The signature image (PNG), by hash, through the photo pipeline.
        image: String,
        /// The strokes it was drawn with, kept to redraw it at any size: each a list of
        /// `[x, y]` points in the pad's units.
        #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<Vec<u16>>>))]
        strokes: Vec<Vec<Point>>,
    },
    /// The customer would not sign.
    Refused {
        /// What they said, or why.
        #[serde(default)]
        note: String,
    },
}

/// Whether strokes make a signature: at least [`MIN_STROKES`] strokes or [`MIN_POINTS`]
/// points, within the pad, within the bounds.
pub fn signature_problem(strokes: &[Vec<Point>]) -> Option<SignatureProblem> {
    let points: usize = strokes.iter().map(Vec::len).sum();
    if strokes.len() > MAX_STROKES || points > MAX_POINTS {
        return Some(SignatureProblem::TooLarge);
    }
    if strokes.len() < MIN_STROKES && points < MIN_POINTS {
        return Some(SignatureProblem::Empty);
    }
    if strokes
        .iter()
        .flatten()
        .any(|(x, y)| *x > PAD_UNITS || *y > PAD_UNITS)
    {
        return Some(SignatureProblem::OffPad);
    }
    None
}

/// Why strokes are not a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureProblem {
    /// Fewer than two strokes and twenty points.
    Empty,
    /// Over the bounds.
    TooLarge,
    /// A point outside the pad.
    OffPad,
}

/// The corrective action the office recorded for a valid complaint (training, supervision).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Corrective {
    /// What was done so that it does not happen again.
    pub text: String,
    /// Who recorded it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}

/// A complaint as the server keeps it and the cluster's phones mirror it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Complaint {
    /// Its id.
    pub id: ComplaintId,
    /// The cluster (whose butler handles it).
    pub cluster_id: ClusterId,
    /// The household, or none for a public area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<HouseholdId>,
    /// Who complained, as the register shows it (the household's name and unit, or the name
    /// given for a public-area complaint).
    pub complainant: String,
    /// The unit (3-2-1201) or place (东门岗亭).
    pub place: String,
    /// How it came in.
    pub channel: ComplaintChannel,
    /// What the customer said, in their words.
    pub said: String,
    /// Its category.
    pub category: ComplaintCategory,
    /// How urgent.
    pub urgency: Urgency,
    /// Photos, by hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// When it was received (device time of the one who took it).
    pub received_at: DateTime<Utc>,
    /// When the butler reached the customer (on site or by phone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached_at: Option<DateTime<Utc>>,
    /// Who took it.
    pub taken_by: UserId,
    /// Valid or not, and who is responsible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<Judgement>,
    /// What was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Reply>,
    /// The customer's signature or refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<SignOff>,
    /// Closed (signed off) at; server time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    /// Who signed it off (the butler) or closed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<UserId>,
    /// The office closed it before the follow-up was resolved: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    /// The signed receipt: SHA-256 (hex) over the complaint's text, the reply, the times, the
    /// butler, the signer and the strokes, so a later edit is detectable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
    /// The office's corrective action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrective: Option<Corrective>,
    /// Rises with every applied change.
    pub version: i64,
}

/// Where a complaint stands, derived from what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// 待联系: nobody has reached the customer yet.
    Received,
    /// 待判定: reached, not judged.
    Reached,
    /// 处理中: judged, no reply yet.
    Handling,
    /// 待签字: replied, waiting for the customer's signature.
    Replied,
    /// 已关闭.
    Closed,
}

impl ComplaintStatus {
    /// Every status, in order.
    pub const ALL: [ComplaintStatus; 5] = [
        ComplaintStatus::Received,
        ComplaintStatus::Reached,
        ComplaintStatus::Handling,
        ComplaintStatus::Replied,
        ComplaintStatus::Closed,
    ];

    /// The code name.
    pub fn code(self) -> &'static str {
        match self {
            ComplaintStatus::Received => "received",
            ComplaintStatus::Reached => "reached",
            ComplaintStatus::Handling => "handling",
            ComplaintStatus::Replied => "replied",
            ComplaintStatus::Closed => "closed",
        }
    }
}

impl Complaint {
    /// Where it stands.
    pub fn status(&self) -> ComplaintStatus {
        if self.closed_at.is_some() {
            ComplaintStatus::Closed
        } else if self.reply.is_some() {
            ComplaintStatus::Replied
        } else if self.judgement.is_some() {
            ComplaintStatus::Handling
        } else if self.reached_at.is_some() {
            ComplaintStatus::Reached
        } else {
            ComplaintStatus::Received
        }
    }

    /// Judged valid.
    pub fn valid(&self) -> Option<bool> {
        self.judgement
            .as_ref()
            .map(|j| matches!(j, Judgement::Valid { .. }))
    }

    /// The department responsible, for a valid one.
    pub fn department(&self) -> Option<Department> {
        match &self.judgement {
            Some(Judgement::Valid { department, .. }) => Some(*department),
            _ => None,
        }
    }

    /// The follow-up a valid one was handed on as.
    pub fn follow_up(&self) -> Option<FollowUpId> {
        match &self.judgement {
            Some(Judgement::Valid { follow_up, .. }) => *follow_up,
            _ => None,
        }
    }

    /// Minutes from received to reached (the SOP asks for the fastest response).
    pub fn response_minutes(&self) -> Option<i64> {
        self.reached_at
            .map(|r| (r - self.received_at).num_minutes().max(0))
    }

    /// Minutes from received to closed.
    pub fn closing_minutes(&self) -> Option<i64> {
        self.closed_at
            .map(|c| (c - self.received_at).num_minutes().max(0))
    }

    /// The signed receipt over what the customer signed for: hex SHA-256 of the complaint's
    /// text, the reply, the times, the butler, the signer and the strokes, joined in a fixed
    /// order. Recomputing it on the stored record tells whether any of that changed since.
    pub fn receipt_of(&self, butler: UserId) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut part = |s: &str| {
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        part(&self.id.to_string());
        part(&self.said);
        part(&self.received_at.to_rfc3339());
        part(&self.reached_at.map(|t| t.to_rfc3339()).unwrap_or_default());
        if let Some(r) = &self.reply {
            part(&r.text);
            part(&r.at.to_rfc3339());
            part(r.agreement.code());
        }
        part(&butler.to_string());
        match &self.sign_off {
            Some(SignOff::Signed {
                signer, strokes, ..
            }) => {
                part(signer);
                let points: Vec<String> = strokes
                    .iter()
                    .map(|s| {
                        s.iter()
                            .map(|(x, y)| format!("{x},{y}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                part(&points.join("|"));
            }
            Some(SignOff::Refused { note }) => {
                part("refused");
                part(note);
            }
            None => {}
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Repeats, as the SOP asks the butler to foresee (对组团内各种投诉有预见性): a household with
/// at least three complaints in 30 days, or a category in one building with at least three.
pub const REPEAT_COUNT: usize = 3;
/// See [`REPEAT_COUNT`].
pub const REPEAT_DAYS: i64 = 30;

/// For each of `all`, whether it belongs to a repeat: some 30-day window holds it and at
/// least two others of the same household, or of the same category in the same building
/// (`building` gives a complaint's building, from its unit).
pub fn repeats(all: &[&Complaint], building: impl Fn(&Complaint) -> Option<String>) -> Vec<bool> {
    let window = chrono::Duration::days(REPEAT_DAYS);
    // Whether `c` is in a window [start, start + 30 days) of `group` with REPEAT_COUNT or more,
    // trying each window that starts at a member no later than `c`.
    let in_repeat = |c: &Complaint, group: &[&&Complaint]| {
        group.iter().any(|start| {
            let from = start.received_at;
            from <= c.received_at
                && c.received_at < from + window
                && group
                    .iter()
                    .filter(|o| from <= o.received_at && o.received_at < from + window)
                    .count()
                    >= REPEAT_COUNT
        })
    };
    all.iter()
        .map(|c| {
            let household: Vec<&&Complaint> = match c.household {
                Some(h) => all.iter().filter(|o| o.household == Some(h)).collect(),
                None => vec![],
            };
            let b = building(c);
            let category: Vec<&&Complaint> = match &b {
                Some(_) => all
                    .iter()
                    .filter(|o| o.category == c.category && building(o) == b)
                    .collect(),
                None => vec![],
            };
            in_repeat(c, &household) || in_repeat(c, &category)
        })
        .collect()
}

/// The building of a place written as a unit code (3-2-1201 → "3"); none for a public place.
pub fn building_of(place: &str) -> Option<String> {
    let mut parts = place.split('-');
    let (b, e, r) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && [b, e, r].iter().all(|p| !p.is_empty())).then(|| b.to_owned())
}

/// Which complaints the register lists (query string of its export). Dates are estate dates,
/// inclusive; every other field narrows when set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct RegisterFilter {
    /// Received on or after.
    #[serde(default, deserialize_with = "super::time::bounded_date")]
    pub from: Option<chrono::NaiveDate>,
    /// Received on or before.
    #[serde(default, deserialize_with = "super::time::bounded_date")]
    pub to: Option<chrono::NaiveDate>,
    /// One cluster.
    #[serde(default)]
    pub cluster: Option<ClusterId>,
    /// One category.
    #[serde(default)]
    pub category: Option<ComplaintCategory>,
    /// One responsible department.
    #[serde(default)]
    pub department: Option<Department>,
    /// Valid (true) or invalid (false).
    #[serde(default)]
    pub valid: Option<bool>,
    /// Closed (true) or open (false).
    #[serde(default)]
    pub closed: Option<bool>,
    /// Satisfied (true: 满意 or 接受) or not (false: 不满意).
    #[serde(default)]
    pub satisfied: Option<bool>,
}

impl RegisterFilter {
    /// Whether `c` is listed.
    pub fn matches(&self, c: &Complaint) -> bool {
        let day = super::time::estate_today(c.received_at);
        self.from.is_none_or(|f| day >= f)
            && self.to.is_none_or(|t| day <= t)
            && self.cluster.is_none_or(|x| c.cluster_id == x)
            && self.category.is_none_or(|x| c.category == x)
            && self.department.is_none_or(|x| c.department() == Some(x))
            && self.valid.is_none_or(|x| c.valid() == Some(x))
            && self.closed.is_none_or(|x| c.closed_at.is_some() == x)
            && self.satisfied.is_none_or(|x| {
                c.reply
                    .as_ref()
                    .is_some_and(|r| (r.agreement != Agreement::NotSatisfied) == x)
            })
    }

    /// As a query string (`from=…&category=…`).
    pub fn to_query(&self) -> String {
        let mut parts = vec![];
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                parts.push(format!("{k}={v}"));
            }
        };
        put("from", self.from.map(|d| d.to_string()));
        put("to", self.to.map(|d| d.to_string()));
        put("cluster", self.cluster.map(|c| c.to_string()));
        put("category", self.category.map(|c| c.code().to_owned()));
        put("department", self.department.map(|d| d.code().to_owned()));
        put("valid", self.valid.map(|b| b.to_string()));
        put("closed", self.closed.map(|b| b.to_string()));
        put("satisfied", self.satisfied.map(|b| b.to_string()));
        parts.join("&")
    }
}

/// Figures of a set of complaints for the office's trends: counts, the valid share, the
/// median response and closing times in minutes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// How many.
    pub count: usize,
    /// How many judged valid.
    pub valid: usize,
    /// How many judged.
    pub judged: usize,
    /// Median minutes from received to reached.
    pub median_response: Option<i64>,
    /// Median minutes from received to closed.
    pub median_closing: Option<i64>,
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    })
}

/// The figures of `all`.
pub fn figures<'a>(all: impl IntoIterator<Item = &'a Complaint>) -> Figures {
    let all: Vec<&Complaint> = all.into_iter().collect();
    Figures {
        count: all.len(),
        valid: all.iter().filter(|c| c.valid() == Some(true)).count(),
        judged: all.iter().filter(|c| c.valid().is_some()).count(),
        median_response: median(all.iter().filter_map(|c| c.response_minutes()).collect()),
        median_closing: median(all.iter().filter_map(|c| c.closing_minutes()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complaint(
        household: Option<HouseholdId>,
        place: &str,
        category: ComplaintCategory,
        day: u32,
    ) -> Complaint {
        Complaint {
            id: ComplaintId::new_v7(),
            cluster_id: ClusterId::new_v7(),
            household,
            complainant: "张伟".into(),
            place: place.into(),
            channel: ComplaintChannel::Phone,
            said: "噪音".into(),
            category,
            urgency: Urgency::Normal,
            photos: vec![],
            received_at: format!("2026-11-{day:02}T02:00:00Z")
                .parse()
                .expect("instant"),
            reached_at: None,
            taken_by: UserId::new_v7(),
            judgement: None,
            reply: None,
            sign_off: None,
            closed_at: None,
            closed_by: None,
            override_reason: None,
            receipt: None,
            corrective: None,
            version: 1,
        }
    }

    #[test]
    fn three_complaints_of_a_household_or_of_a_category_in_a_building_within_30_days_are_a_repeat()
    {
        let h = Some(HouseholdId::new_v7());
        let other = Some(HouseholdId::new_v7());
        use ComplaintCategory as C;
        // Household h: the 1st, 10th and 29th — one 30-day window. A fourth on the 30th of
        // the next month stands alone.
        let all = [
            complaint(h, "3-2-1201", C::Cleaning, 1),
            complaint(h, "3-2-1201", C::Parking, 10),
            complaint(h, "3-2-1201", C::Fees, 29),
            complaint(other, "5-1-0101", C::Security, 2),
            complaint(other, "5-1-0302", C::Security, 3),
            complaint(None, "5号楼大堂", C::Security, 4),
        ];
        let refs: Vec<&Complaint> = all.iter().collect();
        let flags = repeats(&refs, |c| building_of(&c.place));
        assert_eq!(flags, vec![true, true, true, false, false, false]);
        // A third security complaint in building 5 makes that category a repeat there.
        let mut more = all.to_vec();
        more.push(complaint(None, "5-2-0901", C::Security, 20));
        let refs: Vec<&Complaint> = more.iter().collect();
        let flags = repeats(&refs, |c| building_of(&c.place));
        assert_eq!(flags, vec![true, true, true, true, true, false, true]);
        // The 1st, the 10th and the 31st are not within 30 days.
        let spread = [
            complaint(h, "3-2-1201", C::Cleaning, 1),
            complaint(h, "3-2-1201", C::Cleaning, 10),
            complaint(h, "3-2-1201", C::Cleaning, 30),
        ];
        let mut spread = spread.to_vec();
        spread[2].received_at = "2026-12-01T02:00:00Z".parse().expect("instant");
        let refs: Vec<&Complaint> = spread.iter().collect();
        assert_eq!(repeats(&refs, |c| building_of(&c.place)), vec![false; 3]);
    }

    #[test]
    fn a_unit_code_names_its_building_and_a_place_does_not() {
        assert_eq!(building_of("3-2-1201").as_deref(), Some("3"));
        assert_eq!(building_of("东门岗亭"), None);
        assert_eq!(building_of("3-2"), None);
        assert_eq!(building_of("3--1201"), None);
    }

    #[test]
    fn the_register_filter_narrows_by_each_field() {
        let mut c = complaint(None, "东门岗亭", ComplaintCategory::Security, 5);
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d);
        let all = RegisterFilter::default();
        assert!(all.matches(&c));
        assert!(RegisterFilter {
            from: day(5),
            to: day(5),
            ..Default::default()
        }
        .matches(&c));
        assert!(!RegisterFilter {
            from: day(6),
            ..Default::default()
        }
        .matches(&c));
        assert!(!RegisterFilter {
            valid: Some(true),
            ..Default::default()
        }
        .matches(&c));
        c.judgement = Some(Judgement::Invalid { reason: "x".into() });
        assert!(RegisterFilter {
            valid: Some(false),
            ..Default::default()
        }
        .matches(&c));
        assert!(RegisterFilter {
            closed: Some(false),
            ..Default::default()
        }
        .matches(&c));
        assert!(!RegisterFilter {
            satisfied: Some(true),
            ..Default::default()
        }
        .matches(&c));
        c.reply = Some(Reply {
            text: "x".into(),
            at: c.received_at,
            agreement: Agreement::NotSatisfied,
        });
        assert!(RegisterFilter {
            satisfied: Some(false),
            ..Default::default()
        }
        .matches(&c));
        let f = RegisterFilter {
            from: day(1),
            category: Some(ComplaintCategory::Fees),
            valid: Some(true),
            ..Default::default()
        };
        assert_eq!(f.to_query(), "from=2026-11-01&category=fees&valid=true");
    }

    #[test]
    fn figures_give_medians_of_response_and_closing() {
        let mut a = complaint(None, "x", ComplaintCategory::Other, 1);
        let mut b = a.clone();
        let mut c = a.clone();
        a.reached_at = Some(a.received_at + chrono::Duration::minutes(10));
        b.reached_at = Some(b.received_at + chrono::Duration::minutes(30));
        c.reached_at = Some(c.received_at + chrono::Duration::minutes(20));
        c.closed_at = Some(c.received_at + chrono::Duration::minutes(90));
        c.judgement = Some(Judgement::Invalid { reason: "x".into() });
        let f = figures([&a, &b, &c]);
        assert_eq!(f.count, 3);
        assert_eq!(f.median_response, Some(20));
        assert_eq!(f.median_closing, Some(90));
        assert_eq!((f.valid, f.judged), (0, 1));
    }
}
