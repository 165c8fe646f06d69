//! The butler's case file of fee collection (催收档案, SOP procedure 10; issue 17): a unit's
//! arrears as finance's latest export states them (published by the server, read-only on the
//! phone) and the contacts the butler records — statements delivered, calls, visits, return
//! visits, the office's lawyer's letters — each a fact, append-only. From them: whether a
//! promised date was kept, whether a service problem is still open or solved and waiting for
//! the butler to tell the household, the lawyer's-letter candidates, what the SOP's window of
//! the week asks for each household, and each owed period's limitation clock.

use super::fee::{
    limitation, CollectionWindow, Demand, DemandMethod, FeeType, Fen, LimitationClock,
    LimitationRule,
};
use super::follow_up::{FollowUpId, FollowUpStatus};
use super::time::estate_offset;
use super::{ClusterId, UnitId, UserId};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use super::ids::ContactId;

coded!(
    /// What a contact was.
    ContactKind {
        /// 送达对账单: the month's statement delivered.
        Statement = "statement",
        /// 电话催缴.
        Call = "call",
        /// 上门拜访.
        Visit = "visit",
        /// 回访: after a service problem was solved, telling the household and reminding them.
        ReturnVisit = "return_visit",
        /// 律师函: recorded by the office when it issues one.
        Letter = "letter",
    }
);

coded!(
    /// How a statement or letter reached the household (the documents' distribution record).
    Delivery {
        /// 本人签收.
        HandedSelf = "handed_self",
        /// 家属签收.
        HandedFamily = "handed_family",
        /// 交安防转交 (left with security for the household).
        WithSecurity = "with_security",
        /// 平信邮寄.
        Mailed = "mailed",
        /// 挂号信/EMS, with its tracking number.
        Registered = "registered",
        /// 拒收.
        Refused = "refused",
    }
);

coded!(
    /// Why a household has not paid, as the butler heard it.
    ArrearsReason {
        /// 忘记缴费.
        Forgot = "forgot",
        /// 长期外出.
        Away = "away",
        /// 经济困难.
        Hardship = "hardship",
        /// 对服务有意见 — with the problem, which becomes a follow-up.
        ServiceDispute = "service_dispute",
        /// 拒绝缴费.
        Refuses = "refuses",
        /// 其他.
        Other = "other",
    }
);

/// The most characters in what was said.
pub const MAX_SAID: usize = 2000;
/// The most characters in a tracking number or a signer's name.
pub const MAX_SHORT: usize = 60;

/// What the butler records of one contact. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ContactNote {
    /// What it was.
    pub what: ContactKind,
    /// When.
    pub at: DateTime<Utc>,
    /// A statement's or letter's delivery.
    pub delivery: Option<Delivery>,
    /// Registered post's tracking number (else empty).
    pub tracking: String,
    /// Who signed the receipt when handed over (else empty).
    pub signer: String,
    /// The household was reached (a call answered, someone at home).
    pub reached: bool,
    /// What was said.
    pub said: String,
    /// The date they promised to pay by.
    pub promised_on: Option<NaiveDate>,
    /// Why they have not paid.
    pub reason: Option<ArrearsReason>,
    /// The service problem they named (with [`ArrearsReason::ServiceDispute`]).
    pub problem: String,
    /// The follow-up the problem was handed on as (made in the same tap).
    pub follow_up: Option<FollowUpId>,
    /// What the unit owed when the contact was made, as the butler's phone showed it.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub owed_fen: Fen,
    /// The signature on the phone's screen of whoever took a statement or letter by hand:
    /// strokes in the pad's units (none otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<Vec<u16>>>))]
    pub signature: Vec<Vec<super::complaint::Point>>,
}

/// Why a contact cannot be recorded: the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactProblem {
    /// A statement or letter without its delivery, or a delivery on a call.
    Delivery,
    /// Registered post without its tracking number, or one too long.
    Tracking,
    /// Signed for without a name, or a name too long.
    Signer,
    /// A statement handed to the owner without their signature, a signature that is not one,
    /// or one on a contact not handed over.
    Signature,
    /// Nothing said of a reached contact, or too much.
    Said,
    /// A promise from someone not reached, or dated before the contact.
    Promise,
    /// A reason from someone not reached.
    Reason,
    /// A service problem without its words or its follow-up.
    Problem,
    /// A time still to come.
    At,
    /// A negative amount owed.
    Owed,
}

impl ContactProblem {
    /// The field's name in a refusal.
    pub fn field(self) -> &'static str {
        match self {
            ContactProblem::Delivery => "delivery",
            ContactProblem::Tracking => "tracking",
            ContactProblem::Signer => "signer",
            ContactProblem::Signature => "signature",
            ContactProblem::Said => "said",
            ContactProblem::Promise => "promised_on",
            ContactProblem::Reason => "reason",
            ContactProblem::Problem => "problem",
            ContactProblem::At => "at",
            ContactProblem::Owed => "owed_fen",
        }
    }
}

impl ContactNote {
    /// A note of `what` at `at` with nothing else said yet (not reached, no delivery, promise,
    /// reason or problem); the fields that apply are set on it.
    pub fn new(what: ContactKind, at: DateTime<Utc>, owed_fen: Fen) -> ContactNote {
        ContactNote {
            what,
            at,
            delivery: None,
            tracking: String::new(),
            signer: String::new(),
            reached: false,
            said: String::new(),
            promised_on: None,
            reason: None,
            problem: String::new(),
            follow_up: None,
            owed_fen,
            signature: Vec::new(),
        }
    }

    /// Checks a note as the phone's form and the rule both do; `now` for the time.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), ContactProblem> {
        let delivered = matches!(self.what, ContactKind::Statement | ContactKind::Letter);
        if delivered != self.delivery.is_some() {
            return Err(ContactProblem::Delivery);
        }
        let tracking = self.tracking.trim();
        if tracking.chars().count() > MAX_SHORT
            || (self.delivery == Some(Delivery::Registered) && tracking.is_empty())
        {
            return Err(ContactProblem::Tracking);
        }
        if self.signer.trim().chars().count() > MAX_SHORT {
            return Err(ContactProblem::Signer);
        }
        let handed = matches!(
            self.delivery,
            Some(Delivery::HandedSelf | Delivery::HandedFamily)
        );
        let owner_signs =
            self.what == ContactKind::Statement && self.delivery == Some(Delivery::HandedSelf);
        if (!self.signature.is_empty() || owner_signs)
            && (!handed || super::complaint::signature_problem(&self.signature).is_some())
        {
            return Err(ContactProblem::Signature);
        }
        if !super::time::has_happened(self.at, now) {
            return Err(ContactProblem::At);
        }
        if self.owed_fen.0 < 0 || self.owed_fen > Fen::MAX {
            return Err(ContactProblem::Owed);
        }
        let said = self.said.trim().chars().count();
        if said > MAX_SAID || (!delivered && self.reached && said == 0) {
            return Err(ContactProblem::Said);
        }
        let talked = !delivered && self.reached;
        if let Some(p) = self.promised_on {
            let day = self.at.with_timezone(&estate_offset()).date_naive();
            if !talked || p < day {
                return Err(ContactProblem::Promise);
            }
        }
        if self.reason.is_some() && !talked {
            return Err(ContactProblem::Reason);
        }
        let dispute = self.reason == Some(ArrearsReason::ServiceDispute);
        let problem = self.problem.trim().chars().count();
        if problem > MAX_SAID || dispute != (problem > 0) || dispute != self.follow_up.is_some() {
            return Err(ContactProblem::Problem);
        }
        Ok(())
    }

    /// The day it happened in the estate.
    pub fn day(&self) -> NaiveDate {
        self.at.with_timezone(&estate_offset()).date_naive()
    }

    /// The demand for payment it made, for the limitation clock: a statement or letter
    /// delivered (handed over and signed for by the owner — named, and signed on the screen —
    /// or by registered post with its number, count; the rest do not), a call or visit (which
    /// do not).
    pub fn demand(&self) -> Option<Demand> {
        let signed = !self.signer.trim().is_empty() && !self.signature.is_empty();
        let method = match (self.what, self.delivery) {
            (_, Some(Delivery::Refused)) => return None,
            (_, Some(Delivery::HandedSelf)) if signed => DemandMethod::InPersonSigned,
            (_, Some(Delivery::Registered)) => DemandMethod::RegisteredPost,
            (_, Some(_)) => DemandMethod::Post,
            (_, None) => DemandMethod::Phone,
        };
        Some(Demand {
            on: self.day(),
            method,
            tracking: (!self.tracking.trim().is_empty()).then(|| self.tracking.trim().to_owned()),
        })
    }
}

/// A contact as the server keeps it and the butler's phones mirror it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CollectionContact {
    /// Its id.
    pub id: ContactId,
    /// The unit.
    pub unit_id: UnitId,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// The unit's code, 3-2-1201.
    pub unit: String,
    /// Who recorded it.
    pub by: UserId,
    /// What was recorded.
    pub note: ContactNote,
}

/// One billing period still owed, as the unit's arrears record carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OwedCharge {
    /// What for.
    pub fee_type: FeeType,
    /// The billing month's first day.
    pub period: NaiveDate,
    /// When it fell due.
    pub due_on: NaiveDate,
    /// Still owed.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub owed_fen: Fen,
    /// Not in finance's latest export (未在最新导出中).
    pub not_in_latest: bool,
}

/// A unit's arrears as finance's latest export states them: published by the server to the
/// cluster's butlers (department staff never receive amounts) after every import. A unit that
/// has paid everything keeps a record with no charges, so phones see it leave the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Arrears {
    /// The unit (also the record's id).
    pub unit_id: UnitId,
    /// Its cluster.
    pub cluster_id: ClusterId,
    /// Its code, 3-2-1201.
    pub unit: String,
    /// Its owners' names.
    pub owners: String,
    /// What is owed, oldest first.
    pub charges: Vec<OwedCharge>,
    /// The day of finance's latest export.
    pub as_of: NaiveDate,
    /// The office's limitation rule, shown with the clock.
    pub limitation: LimitationRule,
}

impl Arrears {
    /// The record's id: the unit's, with fixed bits of its random part flipped — a record id
    /// of its own (a device keeps every kind's records in one store, where the unit's own record
    /// has the unit's id), the same for the unit on every device.
    pub fn record_id(unit: UnitId) -> Uuid {
        Uuid::from_u128(unit.0.as_u128() ^ 0x0a77_ea75_a77e_a75a)
    }

    /// Owed in all.
    pub fn owed(&self) -> Fen {
        Fen(self.charges.iter().map(|c| c.owed_fen.0).sum())
    }

    /// Billing months with something owed.
    pub fn months(&self) -> usize {
        let mut months: Vec<NaiveDate> = self.charges.iter().map(|c| c.period).collect();
        months.sort();
        months.dedup();
        months.len()
    }

    /// Whether anything is owed.
    pub fn owes(&self) -> bool {
        self.charges.iter().any(|c| c.owed_fen.0 > 0)
    }
}

/// Where a promised date stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseState {
    /// The date has not passed.
    Waiting,
    /// Paid: nothing owed that fell due by the day of the promise.
    Kept,
    /// The date passed and what was owed then is still owed: back on the list.
    Broken,
    /// The date passed, but finance's latest export is not later than it: not known yet.
    AwaitingExport,
}

/// Whether the promise made in `note` was kept, given the unit's arrears, on `today`.
pub fn promise_state(
    note: &ContactNote,
    arrears: &Arrears,
    today: NaiveDate,
) -> Option<PromiseState> {
    let promised = note.promised_on?;
    if today <= promised {
        return Some(PromiseState::Waiting);
    }
    let day = note.day();
    let still_owed = arrears
        .charges
        .iter()
        .any(|c| c.owed_fen.0 > 0 && c.due_on <= day);
    Some(if !still_owed {
        PromiseState::Kept
    } else if arrears.as_of <= promised {
        PromiseState::AwaitingExport
    } else {
        PromiseState::Broken
    })
}

/// A service problem named as the reason for not paying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemState {
    /// Its follow-up is being worked on.
    Open,
    /// Its follow-up is resolved and nobody has told the household yet: 问题已解决：回复并提醒缴费.
    SolvedTellThem,
}

/// A household's case as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Owed in all.
    pub owed: Fen,
    /// Months owed.
    pub months: usize,
    /// The latest contact's day and kind.
    pub last_contact: Option<(NaiveDate, ContactKind)>,
    /// The latest promise and where it stands.
    pub promise: Option<(NaiveDate, PromiseState)>,
    /// Promises broken so far (of those made while the unit owed).
    pub broken_promises: usize,
    /// The latest service problem, if it still needs something.
    pub problem: Option<ProblemState>,
    /// A lawyer's-letter candidate: owes for a quarter already past, broke a promise, and has
    /// no open service problem.
    pub letter_candidate: bool,
    /// What the SOP's windows of `today` ask for this household.
    pub due: Vec<CollectionWindow>,
    /// A period owed whose limitation clock ends within the warning time (or has ended): a
    /// demand that counts is needed.
    pub limitation_soon: bool,
}

impl Case {
    /// The case of a unit: its arrears, its contacts (any order), the status of a follow-up
    /// by id, on `today`.
    pub fn of(
        arrears: &Arrears,
        contacts: &[&CollectionContact],
        follow_up: impl Fn(FollowUpId) -> Option<FollowUpStatus>,
        today: NaiveDate,
    ) -> Case {
        let mut sorted: Vec<&ContactNote> = contacts.iter().map(|c| &c.note).collect();
        sorted.sort_by_key(|n| n.at);
        let last_contact = sorted.last().map(|n| (n.day(), n.what));
        let promises: Vec<(&ContactNote, PromiseState)> = sorted
            .iter()
            .filter_map(|n| promise_state(n, arrears, today).map(|s| (*n, s)))
            .collect();
        let promise = promises
            .last()
            .and_then(|(n, s)| n.promised_on.map(|d| (d, *s)));
        let broken_promises = promises
            .iter()
            .filter(|(_, s)| *s == PromiseState::Broken)
            .count();
        // The latest problem: open while its follow-up is; solved until a later return visit
        // (or a reached call or visit) tells the household.
        let problem = sorted
            .iter()
            .enumerate()
            .rev()
            .find(|(_, n)| n.reason == Some(ArrearsReason::ServiceDispute))
            .and_then(|(i, n)| {
                let status = n.follow_up.and_then(&follow_up);
                let done = status.is_some_and(|s| s.work_done());
                if !done {
                    return Some(ProblemState::Open);
                }
                let told = sorted[i + 1..].iter().any(|later| {
                    later.reached
                        && matches!(
                            later.what,
                            ContactKind::ReturnVisit | ContactKind::Call | ContactKind::Visit
                        )
                });
                (!told).then_some(ProblemState::SolvedTellThem)
            });
        let quarter_start = quarter_start(today);
        let past_quarter = arrears
            .charges
            .iter()
            .any(|c| c.owed_fen.0 > 0 && c.due_on < quarter_start);
        let owes = arrears.owes();
        let letter_candidate =
            owes && past_quarter && broken_promises > 0 && problem != Some(ProblemState::Open);
        let mut due = vec![];
        if owes {
            for w in CollectionWindow::on(today) {
                let since = w.current_or_next(today).map(|(from, _)| from);
                let after = |n: &&&ContactNote| since.is_some_and(|s| n.day() >= s);
                let asks = match w {
                    CollectionWindow::Statements => !sorted
                        .iter()
                        .filter(after)
                        .any(|n| n.what == ContactKind::Statement),
                    CollectionWindow::ArrearsCalls => !sorted
                        .iter()
                        .filter(after)
                        .any(|n| matches!(n.what, ContactKind::Call | ContactKind::Visit)),
                    CollectionWindow::QuarterReasons => {
                        !sorted.iter().filter(after).any(|n| n.reason.is_some())
                    }
                    CollectionWindow::QuarterConfirm => {
                        (promise.is_some() || problem.is_some())
                            && !sorted.iter().filter(after).any(|n| n.reached)
                    }
                    CollectionWindow::LawyerLetters => letter_candidate,
                };
                if asks {
                    due.push(w);
                }
            }
        }
        let limitation_soon = clocks(arrears, contacts, today)
            .iter()
            .flatten()
            .any(|c| c.state != super::fee::ClockState::Running);
        Case {
            limitation_soon,
            owed: arrears.owed(),
            months: arrears.months(),
            last_contact,
            promise,
            broken_promises,
            problem,
            letter_candidate,
            due,
        }
    }
}

/// The first day of `day`'s calendar quarter.
pub fn quarter_start(day: NaiveDate) -> NaiveDate {
    let month = (day.month() - 1) / 3 * 3 + 1;
    NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
}

/// Each owed charge's limitation clock on `today`, from the unit's contacts' demands.
pub fn clocks(
    arrears: &Arrears,
    contacts: &[&CollectionContact],
    today: NaiveDate,
) -> Vec<Option<LimitationClock>> {
    clocks_with(arrears, contacts, &[], today)
}

/// [`clocks`], counting `more` demands besides the contacts' (the statements the unit's
/// documents delivered: `document::Delivery::demand`).
pub fn clocks_with(
    arrears: &Arrears,
    contacts: &[&CollectionContact],
    more: &[Demand],
    today: NaiveDate,
) -> Vec<Option<LimitationClock>> {
    let mut demands: Vec<Demand> = contacts.iter().filter_map(|c| c.note.demand()).collect();
    demands.extend(more.iter().cloned());
    arrears
        .charges
        .iter()
        .map(|c| limitation(c.due_on, &demands, today, arrears.limitation))
        .collect()
}

/// Which contacts the register (物管费催收登记表) lists (query string of its export). Dates are
/// estate dates, inclusive; every other field narrows when set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct RegisterFilter {
    /// Made on or after.
    #[serde(default, deserialize_with = "super::time::bounded_date")]
    pub from: Option<NaiveDate>,
    /// Made on or before.
    #[serde(default, deserialize_with = "super::time::bounded_date")]
    pub to: Option<NaiveDate>,
    /// One cluster.
    #[serde(default)]
    pub cluster: Option<ClusterId>,
    /// Recorded by one butler.
    #[serde(default)]
    pub by: Option<UserId>,
    /// One kind of contact.
    #[serde(default)]
    pub what: Option<ContactKind>,
    /// One reason.
    #[serde(default)]
    pub reason: Option<ArrearsReason>,
}

impl RegisterFilter {
    /// Whether `c` is listed.
    pub fn matches(&self, c: &CollectionContact) -> bool {
        let day = c.note.day();
        self.from.is_none_or(|f| day >= f)
            && self.to.is_none_or(|t| day <= t)
            && self.cluster.is_none_or(|x| c.cluster_id == x)
            && self.by.is_none_or(|x| c.by == x)
            && self.what.is_none_or(|x| c.note.what == x)
            && self.reason.is_none_or(|x| c.note.reason == Some(x))
    }

    /// The query string of the export for this filter.
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
        put("by", self.by.map(|u| u.to_string()));
        put("what", self.what.map(|w| w.code().to_owned()));
        put("reason", self.reason.map(|r| r.code().to_owned()));
        parts.join("&")
    }
}

/// Promise keeping over some contacts: (kept, broken) among the promises whose date has passed
/// and whose outcome finance's export tells.
pub fn promise_keeping<'a>(
    contacts: impl IntoIterator<Item = &'a CollectionContact>,
    arrears: impl Fn(UnitId) -> Option<&'a Arrears>,
    today: NaiveDate,
) -> (usize, usize) {
    let (mut kept, mut broken) = (0, 0);
    for c in contacts {
        let Some(a) = arrears(c.unit_id) else {
            continue;
        };
        match promise_state(&c.note, a, today) {
            Some(PromiseState::Kept) => kept += 1,
            Some(PromiseState::Broken) => broken += 1,
            _ => {}
        }
    }
    (kept, broken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn at(s: &str) -> DateTime<Utc> {
        // Noon in the estate.
        estate_offset()
            .from_local_datetime(&day(s).and_hms_opt(12, 0, 0).expect("noon"))
            .single()
            .expect("time")
            .with_timezone(&Utc)
    }

    fn arrears(charges: &[(&str, i64)], as_of: &str) -> Arrears {
        Arrears {
            unit_id: UnitId(Uuid::nil()),
            cluster_id: ClusterId(Uuid::nil()),
            unit: "3-2-1201".into(),
            owners: "张伟".into(),
            charges: charges
                .iter()
                .map(|(due, fen)| OwedCharge {
                    fee_type: FeeType::Property,
                    period: day(due).with_day(1).expect("first"),
                    due_on: day(due),
                    owed_fen: Fen(*fen),
                    not_in_latest: false,
                })
                .collect(),
            as_of: day(as_of),
            limitation: LimitationRule::default(),
        }
    }

    fn note(what: ContactKind, on: &str) -> ContactNote {
        ContactNote {
            reached: true,
            said: "说下周交".into(),
            ..ContactNote::new(what, at(on), Fen(0))
        }
    }

    fn contact(n: ContactNote) -> CollectionContact {
        CollectionContact {
            id: ContactId(Uuid::now_v7()),
            unit_id: UnitId(Uuid::nil()),
            cluster_id: ClusterId(Uuid::nil()),
            unit: "3-2-1201".into(),
            by: UserId(Uuid::nil()),
            note: n,
        }
    }

    #[test]
    fn a_note_is_checked_field_by_field() {
        let now = at("2026-12-10");
        let mut call = note(ContactKind::Call, "2026-12-10");
        assert_eq!(call.check(now), Ok(()));
        call.promised_on = Some(day("2026-12-09"));
        assert_eq!(call.check(now), Err(ContactProblem::Promise));
        call.promised_on = Some(day("2026-12-20"));
        call.reached = false;
        assert_eq!(call.check(now), Err(ContactProblem::Promise));
        call.promised_on = None;
        call.reason = Some(ArrearsReason::Forgot);
        assert_eq!(call.check(now), Err(ContactProblem::Reason));
        let mut dispute = note(ContactKind::Visit, "2026-12-10");
        dispute.reason = Some(ArrearsReason::ServiceDispute);
        assert_eq!(dispute.check(now), Err(ContactProblem::Problem));
        dispute.problem = "楼道灯坏了三个月".into();
        assert_eq!(dispute.check(now), Err(ContactProblem::Problem));
        dispute.follow_up = Some(FollowUpId(Uuid::now_v7()));
        assert_eq!(dispute.check(now), Ok(()));
        let mut statement = note(ContactKind::Statement, "2026-12-10");
        assert_eq!(statement.check(now), Err(ContactProblem::Delivery));
        statement.delivery = Some(Delivery::Registered);
        assert_eq!(statement.check(now), Err(ContactProblem::Tracking));
        statement.tracking = "EMS1234567890".into();
        assert_eq!(statement.check(now), Ok(()));
        let mut later = note(ContactKind::Call, "2026-12-20");
        later.promised_on = None;
        assert_eq!(later.check(now), Err(ContactProblem::At));
    }

    #[test]
    fn only_a_signed_handover_or_registered_post_restarts_the_clock() {
        let mut s = note(ContactKind::Statement, "2026-01-05");
        s.delivery = Some(Delivery::HandedSelf);
        assert!(
            !s.demand().expect("demand").counts(),
            "handed without a signature"
        );
        s.signer = "张伟".into();
        assert!(!s.demand().expect("demand").counts(), "named, not signed");
        assert_eq!(s.check(s.at), Err(ContactProblem::Signature));
        s.signature = vec![vec![(100, 400), (300, 420), (500, 380)]; 2];
        assert_eq!(s.check(s.at), Ok(()));
        assert!(s.demand().expect("demand").counts());
        s.signature = vec![vec![(100, 4000)]; 2];
        assert_eq!(s.check(s.at), Err(ContactProblem::Signature), "off the pad");
        s.signature = vec![vec![(100, 400), (300, 420)]; 2];
        s.delivery = Some(Delivery::HandedFamily);
        assert!(!s.demand().expect("demand").counts());
        s.delivery = Some(Delivery::Registered);
        s.tracking = "EMS1".into();
        assert_eq!(
            s.check(s.at),
            Err(ContactProblem::Signature),
            "posted, not signed"
        );
        s.signature.clear();
        assert!(s.demand().expect("demand").counts());
        assert!(!note(ContactKind::Call, "2026-01-05")
            .demand()
            .expect("d")
            .counts());
        // The clock of a period due 2023-06-30 on 2026-01-10: ended without the demand, runs
        // three years from it with.
        let a = arrears(&[("2023-06-30", 10_000)], "2026-01-10");
        let c = contact(s);
        let with = clocks(&a, &[&c], day("2026-01-10"));
        assert_eq!(with[0].expect("clock").runs_out, day("2029-01-05"));
        let without = clocks(&a, &[], day("2026-01-10"));
        assert_eq!(
            without[0].expect("clock").state,
            super::super::fee::ClockState::EndsSoon
        );
        // The list flags it until a demand that counts restarts the clock.
        assert!(Case::of(&a, &[], |_| None, day("2026-01-10")).limitation_soon);
        assert!(!Case::of(&a, &[&c], |_| None, day("2026-01-10")).limitation_soon);
    }

    #[test]
    fn a_promise_is_kept_broken_or_waits_for_finances_export() {
        let mut call = note(ContactKind::Call, "2026-11-16");
        call.promised_on = Some(day("2026-11-30"));
        let owing = arrears(&[("2026-10-31", 25_000)], "2026-12-01");
        assert_eq!(
            promise_state(&call, &owing, day("2026-11-30")),
            Some(PromiseState::Waiting)
        );
        assert_eq!(
            promise_state(&call, &owing, day("2026-12-02")),
            Some(PromiseState::Broken)
        );
        let stale = arrears(&[("2026-10-31", 25_000)], "2026-11-28");
        assert_eq!(
            promise_state(&call, &stale, day("2026-12-02")),
            Some(PromiseState::AwaitingExport)
        );
        // Paid what was owed then; a later month's charge does not break it.
        let paid = arrears(&[("2026-11-30", 25_000)], "2026-12-01");
        assert_eq!(
            promise_state(&call, &paid, day("2026-12-02")),
            Some(PromiseState::Kept)
        );
    }

    #[test]
    fn a_solved_service_problem_asks_the_butler_to_tell_the_household_and_then_not() {
        let f = FollowUpId(Uuid::now_v7());
        let mut v = note(ContactKind::Visit, "2026-11-25");
        v.reason = Some(ArrearsReason::ServiceDispute);
        v.problem = "楼道灯坏了".into();
        v.follow_up = Some(f);
        let a = arrears(&[("2026-08-31", 25_000)], "2026-12-01");
        let dispute = contact(v);
        let open = Case::of(
            &a,
            &[&dispute],
            |_| Some(FollowUpStatus::InProgress),
            day("2026-12-02"),
        );
        assert_eq!(open.problem, Some(ProblemState::Open));
        let solved = Case::of(
            &a,
            &[&dispute],
            |_| Some(FollowUpStatus::Resolved),
            day("2026-12-02"),
        );
        assert_eq!(solved.problem, Some(ProblemState::SolvedTellThem));
        let told = contact(note(ContactKind::ReturnVisit, "2026-12-01"));
        let after = Case::of(
            &a,
            &[&told, &dispute],
            |_| Some(FollowUpStatus::Resolved),
            day("2026-12-02"),
        );
        assert_eq!(after.problem, None);
    }

    #[test]
    fn a_lawyers_letter_candidate_owes_for_a_past_quarter_broke_a_promise_and_has_no_open_problem()
    {
        let mut call = note(ContactKind::Call, "2026-11-16");
        call.promised_on = Some(day("2026-11-30"));
        let c = contact(call);
        let a = arrears(&[("2026-08-31", 25_000)], "2026-12-10");
        // 22nd–27th of December, the quarter's last month.
        let case = Case::of(&a, &[&c], |_| None, day("2026-12-23"));
        assert!(case.letter_candidate);
        assert_eq!(case.broken_promises, 1);
        assert!(case.due.contains(&CollectionWindow::LawyerLetters));
        // Only this quarter's charge owed: not yet.
        let recent = arrears(&[("2026-10-31", 25_000)], "2026-12-10");
        assert!(!Case::of(&recent, &[&c], |_| None, day("2026-12-23")).letter_candidate);
        // The third week: a household nobody called is asked for; one called this week is not.
        let fresh = Case::of(&a, &[], |_| None, day("2026-12-16"));
        assert!(fresh.due.contains(&CollectionWindow::ArrearsCalls));
        let called = contact(note(ContactKind::Call, "2026-12-15"));
        assert!(!Case::of(&a, &[&called], |_| None, day("2026-12-16"))
            .due
            .contains(&CollectionWindow::ArrearsCalls));
        // Paid up: nothing asked.
        let none = arrears(&[], "2026-12-10");
        assert!(Case::of(&none, &[], |_| None, day("2026-12-16"))
            .due
            .is_empty());
    }
}
