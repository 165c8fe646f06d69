//! The offline store and the sync loop, as the UI sees them.
//!
//! In the browser, each signed-in user has an IndexedDB database of their own
//! (`butler-<user id>`): the records as last pulled from the server, the outbox of mutations
//! not yet settled, small metadata (device id, next sequence, cursor, scope, last sync) and the
//! refused or conflicting mutations the server reported. A tap writes its outbox entry and the
//! next sequence in one transaction, so either both exist or neither does. What screens show is
//! [`replay`]: the server's records with the pending outbox applied on top by the same rules
//! the server uses (`crate::sync::apply`).
//!
//! The loop runs on start, on `online`, when the tab becomes visible, after every local write
//! and on a timer; one tab at a time (Web Locks), the others told by BroadcastChannel; failures
//! back off exponentially with jitter. What it does next is decided by the pure
//! [`crate::sync::machine::SyncLoop`]; `web/engine.rs` only carries out its commands.

pub mod storage;

#[cfg(feature = "hydrate")]
mod web;
#[cfg(feature = "hydrate")]
pub use web::{
    keep_photo, keep_signature, photo_src, queue, queue_all, settle_attention, settled, start,
    stop, sync_now,
};

#[cfg(not(feature = "hydrate"))]
mod inert;
#[cfg(not(feature = "hydrate"))]
pub use inert::{
    keep_photo, keep_signature, photo_src, queue, queue_all, settle_attention, settled, start,
    stop, sync_now,
};

use crate::domain::checklist::{Run, Template};
use crate::domain::complaint::Complaint;
use crate::domain::follow_up::{Actor, FollowUp};
use crate::domain::household::Household;
use crate::domain::unit::Unit;
use crate::domain::visit::Visit;
use crate::sync::kind::{
    decide, Complaints, Decision, FollowUps, Households, Kind, RunNeeds, Runs, Units, Visits,
};
use crate::sync::{AttentionItem, Mutation, Op, Verdict};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Where a record stands between the device and the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum RecordState {
    /// As the server has it.
    Synced,
    /// A change waits in the outbox.
    Pending,
    /// The server refused a change to it.
    Refused,
    /// A change to it conflicts with what others did.
    Conflict,
}

/// A record as the screens show it, of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View<R> {
    /// The record, with pending changes applied.
    pub record: R,
    /// Its sync state.
    pub state: RecordState,
}

/// A follow-up as the screens show it.
pub type FollowUpView = View<FollowUp>;
/// A checklist run as the screens show it.
pub type RunView = View<Run>;

pub use crate::sync::machine::SyncProblem;

/// Why a local write did not happen (nothing was written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalWriteError {
    /// Nobody is signed in on this device.
    NotSignedIn,
    /// The browser's storage is full.
    Quota,
    /// IndexedDB failed.
    Storage,
    /// The photo could not be read (not an image the browser can decode).
    Photo,
    /// The sync engine's code could not be fetched (the page is older than the server's build,
    /// or was never online with it).
    EngineMissing,
}

/// Queues `op` from a form: on success clears `error` and runs `then`; else shows why (the
/// form keeps what was typed).
pub fn queue_then(
    op: crate::sync::Op,
    error: leptos::prelude::RwSignal<Option<crate::i18n::Msg>>,
    then: impl FnOnce() + 'static,
) {
    use leptos::prelude::Set;
    leptos::task::spawn_local(async move {
        match queue(op).await {
            Ok(()) => {
                error.set(None);
                then();
            }
            Err(e) => error.set(Some(e.message())),
        }
    });
}

impl LocalWriteError {
    /// What to tell the user.
    pub fn message(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            LocalWriteError::Quota => Msg::ProblemQuota,
            LocalWriteError::NotSignedIn | LocalWriteError::Storage => Msg::ProblemStorage,
            LocalWriteError::Photo => Msg::PhotoUnreadable,
            LocalWriteError::EngineMissing => Msg::EngineMissing,
        }
    }
}

/// The sync engine's state, provided as context by the root.
#[derive(Debug, Clone, Copy)]
pub struct Offline {
    /// Follow-ups as the screens show them.
    pub follow_ups: RwSignal<Vec<FollowUpView>>,
    /// Checklist runs as the screens show them, newest first.
    pub runs: RwSignal<Vec<RunView>>,
    /// Every template version this device has.
    pub templates: RwSignal<Vec<Template>>,
    /// Units of the user's clusters, with pending occupancy changes applied.
    pub units: RwSignal<Vec<View<Unit>>>,
    /// Households of the user's clusters, with pending corrections applied.
    pub households: RwSignal<Vec<View<Household>>>,
    /// Visit notes, pending ones included, newest first.
    pub visits: RwSignal<Vec<View<Visit>>>,
    /// Complaints of the user's clusters, pending ones included, newest first.
    pub complaints: RwSignal<Vec<View<Complaint>>>,
    /// Units of the user's clusters in arrears (or that were), as finance's latest export
    /// states them; butlers only.
    pub arrears: RwSignal<Vec<crate::domain::collection::Arrears>>,
    /// Fee-collection contacts, pending ones included, newest first.
    pub contacts: RwSignal<Vec<View<crate::domain::collection::CollectionContact>>>,
    /// Places of the user's clusters (retired ones too: old notices name them), by cluster,
    /// kind and name.
    pub places: RwSignal<Vec<View<crate::domain::place::Place>>>,
    /// Notices on the boards of the user's clusters, pending ones included, newest first.
    pub notices: RwSignal<Vec<View<crate::domain::place::Notice>>>,
    /// Documents' deliveries to the households of the user's clusters, pending changes
    /// applied, newest document first, then by unit.
    pub deliveries: RwSignal<Vec<View<crate::domain::document::Delivery>>>,
    /// Community activities, pending changes applied, soonest first.
    pub activities: RwSignal<Vec<View<crate::domain::activity::Activity>>>,
    /// Photos taken here that the server has not confirmed yet ("photo on its way").
    pub unsent_photos: RwSignal<Vec<String>>,
    /// Refused and conflicting mutations of this device.
    pub attention: RwSignal<Vec<AttentionItem>>,
    /// Outbox entries waiting.
    pub pending: RwSignal<u32>,
    /// The records with a change waiting (a round of twenty answers is one), by kind, in the
    /// order first changed: what the status counts, names and lists.
    pub waiting: RwSignal<Vec<(crate::sync::RecordKind, uuid::Uuid)>>,
    /// The last successful sync.
    pub last_sync: RwSignal<Option<DateTime<Utc>>>,
    /// A sync is running.
    pub syncing: RwSignal<bool>,
    /// During a first sync: records received so far.
    pub first_sync: RwSignal<Option<u32>>,
    /// A problem the user must act on.
    pub problem: RwSignal<Option<SyncProblem>>,
    /// The store has loaded at least once (before that, lists say "loading").
    pub loaded: RwSignal<bool>,
    /// The last sync could not reach the server (no answer, a 5xx, or a request waiting over
    /// 10 s) though the phone may have a network: the chip says "无法连接服务器".
    pub unreachable: RwSignal<bool>,
}

impl Offline {
    /// How many records have a change waiting (tracked).
    pub fn waiting_records(&self) -> u32 {
        self.waiting.with(|w| w.len() as u32)
    }

    /// Fresh, empty state.
    pub fn new() -> Offline {
        Offline {
            follow_ups: RwSignal::new(vec![]),
            runs: RwSignal::new(vec![]),
            templates: RwSignal::new(vec![]),
            units: RwSignal::new(vec![]),
            households: RwSignal::new(vec![]),
            visits: RwSignal::new(vec![]),
            complaints: RwSignal::new(vec![]),
            arrears: RwSignal::new(vec![]),
            contacts: RwSignal::new(vec![]),
            places: RwSignal::new(vec![]),
            notices: RwSignal::new(vec![]),
            deliveries: RwSignal::new(vec![]),
            activities: RwSignal::new(vec![]),
            unsent_photos: RwSignal::new(vec![]),
            attention: RwSignal::new(vec![]),
            pending: RwSignal::new(0),
            waiting: RwSignal::new(vec![]),
            last_sync: RwSignal::new(None),
            syncing: RwSignal::new(false),
            first_sync: RwSignal::new(None),
            problem: RwSignal::new(None),
            loaded: RwSignal::new(false),
            unreachable: RwSignal::new(false),
        }
    }

    /// Back to the empty state (sign-out): the next user sees nothing of this one's.
    pub fn clear(&self) {
        self.follow_ups.set(vec![]);
        self.runs.set(vec![]);
        self.templates.set(vec![]);
        self.units.set(vec![]);
        self.households.set(vec![]);
        self.visits.set(vec![]);
        self.complaints.set(vec![]);
        self.arrears.set(vec![]);
        self.contacts.set(vec![]);
        self.places.set(vec![]);
        self.notices.set(vec![]);
        self.deliveries.set(vec![]);
        self.activities.set(vec![]);
        self.unsent_photos.set(vec![]);
        self.attention.set(vec![]);
        self.pending.set(0);
        self.waiting.set(vec![]);
        self.last_sync.set(None);
        self.syncing.set(false);
        self.first_sync.set(None);
        self.problem.set(None);
        self.loaded.set(false);
        self.unreachable.set(false);
    }
}

impl Default for Offline {
    fn default() -> Self {
        Offline::new()
    }
}

/// The offline context.
pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}

/// The one replay, for any kind: the server's records of kind `K` with the outbox's mutations
/// of that kind decided on top by the kind's own rule (the server's), and each record's state:
/// pending while a change to it waits, refused or in conflict while the server's verdict on one
/// waits on "needs attention". `needs` gives the rule what it reads besides the record. In id
/// order.
pub fn replay_kind<'a, K: Kind>(
    records: &BTreeMap<Uuid, K::Record>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
    needs: impl Fn(&Op, Option<&K::Record>) -> K::Needs<'a>,
) -> Vec<View<K::Record>> {
    // The records and their states in two maps: the states' map is one type for every kind,
    // and the records' is the type the store already has (less code in the WASM than a map
    // of views a kind).
    let mut view: BTreeMap<Uuid, K::Record> = records.clone();
    let mut states: BTreeMap<Uuid, RecordState> = BTreeMap::new();
    for m in outbox.iter().filter(|m| m.op.kind() == K::KIND) {
        let id = m.record_id();
        let current = view.get(&id);
        let decided = decide::<K>(
            actor,
            current,
            &m.op,
            needs(&m.op, current),
            now,
            m.schema_version,
        );
        if let Decision::Apply(record) = decided {
            view.insert(id, *record);
        }
        if view.contains_key(&id) {
            states.insert(id, RecordState::Pending);
        }
    }
    for a in attention.iter().filter(|a| a.mutation.op.kind() == K::KIND) {
        let id = a.mutation.record_id();
        if view.contains_key(&id) {
            let state = match a.outcome.verdict {
                Verdict::Conflict { .. } => RecordState::Conflict,
                _ => RecordState::Refused,
            };
            states.insert(id, state);
        }
    }
    view.into_iter()
        .map(|(id, record)| View {
            record,
            state: states.get(&id).copied().unwrap_or(RecordState::Synced),
        })
        .collect()
}

/// Follow-ups as the screens show them, newest first (ids are time-ordered UUID v7).
pub fn replay(
    records: &BTreeMap<Uuid, FollowUp>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<FollowUpView> {
    let mut out = replay_kind::<FollowUps>(records, outbox, attention, actor, now, |_, _| None);
    // A matter of people's safety not yet resolved comes first (SOP procedure 2); then newest.
    out.sort_by_key(|v| {
        let f = &v.record;
        std::cmp::Reverse((f.safety_related() && f.unresolved(), f.id))
    });
    out
}

/// Runs as the screens show them, newest first; each decided against its template version.
pub fn replay_runs(
    runs: &BTreeMap<Uuid, Run>,
    templates: &BTreeMap<Uuid, Template>,
    places: &BTreeMap<Uuid, crate::domain::place::Place>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<RunView> {
    let mut out = replay_kind::<Runs>(runs, outbox, attention, actor, now, |op, current| {
        let version = match (op, current) {
            (
                Op::StartRun {
                    template_version, ..
                },
                _,
            ) => Some(*template_version),
            (_, Some(r)) => Some(r.template_version),
            _ => None,
        };
        let template = version.and_then(|v| templates.get(&v));
        // Finishing a round that must check in at its places: the places this device holds.
        let places = (matches!(op, Op::FinishRun { .. })
            && template.is_some_and(|t| t.scans_required))
        .then(|| places.values().collect());
        RunNeeds { template, places }
    });
    // A discarded run is gone for every screen (the server's tombstone follows).
    out.retain(|v| v.record.discarded_at.is_none());
    out.sort_by_key(|v| std::cmp::Reverse(v.record.id));
    out
}

/// Units as the screens show them, in building, entrance, floor and room order.
pub fn replay_units(
    units: &BTreeMap<Uuid, Unit>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<Unit>> {
    let mut out = replay_kind::<Units>(units, outbox, attention, actor, now, |_, _| ());
    out.sort_by(|a, b| {
        let (a, b) = (&a.record, &b.record);
        (
            natural(&a.building),
            natural(&a.entrance),
            a.floor,
            natural(&a.room),
        )
            .cmp(&(
                natural(&b.building),
                natural(&b.entrance),
                b.floor,
                natural(&b.room),
            ))
    });
    out
}

/// Households as the screens show them, in unit order.
pub fn replay_households(
    households: &BTreeMap<Uuid, Household>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<Household>> {
    let mut out = replay_kind::<Households>(households, outbox, attention, actor, now, |_, _| ());
    out.sort_by(|a, b| {
        let (a, b) = (&a.record, &b.record);
        (a.unit_code.len(), &a.unit_code, &a.name).cmp(&(b.unit_code.len(), &b.unit_code, &b.name))
    });
    out
}

/// Visit notes as the screens show them, newest first; each decided against the household it
/// names.
pub fn replay_visits(
    visits: &BTreeMap<Uuid, Visit>,
    households: &BTreeMap<Uuid, Household>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<Visit>> {
    let mut out = replay_kind::<Visits>(visits, outbox, attention, actor, now, |op, _| match op {
        Op::RecordVisit { household, .. } => households.get(&household.0),
        _ => None,
    });
    out.sort_by_key(|v| std::cmp::Reverse(v.record.at));
    out
}

/// Fee-collection contacts as the screens show them, newest first; a new one decided against
/// the unit it names.
pub fn replay_contacts(
    contacts: &BTreeMap<Uuid, crate::domain::collection::CollectionContact>,
    units: &BTreeMap<Uuid, Unit>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<crate::domain::collection::CollectionContact>> {
    let mut out = replay_kind::<crate::sync::kind::Collections>(
        contacts,
        outbox,
        attention,
        actor,
        now,
        |op, _| match op {
            Op::RecordCollectionContact { unit_id, .. } => units.get(&unit_id.0),
            _ => None,
        },
    );
    out.sort_by_key(|v| std::cmp::Reverse(v.record.note.at));
    out
}

/// Places as the screens show them, by cluster, kind and name.
pub fn replay_places(
    places: &BTreeMap<Uuid, crate::domain::place::Place>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<crate::domain::place::Place>> {
    let mut out =
        replay_kind::<crate::sync::kind::Places>(places, outbox, attention, actor, now, |_, _| ());
    out.sort_by(|a, b| {
        let (a, b) = (&a.record, &b.record);
        (a.cluster_id, a.kind, natural(&a.name)).cmp(&(b.cluster_id, b.kind, natural(&b.name)))
    });
    out
}

/// Notices as the screens show them, newest posting first; a new one decided against the
/// boards it names as this device has them.
pub fn replay_notices(
    notices: &BTreeMap<Uuid, crate::domain::place::Notice>,
    places: &BTreeMap<Uuid, crate::domain::place::Place>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<crate::domain::place::Notice>> {
    let mut out = replay_kind::<crate::sync::kind::Notices>(
        notices,
        outbox,
        attention,
        actor,
        now,
        |op, _| match op {
            Op::PostNotice { boards, .. } => {
                boards.iter().filter_map(|b| places.get(&b.0)).collect()
            }
            _ => vec![],
        },
    );
    out.sort_by_key(|v| std::cmp::Reverse((v.record.posted_on, v.record.id)));
    out
}

/// Documents' deliveries as the screens show them: newest document first, then by unit.
pub fn replay_deliveries(
    deliveries: &BTreeMap<Uuid, crate::domain::document::Delivery>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<crate::domain::document::Delivery>> {
    let mut out = replay_kind::<crate::sync::kind::Deliveries>(
        deliveries,
        outbox,
        attention,
        actor,
        now,
        |_, _| (),
    );
    out.sort_by(|a, b| {
        let (a, b) = (&a.record, &b.record);
        (
            std::cmp::Reverse((a.document.date, a.document.id)),
            natural(&a.unit),
        )
            .cmp(&(
                std::cmp::Reverse((b.document.date, b.document.id)),
                natural(&b.unit),
            ))
    });
    out
}

/// Activities as the screens show them: those to come first, soonest first, then those past,
/// latest first.
pub fn replay_activities(
    activities: &BTreeMap<Uuid, crate::domain::activity::Activity>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<crate::domain::activity::Activity>> {
    let mut out = replay_kind::<crate::sync::kind::Activities>(
        activities,
        outbox,
        attention,
        actor,
        now,
        |_, _| (),
    );
    out.sort_by_key(|a| {
        let past = a.record.starts_at < now;
        let t = a.record.starts_at.timestamp();
        (past, if past { -t } else { t }, a.record.id)
    });
    out
}

/// Complaints as the screens show them, newest first; a new one decided against the household
/// it names, a sign-off against the status of its follow-up as this device has it.
pub fn replay_complaints(
    complaints: &BTreeMap<Uuid, Complaint>,
    households: &BTreeMap<Uuid, Household>,
    follow_ups: &BTreeMap<Uuid, FollowUp>,
    outbox: &[Mutation],
    attention: &[AttentionItem],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<View<Complaint>> {
    let mut out = replay_kind::<Complaints>(complaints, outbox, attention, actor, now, |op, c| {
        crate::sync::complaint::ComplaintNeeds {
            household: match op {
                Op::TakeComplaint {
                    household: Some(h), ..
                } => households.get(&h.0),
                _ => None,
            },
            follow_up: c
                .and_then(Complaint::follow_up)
                .and_then(|f| follow_ups.get(&f.0))
                .map(|f| f.status),
        }
    });
    out.sort_by_key(|v| std::cmp::Reverse(v.record.received_at));
    out
}

/// The records the outbox changes, each once, in the order they were first changed: what the
/// status line names and its list links to.
pub fn waiting(outbox: &[Mutation]) -> Vec<(crate::sync::RecordKind, uuid::Uuid)> {
    let mut seen = std::collections::HashSet::new();
    outbox
        .iter()
        .map(|m| (m.op.kind(), m.record_id()))
        .filter(|r| seen.insert(*r))
        .collect()
}

/// Sorts "2" before "10".
fn natural(s: &str) -> (usize, &str) {
    (s.len(), s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::follow_up::FollowUpId;
    use crate::domain::{ClusterId, Department, Role, UserId};
    use crate::sync::Op;

    #[test]
    fn a_safety_matter_not_yet_resolved_comes_first() {
        let east = ClusterId::new_v7();
        let me = Actor {
            user: UserId::new_v7(),
            role: Role::Butler,
            department: None,
            clusters: vec![east],
        };
        let create = |title: &str, facility| Op::CreateFollowUp {
            id: FollowUpId(Uuid::now_v7()),
            cluster_id: east,
            place: "儿童游乐场".into(),
            source: "文体设施检查".into(),
            title: title.into(),
            department: Department::Engineering,
            due_date: None,
            origin: None,
            photos: vec![],
            household: None,
            facility,
        };
        let outbox = vec![
            Mutation::new(
                1,
                create(
                    "秋千链条断了",
                    Some(crate::domain::place::PlaceId::new_v7()),
                ),
            ),
            Mutation::new(2, create("路灯不亮", None)),
        ];
        let view = replay(&BTreeMap::new(), &outbox, &[], &me, Utc::now());
        let titles: Vec<&str> = view.iter().map(|v| v.record.title.as_str()).collect();
        // The newer one would come first; the safety matter goes before it.
        assert_eq!(titles, ["秋千链条断了", "路灯不亮"]);
    }

    #[test]
    fn pending_changes_show_on_top_of_the_server_state() {
        let east = ClusterId::new_v7();
        let me = Actor {
            user: UserId::new_v7(),
            role: Role::Butler,
            department: None,
            clusters: vec![east],
        };
        let id = FollowUpId(Uuid::now_v7());
        let outbox = vec![
            Mutation::new(
                1,
                Op::CreateFollowUp {
                    id,
                    cluster_id: east,
                    place: "1-1-101".into(),
                    source: "巡查".into(),
                    title: "井盖松动".into(),
                    department: Department::Engineering,
                    due_date: None,
                    origin: None,
                    photos: vec![],
                    household: None,
                    facility: None,
                },
            ),
            Mutation::new(
                2,
                Op::CommentFollowUp {
                    id,
                    comment_id: Uuid::now_v7(),
                    text: "已设警示".into(),
                },
            ),
        ];
        let view = replay(&BTreeMap::new(), &outbox, &[], &me, Utc::now());
        assert_eq!(view.len(), 1);
        assert_eq!(view[0].state, RecordState::Pending);
        assert_eq!(view[0].record.comments.len(), 1);

        // Once the server has it, the same record is synced.
        let mut records = BTreeMap::new();
        records.insert(id.0, view[0].record.clone());
        let view = replay(&records, &[], &[], &me, Utc::now());
        assert_eq!(view[0].state, RecordState::Synced);
        // Two changes, one record waiting.
        assert_eq!(waiting(&outbox).len(), 1);
    }
}
