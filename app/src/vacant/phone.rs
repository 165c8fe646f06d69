//! The butler's vacant units, offline: the due list (`/m/vacant`), a unit's page with its
//! occupancy history and the changes a butler records (`/m/units/:id`), and the "owner told"
//! card of an inspection.

use crate::domain::checklist::{latest_versions, Channel, Purpose, Run};
use crate::domain::unit::{due_state, inspections_of, DueState, Occupancy, Unit};
use crate::domain::{RunId, UnitId};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, RunView, View};
use crate::sync::Op;
use crate::ui::{estate_time, estate_today, StateChip};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

/// The name of an occupancy state.
pub fn occupancy_msg(o: Occupancy) -> Msg {
    match o {
        Occupancy::Vacant => Msg::Vacant,
        Occupancy::Occupied => Msg::Occupied,
        Occupancy::Renovating => Msg::Renovating,
    }
}

fn due_msg(d: DueState) -> Msg {
    match d {
        DueState::Due => Msg::DueLabel,
        DueState::Overdue => Msg::OverdueLabel,
        DueState::Done => Msg::InspectedLabel,
    }
}

fn due_class(d: DueState) -> &'static str {
    match d {
        DueState::Due => "chip board-in-progress",
        DueState::Overdue => "chip overdue",
        DueState::Done => "chip board-done",
    }
}

/// A channel's name in a language.
pub fn channel_text(c: Channel, lang: crate::i18n::Lang) -> &'static str {
    channel_msg(c).text(lang)
}

fn channel_msg(c: Channel) -> Msg {
    match c {
        Channel::Phone => Msg::ChannelPhone,
        Channel::Wechat => Msg::ChannelWechat,
        Channel::Sms => Msg::ChannelSms,
        Channel::Letter => Msg::ChannelLetter,
    }
}

/// Inspections whose owner has not been told yet, newest first.
pub fn untold(runs: &[RunView]) -> Vec<Run> {
    runs.iter()
        .map(|v| &v.record)
        .filter(|r| r.purpose == Purpose::VacantUnit && r.owner_notices.is_empty())
        .cloned()
        .collect()
}

/// `/m/vacant`: my clusters' vacant units, grouped by building and entrance, due / overdue /
/// done this month, with the last inspection; and the inspections whose owner was not told.
#[component]
pub fn VacantList() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let lines = move || {
        let today = estate_today(chrono::Utc::now());
        let runs = offline.runs.get();
        let records: Vec<&Run> = runs.iter().map(|v| &v.record).collect();
        offline.units.with(|units| {
            units
                .iter()
                .map(|v| &v.record)
                .filter_map(|u| {
                    let state = due_state(u, &records, today)?;
                    // The last finished inspection; one started and left open is shown as
                    // under way, never as done.
                    let open = inspections_of(u.id, &records).any(|r| r.finished_at.is_none());
                    let last = inspections_of(u.id, &records)
                        .filter(|r| r.finished_at.is_some())
                        .max_by_key(|r| (r.date, r.id))
                        .map(|r| {
                            (
                                r.date,
                                r.results
                                    .iter()
                                    .filter(|x| x.answer == crate::domain::checklist::Answer::Fail)
                                    .count(),
                            )
                        });
                    Some((u.clone(), state, last, open))
                })
                .collect::<Vec<_>>()
        })
    };
    let count = move |s: DueState| lines().iter().filter(|l| l.1 == s).count();
    view! {
        <section class="card">
            <h1>{tr(Msg::VacantUnits)}</h1>
            <p class="board-counts">
                // What this month still asks, overdue ones included: on the 1st every unit not
                // inspected last month is overdue, and "待巡视 0" would read as nothing to do.
                <span class="chip board-in-progress" data-testid="count-due">{move || format!("{} {}", Msg::DueThisMonth.text(lang.get()), count(DueState::Due) + count(DueState::Overdue))}</span>
                <span class="chip overdue" data-testid="count-overdue">{move || format!("{} {}", Msg::OverdueOfThem.text(lang.get()), count(DueState::Overdue))}</span>
                <span class="chip board-done" data-testid="count-done">{move || format!("{} {}", Msg::InspectedLabel.text(lang.get()), count(DueState::Done))}</span>
            </p>
        </section>
        <section class="card" data-testid="untold">
            <h2>{tr(Msg::OwnerNotTold)}</h2>
            {move || {
                let list = untold(&offline.runs.get());
                if list.is_empty() {
                    return view! { <p class="muted">{tr(Msg::NothingUntold)}</p> }.into_any();
                }
                let units = offline.units.get();
                view! {
                    <ul class="list">
                        {list.into_iter().map(|r| {
                            let code = r.unit.and_then(|id| units.iter().map(|v| &v.record).find(|u| u.id == id)).map(Unit::code).unwrap_or_default();
                            view! {
                                <li data-testid="untold-inspection">
                                    <A href=format!("/m/patrol/runs/{}", r.id)>{code}" · "{r.date.to_string()}</A>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="card">
            <Show when=move || offline.loaded.get() fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || {
                    let mut last_group = String::new();
                    lines()
                        .into_iter()
                        .map(|(u, state, last, open)| {
                            let group = format!("{}-{}", u.building, u.entrance);
                            let (b, e) = (u.building.clone(), u.entrance.clone());
                            let code = u.code();
                            let heading = (group != last_group).then(|| {
                                last_group = group.clone();
                                view! { <h2 class="group">{move || Msg::BuildingEntrance.text(lang.get()).replace("{b}", &b).replace("{e}", &e)}</h2> }
                            });
                            view! {
                                {heading}
                                <A href=format!("/m/units/{}", u.id) attr:class="unit-row" attr:data-testid="vacant-unit" attr:data-unit=u.code()>
                                    <strong>{code.clone()}</strong>
                                    <span class=due_class(state)>{move || due_msg(state).text(lang.get())}</span>
                                    {open.then(|| view! { <span class="chip board-in-progress" data-testid="inspection-open">{tr(Msg::InProgress)}</span> })}
                                    <span class="muted small">
                                        {move || match last {
                                            Some((date, 0)) => Msg::LastInspectionOk.text(lang.get()).replace("{d}", &date.to_string()),
                                            Some((date, n)) => Msg::LastInspectionFound.text(lang.get()).replace("{d}", &date.to_string()).replace("{n}", &n.to_string()),
                                            None => Msg::NeverInspected.text(lang.get()).to_owned(),
                                        }}
                                    </span>
                                </A>
                            }
                        })
                        .collect_view()
                }}
            </Show>
        </section>
    }
}

/// `/m/units/:id` and `/office/units/:id`: a unit, its households, inspections and occupancy
/// history (with who recorded each change), and the changes a butler or the office records; on
/// the phone, start its inspection; on the desk, its change history.
#[component]
pub fn UnitScreen(base: &'static str) -> impl IntoView {
    let params = use_params_map();
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (name_of, cluster_name) = crate::session::use_names();
    let phone = base == "/m";
    let navigate = use_navigate();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let unit = Memo::new(move |_| {
        let id = id();
        offline.units.with(|all| {
            all.iter()
                .find(|u| u.record.id.to_string() == id)
                .map(|u| u.record.clone())
        })
    });
    let error = RwSignal::new(None::<Msg>);
    let date = RwSignal::new(estate_today(chrono::Utc::now()).to_string());
    let household = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let record = move |state: Occupancy| {
        let Some(u) = unit.get_untracked() else {
            return;
        };
        let Ok(on) = date.get_untracked().parse() else {
            return error.set(Some(Msg::DateNeeded));
        };
        let op = Op::RecordOccupancy {
            unit: u.id,
            change: Uuid::now_v7(),
            state,
            effective_date: on,
            household: if state == Occupancy::Occupied {
                household.get_untracked()
            } else {
                String::new()
            },
            note: note.get_untracked(),
            base: u.state_on(on),
        };
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => {
                    error.set(None);
                    household.set(String::new());
                    note.set(String::new());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let start = move |_| {
        let Some(u) = unit.get_untracked() else {
            return;
        };
        let Some(t) = offline.templates.with_untracked(|all| {
            latest_versions(all)
                .into_iter()
                .find(|t| {
                    t.purpose == Purpose::VacantUnit && t.active && t.applies_to(u.cluster_id)
                })
                .cloned()
        }) else {
            return error.set(Some(Msg::NoTemplate));
        };
        let id = RunId::new_v7();
        let op = Op::StartRun {
            id,
            template_version: t.version_id,
            cluster_id: u.cluster_id,
            date: estate_today(chrono::Utc::now()),
            unit: Some(u.id),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => navigate(&format!("/m/patrol/runs/{id}"), Default::default()),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let inspections = move || {
        let Some(u) = unit.get() else { return vec![] };
        offline.runs.with(|runs| {
            runs.iter()
                .filter(|v| v.record.purpose == Purpose::VacantUnit && v.record.unit == Some(u.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let households = move || {
        let Some(u) = unit.get() else { return vec![] };
        offline.households.with(|all| {
            all.iter()
                .map(|h| &h.record)
                .filter(|h| h.unit_id == u.id)
                .map(|h| (h.id, h.name.clone(), h.relation))
                .collect::<Vec<_>>()
        })
    };
    move || {
        let Some(u) = unit.get() else {
            return view! {
                <section class="card">
                    <crate::ui::NotOnDevice kind=crate::sync::RecordKind::Unit id=Signal::derive(id) loaded=offline.loaded/>
                </section>
            }
            .into_any();
        };
        let today = estate_today(chrono::Utc::now());
        let now_state = u.state_on(today);
        let start = start.clone();
        view! {
            <section class="card" data-testid="unit">
                <div class="item-top">
                    <h1 data-testid="unit-code">{u.code()}</h1>
                    <span class="chip" data-testid="unit-state">{move || now_state.map(|s| occupancy_msg(s).text(lang.get())).unwrap_or("—")}</span>
                </div>
                <p class="muted">
                    {let cluster = u.cluster_id; move || cluster_name(cluster)}
                    " · "{move || Msg::FloorN.with(lang.get(), u.floor)}
                </p>
                <Show when=move || phone && now_state == Some(Occupancy::Vacant)>
                    <button class="btn primary wide" data-testid="start-inspection" on:click=start.clone()>{tr(Msg::StartInspection)}</button>
                </Show>
                <h2>{tr(Msg::HouseholdsOfUnit)}</h2>
                <ul class="list" data-testid="unit-households">
                    {move || households().into_iter().map(|(id, name, relation)| view! {
                        <li>
                            <A href=format!("{base}/customers/{id}")>{name}</A>
                            " "<span class="muted small">{move || crate::customers::relation_msg(relation).text(lang.get())}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <h2>{tr(Msg::Inspections)}</h2>
                <ul class="list">
                    {move || inspections().into_iter().map(|v| view! {
                        <li>
                            <A href=format!("{base}/patrol/runs/{}", v.record.id)>{v.record.date.to_string()}</A>
                            " "<StateChip state=v.state/>
                            {v.record.owner_notices.is_empty().then(|| view! { <span class="chip overdue">{tr(Msg::OwnerNotTold)}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{tr(Msg::OccupancyHistory)}</h2>
                <ol class="history" data-testid="occupancy-history">
                    {u.history.iter().rev().map(|c| {
                        let state = c.state;
                        let flagged = c.replaced_unseen;
                        view! {
                            <li data-testid="occupancy-change">
                                <strong>{c.effective_date.to_string()}</strong>" "
                                {move || occupancy_msg(state).text(lang.get())}
                                {(!c.household.is_empty()).then(|| format!(" · {}", c.household))}
                                {(!c.note.is_empty()).then(|| format!(" · {}", c.note))}
                                {flagged.map(|f| view! {
                                    <span class="chip overdue">{move || Msg::ReplacedUnseen.text(lang.get()).replace("{s}", occupancy_msg(f).text(lang.get()))}</span>
                                })}
                                <span class="muted small">
                                    " "{estate_time(c.recorded_at)}
                                    {c.recorded_by.map(|u| move || format!(" · {}", name_of(u)))}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
            <section class="card">
                <h2>{tr(Msg::RecordChange)}</h2>
                <label>
                    <span>{tr(Msg::EffectiveDate)}</span>
                    <input type="date" data-testid="occupancy-date" bind:value=date/>
                </label>
                <label>
                    <span>{tr(Msg::HouseholdLabel)}</span>
                    <input data-testid="occupancy-household" bind:value=household/>
                </label>
                <label>
                    <span>{tr(Msg::NoteLabel)}</span>
                    <input data-testid="occupancy-note" bind:value=note/>
                </label>
                <div class="actions">
                    <button class="btn secondary" data-testid="record-move-in" on:click=move |_| record(Occupancy::Occupied)>{tr(Msg::RecordMoveIn)}</button>
                    <button class="btn secondary" data-testid="record-move-out" on:click=move |_| record(Occupancy::Vacant)>{tr(Msg::RecordMoveOut)}</button>
                    <button class="btn secondary" data-testid="record-renovation" on:click=move |_| record(Occupancy::Renovating)>{tr(Msg::RecordRenovation)}</button>
                </div>
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
                </Show>
            </section>
            {(!phone).then(|| {
                let uid = u.id.to_string();
                view! { <crate::estate::AuditTrail kind="unit" record=Signal::derive(move || uid.clone())/> }
            })}
        }
        .into_any()
    }
}

/// On an inspection: how and when the owner was told what it found; a form to record it.
#[component]
pub fn OwnerNotices(run: Memo<Option<RunView>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let channel = RwSignal::new(Channel::Phone.code().to_owned());
    let said = RwSignal::new(String::new());
    // When the owner was told: empty is now (the usual case, told on the spot).
    let when = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    let notices = move || {
        run.with(|r| {
            r.as_ref()
                .map(|r| r.record.owner_notices.clone())
                .unwrap_or_default()
        })
    };
    let save = move |_| {
        let Some(r) = run.get_untracked() else { return };
        if said.with_untracked(|s| s.trim().is_empty()) {
            return error.set(Some(Msg::NoteNeeded));
        }
        let Ok(channel) = channel.get_untracked().parse::<Channel>() else {
            return;
        };
        let typed =
            when.with_untracked(|w| crate::domain::time::typed_past_time(w, chrono::Utc::now()));
        let Some(told_at) = typed else {
            return error.set(Some(Msg::ToldAtLater));
        };
        let op = Op::InformOwner {
            run: r.record.id,
            notice: Uuid::now_v7(),
            channel,
            told_at,
            said: said.get_untracked(),
        };
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => {
                    error.set(None);
                    said.set(String::new());
                    when.set(String::new());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="card" data-testid="owner-notices">
            <h2>{tr(Msg::TellTheOwner)}</h2>
            <ul class="list">
                {move || notices().into_iter().map(|n| {
                    let c = n.channel;
                    view! {
                        <li data-testid="owner-notice">
                            <strong>{move || channel_msg(c).text(lang.get())}</strong>" · "{estate_time(n.told_at)}" · "{n.said.clone()}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <label>
                <span>{tr(Msg::ChannelLabel)}</span>
                <select data-testid="owner-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                    {Channel::ALL.into_iter().map(|c| view! {
                        <option value=c.code()>{move || channel_msg(c).text(lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{tr(Msg::ToldAt)}</span>
                <input type="datetime-local" data-testid="owner-when" bind:value=when/>
            </label>
            <label>
                <span>{tr(Msg::WhatWasSaid)}</span>
                <textarea data-testid="owner-said" bind:value=said></textarea>
            </label>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            <button class="btn primary" data-testid="owner-save" on:click=save>{tr(Msg::RecordOwnerTold)}</button>
        </section>
    }
}

/// The code of a unit among `units`.
pub fn unit_code_of(units: &[View<Unit>], id: UnitId) -> Option<String> {
    units
        .iter()
        .map(|v| &v.record)
        .find(|u| u.id == id)
        .map(Unit::code)
}
