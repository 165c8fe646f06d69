//! Community activities (社区文化活动, SOP duty 8, procedure 8; issue 19): once the company has
//! fixed a plan, the office announces the activity (title, time, place, capacity, sign-up
//! deadline); the butlers tell their customers and sign households up, offline, each from a
//! share of the places the office gave them — so that two phones offline at once can never
//! book more than there is — and the office moves places between butlers. The service centre
//! sees the headcount; at the door it records who came; afterwards the butlers ask how it
//! went (1–5, comments, suggestions for the next one), like a return visit.
//!
//! One record per activity, with its shares and sign-ups: every butler with a share pulls it
//! (it names no cluster), and each mutation is decided against the record as the server holds
//! it (`sync::activity`), so a sign-up beyond its butler's share is refused on push however
//! the phones interleave.

use super::{ClusterId, UnitId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::ids::{ActivityId, SignUpId};

/// A title, or a place: characters at most.
pub const MAX_TITLE: usize = 100;
/// What the activity is: characters at most.
pub const MAX_DESCRIPTION: usize = 500;
/// Places one activity has at most.
pub const MAX_CAPACITY: u32 = 5000;
/// People one household signs up at most.
pub const MAX_PEOPLE: u32 = 20;
/// Butlers holding a share of one activity at most.
pub const MAX_SHARES: usize = 200;
/// Sign-ups (cancelled ones included) on one activity at most.
pub const MAX_SIGN_UPS: usize = 3000;
/// Comments, or suggestions: characters at most.
pub const MAX_TEXT: usize = 300;
/// A phone's clock may run this far ahead of the server's.
const CLOCK_SLACK_SECS: i64 = 600;

/// A butler's share of the places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Share {
    /// The butler.
    pub butler: UserId,
    /// Places they may fill.
    pub places: u32,
}

/// What the office writes when it announces or changes an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ActivityDraft {
    /// 中秋游园会.
    pub title: String,
    /// What it is, what to bring.
    #[serde(default)]
    pub description: String,
    /// Where.
    pub place: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// Sign-ups close.
    pub deadline: DateTime<Utc>,
    /// Places in all.
    pub capacity: u32,
    /// Each butler's share.
    pub shares: Vec<Share>,
}

/// How it went, as a household said on the feedback visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Feedback {
    /// 1 (poor) to 5 (very good).
    pub rating: u8,
    /// What they thought.
    #[serde(default)]
    pub comments: String,
    /// What they would like next time.
    #[serde(default)]
    pub suggestions: String,
    /// When asked.
    pub at: DateTime<Utc>,
    /// Who asked (set by the rule).
    pub by: Option<UserId>,
}

/// A household's sign-up, as the butler makes it on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignUpDraft {
    /// Its id, made by the device.
    pub id: SignUpId,
    /// The household's cluster.
    pub cluster_id: ClusterId,
    /// The household's unit.
    pub unit_id: UnitId,
    /// 3-2-1201.
    pub unit: String,
    /// The customer's name.
    pub name: String,
    /// People coming.
    pub people: u32,
    /// When the butler signed them up.
    pub at: DateTime<Utc>,
}

/// A household's sign-up on an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SignUp {
    /// Its id.
    pub id: SignUpId,
    /// The butler whose share it fills.
    pub butler: UserId,
    /// The household's cluster.
    pub cluster_id: ClusterId,
    /// The household's unit.
    pub unit_id: UnitId,
    /// 3-2-1201.
    pub unit: String,
    /// The customer's name.
    pub name: String,
    /// People coming.
    pub people: u32,
    /// When signed up.
    pub at: DateTime<Utc>,
    /// When cancelled (the places go back to the butler's share).
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Whether they came, as the office recorded at the door.
    #[serde(default)]
    pub attended: Option<bool>,
    /// How it went.
    #[serde(default)]
    pub feedback: Option<Feedback>,
}

impl SignUp {
    /// Not cancelled.
    pub fn active(&self) -> bool {
        self.cancelled_at.is_none()
    }
}

/// An activity with its shares and sign-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Activity {
    /// Its id, made by the office's browser.
    pub id: ActivityId,
    /// 中秋游园会.
    pub title: String,
    /// What it is.
    #[serde(default)]
    pub description: String,
    /// Where.
    pub place: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// Sign-ups close.
    pub deadline: DateTime<Utc>,
    /// Places in all.
    pub capacity: u32,
    /// Each butler's share.
    pub shares: Vec<Share>,
    /// Sign-ups, in the order they reached the server.
    #[serde(default)]
    pub sign_ups: Vec<SignUp>,
    /// Who announced it.
    pub announced_by: Option<UserId>,
    /// When.
    pub announced_at: DateTime<Utc>,
}

/// What is wrong with an activity, a sign-up or a feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityProblem {
    /// No title, or one too long.
    Title,
    /// No place, or one too long.
    Place,
    /// A description too long.
    Description,
    /// Capacity 0 or too many.
    Capacity,
    /// The deadline after the start.
    Deadline,
    /// Shares beyond the capacity, a butler twice, or too many.
    Shares,
    /// A share below the places its butler has already filled.
    BelowSignedUp,
    /// A sign-up beyond its butler's share (or by a butler without one).
    Share,
    /// Signed up after the deadline.
    Closed,
    /// A household already signed up.
    AlreadySignedUp,
    /// People 0 or too many.
    People,
    /// No unit or name, or too long.
    Household,
    /// A time in the future.
    At,
    /// Attendance or feedback before the activity has started.
    NotStarted,
    /// Cancelling once it has started.
    Started,
    /// Attendance or feedback of a cancelled sign-up.
    Cancelled,
    /// A rating outside 1–5.
    Rating,
    /// Comments or suggestions too long.
    Text,
    /// Too many sign-ups.
    TooMany,
    /// No such sign-up on the activity.
    NoSuchSignUp,
}

impl ActivityProblem {
    /// Every problem.
    pub const ALL: [ActivityProblem; 20] = [
        ActivityProblem::Title,
        ActivityProblem::Place,
        ActivityProblem::Description,
        ActivityProblem::Capacity,
        ActivityProblem::Deadline,
        ActivityProblem::Shares,
        ActivityProblem::BelowSignedUp,
        ActivityProblem::Share,
        ActivityProblem::Closed,
        ActivityProblem::AlreadySignedUp,
        ActivityProblem::People,
        ActivityProblem::Household,
        ActivityProblem::At,
        ActivityProblem::NotStarted,
        ActivityProblem::Started,
        ActivityProblem::Cancelled,
        ActivityProblem::Rating,
        ActivityProblem::Text,
        ActivityProblem::TooMany,
        ActivityProblem::NoSuchSignUp,
    ];

    /// The field's code (the refusal's `field`).
    pub fn field(self) -> &'static str {
        match self {
            ActivityProblem::Title => "title",
            ActivityProblem::Place => "place",
            ActivityProblem::Description => "description",
            ActivityProblem::Capacity => "capacity",
            ActivityProblem::Deadline => "deadline",
            ActivityProblem::Shares => "shares",
            ActivityProblem::BelowSignedUp => "shares_below_signed_up",
            ActivityProblem::Share => "share",
            ActivityProblem::Closed => "closed",
            ActivityProblem::AlreadySignedUp => "signed_up",
            ActivityProblem::People => "people",
            ActivityProblem::Household => "household",
            ActivityProblem::At => "at",
            ActivityProblem::NotStarted => "not_started",
            ActivityProblem::Started => "started",
            ActivityProblem::Cancelled => "cancelled",
            ActivityProblem::Rating => "rating",
            ActivityProblem::Text => "comments",
            ActivityProblem::TooMany => "entries",
            ActivityProblem::NoSuchSignUp => "sign_up",
        }
    }

    /// The problem a refusal's field names.
    pub fn of_field(field: &str) -> Option<ActivityProblem> {
        Self::ALL.into_iter().find(|p| p.field() == field)
    }
}

fn chars(s: &str) -> usize {
    s.trim().chars().count()
}

impl ActivityDraft {
    /// Whether the draft is whole (shares checked against the capacity, not the sign-ups).
    pub fn check(&self) -> Result<(), ActivityProblem> {
        if chars(&self.title) == 0 || chars(&self.title) > MAX_TITLE {
            return Err(ActivityProblem::Title);
        }
        if chars(&self.place) == 0 || chars(&self.place) > MAX_TITLE {
            return Err(ActivityProblem::Place);
        }
        if chars(&self.description) > MAX_DESCRIPTION {
            return Err(ActivityProblem::Description);
        }
        if self.capacity == 0 || self.capacity > MAX_CAPACITY {
            return Err(ActivityProblem::Capacity);
        }
        if self.deadline > self.starts_at {
            return Err(ActivityProblem::Deadline);
        }
        let total = self
            .shares
            .iter()
            .try_fold(0u32, |sum, s| sum.checked_add(s.places));
        let twice = self
            .shares
            .iter()
            .enumerate()
            .any(|(i, s)| self.shares[..i].iter().any(|t| t.butler == s.butler));
        if self.shares.len() > MAX_SHARES || twice || total.is_none_or(|t| t > self.capacity) {
            return Err(ActivityProblem::Shares);
        }
        Ok(())
    }
}

/// The headcount of a set of sign-ups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Headcount {
    /// Households signed up (not cancelled).
    pub households: u32,
    /// People signed up.
    pub people: u32,
    /// People of the households that came.
    pub attended: u32,
    /// Households whose feedback was recorded.
    pub feedback: u32,
    /// The sum of their ratings.
    rating_sum: u32,
}

impl Headcount {
    /// The average rating, if anyone gave one.
    pub fn average(&self) -> Option<f64> {
        (self.feedback > 0).then(|| f64::from(self.rating_sum) / f64::from(self.feedback))
    }

    /// The average as the registers print it (4.3), or a dash.
    pub fn average_text(&self) -> String {
        self.average()
            .map_or_else(|| "—".to_owned(), |a| format!("{a:.1}"))
    }
}

impl Activity {
    /// A new activity from the office's draft.
    pub fn announced(
        id: ActivityId,
        draft: &ActivityDraft,
        by: UserId,
        at: DateTime<Utc>,
    ) -> Activity {
        let mut a = Activity {
            id,
            title: String::new(),
            description: String::new(),
            place: String::new(),
            starts_at: draft.starts_at,
            deadline: draft.deadline,
            capacity: draft.capacity,
            shares: vec![],
            sign_ups: vec![],
            announced_by: Some(by),
            announced_at: at,
        };
        a.take(draft);
        a
    }

    /// The draft's fields, trimmed; shares of 0 left out.
    pub fn take(&mut self, draft: &ActivityDraft) {
        self.title = draft.title.trim().to_owned();
        self.description = draft.description.trim().to_owned();
        self.place = draft.place.trim().to_owned();
        self.starts_at = draft.starts_at;
        self.deadline = draft.deadline;
        self.capacity = draft.capacity;
        self.shares = draft
            .shares
            .iter()
            .filter(|s| s.places > 0)
            .cloned()
            .collect();
    }

    /// The activity as a draft (the office's form starts from it).
    pub fn draft(&self) -> ActivityDraft {
        ActivityDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            place: self.place.clone(),
            starts_at: self.starts_at,
            deadline: self.deadline,
            capacity: self.capacity,
            shares: self.shares.clone(),
        }
    }

    /// A butler's share (0: none).
    pub fn share_of(&self, butler: UserId) -> u32 {
        self.shares
            .iter()
            .find(|s| s.butler == butler)
            .map_or(0, |s| s.places)
    }

    /// The places a butler has filled (their sign-ups not cancelled).
    pub fn used_by(&self, butler: UserId) -> u32 {
        self.sign_ups
            .iter()
            .filter(|s| s.butler == butler && s.active())
            .map(|s| s.people)
            .sum()
    }

    /// The places a butler may still fill.
    pub fn left_for(&self, butler: UserId) -> u32 {
        self.share_of(butler).saturating_sub(self.used_by(butler))
    }

    /// Places not given to any butler.
    pub fn unshared(&self) -> u32 {
        self.capacity
            .saturating_sub(self.shares.iter().map(|s| s.places).sum())
    }

    /// The headcount of the sign-ups that pass `keep`.
    pub fn headcount_where(&self, keep: impl Fn(&SignUp) -> bool) -> Headcount {
        let mut h = Headcount::default();
        for s in self.sign_ups.iter().filter(|s| s.active() && keep(s)) {
            h.households += 1;
            h.people += s.people;
            if s.attended == Some(true) {
                h.attended += s.people;
            }
            if let Some(f) = &s.feedback {
                h.feedback += 1;
                h.rating_sum += u32::from(f.rating);
            }
        }
        h
    }

    /// The headcount of every sign-up.
    pub fn headcount(&self) -> Headcount {
        self.headcount_where(|_| true)
    }

    /// A sign-up.
    pub fn sign_up(&self, id: SignUpId) -> Option<&SignUp> {
        self.sign_ups.iter().find(|s| s.id == id)
    }

    /// Whether sign-ups made at `at` are still taken.
    pub fn open_at(&self, at: DateTime<Utc>) -> bool {
        at <= self.deadline
    }

    /// Whether the activity has started by `now` (attendance and feedback may be recorded).
    pub fn started(&self, now: DateTime<Utc>) -> bool {
        now >= self.starts_at
    }

    /// Whether the office may change the activity to `draft`: whole, and no butler's share
    /// below the places they have filled.
    pub fn check_change(&self, draft: &ActivityDraft) -> Result<(), ActivityProblem> {
        draft.check()?;
        let below = self.sign_ups.iter().any(|s| {
            let share = draft
                .shares
                .iter()
                .find(|x| x.butler == s.butler)
                .map_or(0, |x| x.places);
            share < self.used_by(s.butler)
        });
        if below {
            return Err(ActivityProblem::BelowSignedUp);
        }
        Ok(())
    }

    /// Whether `butler` may sign up `s` (at `now` on the server's clock): before the
    /// deadline, within their share, a household not already signed up.
    pub fn check_sign_up(
        &self,
        butler: UserId,
        s: &SignUpDraft,
        now: DateTime<Utc>,
    ) -> Result<(), ActivityProblem> {
        if self.sign_ups.len() >= MAX_SIGN_UPS {
            return Err(ActivityProblem::TooMany);
        }
        if chars(&s.unit) == 0
            || chars(&s.unit) > MAX_TITLE
            || chars(&s.name) == 0
            || chars(&s.name) > MAX_TITLE
        {
            return Err(ActivityProblem::Household);
        }
        if s.people == 0 || s.people > MAX_PEOPLE {
            return Err(ActivityProblem::People);
        }
        if (s.at - now).num_seconds() > CLOCK_SLACK_SECS {
            return Err(ActivityProblem::At);
        }
        if !self.open_at(s.at) {
            return Err(ActivityProblem::Closed);
        }
        if self
            .sign_ups
            .iter()
            .any(|x| x.active() && x.unit_id == s.unit_id)
        {
            return Err(ActivityProblem::AlreadySignedUp);
        }
        if self.used_by(butler).saturating_add(s.people) > self.share_of(butler) {
            return Err(ActivityProblem::Share);
        }
        Ok(())
    }

    /// Whether a sign-up may be cancelled at `now`: before the activity starts.
    pub fn check_cancel(&self, id: SignUpId, now: DateTime<Utc>) -> Result<(), ActivityProblem> {
        self.sign_up(id).ok_or(ActivityProblem::NoSuchSignUp)?;
        if self.started(now) {
            return Err(ActivityProblem::Started);
        }
        Ok(())
    }

    /// Whether attendance or feedback may be recorded on a sign-up at `now`.
    pub fn check_after(
        &self,
        id: SignUpId,
        now: DateTime<Utc>,
    ) -> Result<&SignUp, ActivityProblem> {
        let s = self.sign_up(id).ok_or(ActivityProblem::NoSuchSignUp)?;
        if !self.started(now) {
            return Err(ActivityProblem::NotStarted);
        }
        if !s.active() {
            return Err(ActivityProblem::Cancelled);
        }
        Ok(s)
    }

    /// Whether a feedback is whole.
    pub fn check_feedback(
        &self,
        id: SignUpId,
        f: &Feedback,
        now: DateTime<Utc>,
    ) -> Result<(), ActivityProblem> {
        self.check_after(id, now)?;
        if !(1..=5).contains(&f.rating) {
            return Err(ActivityProblem::Rating);
        }
        if chars(&f.comments) > MAX_TEXT || chars(&f.suggestions) > MAX_TEXT {
            return Err(ActivityProblem::Text);
        }
        if (f.at - now).num_seconds() > CLOCK_SLACK_SECS {
            return Err(ActivityProblem::At);
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use uuid::Uuid;

    pub(crate) fn at(s: &str) -> DateTime<Utc> {
        format!("{s}:00Z").parse().expect("test value")
    }

    pub(crate) fn butler(n: u128) -> UserId {
        UserId(Uuid::from_u128(n))
    }

    pub(crate) fn draft(capacity: u32, shares: &[(u128, u32)]) -> ActivityDraft {
        ActivityDraft {
            title: "中秋游园会".into(),
            description: String::new(),
            place: "会所广场".into(),
            starts_at: at("2026-12-20T10:00"),
            deadline: at("2026-12-18T10:00"),
            capacity,
            shares: shares
                .iter()
                .map(|(b, p)| Share {
                    butler: butler(*b),
                    places: *p,
                })
                .collect(),
        }
    }

    pub(crate) fn activity(capacity: u32, shares: &[(u128, u32)]) -> Activity {
        Activity::announced(
            ActivityId(Uuid::from_u128(77)),
            &draft(capacity, shares),
            butler(100),
            at("2026-12-01T09:00"),
        )
    }

    pub(crate) fn sign_up(unit: u128, people: u32, when: &str) -> SignUpDraft {
        SignUpDraft {
            id: SignUpId(Uuid::now_v7()),
            cluster_id: ClusterId(Uuid::from_u128(5)),
            unit_id: UnitId(Uuid::from_u128(unit)),
            unit: format!("1-1-{unit}"),
            name: "王静".into(),
            people,
            at: at(when),
        }
    }

    fn signed(a: &mut Activity, b: u128, s: &SignUpDraft) {
        a.sign_ups.push(SignUp {
            id: s.id,
            butler: butler(b),
            cluster_id: s.cluster_id,
            unit_id: s.unit_id,
            unit: s.unit.clone(),
            name: s.name.clone(),
            people: s.people,
            at: s.at,
            cancelled_at: None,
            attended: None,
            feedback: None,
        });
    }

    #[test]
    fn a_draft_needs_a_title_a_place_a_capacity_and_shares_within_it() {
        assert_eq!(draft(10, &[(1, 6), (2, 4)]).check(), Ok(()));
        assert_eq!(
            draft(10, &[(1, 6), (2, 5)]).check(),
            Err(ActivityProblem::Shares)
        );
        assert_eq!(
            draft(10, &[(1, 3), (1, 3)]).check(),
            Err(ActivityProblem::Shares)
        );
        assert_eq!(draft(0, &[]).check(), Err(ActivityProblem::Capacity));
        assert_eq!(
            draft(u32::MAX, &[(1, u32::MAX), (2, 1)]).check(),
            Err(ActivityProblem::Capacity)
        );
        let mut d = draft(10, &[]);
        d.title = "  ".into();
        assert_eq!(d.check(), Err(ActivityProblem::Title));
        let mut d = draft(10, &[]);
        d.deadline = at("2026-12-21T10:00");
        assert_eq!(d.check(), Err(ActivityProblem::Deadline));
    }

    #[test]
    fn a_sign_up_fills_its_butlers_share_and_no_more() {
        let mut a = activity(10, &[(1, 6), (2, 4)]);
        let now = at("2026-12-10T10:00");
        let s = sign_up(1, 4, "2026-12-10T09:00");
        assert_eq!(a.check_sign_up(butler(1), &s, now), Ok(()));
        signed(&mut a, 1, &s);
        assert_eq!(a.left_for(butler(1)), 2);
        // Three more would pass the six.
        assert_eq!(
            a.check_sign_up(butler(1), &sign_up(2, 3, "2026-12-10T09:00"), now),
            Err(ActivityProblem::Share)
        );
        assert_eq!(
            a.check_sign_up(butler(1), &sign_up(2, 2, "2026-12-10T09:00"), now),
            Ok(())
        );
        // The other butler's share is theirs; a butler without one has none.
        assert_eq!(
            a.check_sign_up(butler(2), &sign_up(3, 4, "2026-12-10T09:00"), now),
            Ok(())
        );
        assert_eq!(
            a.check_sign_up(butler(3), &sign_up(3, 1, "2026-12-10T09:00"), now),
            Err(ActivityProblem::Share)
        );
        // The same household twice; nobody; too many people.
        assert_eq!(
            a.check_sign_up(butler(2), &sign_up(1, 1, "2026-12-10T09:00"), now),
            Err(ActivityProblem::AlreadySignedUp)
        );
        assert_eq!(
            a.check_sign_up(butler(2), &sign_up(4, 0, "2026-12-10T09:00"), now),
            Err(ActivityProblem::People)
        );
        assert_eq!(
            a.check_sign_up(butler(2), &sign_up(4, 21, "2026-12-10T09:00"), now),
            Err(ActivityProblem::People)
        );
    }

    #[test]
    fn the_deadline_is_the_phones_time_of_signing_up() {
        let a = activity(10, &[(1, 6)]);
        // Signed up offline before the deadline, pushed after it: taken.
        let late_push = at("2026-12-19T08:00");
        assert_eq!(
            a.check_sign_up(butler(1), &sign_up(1, 1, "2026-12-18T09:59"), late_push),
            Ok(())
        );
        assert_eq!(
            a.check_sign_up(butler(1), &sign_up(1, 1, "2026-12-18T10:01"), late_push),
            Err(ActivityProblem::Closed)
        );
        // A phone's clock far ahead of the server's.
        assert_eq!(
            a.check_sign_up(
                butler(1),
                &sign_up(1, 1, "2026-12-10T11:00"),
                at("2026-12-10T10:00")
            ),
            Err(ActivityProblem::At)
        );
    }

    #[test]
    fn a_share_never_goes_below_what_its_butler_has_filled() {
        let mut a = activity(10, &[(1, 6), (2, 4)]);
        signed(&mut a, 1, &sign_up(1, 3, "2026-12-10T09:00"));
        // Three of the first butler's places move to the second: 3 left, 3 filled.
        assert_eq!(a.check_change(&draft(10, &[(1, 3), (2, 7)])), Ok(()));
        assert_eq!(
            a.check_change(&draft(10, &[(1, 2), (2, 8)])),
            Err(ActivityProblem::BelowSignedUp)
        );
        // Taken off the shares altogether while holding sign-ups.
        assert_eq!(
            a.check_change(&draft(10, &[(2, 4)])),
            Err(ActivityProblem::BelowSignedUp)
        );
        // A cancelled sign-up gives its places back.
        a.sign_ups[0].cancelled_at = Some(at("2026-12-11T09:00"));
        assert_eq!(a.check_change(&draft(10, &[(2, 4)])), Ok(()));
        assert_eq!(a.left_for(butler(1)), 6);
    }

    #[test]
    fn attendance_and_feedback_come_after_the_start_and_average_the_ratings() {
        let mut a = activity(10, &[(1, 6)]);
        let s1 = sign_up(1, 2, "2026-12-10T09:00");
        let s2 = sign_up(2, 3, "2026-12-10T09:00");
        signed(&mut a, 1, &s1);
        signed(&mut a, 1, &s2);
        let f = |rating| Feedback {
            rating,
            comments: String::new(),
            suggestions: String::new(),
            at: at("2026-12-21T10:00"),
            by: None,
        };
        assert_eq!(
            a.check_feedback(s1.id, &f(4), at("2026-12-19T10:00")),
            Err(ActivityProblem::NotStarted)
        );
        let after = at("2026-12-21T10:00");
        assert_eq!(a.check_feedback(s1.id, &f(4), after), Ok(()));
        assert_eq!(
            a.check_feedback(s1.id, &f(6), after),
            Err(ActivityProblem::Rating)
        );
        assert_eq!(a.check_cancel(s1.id, after), Err(ActivityProblem::Started));
        a.sign_ups[0].feedback = Some(f(4));
        a.sign_ups[1].feedback = Some(f(5));
        a.sign_ups[0].attended = Some(true);
        let h = a.headcount();
        assert_eq!(
            (h.households, h.people, h.attended, h.feedback),
            (2, 5, 2, 2)
        );
        assert_eq!(h.average_text(), "4.5");
        assert_eq!(Headcount::default().average_text(), "—");
    }

    #[test]
    fn every_problem_has_its_own_field() {
        for p in ActivityProblem::ALL {
            assert_eq!(ActivityProblem::of_field(p.field()), Some(p));
        }
    }
}
