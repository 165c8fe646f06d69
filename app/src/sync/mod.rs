//! The sync protocol, version 1: wire types and the pure rules, no I/O.
//!
//! A device never writes rows on the server: it sends **mutations** — intents such as
//! "move this follow-up to resolved" — each with a UUID v7, the device's own rising sequence
//! number, the device time and the schema version of its payload.
//!
//! - **Push** (`POST /api/v1/sync/push`, [`PushRequest`] → [`PushResponse`]): the server takes
//!   the batch in one transaction. A sequence it has seen is a replay and gets the stored
//!   outcome again; the next sequence is decided by [`kind::decide`] and its outcome —
//!   applied, refused (with a reason) or in conflict — is stored, and the sequence advances
//!   either way, so one bad mutation never blocks the queue. A gap answers 409 with the
//!   sequence the server expects.
//! - **Pull** (`GET /api/v1/sync/pull?cursor=N&limit=L`, [`PullResponse`]): the changes in the
//!   user's scope after the cursor, in server order, each a whole record or a tombstone; the
//!   next cursor; whether there is more; the device's last applied sequence; the scope, whose
//!   hash changes when the user's clusters do (the device then pulls from 0 again).
//!
//! **Bounds** (version 2). Every size a device sends is bounded, and a mutation over a bound
//! is refused with the field at fault (`Reason::Invalid`) and listed under "needs attention",
//! never dropped: a push holds at most [`MAX_PUSH_BATCH`] mutations (and 8 MB after
//! decompression); a title 200 characters, a place or source 100, a note, comment, answer or
//! entry value 2,000; a run at most [`MAX_ENTRIES_PER_RUN`] entries and
//! [`MAX_OWNER_NOTICES_PER_RUN`] owner notices, [`run::MAX_PHOTOS`] photos an item; a
//! follow-up at most [`MAX_COMMENTS_PER_FOLLOW_UP`] comments; a unit's occupancy history and a
//! household's corrections [`MAX_CHANGES_PER_RECORD`] each; a visit 20 questions. A photo a
//! mutation cites must be one its sender uploaded, one the sender may already see, or one not
//! yet on the server (it is uploaded after the push): another's photo is refused
//! (`Invalid { field: "photos" }`). A pull page holds at most [`MAX_PULL_LIMIT`] changes and
//! about 1 MB of records; a larger record travels alone on its page. Version 1 apps are still
//! accepted; what they queued before the bounds existed is judged by them like any other.
//!
//! The same [`kind::decide`] runs on the server (to decide) and in the browser (to predict
//! what the screen shows while a mutation waits in the outbox).
//!
//! Wire types below are versioned by [`PROTOCOL_VERSION`]: never rename a field or a variant;
//! add with `#[serde(default)]`.
//!
//! ```
//! use app::sync::{Mutation, Op, SCHEMA_VERSION};
//! let m = Mutation::new(1, Op::CommentFollowUp {
//!     id: app::domain::follow_up::FollowUpId(uuid::Uuid::now_v7()),
//!     comment_id: uuid::Uuid::now_v7(),
//!     text: "已联系业主".into(),
//! });
//! assert_eq!(m.schema_version, SCHEMA_VERSION);
//! let json = serde_json::to_string(&m).unwrap();
//! assert!(json.contains("\"type\":\"comment_follow_up\""));
//! ```

pub mod activity;
pub mod apply;
pub mod collection;
pub mod complaint;
pub mod document;
pub mod household;
pub mod kind;
pub mod machine;
pub mod place;
pub mod run;
pub mod unit;
pub mod visit;

use crate::domain::checklist::{Answer, Channel, Run, Template};
use crate::domain::complaint::{
    Agreement, Complaint, ComplaintCategory, ComplaintChannel, ComplaintId, Judgement, SignOff,
    Urgency,
};
use crate::domain::follow_up::{FollowUp, FollowUpId, FollowUpStatus, Origin};
use crate::domain::household::{Household, HouseholdId, SharedField};
use crate::domain::unit::{Occupancy, Unit};
use crate::domain::visit::{Visit, VisitChannel, VisitId, VisitItem};
use crate::domain::{ClusterId, Department, DeviceId, Role, RunId, UnitId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The protocol this build speaks.
pub const PROTOCOL_VERSION: u32 = 7;
/// The oldest protocol the server still accepts; older apps get 426 and keep their outbox.
pub const MIN_PROTOCOL_VERSION: u32 = 1;
/// The schema version of mutation payloads this build writes. Older ones are decoded by
/// [`Mutation`]'s serde defaults; see `upgrade` notes on each field.
pub const SCHEMA_VERSION: u32 = 1;
/// Mutations per push at most; the device splits a longer outbox.
pub const MAX_PUSH_BATCH: u32 = 500;
/// Changes per pull page at most.
pub const MAX_PULL_LIMIT: u32 = 1000;
/// Entries (briefing matters, repeatable groups) one run takes at most.
pub const MAX_ENTRIES_PER_RUN: usize = 100;
/// Times the owner is told of one inspection at most.
pub const MAX_OWNER_NOTICES_PER_RUN: usize = 20;
/// Comments one follow-up takes at most.
pub const MAX_COMMENTS_PER_FOLLOW_UP: usize = 200;
/// Changes kept on one unit's occupancy history or one household's corrections at most.
pub const MAX_CHANGES_PER_RECORD: usize = 500;
/// A device clock further than this from the server's is flagged.
pub const SKEW_FLAG_SECS: i64 = 300;

/// One intent from one device. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Mutation {
    /// Unique id (UUID v7).
    pub id: Uuid,
    /// The device's sequence number: 1, 2, 3 … with no gaps.
    pub seq: i64,
    /// The device's clock when the user acted (for display and audit only; never for order).
    pub device_time: DateTime<Utc>,
    /// The schema version of `op` when it was queued.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// The app build that queued it.
    #[serde(default)]
    pub app_version: String,
    /// What the user did.
    pub op: Op,
}

fn schema_v1() -> u32 {
    1
}

impl Mutation {
    /// A mutation made now by this build.
    pub fn new(seq: i64, op: Op) -> Mutation {
        Mutation {
            id: Uuid::now_v7(),
            seq,
            device_time: Utc::now(),
            schema_version: SCHEMA_VERSION,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            op,
        }
    }

    /// The record it touches.
    pub fn record_id(&self) -> Uuid {
        self.op.record_id()
    }
}

/// What a user did. Wire type: variants are only ever added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Op {
    /// A new follow-up (status open). Butler of the cluster, or office.
    CreateFollowUp {
        /// Its id, made by the device.
        id: FollowUpId,
        /// Its cluster.
        cluster_id: ClusterId,
        /// Unit or place.
        place: String,
        /// Where it came from.
        source: String,
        /// What the matter is.
        title: String,
        /// Who handles it.
        department: Department,
        /// When it should be done.
        #[serde(default)]
        due_date: Option<NaiveDate>,
        /// The checklist item or briefing matter it comes from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        origin: Option<Origin>,
        /// Photos, by hash (uploaded on their own).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
        /// The household it is referred for (a visit's referral).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        household: Option<HouseholdId>,
        /// The recreation facility found damaged or unclean (protocol 5): a matter of people's
        /// safety, first in its department's queue.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        facility: Option<crate::domain::place::PlaceId>,
    },
    /// Open → assigned, or a new assignee while assigned. Office.
    AssignFollowUp {
        /// Which.
        id: FollowUpId,
        /// A member of the follow-up's department.
        assignee: UserId,
    },
    /// A forward step (in progress, resolved, customer informed, closed).
    SetFollowUpStatus {
        /// Which.
        id: FollowUpId,
        /// The status asked for.
        to: FollowUpStatus,
        /// The version the user saw (kept for the record; legality is judged on the current
        /// state).
        base_version: i64,
    },
    /// Back to open, with a reason.
    ReopenFollowUp {
        /// Which.
        id: FollowUpId,
        /// Why.
        reason: String,
        /// The version the user saw.
        base_version: i64,
    },
    /// A comment; append-only, never in conflict.
    CommentFollowUp {
        /// Which.
        id: FollowUpId,
        /// The comment's id, made by the device.
        comment_id: Uuid,
        /// The text.
        text: String,
    },
    /// The return visit after a follow-up was resolved: satisfaction 1–5. Once per follow-up.
    ReturnVisit {
        /// Which.
        id: FollowUpId,
        /// 服务态度.
        attitude: u8,
        /// 维修质量.
        quality: u8,
        /// 礼仪规范.
        etiquette: u8,
        /// What the customer said.
        #[serde(default)]
        comment: String,
    },
    /// A visit note (append-only). Its referrals are created beside it as follow-ups.
    RecordVisit {
        /// Its id, made by the device.
        id: VisitId,
        /// The household visited.
        household: HouseholdId,
        /// How.
        channel: VisitChannel,
        /// When it took place.
        at: DateTime<Utc>,
        /// Who was met.
        met: String,
        /// What was said.
        said: String,
        /// Questions and needs, each answered or referred.
        items: Vec<VisitItem>,
    },
    /// A complaint taken (on site, by phone, at the desk, online). The cluster's butler, or the
    /// office. For a household, its name and unit are the complainant and place.
    TakeComplaint {
        /// Its id, made by the device.
        id: ComplaintId,
        /// The cluster.
        cluster_id: ClusterId,
        /// The household, or none for a public area.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        household: Option<HouseholdId>,
        /// Who complained (without a household).
        #[serde(default)]
        complainant: String,
        /// The place (without a household).
        #[serde(default)]
        place: String,
        /// How it came in.
        channel: ComplaintChannel,
        /// What the customer said.
        said: String,
        /// Its category.
        category: ComplaintCategory,
        /// How urgent.
        urgency: Urgency,
        /// Photos, by hash.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
        /// When it was received.
        received_at: DateTime<Utc>,
        /// When the customer was reached, if at once (taken on site).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reached_at: Option<DateTime<Utc>>,
    },
    /// The butler reached the customer (on site or by phone).
    ReachComplaint {
        /// Which.
        id: ComplaintId,
        /// When.
        at: DateTime<Utc>,
    },
    /// Judged valid (with the department, and a follow-up made beside it, or an answer on the
    /// spot) or invalid (with the reason).
    JudgeComplaint {
        /// Which.
        id: ComplaintId,
        /// The judgement.
        judgement: Judgement,
    },
    /// What was answered, and what the customer thought of it.
    ReplyComplaint {
        /// Which.
        id: ComplaintId,
        /// The answer.
        text: String,
        /// When.
        at: DateTime<Utc>,
        /// The customer's agreement.
        agreement: Agreement,
    },
    /// Signed by the customer on the phone, or the refusal recorded: closes the complaint.
    SignOffComplaint {
        /// Which.
        id: ComplaintId,
        /// The signature or refusal.
        sign_off: SignOff,
        /// The office closing it before its follow-up is resolved: why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        override_reason: Option<String>,
    },
    /// The office's corrective action for a valid complaint (training, supervision).
    RecordCorrective {
        /// Which.
        id: ComplaintId,
        /// What was done.
        text: String,
    },
    /// A fee-collection contact for a unit in arrears (a statement delivered, a call, a visit,
    /// a return visit, a lawyer's letter): a fact, recorded once. Butler of the unit's cluster,
    /// or office. Protocol 4.
    RecordCollectionContact {
        /// Its id, made by the device.
        id: crate::domain::collection::ContactId,
        /// The unit.
        unit_id: crate::domain::UnitId,
        /// What was recorded.
        note: crate::domain::collection::ContactNote,
    },
    /// A place registered or changed (the whole place; the last saved wins). Office.
    /// Protocol 5.
    SavePlace {
        /// The place as it is to be.
        place: crate::domain::place::Place,
    },
    /// A notice posted on notice boards of one cluster. The cluster's butler, or office.
    /// Protocol 5.
    PostNotice {
        /// Its id, made by the device.
        id: crate::domain::place::NoticeId,
        /// The boards' cluster.
        cluster_id: ClusterId,
        /// Its title.
        title: String,
        /// Who issued it.
        issuer: crate::domain::place::Issuer,
        /// The boards.
        boards: Vec<crate::domain::place::PlaceId>,
        /// Posted on (estate date).
        posted_on: NaiveDate,
        /// Its last day up (estate date).
        expires_on: NaiveDate,
        /// Photos of it posted, by hash.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
    },
    /// A notice's expiry date changed (kept in its history; a notice already taken down
    /// stays down).
    ChangeNoticeExpiry {
        /// Which.
        id: crate::domain::place::NoticeId,
        /// The new last day.
        expires_on: NaiveDate,
    },
    /// A notice taken down from its boards. The cluster's butler, or office.
    TakeDownNotice {
        /// Which.
        id: crate::domain::place::NoticeId,
        /// When.
        at: DateTime<Utc>,
        /// Photos of the cleared board, by hash.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
    },
    /// A document's hand-over to a household tried: handed (signed for), left with security,
    /// refused, or put on the front desk's mailing list. The butler of the cluster, or office.
    /// Protocol 6.
    RecordHandover {
        /// The delivery.
        id: crate::domain::document::DeliveryId,
        /// The attempt.
        attempt: crate::domain::document::Attempt,
    },
    /// A document on the mailing list posted by registered post (again: corrected). Office.
    PostDocument {
        /// The delivery.
        id: crate::domain::document::DeliveryId,
        /// Posted on (estate date).
        posted_on: NaiveDate,
        /// The tracking number.
        tracking: String,
    },
    /// A call to a customer whose document is unclaimed. The butler of the cluster, or office.
    CallAboutDocument {
        /// The delivery.
        id: crate::domain::document::DeliveryId,
        /// The call.
        call: crate::domain::document::Call,
    },
    /// A community activity announced, or changed: its time, place, capacity, and places
    /// moved between butlers (never below what a butler has filled). Office. Protocol 7.
    SaveActivity {
        /// The activity, its id made by the office's browser.
        id: crate::domain::activity::ActivityId,
        /// What it is.
        draft: crate::domain::activity::ActivityDraft,
    },
    /// A household signed up for an activity from the butler's share. The butler.
    SignUpForActivity {
        /// The activity.
        id: crate::domain::activity::ActivityId,
        /// The sign-up.
        sign_up: crate::domain::activity::SignUpDraft,
    },
    /// A sign-up cancelled: its places go back to the share. Its butler, or office.
    CancelSignUp {
        /// The activity.
        id: crate::domain::activity::ActivityId,
        /// The sign-up.
        sign_up: crate::domain::activity::SignUpId,
    },
    /// Whether a signed-up household came. Office.
    RecordAttendance {
        /// The activity.
        id: crate::domain::activity::ActivityId,
        /// The sign-up.
        sign_up: crate::domain::activity::SignUpId,
        /// Came.
        attended: bool,
    },
    /// How the activity went, as the household said. The butler of its cluster, or office.
    RecordActivityFeedback {
        /// The activity.
        id: crate::domain::activity::ActivityId,
        /// The sign-up.
        sign_up: crate::domain::activity::SignUpId,
        /// What they said.
        feedback: crate::domain::activity::Feedback,
    },
    /// A checklist run starts, on a template version. Butler of the cluster, or office.
    StartRun {
        /// Its id, made by the device.
        id: RunId,
        /// The template version it keeps.
        template_version: Uuid,
        /// Where.
        cluster_id: ClusterId,
        /// The estate date it counts for.
        date: NaiveDate,
        /// The unit, for a vacant-unit inspection.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<UnitId>,
    },
    /// An item answered (again: the new answer replaces the old). The run's owner.
    RecordItem {
        /// The run.
        run: RunId,
        /// The item's key.
        item: String,
        /// The answer.
        answer: Answer,
        /// A note (a failure needs one).
        #[serde(default)]
        note: String,
        /// Photos, by hash.
        #[serde(default)]
        photos: Vec<String>,
        /// The follow-up the finding is handed on as (created by a mutation beside this one).
        #[serde(default)]
        follow_up: Option<FollowUpId>,
    },
    /// An entry added to a repeatable group (append-only).
    AddEntry {
        /// The run.
        run: RunId,
        /// The entry's id, made by the device.
        entry: Uuid,
        /// The group item's key.
        item: String,
        /// Field key → text.
        values: BTreeMap<String, String>,
        /// The follow-up it is handed on as.
        #[serde(default)]
        follow_up: Option<FollowUpId>,
    },
    /// A place's label scanned on a round, or its short code typed (protocol 5). The run's
    /// owner, while it is not finished.
    RecordScan {
        /// The run.
        run: RunId,
        /// The scan.
        scan: crate::domain::checklist::Scan,
    },
    /// The run is finished and locked; every required item must be answered.
    FinishRun {
        /// The run.
        run: RunId,
    },
    /// A run started by mistake is discarded: by its owner, while nothing is answered. Other
    /// devices receive a tombstone; coverage and registers never count it.
    DiscardRun {
        /// The run.
        run: RunId,
    },
    /// The owner was told what an inspection found (also after it is finished).
    InformOwner {
        /// The inspection.
        run: RunId,
        /// The notice's id, made by the device.
        notice: Uuid,
        /// How.
        channel: Channel,
        /// When.
        told_at: DateTime<Utc>,
        /// What was said.
        said: String,
    },
    /// A shared field of a household corrected (design §5: the last to arrive wins; a value
    /// replaced unseen stays in the history and the change is flagged). Office, or the butler
    /// of the household's cluster.
    CorrectHousehold {
        /// The household.
        household: HouseholdId,
        /// The change's id, made by the device.
        change: Uuid,
        /// Which field.
        field: SharedField,
        /// The new value (a phone is checked and normalised).
        value: String,
        /// The value the user saw.
        base: String,
    },
    /// A unit's occupancy changes from a date on (move-in, move-out, renovation start/end).
    /// Office, or the butler of the unit's cluster.
    RecordOccupancy {
        /// The unit.
        unit: UnitId,
        /// The change's id, made by the device.
        change: Uuid,
        /// The new state.
        state: Occupancy,
        /// From when (estate date).
        effective_date: NaiveDate,
        /// Who moved in.
        #[serde(default)]
        household: String,
        /// A note.
        #[serde(default)]
        note: String,
        /// The state the user saw before the change (design §5: a different state found on
        /// arrival is kept in the history and flagged).
        #[serde(default)]
        base: Option<Occupancy>,
    },
}

impl Op {
    /// The record this intent touches.
    pub fn record_id(&self) -> Uuid {
        match self {
            Op::CreateFollowUp { id, .. }
            | Op::AssignFollowUp { id, .. }
            | Op::SetFollowUpStatus { id, .. }
            | Op::ReopenFollowUp { id, .. }
            | Op::CommentFollowUp { id, .. }
            | Op::ReturnVisit { id, .. } => id.0,
            Op::RecordVisit { id, .. } => id.0,
            Op::TakeComplaint { id, .. }
            | Op::ReachComplaint { id, .. }
            | Op::JudgeComplaint { id, .. }
            | Op::ReplyComplaint { id, .. }
            | Op::SignOffComplaint { id, .. }
            | Op::RecordCorrective { id, .. } => id.0,
            Op::RecordCollectionContact { id, .. } => id.0,
            Op::SavePlace { place } => place.id.0,
            Op::PostNotice { id, .. }
            | Op::ChangeNoticeExpiry { id, .. }
            | Op::TakeDownNotice { id, .. } => id.0,
            Op::RecordHandover { id, .. }
            | Op::PostDocument { id, .. }
            | Op::CallAboutDocument { id, .. } => id.0,
            Op::SaveActivity { id, .. }
            | Op::SignUpForActivity { id, .. }
            | Op::CancelSignUp { id, .. }
            | Op::RecordAttendance { id, .. }
            | Op::RecordActivityFeedback { id, .. } => id.0,
            Op::StartRun { id, .. } => id.0,
            Op::RecordItem { run, .. }
            | Op::AddEntry { run, .. }
            | Op::FinishRun { run }
            | Op::RecordScan { run, .. }
            | Op::DiscardRun { run }
            | Op::InformOwner { run, .. } => run.0,
            Op::RecordOccupancy { unit, .. } => unit.0,
            Op::CorrectHousehold { household, .. } => household.0,
        }
    }

    /// The kind of record it touches.
    pub fn kind(&self) -> RecordKind {
        match self {
            Op::StartRun { .. }
            | Op::RecordItem { .. }
            | Op::AddEntry { .. }
            | Op::FinishRun { .. }
            | Op::RecordScan { .. }
            | Op::DiscardRun { .. }
            | Op::InformOwner { .. } => RecordKind::Run,
            Op::RecordOccupancy { .. } => RecordKind::Unit,
            Op::CorrectHousehold { .. } => RecordKind::Household,
            Op::RecordVisit { .. } => RecordKind::Visit,
            Op::TakeComplaint { .. }
            | Op::ReachComplaint { .. }
            | Op::JudgeComplaint { .. }
            | Op::ReplyComplaint { .. }
            | Op::SignOffComplaint { .. }
            | Op::RecordCorrective { .. } => RecordKind::Complaint,
            Op::RecordCollectionContact { .. } => RecordKind::Collection,
            Op::SavePlace { .. } => RecordKind::Place,
            Op::PostNotice { .. } | Op::ChangeNoticeExpiry { .. } | Op::TakeDownNotice { .. } => {
                RecordKind::Notice
            }
            Op::RecordHandover { .. } | Op::PostDocument { .. } | Op::CallAboutDocument { .. } => {
                RecordKind::Delivery
            }
            Op::SaveActivity { .. }
            | Op::SignUpForActivity { .. }
            | Op::CancelSignUp { .. }
            | Op::RecordAttendance { .. }
            | Op::RecordActivityFeedback { .. } => RecordKind::Activity,
            _ => RecordKind::FollowUp,
        }
    }

    /// The intent's code name (for logs and the attention list).
    pub fn name(&self) -> &'static str {
        match self {
            Op::CreateFollowUp { .. } => "create_follow_up",
            Op::AssignFollowUp { .. } => "assign_follow_up",
            Op::SetFollowUpStatus { .. } => "set_follow_up_status",
            Op::ReopenFollowUp { .. } => "reopen_follow_up",
            Op::CommentFollowUp { .. } => "comment_follow_up",
            Op::StartRun { .. } => "start_run",
            Op::RecordItem { .. } => "record_item",
            Op::AddEntry { .. } => "add_entry",
            Op::FinishRun { .. } => "finish_run",
            Op::RecordScan { .. } => "record_scan",
            Op::DiscardRun { .. } => "discard_run",
            Op::InformOwner { .. } => "inform_owner",
            Op::RecordOccupancy { .. } => "record_occupancy",
            Op::CorrectHousehold { .. } => "correct_household",
            Op::ReturnVisit { .. } => "return_visit",
            Op::RecordVisit { .. } => "record_visit",
            Op::TakeComplaint { .. } => "take_complaint",
            Op::ReachComplaint { .. } => "reach_complaint",
            Op::JudgeComplaint { .. } => "judge_complaint",
            Op::ReplyComplaint { .. } => "reply_complaint",
            Op::SignOffComplaint { .. } => "sign_off_complaint",
            Op::RecordCorrective { .. } => "record_corrective",
            Op::RecordCollectionContact { .. } => "record_collection_contact",
            Op::SavePlace { .. } => "save_place",
            Op::PostNotice { .. } => "post_notice",
            Op::ChangeNoticeExpiry { .. } => "change_notice_expiry",
            Op::TakeDownNotice { .. } => "take_down_notice",
            Op::RecordHandover { .. } => "record_handover",
            Op::PostDocument { .. } => "post_document",
            Op::CallAboutDocument { .. } => "call_about_document",
            Op::SaveActivity { .. } => "save_activity",
            Op::SignUpForActivity { .. } => "sign_up_for_activity",
            Op::CancelSignUp { .. } => "cancel_sign_up",
            Op::RecordAttendance { .. } => "record_attendance",
            Op::RecordActivityFeedback { .. } => "record_activity_feedback",
        }
    }
}

/// Why a record is not on this device, as the server sees it for the user who asks
/// (`GET /api/v1/sync/records/{kind}/{id}`), so a screen can say more than "not here". Wire
/// type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordReach {
    /// The user may see it: the next sync brings it.
    Yours,
    /// It exists, outside the user's clusters or department.
    NotYours,
    /// It was removed (or the round discarded).
    Removed,
    /// The server has no such record.
    Unknown,
}

/// The kinds of record that sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// 跟进事项.
    FollowUp,
    /// A checklist template version.
    Template,
    /// A checklist run.
    Run,
    /// A unit with its occupancy history.
    Unit,
    /// A household of the customer ledger.
    Household,
    /// A visit note.
    Visit,
    /// A complaint (protocol 3).
    Complaint,
    /// A unit's arrears, published by the server to its cluster's butlers (protocol 4).
    Arrears,
    /// A fee-collection contact (protocol 4).
    Collection,
    /// A place: notice board, facility, checkpoint (protocol 5).
    Place,
    /// A notice on notice boards (protocol 5).
    Notice,
    /// A household's delivery of a document (protocol 6).
    Delivery,
    /// A community activity with its shares and sign-ups (protocol 7).
    Activity,
}

impl RecordKind {
    /// The code stored in the change log.
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::FollowUp => "follow_up",
            RecordKind::Template => "template",
            RecordKind::Run => "run",
            RecordKind::Unit => "unit",
            RecordKind::Household => "household",
            RecordKind::Visit => "visit",
            RecordKind::Complaint => "complaint",
            RecordKind::Arrears => "arrears",
            RecordKind::Collection => "collection",
            RecordKind::Place => "place",
            RecordKind::Notice => "notice",
            RecordKind::Delivery => "delivery",
            RecordKind::Activity => "activity",
        }
    }

    /// The first protocol whose apps know this kind: a pull from an older app leaves it out
    /// (its decoder would fail on it), and the scope of a newer one differs, so that an app
    /// that upgrades pulls again from the start and receives what it skipped.
    pub fn since_protocol(self) -> u32 {
        match self {
            RecordKind::Complaint => 3,
            RecordKind::Arrears | RecordKind::Collection => 4,
            RecordKind::Place | RecordKind::Notice => 5,
            RecordKind::Delivery => 6,
            RecordKind::Activity => 7,
            _ => 1,
        }
    }

    /// Every kind.
    pub const ALL: [RecordKind; 13] = [
        RecordKind::FollowUp,
        RecordKind::Template,
        RecordKind::Run,
        RecordKind::Unit,
        RecordKind::Household,
        RecordKind::Visit,
        RecordKind::Complaint,
        RecordKind::Arrears,
        RecordKind::Collection,
        RecordKind::Place,
        RecordKind::Notice,
        RecordKind::Delivery,
        RecordKind::Activity,
    ];

    /// The kind with this code.
    pub fn from_code(code: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Why a mutation was refused or is in conflict: a code the browser words in the user's
/// language. Wire type: variants are only ever added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// No such record (or not one this user may see).
    NotFound,
    /// A record with this id exists already.
    AlreadyExists,
    /// This role may not do this at all.
    Forbidden,
    /// The record's cluster or department is not (or no longer) this user's.
    OutOfScope,
    /// A field is missing, too long or impossible.
    Invalid {
        /// Which field.
        field: String,
    },
    /// The step exists, but not for this role.
    NotAllowed {
        /// Current status.
        from: FollowUpStatus,
        /// Asked for.
        to: FollowUpStatus,
    },
    /// No such step from the current status: someone else changed it first.
    IllegalTransition {
        /// Current status.
        from: FollowUpStatus,
        /// Asked for.
        to: FollowUpStatus,
    },
    /// The payload's schema is newer than the server knows.
    UnsupportedSchema {
        /// The version sent.
        version: u32,
    },
    /// The run is finished and locked.
    Locked,
    /// The run was discarded.
    Discarded,
    /// The run has answers, so it can no longer be discarded.
    Answered,
    /// Required items are not answered yet.
    Incomplete {
        /// Their keys.
        items: Vec<String>,
    },
    /// (A notice on an applied change.) It replaced a value its author had not seen, which
    /// stays in the record's history.
    Overwrote {
        /// The replaced value's code.
        previous: String,
    },
}

/// What became of a mutation. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    /// It took effect (or its effect was already there).
    Applied,
    /// It was refused and changed nothing; listed under "needs attention".
    Refused {
        /// Why.
        reason: Reason,
    },
    /// It no longer fits the record's state; listed for the office to resolve.
    Conflict {
        /// Why.
        reason: Reason,
    },
}

/// The stored outcome of one mutation, returned again on every replay. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Outcome {
    /// The device's sequence number.
    pub seq: i64,
    /// The mutation.
    pub mutation_id: Uuid,
    /// What became of it.
    pub verdict: Verdict,
    /// The change-log position of its effect, when it changed a record.
    #[serde(default)]
    pub server_seq: Option<i64>,
    /// The device clock's distance from the server's, when more than [`SKEW_FLAG_SECS`].
    #[serde(default)]
    pub skew_secs: Option<i64>,
    /// Applied, but worth a look: it overwrote a value its author had not seen (design §5).
    /// Listed under "needs attention" until acknowledged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Reason>,
}

/// One unsettled mutation on "needs attention" (需处理): refused, in conflict, or applied
/// with a flag. Wire type (`GET /api/v1/attention`); the browser keeps the same as JSON until
/// it is settled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttentionItem {
    /// The device that sent it.
    pub device_id: crate::domain::DeviceId,
    /// Its sequence there.
    pub seq: i64,
    /// Who sent it (the server always says; absent in items a browser stored before this
    /// field existed).
    #[serde(default)]
    pub user_id: Option<crate::domain::UserId>,
    /// The mutation, whole.
    pub mutation: Mutation,
    /// What the server decided.
    pub outcome: Outcome,
}

/// What the office does with an item of "needs attention". Wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// Make it take effect.
    Apply,
    /// Leave it without effect (it stays stored).
    Discard,
}

/// `POST /api/v1/attention/settle`. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SettleRequest {
    /// The device that sent it.
    pub device_id: crate::domain::DeviceId,
    /// Its sequence there.
    pub seq: i64,
    /// Apply or discard.
    pub action: Settlement,
}

/// `POST /api/v1/sync/push`. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushRequest {
    /// The protocol the app speaks.
    pub protocol: u32,
    /// The device (must be the signed-in session's).
    pub device_id: DeviceId,
    /// Ascending, contiguous sequences; replays of already applied ones are fine.
    pub mutations: Vec<Mutation>,
}

/// The answer to a push. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// One per mutation sent, in order.
    pub outcomes: Vec<Outcome>,
    /// The device's last applied sequence now.
    pub last_seq: i64,
    /// The server's clock.
    pub server_time: DateTime<Utc>,
}

/// What the user may see, as the server judges it now. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Scope {
    /// Changes when anything below does: the device then pulls from 0 again.
    pub hash: String,
    /// The role.
    pub role: Role,
    /// Clusters (butlers).
    pub clusters: Vec<ClusterId>,
    /// Department (staff).
    pub department: Option<Department>,
}

/// A record as it travels: whole, never a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Record {
    /// A follow-up.
    FollowUp(FollowUp),
    /// A template version.
    Template(Template),
    /// A checklist run.
    Run(Run),
    /// A unit.
    Unit(Unit),
    /// A household.
    Household(Household),
    /// A visit note.
    Visit(Visit),
    /// A complaint (protocol 3).
    Complaint(Complaint),
    /// A unit's arrears (protocol 4).
    Arrears(crate::domain::collection::Arrears),
    /// A fee-collection contact (protocol 4).
    Collection(crate::domain::collection::CollectionContact),
    /// A place (protocol 5).
    Place(crate::domain::place::Place),
    /// A notice (protocol 5).
    Notice(crate::domain::place::Notice),
    /// A household's delivery of a document (protocol 6).
    Delivery(crate::domain::document::Delivery),
    /// A community activity (protocol 7).
    Activity(crate::domain::activity::Activity),
}

/// One entry of the change log. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Change {
    /// Its position in the server's order.
    pub seq: i64,
    /// The kind of record.
    pub kind: RecordKind,
    /// The record's id.
    pub id: Uuid,
    /// The record after the change; `None` is a tombstone (the record is gone or out of
    /// scope).
    pub record: Option<Record>,
}

/// The answer to a pull. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// Changes after the cursor, in server order.
    pub changes: Vec<Change>,
    /// Where the next pull starts.
    pub next_cursor: i64,
    /// Whether another page waits.
    pub has_more: bool,
    /// The device's last applied sequence (outbox entries up to it are settled).
    pub last_seq: i64,
    /// The server's clock.
    pub server_time: DateTime<Utc>,
    /// The user's scope now.
    pub scope: Scope,
}
