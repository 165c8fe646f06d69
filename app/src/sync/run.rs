//! Deciding a mutation on a checklist run. Pure, like [`super::apply`]: the server decides
//! with it, the browser predicts with it.
//!
//! A run is owned by the butler who started it (the office may also work on it) and is locked
//! once finished: later changes are refused with [`Reason::Locked`] and listed under "needs
//! attention". Answers are facts and never conflict: a second answer to the same item replaces
//! the first; group entries are only added, a replayed entry is not doubled.

use super::kind::Decision;
use super::{Op, Reason};
use crate::domain::checklist::{
    is_photo_hash, text_ok, Answer, Entry, ItemKind, ItemResult, OwnerNotice, Purpose, Run,
};
use crate::domain::follow_up::Actor;
use crate::domain::Role;
use chrono::{DateTime, Utc};

/// Photos on one answer at most.
pub const MAX_PHOTOS: usize = 9;
const MAX_NOTE: usize = 2000;

/// How a place not checked in at is named among an [`Reason::Incomplete`]'s items (the
/// place's id follows): an app that predates required check-ins words it as items to do.
pub const UNSCANNED_PREFIX: &str = "place:";

/// The run rule ([`super::kind::Runs`]).
pub(super) fn rule(
    actor: &Actor,
    current: Option<&Run>,
    op: &Op,
    needs: super::kind::RunNeeds<'_>,
    now: DateTime<Utc>,
) -> Decision<Run> {
    let template = needs.template;
    if let Op::StartRun {
        id,
        template_version,
        cluster_id,
        date,
        unit,
    } = op
    {
        if current.is_some() {
            return Decision::Refuse(Reason::AlreadyExists);
        }
        if !(actor.is_office() || actor.role == Role::Butler) {
            return Decision::Refuse(Reason::Forbidden);
        }
        if actor.role == Role::Butler && !actor.clusters.contains(cluster_id) {
            return Decision::Refuse(Reason::OutOfScope);
        }
        let Some(t) = template.filter(|t| t.version_id == *template_version) else {
            return Decision::invalid("template_version");
        };
        if !t.applies_to(*cluster_id) {
            return Decision::invalid("cluster_id");
        }
        if (t.purpose == Purpose::VacantUnit) != unit.is_some() {
            return Decision::invalid("unit");
        }
        return Decision::Apply(Box::new(Run {
            id: *id,
            template_id: t.id,
            template_version: t.version_id,
            version_no: t.version,
            template_name: t.name.clone(),
            purpose: t.purpose,
            cluster_id: *cluster_id,
            unit: *unit,
            date: *date,
            butler: actor.user,
            started_at: now,
            finished_at: None,
            discarded_at: None,
            results: vec![],
            entries: vec![],
            owner_notices: vec![],
            scans: vec![],
            version: 1,
        }));
    }
    let Some(current) = current else {
        return Decision::Refuse(Reason::NotFound);
    };
    let owner = current.butler == actor.user;
    if !(owner || actor.is_office()) {
        let sees = actor.role == Role::Butler && actor.clusters.contains(&current.cluster_id);
        return Decision::Refuse(if sees {
            Reason::Forbidden
        } else {
            Reason::OutOfScope
        });
    }
    let Some(template) = template.filter(|t| t.version_id == current.template_version) else {
        return Decision::Refuse(Reason::NotFound);
    };
    if current.discarded_at.is_some() {
        return if matches!(op, Op::DiscardRun { .. }) {
            Decision::AlreadyDone
        } else {
            Decision::Refuse(Reason::Discarded)
        };
    }
    let locked = current.finished_at.is_some();
    let mut next = current.clone();
    next.version += 1;
    match op {
        Op::DiscardRun { .. } => {
            // The owner's own mistake to undo; the office does not discard a butler's round.
            if !owner {
                return Decision::Refuse(Reason::Forbidden);
            }
            if locked {
                return Decision::Refuse(Reason::Locked);
            }
            if current.has_answers() {
                return Decision::Refuse(Reason::Answered);
            }
            next.discarded_at = Some(now);
            Decision::Apply(Box::new(next))
        }
        Op::RecordScan { scan, .. } => {
            if current.scans.iter().any(|s| s.id == scan.id) {
                return Decision::AlreadyDone;
            }
            if locked {
                return Decision::Refuse(Reason::Locked);
            }
            if current.scans.len() >= crate::domain::checklist::MAX_SCANS_PER_RUN {
                return Decision::invalid("scans");
            }
            if scan.position.is_some_and(|p| !p.is_valid()) {
                return Decision::invalid("position");
            }
            if (scan.at - now).num_seconds() > 600 {
                return Decision::invalid("at");
            }
            next.scans.push(scan.clone());
            Decision::Apply(Box::new(next))
        }
        Op::FinishRun { .. } => {
            if locked {
                return Decision::AlreadyDone;
            }
            let missing: Vec<String> = current
                .missing(template)
                .iter()
                .map(|i| i.key.clone())
                .collect();
            if !missing.is_empty() {
                return Decision::Refuse(Reason::Incomplete { items: missing });
            }
            // A round that must check in at its places: each of them, as far as known.
            if let (true, Some(places)) = (template.scans_required, needs.places) {
                let unscanned: Vec<String> = crate::domain::checklist::unscanned(current, places)
                    .into_iter()
                    .map(|p| format!("{UNSCANNED_PREFIX}{}", p.id))
                    .collect();
                if !unscanned.is_empty() {
                    return Decision::Refuse(Reason::Incomplete { items: unscanned });
                }
            }
            next.finished_at = Some(now);
            Decision::Apply(Box::new(next))
        }
        Op::RecordItem {
            item,
            answer,
            note,
            photos,
            follow_up,
            ..
        } => {
            let Some(it) = template.item(item) else {
                return Decision::invalid("item");
            };
            if let Some(r) = current.result(item) {
                if r.answer == *answer
                    && r.note == note.trim()
                    && r.photos == *photos
                    && r.follow_up == *follow_up
                {
                    return Decision::AlreadyDone;
                }
            }
            if locked {
                return Decision::Refuse(Reason::Locked);
            }
            let fits = match (&it.kind, answer) {
                (ItemKind::Check, Answer::Pass | Answer::Fail | Answer::NotApplicable) => true,
                (ItemKind::Number { .. }, Answer::Number(v)) => v.is_finite(),
                (ItemKind::Number { .. } | ItemKind::Text, Answer::NotApplicable) => !it.required,
                (ItemKind::Text, Answer::Text(t)) => text_ok(t, MAX_NOTE),
                (ItemKind::Choice { options }, Answer::Choice(c)) => options.contains(c),
                (ItemKind::Photo, Answer::Photo) => !photos.is_empty(),
                (ItemKind::Photo, Answer::NotApplicable) => !it.required,
                (ItemKind::Group { .. }, Answer::Pass) => true,
                _ => false,
            };
            if !fits {
                return Decision::invalid("answer");
            }
            if *answer == Answer::Fail && !text_ok(note, MAX_NOTE) {
                return Decision::invalid("note");
            }
            if note.chars().count() > MAX_NOTE {
                return Decision::invalid("note");
            }
            if photos.len() > MAX_PHOTOS || !photos.iter().all(|p| is_photo_hash(p)) {
                return Decision::invalid("photos");
            }
            let result = ItemResult {
                item: item.clone(),
                answer: answer.clone(),
                note: note.trim().to_owned(),
                photos: photos.clone(),
                follow_up: *follow_up,
                by: actor.user,
                at: now,
            };
            match next.results.iter_mut().find(|r| r.item == *item) {
                Some(r) => *r = result,
                None => next.results.push(result),
            }
            Decision::Apply(Box::new(next))
        }
        Op::AddEntry {
            entry,
            item,
            values,
            follow_up,
            ..
        } => {
            if current.entries.iter().any(|e| e.id == *entry) {
                return Decision::AlreadyDone;
            }
            if locked {
                return Decision::Refuse(Reason::Locked);
            }
            let Some(ItemKind::Group { fields }) = template.item(item).map(|i| &i.kind) else {
                return Decision::invalid("item");
            };
            if values.keys().any(|k| !fields.iter().any(|f| f.key == *k))
                || values.values().any(|v| v.chars().count() > MAX_NOTE)
                || !values.values().any(|v| !v.trim().is_empty())
            {
                return Decision::invalid("values");
            }
            if current.entries.len() >= super::MAX_ENTRIES_PER_RUN {
                return Decision::invalid("entries");
            }
            next.entries.push(Entry {
                id: *entry,
                item: item.clone(),
                values: values
                    .iter()
                    .map(|(k, v)| (k.clone(), v.trim().to_owned()))
                    .collect(),
                follow_up: *follow_up,
                by: actor.user,
                at: now,
            });
            Decision::Apply(Box::new(next))
        }
        Op::InformOwner {
            notice,
            channel,
            told_at,
            said,
            ..
        } => {
            if current.owner_notices.iter().any(|n| n.id == *notice) {
                return Decision::AlreadyDone;
            }
            if current.purpose != Purpose::VacantUnit {
                return Decision::invalid("run");
            }
            if !text_ok(said, MAX_NOTE) {
                return Decision::invalid("said");
            }
            if !crate::domain::time::has_happened(*told_at, now) {
                return Decision::invalid("told_at");
            }
            // Telling the owner comes after the inspection, so a finished run takes it.
            if current.owner_notices.len() >= super::MAX_OWNER_NOTICES_PER_RUN {
                return Decision::invalid("owner_notices");
            }
            next.owner_notices.push(OwnerNotice {
                id: *notice,
                channel: *channel,
                told_at: *told_at,
                said: said.trim().to_owned(),
                by: actor.user,
            });
            Decision::Apply(Box::new(next))
        }
        _ => Decision::Refuse(Reason::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::Template;

    fn decide_run(
        actor: &Actor,
        current: Option<&Run>,
        template: Option<&Template>,
        op: &Op,
        now: DateTime<Utc>,
        schema_version: u32,
    ) -> Decision<Run> {
        crate::sync::kind::decide::<crate::sync::kind::Runs>(
            actor,
            current,
            op,
            crate::sync::kind::RunNeeds::template(template),
            now,
            schema_version,
        )
    }
    use crate::domain::checklist::{Field, Item, Schedule, Section};
    use crate::domain::{ClusterId, Department, RunId, TemplateId, UserId};
    use std::collections::BTreeMap;
    use uuid::Uuid;

    fn template() -> Template {
        Template {
            id: TemplateId::new_v7(),
            version: 1,
            version_id: Uuid::now_v7(),
            name: "晨间询问".into(),
            purpose: Purpose::Briefing,
            schedule: Schedule::Daily,
            clusters: vec![],
            sections: vec![Section {
                title: "各部门".into(),
                items: vec![
                    Item {
                        key: "security".into(),
                        label: "安防".into(),
                        kind: ItemKind::Group {
                            fields: vec![Field {
                                key: "matter".into(),
                                label: "事项".into(),
                            }],
                        },
                        required: true,
                        department: Some(Department::Security),
                    },
                    Item {
                        key: "gate".into(),
                        label: "大门".into(),
                        kind: ItemKind::Check,
                        required: true,
                        department: None,
                    },
                ],
            }],
            active: true,
            scans_required: false,
            created_by: None,
            created_at: Utc::now(),
        }
    }

    fn butler(cluster: ClusterId) -> Actor {
        Actor {
            user: UserId::new_v7(),
            role: Role::Butler,
            department: None,
            clusters: vec![cluster],
        }
    }

    fn apply(d: Decision<Run>) -> Run {
        match d {
            Decision::Apply(r) => *r,
            other => panic!("expected apply, got {other:?}"),
        }
    }

    /// Starts round `id` of `t` in `cluster` on 28 November 2026.
    fn start_round(id: RunId, t: &Template, cluster: ClusterId) -> Op {
        Op::StartRun {
            id,
            template_version: t.version_id,
            cluster_id: cluster,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
            unit: None,
        }
    }

    #[test]
    fn a_run_is_discarded_by_its_owner_while_empty_and_then_takes_nothing_more() {
        let east = ClusterId::new_v7();
        let me = butler(east);
        let t = template();
        let id = RunId::new_v7();
        let start = start_round(id, &t, east);
        let now = Utc::now();
        let r = apply(decide_run(&me, None, Some(&t), &start, now, 1));
        let discard = Op::DiscardRun { run: id };
        let office = Actor {
            user: UserId::new_v7(),
            role: Role::Office,
            department: None,
            clusters: vec![],
        };
        assert_eq!(
            decide_run(&office, Some(&r), Some(&t), &discard, now, 1),
            Decision::Refuse(Reason::Forbidden),
            "the office does not discard a butler's round"
        );
        let gate = Op::RecordItem {
            run: id,
            item: "gate".into(),
            answer: Answer::Pass,
            note: String::new(),
            photos: vec![],
            follow_up: None,
        };
        let answered = apply(decide_run(&me, Some(&r), Some(&t), &gate, now, 1));
        assert_eq!(
            decide_run(&me, Some(&answered), Some(&t), &discard, now, 1),
            Decision::Refuse(Reason::Answered)
        );
        let gone = apply(decide_run(&me, Some(&r), Some(&t), &discard, now, 1));
        assert_eq!(gone.discarded_at, Some(now));
        assert_eq!(
            decide_run(&me, Some(&gone), Some(&t), &discard, now, 1),
            Decision::AlreadyDone
        );
        assert_eq!(
            decide_run(&me, Some(&gone), Some(&t), &gate, now, 1),
            Decision::Refuse(Reason::Discarded)
        );
        assert_eq!(
            decide_run(
                &me,
                Some(&gone),
                Some(&t),
                &Op::FinishRun { run: id },
                now,
                1
            ),
            Decision::Refuse(Reason::Discarded)
        );
    }

    #[test]
    fn scans_are_kept_in_order_once_each_until_the_run_is_finished() {
        use crate::domain::checklist::{scans_checked, Scan};
        use crate::domain::place::{PlaceId, Position};
        let east = ClusterId::new_v7();
        let me = butler(east);
        let t = template();
        let id = RunId::new_v7();
        let now = Utc::now();
        let r = apply(decide_run(
            &me,
            None,
            Some(&t),
            &start_round(id, &t, east),
            now,
            1,
        ));
        let (gate, garage) = (PlaceId::new_v7(), PlaceId::new_v7());
        let scan = |place, secs: i64, typed| Op::RecordScan {
            run: id,
            scan: Scan {
                id: Uuid::now_v7(),
                place,
                at: now + chrono::Duration::seconds(secs),
                typed,
                position: None,
            },
        };
        let first = scan(gate, -120, false);
        let r = apply(decide_run(&me, Some(&r), Some(&t), &first, now, 1));
        // A replay is not doubled.
        assert_eq!(
            decide_run(&me, Some(&r), Some(&t), &first, now, 1),
            Decision::AlreadyDone
        );
        let r = apply(decide_run(
            &me,
            Some(&r),
            Some(&t),
            &scan(garage, -100, true),
            now,
            1,
        ));
        assert_eq!(r.scans.len(), 2);
        assert!(r.scans[1].typed);
        // Another butler of the cluster may not check in on my round; a time in the future
        // is refused.
        assert_eq!(
            decide_run(
                &butler(east),
                Some(&r),
                Some(&t),
                &scan(gate, 0, false),
                now,
                1
            ),
            Decision::Refuse(Reason::Forbidden)
        );
        assert_eq!(
            decide_run(&me, Some(&r), Some(&t), &scan(gate, 3600, false), now, 1),
            Decision::invalid("at")
        );
        // Twenty seconds for about 111 m: faster than a person walks.
        let at = |lat| Position::from_degrees(lat, 121.47);
        let checked = scans_checked(
            &r.scans,
            |p| if p == gate { at(31.230) } else { at(31.231) },
        );
        assert_eq!(
            checked.iter().map(|c| c.1).collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn a_round_names_its_places_and_those_not_checked_in() {
        use crate::domain::checklist::{round_places, unscanned, Scan};
        use crate::domain::place::{Place, PlaceId, PlaceKind};
        let (east, west) = (ClusterId::new_v7(), ClusterId::new_v7());
        let me = butler(east);
        let t = template();
        let id = RunId::new_v7();
        let now = Utc::now();
        let r = apply(decide_run(
            &me,
            None,
            Some(&t),
            &start_round(id, &t, east),
            now,
            1,
        ));
        let place = |name: &str, cluster, template, retired| Place {
            id: PlaceId::new_v7(),
            cluster_id: cluster,
            kind: PlaceKind::Checkpoint,
            name: name.into(),
            location: String::new(),
            position: None,
            template,
            retired,
        };
        let places = [
            place("地下车库入口", east, Some(t.id), false),
            place("水泵房", east, Some(t.id), false),
            place("旧岗亭", east, Some(t.id), true),
            place("消防通道", east, None, false),
            place("西区车库", west, Some(t.id), false),
        ];
        let names = |ps: Vec<&Place>| ps.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(round_places(&r, &places)), ["地下车库入口", "水泵房"]);
        let r = apply(decide_run(
            &me,
            Some(&r),
            Some(&t),
            &Op::RecordScan {
                run: id,
                scan: Scan {
                    id: Uuid::now_v7(),
                    place: places[1].id,
                    at: now,
                    typed: true,
                    position: None,
                },
            },
            now,
            1,
        ));
        assert_eq!(names(unscanned(&r, &places)), ["地下车库入口"]);

        // A checklist that requires check-ins: finishing is refused naming the place left, as
        // far as the places are known (a device without them leaves it to the server).
        use crate::sync::kind::{decide, RunNeeds, Runs};
        let mut must = t.clone();
        must.scans_required = true;
        must.sections.clear();
        let finish = Op::FinishRun { run: id };
        fn needs<'a>(t: &'a Template, ps: &'a [Place]) -> RunNeeds<'a> {
            RunNeeds {
                template: Some(t),
                places: Some(ps.iter().collect()),
            }
        }
        assert_eq!(
            decide::<Runs>(&me, Some(&r), &finish, needs(&must, &places), now, 1),
            Decision::Refuse(Reason::Incomplete {
                items: vec![format!("{UNSCANNED_PREFIX}{}", places[0].id)]
            })
        );
        assert!(matches!(
            decide::<Runs>(
                &me,
                Some(&r),
                &finish,
                RunNeeds::template(Some(&must)),
                now,
                1
            ),
            Decision::Apply(_)
        ));
        assert!(matches!(
            decide::<Runs>(&me, Some(&r), &finish, needs(&must, &places[1..]), now, 1),
            Decision::Apply(_)
        ));
    }

    #[test]
    fn a_run_is_started_answered_and_finished_then_locked() {
        let east = ClusterId::new_v7();
        let me = butler(east);
        let t = template();
        let id = RunId::new_v7();
        let start = start_round(id, &t, east);
        let now = Utc::now();
        let r = apply(decide_run(&me, None, Some(&t), &start, now, 1));
        let finish = Op::FinishRun { run: id };
        assert_eq!(
            decide_run(&me, Some(&r), Some(&t), &finish, now, 1),
            Decision::Refuse(Reason::Incomplete {
                items: vec!["security".into(), "gate".into()]
            })
        );
        let entry = Op::AddEntry {
            run: id,
            entry: Uuid::now_v7(),
            item: "security".into(),
            values: BTreeMap::from([("matter".into(), "东门道闸故障".into())]),
            follow_up: None,
        };
        let r = apply(decide_run(&me, Some(&r), Some(&t), &entry, now, 1));
        assert_eq!(
            decide_run(&me, Some(&r), Some(&t), &entry, now, 1),
            Decision::AlreadyDone,
            "a replayed entry is not doubled"
        );
        let fail_without_note = Op::RecordItem {
            run: id,
            item: "gate".into(),
            answer: Answer::Fail,
            note: " ".into(),
            photos: vec![],
            follow_up: None,
        };
        assert_eq!(
            decide_run(&me, Some(&r), Some(&t), &fail_without_note, now, 1),
            Decision::invalid("note")
        );
        let pass = Op::RecordItem {
            run: id,
            item: "gate".into(),
            answer: Answer::Pass,
            note: String::new(),
            photos: vec![],
            follow_up: None,
        };
        let r = apply(decide_run(&me, Some(&r), Some(&t), &pass, now, 1));
        let r = apply(decide_run(&me, Some(&r), Some(&t), &finish, now, 1));
        assert!(r.finished_at.is_some());
        let fail = Op::RecordItem {
            run: id,
            item: "gate".into(),
            answer: Answer::Fail,
            note: "锁坏了".into(),
            photos: vec![],
            follow_up: None,
        };
        assert_eq!(
            decide_run(&me, Some(&r), Some(&t), &fail, now, 1),
            Decision::Refuse(Reason::Locked)
        );
        assert_eq!(
            decide_run(&me, Some(&r), Some(&t), &pass, now, 1),
            Decision::AlreadyDone,
            "the same answer replayed after finishing is not a refusal"
        );
        // Another butler of the same cluster may not write in my run.
        let colleague = butler(east);
        assert_eq!(
            decide_run(&colleague, Some(&r), Some(&t), &fail, now, 1),
            Decision::Refuse(Reason::Forbidden)
        );
        assert_eq!(
            decide_run(&butler(ClusterId::new_v7()), None, Some(&t), &start, now, 1),
            Decision::Refuse(Reason::OutOfScope)
        );
    }

    #[test]
    fn answers_must_fit_the_item() {
        let east = ClusterId::new_v7();
        let me = butler(east);
        let t = template();
        let id = RunId::new_v7();
        let start = start_round(id, &t, east);
        let r = apply(decide_run(&me, None, Some(&t), &start, Utc::now(), 1));
        let answer = |item: &str, answer: Answer, photos: Vec<String>| Op::RecordItem {
            run: id,
            item: item.into(),
            answer,
            note: "x".into(),
            photos,
            follow_up: None,
        };
        let d = |op: &Op| decide_run(&me, Some(&r), Some(&t), op, Utc::now(), 1);
        assert_eq!(
            d(&answer("gate", Answer::Number(3.0), vec![])),
            Decision::invalid("answer")
        );
        assert_eq!(
            d(&answer("nope", Answer::Pass, vec![])),
            Decision::invalid("item")
        );
        assert_eq!(
            d(&answer("gate", Answer::Fail, vec!["not-a-hash".into()])),
            Decision::invalid("photos")
        );
        assert!(matches!(
            d(&answer("gate", Answer::Fail, vec!["ab".repeat(32)])),
            Decision::Apply(_)
        ));
        assert!(matches!(
            d(&answer("security", Answer::Pass, vec![])),
            Decision::Apply(_)
        ));
    }
}
