//! One checklist item on the phone, by kind: pass / fail / not applicable (one tap for a
//! pass; a failure takes a note, photos and the department it is handed on to), a reading, a
//! text, a choice, a photo, or a repeatable group (the briefing's matters, each handed on).

use super::photo::{PhotoButton, PhotoThumb};
use super::run::item_anchor;
use crate::domain::checklist::{is_failure, Answer, Item, ItemKind};
use crate::domain::follow_up::{FollowUpId, Origin};
use crate::domain::Department;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, RunView};
use crate::sync::Op;
use crate::ui::StatusChip;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Where a finding is, for the follow-up it becomes: the unit of a vacant-unit inspection,
/// else the round's cluster (never a section's title: engineering must know where to go).
fn place_of(
    run: Option<&RunView>,
    units: &[crate::offline::View<crate::domain::unit::Unit>],
    cluster_name: impl Fn(crate::domain::ClusterId) -> String,
) -> String {
    let Some(run) = run.map(|r| &r.record) else {
        return String::new();
    };
    run.unit
        .and_then(|unit| crate::vacant::unit_code_of(units, unit))
        .filter(|code| !code.is_empty())
        .unwrap_or_else(|| cluster_name(run.cluster_id))
}

fn clip(s: &str, max: usize) -> String {
    s.trim().chars().take(max).collect()
}

/// What a finding hands on: where, what, to whom, with which photos.
struct Finding<'a> {
    place: &'a str,
    title: &'a str,
    department: Department,
    photos: Vec<String>,
}

/// The follow-up a finding is handed on as, due after the department's default time, and
/// the answer that refers to it.
fn hand_on(
    run: &RunView,
    item: &Item,
    entry: Option<Uuid>,
    finding: Finding<'_>,
    directory: RwSignal<Option<crate::session::Directory>>,
) -> (FollowUpId, Op) {
    let Finding {
        place,
        title,
        department,
        photos,
    } = finding;
    let id = FollowUpId(Uuid::now_v7());
    let due_date =
        directory.with_untracked(|d| crate::session::default_due_date(d.as_ref(), department));
    let op = Op::CreateFollowUp {
        id,
        cluster_id: run.record.cluster_id,
        place: clip(place, 100),
        source: clip(&run.record.template_name, 100),
        title: clip(title, 200),
        department,
        due_date: Some(due_date),
        origin: Some(Origin {
            run: run.record.id,
            purpose: run.record.purpose,
            item: item.key.clone(),
            entry,
            label: Some(clip(&item.label, 200)),
        }),
        photos,
        household: None,
        facility: None,
    };
    (id, op)
}

/// The department picker, pre-filled.
#[component]
fn DepartmentSelect(value: RwSignal<String>) -> impl IntoView {
    let lang = use_i18n().lang;
    view! {
        <select data-testid="department" on:change=move |ev| value.set(event_target_value(&ev))>
            {Department::ALL
                .into_iter()
                .map(|d| view! {
                    <option value=d.code() selected=move || value.get() == d.code()>
                        {move || Msg::department(d).text(lang.get())}
                    </option>
                })
                .collect_view()}
        </select>
    }
}

/// One item of a run.
#[component]
pub fn ItemRow(
    item: Item,
    run: Memo<Option<RunView>>,
    section: String,
    missing: RwSignal<Vec<String>>,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let offline = use_offline();
    let key = item.key.clone();
    let result = {
        let key = key.clone();
        Memo::new(move |_| run.with(|r| r.as_ref().and_then(|r| r.record.result(&key).cloned())))
    };
    let locked = move || run.with(|r| r.as_ref().is_some_and(|r| r.record.finished_at.is_some()));
    let error = RwSignal::new(None::<Msg>);
    let write = move |ops: Vec<Op>| {
        spawn_local(async move {
            match offline::queue_all(ops).await {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let answer_op = {
        let key = key.clone();
        move |answer: Answer, note: String, photos: Vec<String>, follow_up: Option<FollowUpId>| {
            run.get_untracked().map(|r| Op::RecordItem {
                run: r.record.id,
                item: key.clone(),
                answer,
                note,
                photos,
                follow_up,
            })
        }
    };
    let is_missing = {
        let key = key.clone();
        move || missing.with(|m| m.contains(&key)) && result.with(Option::is_none)
    };
    let it = item.clone();
    let failed =
        move || result.with(|r| r.as_ref().is_some_and(|r| is_failure(Some(&it), &r.answer)));
    let follow_up_status = move || {
        let id = result.with(|r| r.as_ref().and_then(|r| r.follow_up))?;
        offline.follow_ups.with(|all| {
            all.iter()
                .find(|v| v.record.id == id)
                .map(|v| (id, v.record.status))
        })
    };
    let body = match item.kind.clone() {
        ItemKind::Check => {
            let fail_open = RwSignal::new(false);
            let (fail_item, fail_section) = (item.clone(), section.clone());
            let answer_op2 = answer_op.clone();
            let tap = move |answer: Answer| {
                if let Some(op) = answer_op2(answer, String::new(), vec![], None) {
                    fail_open.set(false);
                    write(vec![op]);
                }
            };
            let chosen = move |a: Answer| result.with(|r| r.as_ref().is_some_and(|r| r.answer == a));
            view! {
                <div class="answer-buttons">
                    <button type="button" class="btn answer pass" data-testid="pass"
                        class:chosen=move || chosen(Answer::Pass)
                        disabled=locked
                        on:click={let tap = tap.clone(); move |_| tap(Answer::Pass)}>
                        {tr(Msg::Pass)}
                    </button>
                    <button type="button" class="btn answer fail" data-testid="fail"
                        class:chosen=move || chosen(Answer::Fail)
                        disabled=locked
                        on:click=move |_| fail_open.update(|o| *o = !*o)>
                        {tr(Msg::Fail)}
                    </button>
                    <button type="button" class="btn answer na" data-testid="na"
                        class:chosen=move || chosen(Answer::NotApplicable)
                        disabled=locked
                        on:click={let tap = tap.clone(); move |_| tap(Answer::NotApplicable)}>
                        {tr(Msg::NotApplicable)}
                    </button>
                </div>
                <Show when=move || fail_open.get()>
                    <FailPanel item=fail_item.clone() run=run section=fail_section.clone() answer_op=answer_op.clone()
                        on_done=Callback::new(move |_| fail_open.set(false)) write=write/>
                </Show>
            }
            .into_any()
        }
        ItemKind::Number { unit, .. } => {
            let value = RwSignal::new(String::new());
            let save = move |_| {
                let Ok(v) = value.get_untracked().trim().parse::<f64>() else {
                    return error.set(Some(Msg::NumberNeeded));
                };
                if let Some(op) = answer_op(Answer::Number(v), String::new(), vec![], None) {
                    write(vec![op]);
                }
            };
            view! {
                <div class="inline-form">
                    <input type="number" inputmode="decimal" step="any" data-testid="number" bind:value=value disabled=locked/>
                    <span>{unit}</span>
                    <button type="button" class="btn secondary" data-testid="save-answer" on:click=save disabled=locked>{tr(Msg::Save)}</button>
                </div>
            }
            .into_any()
        }
        ItemKind::Text => {
            // The box holds the saved answer: saving again replaces it (the result below
            // does not repeat it under an empty box).
            let saved = result.with_untracked(|r| match r.as_ref().map(|r| &r.answer) {
                Some(Answer::Text(t)) => t.clone(),
                _ => String::new(),
            });
            let value = RwSignal::new(saved);
            let save = move |_| {
                let text = value.get_untracked();
                if text.trim().is_empty() {
                    return error.set(Some(Msg::NoteNeeded));
                }
                if let Some(op) = answer_op(Answer::Text(text), String::new(), vec![], None) {
                    write(vec![op]);
                }
            };
            view! {
                <div class="inline-form">
                    <textarea data-testid="text" bind:value=value disabled=locked></textarea>
                    <button type="button" class="btn secondary" data-testid="save-answer" on:click=save disabled=locked>{tr(Msg::Save)}</button>
                </div>
            }
            .into_any()
        }
        ItemKind::Choice { options } => view! {
            <div class="answer-buttons">
                {options
                    .into_iter()
                    .map(|o| {
                        let answer_op = answer_op.clone();
                        let chosen_o = o.clone();
                        let chosen = move || result.with(|r| r.as_ref().is_some_and(|r| r.answer == Answer::Choice(chosen_o.clone())));
                        let pick = o.clone();
                        view! {
                            <button type="button" class="btn answer" class:chosen=chosen disabled=locked
                                on:click=move |_| {
                                    if let Some(op) = answer_op(Answer::Choice(pick.clone()), String::new(), vec![], None) {
                                        write(vec![op]);
                                    }
                                }>
                                {o}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any(),
        ItemKind::Photo => {
            let add = Callback::new(move |sha: String| {
                let mut photos = result
                    .get_untracked()
                    .map(|r| r.photos)
                    .unwrap_or_default();
                photos.push(sha);
                if let Some(op) = answer_op(Answer::Photo, String::new(), photos, None) {
                    write(vec![op]);
                }
            });
            view! { <PhotoButton on_photo=add error=error/> }.into_any()
        }
        ItemKind::Group { fields } => view! {
            <GroupEntries item=item.clone() fields=fields run=run section=section.clone() write=write/>
            <button type="button" class="btn secondary" data-testid="nothing-to-report" disabled=locked
                class:chosen=move || result.with(|r| r.as_ref().is_some_and(|r| r.answer == Answer::Pass))
                on:click=move |_| {
                    if let Some(op) = answer_op(Answer::Pass, String::new(), vec![], None) {
                        write(vec![op]);
                    }
                }>
                {tr(Msg::NothingToReport)}
            </button>
        }
        .into_any(),
    };
    view! {
        <div class="check-item" id=item_anchor(&key) data-testid="item" data-key=key.clone()
            class:missing=is_missing class:failed=failed class:answered=move || result.with(Option::is_some)>
            <p class="item-label">
                {item.label.clone()}
                {item.required.then(|| view! { <span class="required" title="必填">"*"</span> })}
            </p>
            {body}
            {move || {
                result.get().map(|r| {
                    let photos = r.photos.clone();
                    view! {
                        <div class="item-result" data-testid="item-result">
                            {(!r.note.is_empty()).then(|| view! { <p class="note">{r.note.clone()}</p> })}
                            {match &r.answer {
                                Answer::Number(v) => Some(view! { <p>{v.to_string()}</p> }.into_any()),
                                _ => None,
                            }}
                            <div class="photos">
                                {photos.into_iter().map(|sha| view! { <PhotoThumb sha=sha/> }).collect_view()}
                            </div>
                        </div>
                    }
                })
            }}
            {move || follow_up_status().map(|(id, status)| view! {
                <p class="handed" data-testid="item-follow-up">
                    <a href=format!("/m/follow-ups/{id}")>{tr(Msg::HandedOn)}</a>" "<StatusChip status=status/>
                </p>
            })}
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </div>
    }
}

/// The failure form: a note (required), photos, and the department it goes to.
#[component]
fn FailPanel<F>(
    item: Item,
    run: Memo<Option<RunView>>,
    section: String,
    answer_op: F,
    on_done: Callback<()>,
    write: impl Fn(Vec<Op>) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    F: Fn(Answer, String, Vec<String>, Option<FollowUpId>) -> Option<Op>
        + Clone
        + Send
        + Sync
        + 'static,
{
    let note = RwSignal::new(String::new());
    let _ = section;
    let (_, cluster_name) = crate::session::use_names();
    let directory = crate::session::use_directory();
    let units = use_offline().units;
    let place = RwSignal::new(
        run.with_untracked(|r| units.with_untracked(|u| place_of(r.as_ref(), u, cluster_name))),
    );
    let photos = RwSignal::new(Vec::<String>::new());
    let department = RwSignal::new(
        item.department
            .unwrap_or(Department::Engineering)
            .code()
            .to_owned(),
    );
    let hand = RwSignal::new(true);
    let error = RwSignal::new(None::<Msg>);
    let lang = use_i18n().lang;
    let save = move |_| {
        let text = note.get_untracked();
        if text.trim().is_empty() {
            return error.set(Some(Msg::NoteNeeded));
        }
        let Some(r) = run.get_untracked() else { return };
        let mut ops = vec![];
        let mut follow_up = None;
        if hand.get_untracked() {
            let Ok(dept) = department.get_untracked().parse::<Department>() else {
                return error.set(Some(Msg::DepartmentLabel));
            };
            let place = place.get_untracked();
            let place = if place.trim().is_empty() {
                r.record.template_name.clone()
            } else {
                place
            };
            let title = format!("{}：{}", item.label, text.trim());
            let finding = Finding {
                place: &place,
                title: &title,
                department: dept,
                photos: photos.get_untracked(),
            };
            let (id, op) = hand_on(&r, &item, None, finding, directory);
            follow_up = Some(id);
            ops.push(op);
        }
        if let Some(op) = answer_op(Answer::Fail, text, photos.get_untracked(), follow_up) {
            ops.push(op);
            write(ops);
            on_done.run(());
        }
    };
    let add_photo = Callback::new(move |sha: String| photos.update(|p| p.push(sha)));
    view! {
        <div class="fail-panel" data-testid="fail-panel">
            <label>
                <span>{tr(Msg::FailNote)}</span>
                <textarea data-testid="fail-note" bind:value=note></textarea>
            </label>
            <label>
                <span>{tr(Msg::Place)}</span>
                <input data-testid="fail-place" bind:value=place/>
            </label>
            <div class="photos">
                {move || photos.get().into_iter().map(|sha| view! { <PhotoThumb sha=sha/> }).collect_view()}
                <PhotoButton on_photo=add_photo error=error/>
            </div>
            <label class="check">
                <input type="checkbox" data-testid="hand-on" prop:checked=hand on:change=move |ev| hand.set(event_target_checked(&ev))/>
                <span>{tr(Msg::HandOnTo)}</span>
            </label>
            <DepartmentSelect value=department/>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert" data-testid="fail-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            <button type="button" class="btn primary" data-testid="save-fail" on:click=save>{tr(Msg::SaveFinding)}</button>
        </div>
    }
}

/// A repeatable group: its entries, each with the follow-up it became, and a form to add one.
#[component]
fn GroupEntries(
    item: Item,
    fields: Vec<crate::domain::checklist::Field>,
    run: Memo<Option<RunView>>,
    section: String,
    write: impl Fn(Vec<Op>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let offline = use_offline();
    let (_, cluster_name) = crate::session::use_names();
    let directory = crate::session::use_directory();
    let lang = use_i18n().lang;
    let key = item.key.clone();
    let entries = Memo::new(move |_| {
        run.with(|r| {
            r.as_ref()
                .map(|r| r.record.entries_of(&key).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let values: Vec<(String, String, RwSignal<String>)> = fields
        .iter()
        .map(|f| (f.key.clone(), f.label.clone(), RwSignal::new(String::new())))
        .collect();
    let department = RwSignal::new(
        item.department
            .unwrap_or(Department::CustomerService)
            .code()
            .to_owned(),
    );
    let hand = RwSignal::new(true);
    let error = RwSignal::new(None::<Msg>);
    let locked = move || run.with(|r| r.as_ref().is_some_and(|r| r.record.finished_at.is_some()));
    let inputs = values.clone();
    let add = move |_| {
        let map: BTreeMap<String, String> = values
            .iter()
            .map(|(k, _, v)| (k.clone(), v.get_untracked().trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if map.is_empty() {
            return error.set(Some(Msg::NoteNeeded));
        }
        let Some(r) = run.get_untracked() else { return };
        let entry = Uuid::now_v7();
        let mut ops = vec![];
        let mut follow_up = None;
        if hand.get_untracked() {
            let Ok(dept) = department.get_untracked().parse::<Department>() else {
                return error.set(Some(Msg::DepartmentLabel));
            };
            let title = map.values().cloned().collect::<Vec<_>>().join("；");
            let place = match offline
                .units
                .with_untracked(|u| place_of(Some(&r), u, cluster_name))
            {
                p if p.is_empty() => section.clone(),
                p => p,
            };
            let finding = Finding {
                place: &place,
                title: &title,
                department: dept,
                photos: vec![],
            };
            let (id, op) = hand_on(&r, &item, Some(entry), finding, directory);
            follow_up = Some(id);
            ops.push(op);
        }
        ops.push(Op::AddEntry {
            run: r.record.id,
            entry,
            item: item.key.clone(),
            values: map,
            follow_up,
        });
        write(ops);
        for (_, _, v) in &values {
            v.set(String::new());
        }
        error.set(None);
    };
    view! {
        <ul class="entries">
            <For each=move || entries.get() key=|e| e.id let:e>
                {
                    let status = move || {
                        let id = e.follow_up?;
                        offline.follow_ups.with(|all| all.iter().find(|v| v.record.id == id).map(|v| v.record.status))
                    };
                    view! {
                        <li data-testid="entry">
                            {e.values.values().cloned().collect::<Vec<_>>().join("；")}
                            " "
                            {move || status().map(|s| view! { <StatusChip status=s/> })}
                        </li>
                    }
                }
            </For>
        </ul>
        <Show when=move || !locked()>
            <div class="entry-form" data-testid="entry-form">
                {inputs
                    .iter()
                    .map(|(k, label, v)| {
                        let v = *v;
                        view! {
                            <label>
                                <span>{label.clone()}</span>
                                <input data-testid=format!("entry-{k}") bind:value=v/>
                            </label>
                        }
                    })
                    .collect_view()}
                <label class="check">
                    <input type="checkbox" data-testid="hand-on" prop:checked=hand on:change=move |ev| hand.set(event_target_checked(&ev))/>
                    <span>{tr(Msg::HandOnTo)}</span>
                </label>
                <DepartmentSelect value=department/>
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
                </Show>
                <button type="button" class="btn primary" data-testid="add-entry" on:click=add.clone()>{tr(Msg::AddMatter)}</button>
            </div>
        </Show>
    }
}
