//! Documents to customers (对客文件发放, SOP procedure 3, duty 14; issue 19): statements,
//! water / power / gas stoppage notices, special-service price lists, handed to each household
//! in the company envelope. The office issues a document to a set of households; each
//! household's delivery is one record, synced to its cluster's butlers, who hand it over
//! offline: to the customer or a family member, who sign on the phone; left with security
//! (who must know what it says: the document carries a short explanation); refused; or, for a
//! customer not moved in, put on the front desk's mailing list, posted by registered post with
//! a tracking number. Key customers are handed by the butler in person. A delivery not handed
//! within two weeks goes on the butler's call list ("超过两周仍无人领取的，电话告知客户").

use super::complaint::{signature_problem, Point};
use super::fee::{Demand, DemandMethod};
use super::household::{Household, HouseholdId, Relation};
use super::time::estate_today;
use super::unit::{Occupancy, Unit};
use super::{ClusterId, UnitId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use super::ids::{DeliveryId, DocumentId};

/// A document's title: characters at most.
pub const MAX_TITLE: usize = 100;
/// The explanation for security and for key customers: characters at most.
pub const MAX_EXPLANATION: usize = 500;
/// A signer's name: characters at most.
pub const MAX_SIGNER: usize = 50;
/// A note on a hand-over or a call: characters at most.
pub const MAX_NOTE: usize = 300;
/// A registered post's tracking number: characters at most.
pub const MAX_TRACKING: usize = 40;
/// Hand-over attempts, or calls, on one delivery at most.
pub const MAX_ENTRIES: usize = 30;
/// Households one document is issued to at most (an estate of this size is large).
pub const MAX_HOUSEHOLDS: usize = 5000;
/// Days after the document's date a delivery may stay unclaimed before the butler phones:
/// on day 15 it is on the call list, on day 14 not yet (day 0 is the document's date).
pub const UNCLAIMED_DAYS: i64 = 14;

coded!(
    /// What a document is.
    DocumentKind {
        /// 对账单.
        Statement = "statement",
        /// 停水通知.
        WaterOutage = "water_outage",
        /// 停电通知.
        PowerOutage = "power_outage",
        /// 停气通知.
        GasOutage = "gas_outage",
        /// 特约服务收费标准.
        PriceList = "price_list",
        /// 其他.
        Other = "other",
    }
);

coded!(
    /// Which households of the chosen clusters and buildings a document goes to.
    Audience {
        /// Every household.
        All = "all",
        /// Those moved in on the document's date.
        MovedIn = "moved_in",
        /// Those not moved in (vacant, or being renovated).
        NotMovedIn = "not_moved_in",
        /// Key customers.
        KeyCustomers = "key_customers",
    }
);

coded!(
    /// How one attempt to hand a document over ended.
    Handover {
        /// 本人签收: the customer took it and signed.
        HandedSelf = "handed_self",
        /// 家属签收: a family member took it and signed.
        HandedFamily = "handed_family",
        /// 交安防派送: left with security to deliver (not for key customers).
        Security = "security",
        /// 拒收.
        Refused = "refused",
        /// 转邮寄: the front desk mails it (a customer not moved in).
        ToMail = "to_mail",
    }
);

impl Handover {
    /// Whether the customer signs for it on the phone.
    pub fn signed(self) -> bool {
        matches!(self, Handover::HandedSelf | Handover::HandedFamily)
    }
}

/// A document as issued (the same on each of its deliveries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Document {
    /// Its id: every delivery of the document carries it.
    pub id: DocumentId,
    /// What it is.
    pub kind: DocumentKind,
    /// Its title (2026年11月对账单).
    pub title: String,
    /// What it says, in short: for security, who deliver it, and for key customers.
    pub explanation: String,
    /// Its date (estate date): day 0 of the two weeks.
    pub date: NaiveDate,
    /// Who issued it.
    pub issued_by: UserId,
    /// When.
    pub issued_at: DateTime<Utc>,
}

/// One attempt to hand a document over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Attempt {
    /// Its id, made by the device.
    pub id: uuid::Uuid,
    /// How it ended.
    pub how: Handover,
    /// When.
    pub at: DateTime<Utc>,
    /// Who recorded it (set by the rule).
    pub by: Option<UserId>,
    /// Who signed (a family member's name; the customer's own may be left empty).
    #[serde(default)]
    pub signer: String,
    /// The signature on the phone's screen (strokes in the pad's units), for a signed one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<Vec<u16>>>))]
    pub signature: Vec<Vec<Point>>,
    /// A note (why refused, which guard took it).
    #[serde(default)]
    pub note: String,
}

/// The front desk's posting of a document by registered post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Posting {
    /// Posted on (estate date).
    pub posted_on: NaiveDate,
    /// The registered post's tracking number.
    pub tracking: String,
    /// Who recorded it.
    pub by: Option<UserId>,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// A call to a customer whose document is unclaimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Call {
    /// Its id, made by the device.
    pub id: uuid::Uuid,
    /// When.
    pub at: DateTime<Utc>,
    /// Who phoned (set by the rule).
    pub by: Option<UserId>,
    /// The customer answered.
    pub reached: bool,
    /// What was said (when they will collect it, or to mail it).
    #[serde(default)]
    pub said: String,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeliveryState {
    /// Nothing recorded yet.
    Pending,
    /// Refused (the last attempt).
    Refused,
    /// On the front desk's mailing list, not posted yet.
    ToMail,
    /// Posted by registered post.
    Mailed,
    /// Left with security.
    Security,
    /// Signed for by the customer.
    HandedSelf,
    /// Signed for by a family member.
    HandedFamily,
}

impl DeliveryState {
    /// Every state, in the register's order of columns.
    pub const ALL: [DeliveryState; 7] = [
        DeliveryState::HandedSelf,
        DeliveryState::HandedFamily,
        DeliveryState::Security,
        DeliveryState::Mailed,
        DeliveryState::ToMail,
        DeliveryState::Refused,
        DeliveryState::Pending,
    ];

    /// The code stored beside the record (for the registers' queries).
    pub fn code(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Refused => "refused",
            DeliveryState::ToMail => "to_mail",
            DeliveryState::Mailed => "mailed",
            DeliveryState::Security => "security",
            DeliveryState::HandedSelf => "handed_self",
            DeliveryState::HandedFamily => "handed_family",
        }
    }

    /// Whether the document has reached the household (in hand, with security, posted).
    pub fn delivered(self) -> bool {
        matches!(
            self,
            DeliveryState::HandedSelf
                | DeliveryState::HandedFamily
                | DeliveryState::Security
                | DeliveryState::Mailed
        )
    }

    /// Whether it is claimed: delivered, or on the mailing list (the rule of the two weeks:
    /// handed in person or to family, with security, or mailing).
    pub fn claimed(self) -> bool {
        self.delivered() || self == DeliveryState::ToMail
    }
}

/// One household's delivery of a document: the record that syncs (to its cluster).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Delivery {
    /// Its id.
    pub id: DeliveryId,
    /// The document.
    pub document: Document,
    /// The unit's cluster.
    pub cluster_id: ClusterId,
    /// The unit.
    pub unit_id: UnitId,
    /// The unit's code, 3-2-1201.
    pub unit: String,
    /// The household it is addressed to (the owner; none when the ledger has nobody).
    pub household_id: Option<HouseholdId>,
    /// Their name as the ledger had it when issued.
    pub name: String,
    /// A key customer (handed by the butler in person).
    pub key_customer: bool,
    /// Moved in on the document's date (else the front desk mails it).
    pub moved_in: bool,
    /// Attempts to hand it over, in order.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Its posting by the front desk.
    #[serde(default)]
    pub posting: Option<Posting>,
    /// Calls about it while unclaimed.
    #[serde(default)]
    pub calls: Vec<Call>,
}

/// Why a hand-over, posting or call cannot be recorded: the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryProblem {
    /// A signed hand-over without a signature, or one that is not one; a signature on another.
    Signature,
    /// A family member's hand-over without their name, or a name too long.
    Signer,
    /// A note too long.
    Note,
    /// A time before the document's date or in the future.
    At,
    /// A key customer's document left with security.
    KeyCustomer,
    /// A posting of a document not on the mailing list.
    NotToMail,
    /// A tracking number empty, too long or not letters and digits.
    Tracking,
    /// A posting date before the document's or in the future.
    PostedOn,
    /// Too many attempts or calls.
    TooMany,
}

impl DeliveryProblem {
    /// The field's code (the refusal's `field`).
    pub fn field(self) -> &'static str {
        match self {
            DeliveryProblem::Signature => "signature",
            DeliveryProblem::Signer => "signer",
            DeliveryProblem::Note => "note",
            DeliveryProblem::At => "at",
            DeliveryProblem::KeyCustomer => "key_customer",
            DeliveryProblem::NotToMail => "posting",
            DeliveryProblem::Tracking => "tracking",
            DeliveryProblem::PostedOn => "posted_on",
            DeliveryProblem::TooMany => "entries",
        }
    }
}

/// A phone's clock may run this far ahead of the server's.
const CLOCK_SLACK_SECS: i64 = 600;

/// A tracking number as the post office prints it: letters and digits, 1–40.
pub fn tracking_ok(tracking: &str) -> bool {
    let t = tracking.trim();
    !t.is_empty()
        && t.chars().count() <= MAX_TRACKING
        && t.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Delivery {
    /// Where it stands: posted; else the last attempt's outcome; else pending.
    pub fn state(&self) -> DeliveryState {
        if self.posting.is_some() {
            return DeliveryState::Mailed;
        }
        match self.attempts.last().map(|a| a.how) {
            None => DeliveryState::Pending,
            Some(Handover::HandedSelf) => DeliveryState::HandedSelf,
            Some(Handover::HandedFamily) => DeliveryState::HandedFamily,
            Some(Handover::Security) => DeliveryState::Security,
            Some(Handover::Refused) => DeliveryState::Refused,
            Some(Handover::ToMail) => DeliveryState::ToMail,
        }
    }

    /// Days since the document's date, on `today` (day 0 is its date).
    pub fn day(&self, today: NaiveDate) -> i64 {
        (today - self.document.date).num_days()
    }

    /// Unclaimed past the two weeks on `today`: on day 15 and after, not on day 14.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.state().claimed() && self.day(today) > UNCLAIMED_DAYS
    }

    /// On the butler's call list on `today`: overdue, and no call has reached the customer.
    pub fn to_call(&self, today: NaiveDate) -> bool {
        self.overdue(today) && !self.calls.iter().any(|c| c.reached)
    }

    /// The hand-over options the phone offers: a key customer is not left with security; a
    /// customer moved in is not mailed to (the front desk mails to those not moved in).
    pub fn options(&self) -> Vec<Handover> {
        Handover::ALL
            .iter()
            .copied()
            .filter(|h| !(self.key_customer && *h == Handover::Security))
            .filter(|h| !(self.moved_in && *h == Handover::ToMail))
            .collect()
    }

    /// Checks an attempt as the phone's form and the rule do.
    pub fn check_attempt(&self, a: &Attempt, now: DateTime<Utc>) -> Result<(), DeliveryProblem> {
        if self.attempts.len() >= MAX_ENTRIES {
            return Err(DeliveryProblem::TooMany);
        }
        if self.key_customer && a.how == Handover::Security {
            return Err(DeliveryProblem::KeyCustomer);
        }
        if a.how.signed() {
            if signature_problem(&a.signature).is_some() {
                return Err(DeliveryProblem::Signature);
            }
        } else if !a.signature.is_empty() {
            return Err(DeliveryProblem::Signature);
        }
        let signer = a.signer.trim().chars().count();
        if signer > MAX_SIGNER || (a.how == Handover::HandedFamily && signer == 0) {
            return Err(DeliveryProblem::Signer);
        }
        if a.note.trim().chars().count() > MAX_NOTE {
            return Err(DeliveryProblem::Note);
        }
        self.check_at(a.at, now)
    }

    fn check_at(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), DeliveryProblem> {
        if estate_today(at) < self.document.date || (at - now).num_seconds() > CLOCK_SLACK_SECS {
            return Err(DeliveryProblem::At);
        }
        Ok(())
    }

    /// Checks a posting by the front desk.
    pub fn check_posting(
        &self,
        posted_on: NaiveDate,
        tracking: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DeliveryProblem> {
        if !matches!(self.state(), DeliveryState::ToMail | DeliveryState::Mailed) {
            return Err(DeliveryProblem::NotToMail);
        }
        if !tracking_ok(tracking) {
            return Err(DeliveryProblem::Tracking);
        }
        if posted_on < self.document.date
            || posted_on > estate_today(now) + chrono::Duration::days(1)
        {
            return Err(DeliveryProblem::PostedOn);
        }
        Ok(())
    }

    /// Checks a call.
    pub fn check_call(&self, c: &Call, now: DateTime<Utc>) -> Result<(), DeliveryProblem> {
        if self.calls.len() >= MAX_ENTRIES {
            return Err(DeliveryProblem::TooMany);
        }
        if c.said.trim().chars().count() > MAX_NOTE {
            return Err(DeliveryProblem::Note);
        }
        self.check_at(c.at, now)
    }

    /// The demand for payment a statement's delivery makes, for the fee collection's
    /// limitation clock: handed to the customer and signed for on the screen, or posted by
    /// registered post with its tracking number. Nothing else counts (family, security,
    /// refused, other documents).
    pub fn demand(&self) -> Option<Demand> {
        if self.document.kind != DocumentKind::Statement {
            return None;
        }
        if let Some(p) = &self.posting {
            return Some(Demand {
                on: p.posted_on,
                method: DemandMethod::RegisteredPost,
                tracking: Some(p.tracking.clone()),
            });
        }
        self.attempts
            .iter()
            .rev()
            .find(|a| a.how == Handover::HandedSelf && !a.signature.is_empty())
            .map(|a| Demand {
                on: estate_today(a.at),
                method: DemandMethod::InPersonSigned,
                tracking: None,
            })
    }
}

/// What the office asks for when it issues a document (`POST /api/v1/documents`). Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssueRequest {
    /// The document's id, made by the browser (a retry issues it once).
    pub id: DocumentId,
    /// What it is.
    pub kind: DocumentKind,
    /// Its title.
    pub title: String,
    /// What it says, in short.
    pub explanation: String,
    /// Its date (estate date).
    pub date: NaiveDate,
    /// The clusters (at least one).
    pub clusters: Vec<ClusterId>,
    /// Buildings by code (none: all of the clusters').
    #[serde(default)]
    pub buildings: Vec<String>,
    /// Which households.
    pub audience: Audience,
    /// Only count them, issue nothing.
    #[serde(default)]
    pub preview: bool,
}

/// Why a document cannot be issued: the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IssueProblem {
    /// Title empty or too long.
    Title,
    /// Explanation too long.
    Explanation,
    /// Date outside the years the estate keeps.
    Date,
    /// No cluster, or one the estate does not have.
    Clusters,
    /// A building code not in the chosen clusters, or too many.
    Buildings,
    /// No household matches.
    Nobody,
    /// More households than one document may go to.
    TooMany,
}

impl IssueRequest {
    /// Checks the request's own fields (the estate's are the server's to check).
    pub fn check(&self) -> Result<(), IssueProblem> {
        let title = self.title.trim().chars().count();
        if title == 0 || title > MAX_TITLE {
            return Err(IssueProblem::Title);
        }
        if self.explanation.trim().chars().count() > MAX_EXPLANATION {
            return Err(IssueProblem::Explanation);
        }
        use chrono::Datelike;
        if !super::time::QUERY_YEARS.contains(&self.date.year()) {
            return Err(IssueProblem::Date);
        }
        if self.clusters.is_empty() || self.clusters.len() > 100 {
            return Err(IssueProblem::Clusters);
        }
        if self.buildings.len() > 500 || self.buildings.iter().any(|b| b.chars().count() > 20) {
            return Err(IssueProblem::Buildings);
        }
        Ok(())
    }
}

/// Why a document was not issued (422). Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssueRefusal {
    /// What is wrong.
    pub problem: IssueProblem,
    /// With [`IssueProblem::Buildings`]: the codes the chosen clusters do not have.
    #[serde(default)]
    pub buildings: Vec<String>,
}

/// The answer to an issue or its preview. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssueResponse {
    /// Households it goes (or went) to.
    pub households: u32,
    /// Of them, not moved in (the front desk mails to them).
    pub not_moved_in: u32,
    /// Of them, key customers.
    pub key_customers: u32,
    /// Issued now (false: a preview, or issued before under this id).
    pub issued: bool,
}

/// The counts of one document's deliveries on a day: the register's line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Households.
    pub households: usize,
    /// By state, in [`DeliveryState::ALL`]'s order.
    pub by_state: [usize; 7],
    /// Unclaimed past two weeks.
    pub overdue: usize,
}

impl Tally {
    /// Counts `deliveries` on `today`.
    pub fn of<'a>(deliveries: impl IntoIterator<Item = &'a Delivery>, today: NaiveDate) -> Tally {
        let mut t = Tally::default();
        for d in deliveries {
            t.households += 1;
            let s = d.state();
            if let Some(i) = DeliveryState::ALL.iter().position(|x| *x == s) {
                t.by_state[i] += 1;
            }
            if d.overdue(today) {
                t.overdue += 1;
            }
        }
        t
    }

    /// Of a state.
    pub fn count(&self, s: DeliveryState) -> usize {
        DeliveryState::ALL
            .iter()
            .position(|x| *x == s)
            .map_or(0, |i| self.by_state[i])
    }

    /// Delivered (in hand, with security, posted), per cent of households, rounded down.
    pub fn coverage_pct(&self) -> usize {
        let delivered: usize = DeliveryState::ALL
            .iter()
            .filter(|s| s.delivered())
            .map(|s| self.count(*s))
            .sum();
        (delivered * 100).checked_div(self.households).unwrap_or(0)
    }
}

/// The deliveries an issue makes, one per unit of the chosen clusters (and buildings) that the
/// audience takes, addressed to its owner in the ledger (else whoever lives there); or why none.
pub fn plan_issue(
    req: &IssueRequest,
    known_clusters: &std::collections::HashSet<ClusterId>,
    units: &[Unit],
    households: &[Household],
    by: UserId,
    at: DateTime<Utc>,
) -> Result<Vec<Delivery>, IssueRefusal> {
    let refuse = |problem| IssueRefusal {
        problem,
        buildings: vec![],
    };
    req.check().map_err(refuse)?;
    if req.clusters.iter().any(|c| !known_clusters.contains(c)) {
        return Err(refuse(IssueProblem::Clusters));
    }
    let chosen: std::collections::HashSet<_> = req.clusters.iter().copied().collect();
    let units: Vec<&Unit> = units
        .iter()
        .filter(|u| chosen.contains(&u.cluster_id))
        .collect();
    let buildings: std::collections::BTreeSet<String> = req
        .buildings
        .iter()
        .map(|b| b.trim().to_owned())
        .filter(|b| !b.is_empty())
        .collect();
    let present: std::collections::HashSet<&str> =
        units.iter().map(|u| u.building.as_str()).collect();
    let unknown: Vec<String> = buildings
        .iter()
        .filter(|b| !present.contains(b.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(IssueRefusal {
            problem: IssueProblem::Buildings,
            buildings: unknown,
        });
    }
    let mut of_unit: std::collections::HashMap<_, Vec<&Household>> =
        std::collections::HashMap::new();
    for h in households {
        of_unit.entry(h.unit_id).or_default().push(h);
    }
    let document = Document {
        id: req.id,
        kind: req.kind,
        title: req.title.trim().to_owned(),
        explanation: req.explanation.trim().to_owned(),
        date: req.date,
        issued_by: by,
        issued_at: at,
    };
    let mut out = Vec::new();
    for u in units {
        if !buildings.is_empty() && !buildings.contains(&u.building) {
            continue;
        }
        let hs = of_unit.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
        // Addressed to the owner (the first in the ledger), else whoever lives there.
        let addressee = hs
            .iter()
            .find(|h| h.relation == Relation::Owner)
            .or_else(|| hs.first());
        let key_customer = hs.iter().any(|h| h.key_customer);
        let moved_in = u.state_on(req.date) == Some(Occupancy::Occupied);
        let wanted = match req.audience {
            Audience::All => true,
            Audience::MovedIn => moved_in,
            Audience::NotMovedIn => !moved_in,
            Audience::KeyCustomers => key_customer,
        };
        if !wanted {
            continue;
        }
        if out.len() == MAX_HOUSEHOLDS {
            return Err(refuse(IssueProblem::TooMany));
        }
        out.push(Delivery {
            id: DeliveryId(uuid::Uuid::now_v7()),
            document: document.clone(),
            cluster_id: u.cluster_id,
            unit_id: u.id,
            unit: u.code(),
            household_id: addressee.map(|h| h.id),
            name: addressee.map(|h| h.name.clone()).unwrap_or_default(),
            key_customer,
            moved_in,
            attempts: vec![],
            posting: None,
            calls: vec![],
        });
    }
    if out.is_empty() {
        return Err(refuse(IssueProblem::Nobody));
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test value")
    }

    fn at(s: &str) -> DateTime<Utc> {
        // Estate noon (UTC+8).
        format!("{s}T04:00:00Z").parse().expect("test value")
    }

    pub(crate) fn delivery(kind: DocumentKind, date: &str) -> Delivery {
        Delivery {
            id: DeliveryId(uuid::Uuid::from_u128(1)),
            document: Document {
                id: DocumentId(uuid::Uuid::from_u128(2)),
                kind,
                title: "2026年11月对账单".into(),
                explanation: "11月物业费".into(),
                date: day(date),
                issued_by: UserId(uuid::Uuid::from_u128(3)),
                issued_at: at(date),
            },
            cluster_id: ClusterId(uuid::Uuid::from_u128(4)),
            unit_id: UnitId(uuid::Uuid::from_u128(5)),
            unit: "1-1-101".into(),
            household_id: None,
            name: "张伟".into(),
            key_customer: false,
            moved_in: true,
            attempts: vec![],
            posting: None,
            calls: vec![],
        }
    }

    pub(crate) fn attempt(how: Handover, when: &str) -> Attempt {
        Attempt {
            id: uuid::Uuid::now_v7(),
            how,
            at: at(when),
            by: None,
            signer: String::new(),
            signature: if how.signed() {
                vec![vec![(100, 400), (300, 420), (500, 380)]; 2]
            } else {
                vec![]
            },
            note: String::new(),
        }
    }

    #[test]
    fn two_weeks_in_the_estate_calendar() {
        let d = delivery(DocumentKind::Statement, "2026-11-01");
        assert!(!d.overdue(day("2026-11-15")), "day 14 is not yet");
        assert!(d.overdue(day("2026-11-16")), "day 15 is");
        assert!(d.to_call(day("2026-11-16")));
        // The estate's day: 16:30 UTC on the 15th is already the 16th in the estate (UTC+8).
        let late: DateTime<Utc> = "2026-11-15T16:30:00Z".parse().expect("test value");
        assert!(d.overdue(estate_today(late)));
        let early: DateTime<Utc> = "2026-11-15T15:30:00Z".parse().expect("test value");
        assert!(!d.overdue(estate_today(early)));
    }

    #[test]
    fn what_claims_a_document_and_what_does_not() {
        let today = day("2026-11-20");
        for (how, claimed) in [
            (Handover::HandedSelf, true),
            (Handover::HandedFamily, true),
            (Handover::Security, true),
            (Handover::ToMail, true),
            (Handover::Refused, false),
        ] {
            let mut d = delivery(DocumentKind::Statement, "2026-11-01");
            d.attempts.push(attempt(how, "2026-11-02"));
            assert_eq!(!d.overdue(today), claimed, "{how:?}");
        }
        let mut d = delivery(DocumentKind::Statement, "2026-11-01");
        d.calls.push(Call {
            id: uuid::Uuid::now_v7(),
            at: at("2026-11-17"),
            by: None,
            reached: false,
            said: String::new(),
        });
        assert!(
            d.to_call(today),
            "a call not answered leaves it on the list"
        );
        d.calls[0].reached = true;
        assert!(
            d.overdue(today) && !d.to_call(today),
            "answered: off the list, still overdue"
        );
    }

    #[test]
    fn a_key_customer_is_not_left_with_security() {
        let mut d = delivery(DocumentKind::PowerOutage, "2026-11-01");
        d.key_customer = true;
        let now = at("2026-11-02");
        assert_eq!(
            d.check_attempt(&attempt(Handover::Security, "2026-11-02"), now),
            Err(DeliveryProblem::KeyCustomer)
        );
        assert!(!d.options().contains(&Handover::Security));
        assert_eq!(
            d.check_attempt(&attempt(Handover::HandedSelf, "2026-11-02"), now),
            Ok(())
        );
        d.key_customer = false;
        assert_eq!(
            d.check_attempt(&attempt(Handover::Security, "2026-11-02"), now),
            Ok(())
        );
    }

    #[test]
    fn signatures_names_and_times_are_checked() {
        let d = delivery(DocumentKind::Statement, "2026-11-01");
        let now = at("2026-11-02");
        let mut a = attempt(Handover::HandedSelf, "2026-11-02");
        a.signature.clear();
        assert_eq!(d.check_attempt(&a, now), Err(DeliveryProblem::Signature));
        let mut a = attempt(Handover::HandedFamily, "2026-11-02");
        assert_eq!(d.check_attempt(&a, now), Err(DeliveryProblem::Signer));
        a.signer = "张伟之妻".into();
        assert_eq!(d.check_attempt(&a, now), Ok(()));
        let mut a = attempt(Handover::Refused, "2026-11-02");
        a.signature = vec![vec![(1, 1), (2, 2)]];
        assert_eq!(d.check_attempt(&a, now), Err(DeliveryProblem::Signature));
        let a = attempt(Handover::Refused, "2026-10-31");
        assert_eq!(
            d.check_attempt(&a, now),
            Err(DeliveryProblem::At),
            "before the date"
        );
        let a = attempt(Handover::Refused, "2026-11-05");
        assert_eq!(
            d.check_attempt(&a, now),
            Err(DeliveryProblem::At),
            "in the future"
        );
    }

    #[test]
    fn postings_need_the_mailing_list_and_a_number() {
        let mut d = delivery(DocumentKind::Statement, "2026-11-01");
        let now = at("2026-11-05");
        assert_eq!(
            d.check_posting(day("2026-11-03"), "XA123456789CN", now),
            Err(DeliveryProblem::NotToMail)
        );
        d.moved_in = false;
        d.attempts.push(attempt(Handover::ToMail, "2026-11-02"));
        assert_eq!(
            d.check_posting(day("2026-11-03"), "XA123456789CN", now),
            Ok(())
        );
        for bad in ["", "  ", "XA 123", "挂号信123", &"9".repeat(41)] {
            assert_eq!(
                d.check_posting(day("2026-11-03"), bad, now),
                Err(DeliveryProblem::Tracking),
                "{bad:?}"
            );
        }
        assert_eq!(
            d.check_posting(day("2026-10-30"), "XA123456789CN", now),
            Err(DeliveryProblem::PostedOn)
        );
    }

    #[test]
    fn only_a_signed_statement_or_registered_post_is_a_demand() {
        let mut d = delivery(DocumentKind::Statement, "2026-11-01");
        assert_eq!(d.demand(), None);
        d.attempts
            .push(attempt(Handover::HandedFamily, "2026-11-02"));
        assert_eq!(
            d.demand(),
            None,
            "a family member's signature does not count"
        );
        d.attempts.push(attempt(Handover::HandedSelf, "2026-11-03"));
        let demand = d.demand().expect("test value");
        assert_eq!(
            (demand.on, demand.method),
            (day("2026-11-03"), DemandMethod::InPersonSigned)
        );
        assert!(demand.counts());
        let mut o = delivery(DocumentKind::WaterOutage, "2026-11-01");
        o.attempts.push(attempt(Handover::HandedSelf, "2026-11-03"));
        assert_eq!(o.demand(), None, "not a statement");
        let mut m = delivery(DocumentKind::Statement, "2026-11-01");
        m.attempts.push(attempt(Handover::ToMail, "2026-11-02"));
        m.posting = Some(Posting {
            posted_on: day("2026-11-04"),
            tracking: "XA123456789CN".into(),
            by: None,
            at: at("2026-11-04"),
        });
        let demand = m.demand().expect("test value");
        assert!(demand.counts() && demand.method == DemandMethod::RegisteredPost);
    }

    #[test]
    fn the_register_counts_and_its_coverage() {
        let today = day("2026-11-20");
        let mut ds = vec![];
        for how in [
            None,
            Some(Handover::HandedSelf),
            Some(Handover::Security),
            Some(Handover::Refused),
        ] {
            let mut d = delivery(DocumentKind::Statement, "2026-11-01");
            if let Some(h) = how {
                d.attempts.push(attempt(h, "2026-11-02"));
            }
            ds.push(d);
        }
        let t = Tally::of(&ds, today);
        assert_eq!(t.households, 4);
        assert_eq!(t.count(DeliveryState::HandedSelf), 1);
        assert_eq!(t.count(DeliveryState::Pending), 1);
        assert_eq!(t.overdue, 2, "pending and refused");
        assert_eq!(t.coverage_pct(), 50);
        assert_eq!(Tally::of(&[], today).coverage_pct(), 0);
    }
}
