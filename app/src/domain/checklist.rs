//! Checklists (检查表): templates with their schedules, and the runs made from them — the
//! daily patrol round (组团巡视), the morning notice-board/facility check, the 09:30 briefing,
//! and later the vacant-unit inspection.
//!
//! A template is versioned: every edit publishes a new, immutable version (its own record,
//! `version_id`), and a run keeps the version it started with, so a round under way finishes
//! on the questions it began with. A run belongs to the butler who started it and is locked
//! once finished. Item results are facts: recording an item again replaces that item's answer
//! (the butler changed their mind), group entries are only ever added.

use super::follow_up::FollowUpId;
use super::{ClusterId, Department, RunId, TemplateId, UserId};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a template is for. Codes are stored and sent as the snake-case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// 组团巡视: the daily round.
    Patrol,
    /// 公告栏及文体设施检查: every morning.
    NoticeBoard,
    /// 09:30 晨间询问: the call round with the leads.
    Briefing,
    /// 空置房巡视: the monthly inspection of a vacant unit.
    VacantUnit,
}

impl Purpose {
    /// All purposes, in the order the UI lists them.
    pub const ALL: [Purpose; 4] = [
        Purpose::Patrol,
        Purpose::NoticeBoard,
        Purpose::Briefing,
        Purpose::VacantUnit,
    ];

    /// The code name.
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Patrol => "patrol",
            Purpose::NoticeBoard => "notice_board",
            Purpose::Briefing => "briefing",
            Purpose::VacantUnit => "vacant_unit",
        }
    }
}

impl std::str::FromStr for Purpose {
    type Err = super::UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.code() == s)
            .ok_or_else(|| super::UnknownCode(s.to_owned()))
    }
}

/// How often a template is due, in the estate's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// Every day.
    Daily,
    /// Once a week (Monday to Sunday).
    Weekly,
    /// Once a calendar month.
    Monthly,
}

impl Schedule {
    /// All schedules.
    pub const ALL: [Schedule; 3] = [Schedule::Daily, Schedule::Weekly, Schedule::Monthly];

    /// The code name.
    pub fn code(self) -> &'static str {
        match self {
            Schedule::Daily => "daily",
            Schedule::Weekly => "weekly",
            Schedule::Monthly => "monthly",
        }
    }

    /// The first and last estate date of the period that contains `date`.
    pub fn period(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Schedule::Daily => (date, date),
            Schedule::Weekly => {
                let from = date - Days::new(u64::from(date.weekday().num_days_from_monday()));
                (from, from + Days::new(6))
            }
            Schedule::Monthly => {
                let from = date.with_day(1).unwrap_or(date);
                let next = from
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(from);
                (from, next.pred_opt().unwrap_or(from))
            }
        }
    }
}

impl std::str::FromStr for Schedule {
    type Err = super::UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Schedule::ALL
            .into_iter()
            .find(|p| p.code() == s)
            .ok_or_else(|| super::UnknownCode(s.to_owned()))
    }
}

/// One field of a repeatable group's entry (text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Field {
    /// Stable key within the item.
    pub key: String,
    /// What the butler sees.
    pub label: String,
}

/// What kind of answer an item takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    /// 合格 / 不合格 / 不适用: one tap for a pass.
    Check,
    /// A reading, with its unit and the range it should be in (outside it is a finding).
    Number {
        /// 度, ℃, MPa …
        #[serde(default)]
        unit: String,
        /// Lowest good value.
        #[serde(default)]
        min: Option<f64>,
        /// Highest good value.
        #[serde(default)]
        max: Option<f64>,
    },
    /// Free text.
    Text,
    /// One of a few options.
    Choice {
        /// The options.
        options: Vec<String>,
    },
    /// A photo must be taken.
    Photo,
    /// Any number of entries of a few text fields (the briefing: each matter a lead reports).
    Group {
        /// The fields of one entry.
        fields: Vec<Field>,
    },
}

impl ItemKind {
    /// The code name (for the editor).
    pub fn code(&self) -> &'static str {
        match self {
            ItemKind::Check => "check",
            ItemKind::Number { .. } => "number",
            ItemKind::Text => "text",
            ItemKind::Choice { .. } => "choice",
            ItemKind::Photo => "photo",
            ItemKind::Group { .. } => "group",
        }
    }
}

/// One question of a checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Item {
    /// Stable key within the template, kept across versions (results refer to it).
    pub key: String,
    /// The question.
    pub label: String,
    /// The answer it takes.
    pub kind: ItemKind,
    /// Finishing needs an answer.
    pub required: bool,
    /// Where a failure is handed on by default.
    #[serde(default)]
    pub department: Option<Department>,
}

/// A titled group of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Section {
    /// 安全隐患, 清洁卫生 …
    pub title: String,
    /// Its items, in order.
    pub items: Vec<Item>,
}

/// One version of a template, as it syncs. Immutable once published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Template {
    /// The template (the same across versions).
    pub id: TemplateId,
    /// 1, 2, 3 …
    pub version: i64,
    /// This version's own id: the record key, and what a run refers to.
    pub version_id: Uuid,
    /// 组团日常巡视 …
    pub name: String,
    /// What it is for.
    pub purpose: Purpose,
    /// How often it is due.
    pub schedule: Schedule,
    /// The clusters it applies to; empty: every cluster.
    pub clusters: Vec<ClusterId>,
    /// Its sections.
    pub sections: Vec<Section>,
    /// Offered for new runs (a retired template stays readable for old runs).
    pub active: bool,
    /// A run must check in (scan the label) at each of its cluster's places that name this
    /// template before it can be finished (issue 18).
    #[serde(default)]
    pub scans_required: bool,
    /// Who published this version.
    pub created_by: Option<UserId>,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl Template {
    /// Every item, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The item with this key.
    pub fn item(&self, key: &str) -> Option<&Item> {
        self.items().find(|i| i.key == key)
    }

    /// Whether it applies to this cluster.
    pub fn applies_to(&self, cluster: ClusterId) -> bool {
        self.clusters.is_empty() || self.clusters.contains(&cluster)
    }

    /// What is wrong with a draft, as the field at fault (`None`: publishable).
    pub fn problem(&self) -> Option<String> {
        if !text_ok(&self.name, 100) {
            return Some("name".into());
        }
        if self.sections.is_empty() || self.items().next().is_none() {
            return Some("sections".into());
        }
        let mut keys = std::collections::HashSet::new();
        for (s, section) in self.sections.iter().enumerate() {
            if !text_ok(&section.title, 100) {
                return Some(format!("sections.{s}.title"));
            }
            for (i, item) in section.items.iter().enumerate() {
                let at = format!("sections.{s}.items.{i}");
                if !text_ok(&item.label, 200) {
                    return Some(format!("{at}.label"));
                }
                if !text_ok(&item.key, 64) || !keys.insert(item.key.as_str()) {
                    return Some(format!("{at}.key"));
                }
                match &item.kind {
                    ItemKind::Choice { options }
                        if options.len() < 2 || options.iter().any(|o| !text_ok(o, 50)) =>
                    {
                        return Some(format!("{at}.options"));
                    }
                    ItemKind::Number {
                        min: Some(lo),
                        max: Some(hi),
                        ..
                    } if lo > hi => return Some(format!("{at}.range")),
                    ItemKind::Group { fields }
                        if fields.is_empty() || fields.iter().any(|f| !text_ok(&f.label, 50)) =>
                    {
                        return Some(format!("{at}.fields"));
                    }
                    _ => {}
                }
            }
        }
        None
    }
}

/// Non-empty after trimming and at most `max` characters.
pub fn text_ok(s: &str, max: usize) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().count() <= max
}

/// A photo reference: the SHA-256 of its bytes, 64 lowercase hex digits.
pub fn is_photo_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// An item's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// 合格 (for a group: nothing to report).
    Pass,
    /// 不合格: a finding, with a note.
    Fail,
    /// 不适用.
    NotApplicable,
    /// A reading.
    Number(f64),
    /// Text.
    Text(String),
    /// The option chosen.
    Choice(String),
    /// The photo item's photos are in `photos`.
    Photo,
}

/// An item as answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ItemResult {
    /// The item's key.
    pub item: String,
    /// The answer.
    pub answer: Answer,
    /// The butler's note (a failure needs one).
    #[serde(default)]
    pub note: String,
    /// Photos, by hash.
    #[serde(default)]
    pub photos: Vec<String>,
    /// The follow-up the finding was handed on as.
    #[serde(default)]
    pub follow_up: Option<FollowUpId>,
    /// Who answered.
    pub by: UserId,
    /// When it reached the server (the device's clock while it waits).
    pub at: DateTime<Utc>,
}

/// One entry of a repeatable group (a matter reported at the briefing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Entry {
    /// Made by the device; a replay never doubles it.
    pub id: Uuid,
    /// The group item's key.
    pub item: String,
    /// Field key → text.
    pub values: BTreeMap<String, String>,
    /// The follow-up it was handed on as.
    #[serde(default)]
    pub follow_up: Option<FollowUpId>,
    /// Who added it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}

/// A checklist run as the server keeps it and devices mirror it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Run {
    /// Its id (made by the device).
    pub id: RunId,
    /// The template.
    pub template_id: TemplateId,
    /// The template version it keeps.
    pub template_version: Uuid,
    /// That version's number.
    pub version_no: i64,
    /// The template's name then.
    pub template_name: String,
    /// What it is.
    pub purpose: Purpose,
    /// Where.
    pub cluster_id: ClusterId,
    /// The unit inspected (a vacant-unit inspection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<super::UnitId>,
    /// The estate date it counts for.
    pub date: NaiveDate,
    /// Who runs it (its owner).
    pub butler: UserId,
    /// When it started (server time).
    pub started_at: DateTime<Utc>,
    /// When it was finished; finished runs are locked.
    pub finished_at: Option<DateTime<Utc>>,
    /// When it was discarded (started by mistake, nothing answered); it then counts nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discarded_at: Option<DateTime<Utc>>,
    /// The latest answer per item, in the order first answered.
    pub results: Vec<ItemResult>,
    /// Group entries, oldest first.
    pub entries: Vec<Entry>,
    /// How the owner was told what an inspection found (SOP procedure 6), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owner_notices: Vec<OwnerNotice>,
    /// Places' labels scanned on the round (proof of presence, issue 18), in the order made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scans: Vec<Scan>,
    /// Rises with every applied change.
    pub version: i64,
}

/// Scans one run holds at most.
pub const MAX_SCANS_PER_RUN: usize = 200;

/// A place's label scanned on a round (or its short code typed). Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Scan {
    /// Its id, made by the device.
    pub id: Uuid,
    /// The place the label names (the phone has checked the label's signature).
    pub place: super::place::PlaceId,
    /// When (the phone's time).
    pub at: DateTime<Utc>,
    /// The short code was typed (手输): weaker proof than a signed label scanned.
    #[serde(default)]
    pub typed: bool,
    /// Where the phone was, if it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<super::place::Position>,
}

/// A check-in whose phone was further than this from the place's registered position is
/// marked 位置不符 (a phone's fix outdoors is good to some tens of metres).
pub const FAR_FROM_PLACE_METRES: f64 = 150.0;

/// Each scan of a run with whether reaching it from the one before was faster than a person
/// walks (positions from the places' registered ones: `position_of`).
pub fn scans_checked(
    scans: &[Scan],
    position_of: impl Fn(super::place::PlaceId) -> Option<super::place::Position>,
) -> Vec<(&Scan, bool)> {
    let mut out = Vec::with_capacity(scans.len());
    let mut last: Option<&Scan> = None;
    for s in scans {
        let fast = last.is_some_and(|p| {
            p.place != s.place
                && super::place::implausible_walk(
                    position_of(p.place),
                    p.at,
                    position_of(s.place),
                    s.at,
                )
        });
        out.push((s, fast));
        last = Some(s);
    }
    out
}

/// The places a run should check in at: its cluster's places (not retired) that name its
/// template — the morning check's boards and facilities, a patrol's checkpoints — by kind,
/// then name.
pub fn round_places<'a>(
    run: &Run,
    places: impl IntoIterator<Item = &'a super::place::Place>,
) -> Vec<&'a super::place::Place> {
    let mut out: Vec<_> = places
        .into_iter()
        .filter(|p| {
            p.cluster_id == run.cluster_id && !p.retired && p.template == Some(run.template_id)
        })
        .collect();
    out.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    out
}

/// The section of a template that holds a place's items, which a check-in there opens: the
/// section named as the place is, or one whose title names it, or else the one named as its
/// kind (the morning check's 公告栏 and 文体设施). `None`: the whole checklist applies (a
/// patrol's checkpoint).
pub fn section_of_place(template: &Template, place: &super::place::Place) -> Option<usize> {
    let name = place.name.trim();
    let kind = crate::i18n::Msg::place_kind(place.kind).text(crate::i18n::Lang::ZhCn);
    let titles: Vec<&str> = template.sections.iter().map(|s| s.title.trim()).collect();
    titles
        .iter()
        .position(|t| *t == name)
        .or_else(|| {
            titles
                .iter()
                .position(|t| !t.is_empty() && (name.contains(t) || t.contains(name)))
        })
        .or_else(|| titles.iter().position(|t| *t == kind))
}

/// Of a run's places, those it has not checked in at yet.
pub fn unscanned<'a>(
    run: &Run,
    places: impl IntoIterator<Item = &'a super::place::Place>,
) -> Vec<&'a super::place::Place> {
    round_places(run, places)
        .into_iter()
        .filter(|p| !run.scans.iter().any(|s| s.place == p.id))
        .collect()
}

/// How much a run's check-ins prove, for the register: how many, how many typed (手输), and
/// how many doubtful — reached faster than a person walks from the one before, or made further
/// than [`FAR_FROM_PLACE_METRES`] from the place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanSummary {
    /// Check-ins.
    pub scans: u32,
    /// Of which typed.
    pub typed: u32,
    /// Of which doubtful.
    pub doubtful: u32,
}

/// Whether a check-in was made further than [`FAR_FROM_PLACE_METRES`] from its place (both
/// positions known).
pub fn far_from_place(scan: &Scan, place: Option<super::place::Position>) -> bool {
    matches!((scan.position, place), (Some(here), Some(there)) if here.metres_to(there) > FAR_FROM_PLACE_METRES)
}

/// A run's [`ScanSummary`] (positions of the places from `position_of`).
pub fn scan_summary(
    scans: &[Scan],
    position_of: impl Fn(super::place::PlaceId) -> Option<super::place::Position>,
) -> ScanSummary {
    let checked = scans_checked(scans, &position_of);
    ScanSummary {
        scans: checked.len() as u32,
        typed: checked.iter().filter(|(s, _)| s.typed).count() as u32,
        doubtful: checked
            .iter()
            .filter(|(s, fast)| *fast || far_from_place(s, position_of(s.place)))
            .count() as u32,
    }
}

/// How an owner was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 电话.
    Phone,
    /// 微信.
    Wechat,
    /// 短信.
    Sms,
    /// 信件.
    Letter,
}

impl Channel {
    /// All channels.
    pub const ALL: [Channel; 4] = [
        Channel::Phone,
        Channel::Wechat,
        Channel::Sms,
        Channel::Letter,
    ];

    /// The code name.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Wechat => "wechat",
            Channel::Sms => "sms",
            Channel::Letter => "letter",
        }
    }
}

impl std::str::FromStr for Channel {
    type Err = super::UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Channel::ALL
            .into_iter()
            .find(|c| c.code() == s)
            .ok_or_else(|| super::UnknownCode(s.to_owned()))
    }
}

/// The owner was told what an inspection found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OwnerNotice {
    /// Made by the device.
    pub id: Uuid,
    /// How.
    pub channel: Channel,
    /// When (as the butler says).
    pub told_at: DateTime<Utc>,
    /// What was said.
    pub said: String,
    /// Who told them.
    pub by: UserId,
}

/// Where a run stands on a given day's board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BoardState {
    /// No run in the period yet.
    NotStarted,
    /// Started, not finished.
    InProgress,
    /// Finished.
    Done,
}

impl Run {
    /// The answer to an item, if any.
    pub fn result(&self, key: &str) -> Option<&ItemResult> {
        self.results.iter().find(|r| r.item == key)
    }

    /// Entries of a group item.
    pub fn entries_of<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.item == key)
    }

    /// Whether the item has been answered (a group: an entry or "nothing to report").
    pub fn answered(&self, item: &Item) -> bool {
        self.result(&item.key).is_some() || self.entries_of(&item.key).next().is_some()
    }

    /// Whether anything was recorded on it: an answer, an entry or an owner told. Such a run
    /// can no longer be discarded.
    pub fn has_answers(&self) -> bool {
        !(self.results.is_empty() && self.entries.is_empty() && self.owner_notices.is_empty())
    }

    /// Required items not answered, in template order.
    pub fn missing<'a>(&self, template: &'a Template) -> Vec<&'a Item> {
        template
            .items()
            .filter(|i| i.required && !self.answered(i))
            .collect()
    }

    /// Items answered, of all.
    pub fn progress(&self, template: &Template) -> (usize, usize) {
        let all = template.items().count();
        let done = template.items().filter(|i| self.answered(i)).count();
        (done, all)
    }

    /// Findings: failed items and out-of-range readings.
    pub fn failures(&self, template: &Template) -> usize {
        self.results
            .iter()
            .filter(|r| is_failure(template.item(&r.item), &r.answer))
            .count()
    }

    /// Follow-ups this run handed work on as.
    pub fn follow_ups(&self) -> Vec<FollowUpId> {
        self.results
            .iter()
            .filter_map(|r| r.follow_up)
            .chain(self.entries.iter().filter_map(|e| e.follow_up))
            .collect()
    }

    /// Done or in progress.
    pub fn state(&self) -> BoardState {
        if self.finished_at.is_some() {
            BoardState::Done
        } else {
            BoardState::InProgress
        }
    }
}

/// Whether an answer is a finding: a fail, or a reading outside the item's range.
pub fn is_failure(item: Option<&Item>, answer: &Answer) -> bool {
    match (answer, item.map(|i| &i.kind)) {
        (Answer::Fail, _) => true,
        (Answer::Number(v), Some(ItemKind::Number { min, max, .. })) => {
            min.is_some_and(|lo| *v < lo) || max.is_some_and(|hi| *v > hi)
        }
        _ => false,
    }
}

/// One line of today's board: a template due in a cluster, and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BoardLine {
    /// The cluster.
    pub cluster_id: ClusterId,
    /// The template.
    pub template_id: TemplateId,
    /// Its name.
    pub template_name: String,
    /// Its schedule.
    pub schedule: Schedule,
    /// Where it stands in the period containing `today`.
    pub state: BoardState,
    /// The run that decides it (the finished one, else the latest).
    pub run: Option<RunId>,
}

/// The board for `today`: for each cluster, each active template that applies to it, in the
/// period of its schedule that contains `today`: done if a run in that period is finished, in
/// progress if one is started, else not started. `templates` holds the latest version of each.
pub fn board(
    clusters: &[ClusterId],
    templates: &[&Template],
    runs: &[&Run],
    today: NaiveDate,
) -> Vec<BoardLine> {
    let mut lines = vec![];
    for &cluster in clusters {
        for t in templates
            .iter()
            .filter(|t| t.active && t.purpose != Purpose::VacantUnit && t.applies_to(cluster))
        {
            let (from, to) = t.schedule.period(today);
            let in_period: Vec<&&Run> = runs
                .iter()
                .filter(|r| {
                    r.cluster_id == cluster
                        && r.template_id == t.id
                        && r.date >= from
                        && r.date <= to
                })
                .collect();
            let done = in_period.iter().find(|r| r.finished_at.is_some());
            let latest = in_period.iter().max_by_key(|r| r.id);
            let (state, run) = match (done, latest) {
                (Some(r), _) => (BoardState::Done, Some(r.id)),
                (None, Some(r)) => (BoardState::InProgress, Some(r.id)),
                (None, None) => (BoardState::NotStarted, None),
            };
            lines.push(BoardLine {
                cluster_id: cluster,
                template_id: t.id,
                template_name: t.name.clone(),
                schedule: t.schedule,
                state,
                run,
            });
        }
    }
    lines
}

/// The latest version of each template among `all`.
pub fn latest_versions(all: &[Template]) -> Vec<&Template> {
    let mut best: BTreeMap<TemplateId, &Template> = BTreeMap::new();
    for t in all {
        match best.get(&t.id) {
            Some(b) if b.version >= t.version => {}
            _ => {
                best.insert(t.id, t);
            }
        }
    }
    best.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    pub(crate) fn template(schedule: Schedule) -> Template {
        Template {
            id: TemplateId::new_v7(),
            version: 1,
            version_id: Uuid::now_v7(),
            name: "日常巡视".into(),
            purpose: Purpose::Patrol,
            schedule,
            clusters: vec![],
            sections: vec![Section {
                title: "安全".into(),
                items: vec![
                    Item {
                        key: "a".into(),
                        label: "消防通道畅通".into(),
                        kind: ItemKind::Check,
                        required: true,
                        department: Some(Department::Security),
                    },
                    Item {
                        key: "b".into(),
                        label: "水压".into(),
                        kind: ItemKind::Number {
                            unit: "MPa".into(),
                            min: Some(0.2),
                            max: Some(0.6),
                        },
                        required: false,
                        department: Some(Department::Engineering),
                    },
                ],
            }],
            active: true,
            scans_required: false,
            created_by: None,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn a_check_in_opens_the_section_of_its_place_or_of_its_kind() {
        use super::super::place::{Place, PlaceId, PlaceKind};
        let mut t = template(Schedule::Daily);
        let section = |title: &str| Section {
            title: title.into(),
            items: vec![],
        };
        t.sections = vec![section("公告栏"), section("文体设施"), section("水泵房")];
        let place = |kind, name: &str| Place {
            id: PlaceId::new_v7(),
            cluster_id: ClusterId::new_v7(),
            kind,
            name: name.into(),
            location: String::new(),
            position: None,
            template: Some(t.id),
            retired: false,
        };
        let at = |kind, name| section_of_place(&t, &place(kind, name));
        assert_eq!(at(PlaceKind::NoticeBoard, "3栋大堂公告栏"), Some(0));
        assert_eq!(at(PlaceKind::Facility, "儿童游乐场"), Some(1));
        assert_eq!(at(PlaceKind::Checkpoint, "水泵房"), Some(2));
        assert_eq!(at(PlaceKind::Checkpoint, "地下车库入口"), None);
    }

    fn run(t: &Template, cluster: ClusterId, date: NaiveDate, finished: bool) -> Run {
        Run {
            id: RunId::new_v7(),
            template_id: t.id,
            template_version: t.version_id,
            version_no: t.version,
            template_name: t.name.clone(),
            purpose: t.purpose,
            cluster_id: cluster,
            unit: None,
            date,
            butler: UserId::new_v7(),
            started_at: Utc::now(),
            finished_at: finished.then(Utc::now),
            results: vec![],
            entries: vec![],
            owner_notices: vec![],
            scans: vec![],
            version: 1,
            discarded_at: None,
        }
    }

    #[test]
    fn periods_in_the_estate_calendar() {
        // 2026-11-28 is a Saturday.
        assert_eq!(
            Schedule::Weekly.period(d(2026, 11, 28)),
            (d(2026, 11, 23), d(2026, 11, 29))
        );
        assert_eq!(
            Schedule::Monthly.period(d(2026, 12, 31)),
            (d(2026, 12, 1), d(2026, 12, 31))
        );
        assert_eq!(
            Schedule::Monthly.period(d(2028, 2, 10)),
            (d(2028, 2, 1), d(2028, 2, 29))
        );
        assert_eq!(
            Schedule::Daily.period(d(2027, 1, 1)),
            (d(2027, 1, 1), d(2027, 1, 1))
        );
    }

    #[test]
    fn the_today_board_counts_not_started_in_progress_and_done() {
        let east = ClusterId::new_v7();
        let west = ClusterId::new_v7();
        let daily = template(Schedule::Daily);
        let weekly = template(Schedule::Weekly);
        let mut west_only = template(Schedule::Daily);
        west_only.clusters = vec![west];
        let today = d(2026, 11, 28);
        let runs = [
            run(&daily, east, today, true),
            run(&daily, west, today, false),
            // Yesterday's round does not count for today.
            run(&daily, east, d(2026, 11, 27), false),
            // Monday's weekly check counts all week.
            run(&weekly, west, d(2026, 11, 23), true),
        ];
        let lines = board(
            &[east, west],
            &[&daily, &weekly, &west_only],
            &runs.iter().collect::<Vec<_>>(),
            today,
        );
        let state = |c, t: &Template| {
            lines
                .iter()
                .find(|l| l.cluster_id == c && l.template_id == t.id)
                .map(|l| l.state)
        };
        assert_eq!(state(east, &daily), Some(BoardState::Done));
        assert_eq!(state(west, &daily), Some(BoardState::InProgress));
        assert_eq!(state(east, &weekly), Some(BoardState::NotStarted));
        assert_eq!(state(west, &weekly), Some(BoardState::Done));
        assert_eq!(state(east, &west_only), None, "not east's template");
        assert_eq!(state(west, &west_only), Some(BoardState::NotStarted));
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn findings_and_missing_items() {
        let t = template(Schedule::Daily);
        let item = t.item("b");
        assert!(is_failure(item, &Answer::Number(0.1)));
        assert!(!is_failure(item, &Answer::Number(0.3)));
        assert!(is_failure(t.item("a"), &Answer::Fail));
        let r = run(&t, ClusterId::new_v7(), d(2026, 11, 28), false);
        assert_eq!(
            r.missing(&t)
                .iter()
                .map(|i| i.key.as_str())
                .collect::<Vec<_>>(),
            ["a"]
        );
        assert_eq!(r.progress(&t), (0, 2));
    }

    #[test]
    fn a_draft_with_duplicate_keys_or_one_option_is_refused() {
        let mut t = template(Schedule::Daily);
        assert_eq!(t.problem(), None);
        t.sections[0].items[1].key = "a".into();
        assert_eq!(t.problem().as_deref(), Some("sections.0.items.1.key"));
        t.sections[0].items[1].key = "b".into();
        t.sections[0].items[1].kind = ItemKind::Choice {
            options: vec!["好".into()],
        };
        assert_eq!(t.problem().as_deref(), Some("sections.0.items.1.options"));
        t.name = "  ".into();
        assert_eq!(t.problem().as_deref(), Some("name"));
    }
}
