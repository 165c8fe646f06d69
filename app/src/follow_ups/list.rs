//! The lists: the phone's (mine / waiting for me / overdue / all) and the office queue.

use super::{estate_today, is_overdue, waits_for, StateChip, StatusChip};
use crate::domain::follow_up::{Actor, FollowUpStatus};
use crate::domain::Department;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{use_offline, FollowUpView};
use crate::session::{use_directory, use_session};
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    Mine,
    Waiting,
    Overdue,
    All,
}

/// `/m/follow-ups`.
#[component]
pub fn PhoneList() -> impl IntoView {
    let offline = use_offline();
    let session = use_session();
    let filter = RwSignal::new(Filter::Waiting);
    let items = move || {
        let Some(user) = session.user.get() else {
            return vec![];
        };
        let me = Actor::of(&user);
        let today = estate_today(chrono::Utc::now());
        offline.follow_ups.with(|all| {
            all.iter()
                .filter(|v| {
                    let f = &v.record;
                    match filter.get() {
                        Filter::Mine => f.created_by == me.user || f.assignee == Some(me.user),
                        Filter::Waiting => waits_for(&me, f),
                        Filter::Overdue => is_overdue(f, today),
                        Filter::All => true,
                    }
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let tab = move |f: Filter, msg: Msg| {
        view! {
            <button
                class="seg"
                class:active=move || filter.get() == f
                on:click=move |_| filter.set(f)
            >
                {tr(msg)}
            </button>
        }
    };
    let attention = move || offline.attention.with(Vec::len);
    view! {
        <div class="list-head">
            <h1>{tr(Msg::TabFollowUps)}</h1>
            <a class="btn primary small" href="/m/follow-ups/new" data-testid="new-follow-up">
                "+ "
                {tr(Msg::NewFollowUp)}
            </a>
        </div>
        <Show when=move || { attention() > 0 }>
            <a class="attention-link" href="/m/attention" data-testid="attention-link">
                {tr(Msg::NeedsAttention)}
                " · "
                {attention}
            </a>
        </Show>
        <div class="segments">
            {tab(Filter::Waiting, Msg::FilterWaiting)}
            {tab(Filter::Mine, Msg::FilterMine)}
            {tab(Filter::Overdue, Msg::FilterOverdue)}
            {tab(Filter::All, Msg::FilterAll)}
        </div>
        <ItemList items=Signal::derive(items) base="/m/follow-ups"/>
    }
}

/// A list of follow-ups as cards (phone).
#[component]
fn ItemList(items: Signal<Vec<FollowUpView>>, base: &'static str) -> impl IntoView {
    let offline = use_offline();
    view! {
        <Show
            when=move || !items.with(Vec::is_empty)
            fallback=move || {
                view! {
                    <p class="muted empty">
                        {move || {
                            if offline.loaded.get() { tr(Msg::NoFollowUps)() } else { tr(Msg::Loading)() }
                        }}
                    </p>
                }
            }
        >
            <ul class="items" data-testid="follow-up-list">
                <For each=move || items.get() key=|v| (v.record.id, v.record.version, v.state as u8) let:v>
                    <li>
                        <a class="item" href=format!("{base}/{}", v.record.id)>
                            <div class="item-top">
                                <strong class="item-title">{v.record.title.clone()}</strong>
                                {v.record.safety_related().then(|| view! { <span class="chip overdue" data-testid="safety-chip">{tr(Msg::SafetyRelated)}</span> })}
                                <StateChip state=v.state/>
                            </div>
                            <div class="item-meta">
                                <span>{v.record.place.clone()}</span>
                                <StatusChip status=v.record.status/>
                                {v.record.due_date.map(|d| view! { <span class="muted">{d.to_string()}</span> })}
                            </div>
                        </a>
                    </li>
                </For>
            </ul>
        </Show>
    }
}

/// `/office/follow-ups`: the queue, filtered by department, status, cluster and overdue.
#[component]
pub fn OfficeQueue() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let directory = use_directory();
    let dept = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let cluster = RwSignal::new(String::new());
    let overdue = RwSignal::new(false);
    let rows = move || {
        let today = estate_today(chrono::Utc::now());
        offline.follow_ups.with(|all| {
            all.iter()
                .filter(|v| {
                    let f = &v.record;
                    (dept.with(String::is_empty) || dept.with(|d| d == f.department.code()))
                        && (status.with(String::is_empty) || status.with(|s| s == f.status.code()))
                        && (cluster.with(String::is_empty)
                            || cluster.with(|c| *c == f.cluster_id.to_string()))
                        && (!overdue.get() || is_overdue(f, today))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let name_of = move |id: Option<crate::domain::UserId>| {
        id.and_then(|id| directory.with(|d| d.as_ref().and_then(|d| d.name_of(id))))
            .unwrap_or_else(|| "—".into())
    };
    let cluster_name = move |id: crate::domain::ClusterId| {
        directory
            .with(|d| d.as_ref().and_then(|d| d.cluster_name(id)))
            .unwrap_or_default()
    };
    view! {
        <div class="list-head">
            <h1>{tr(Msg::NavFollowUps)}</h1>
            <a class="btn primary small" href="/office/follow-ups/new">"+ "{tr(Msg::NewFollowUp)}</a>
        </div>
        <div class="filters">
            <label>
                <span>{tr(Msg::DepartmentLabel)}</span>
                <select data-testid="filter-department" on:change=move |ev| dept.set(event_target_value(&ev))>
                    <option value="">{tr(Msg::AnyOption)}</option>
                    {Department::ALL
                        .into_iter()
                        .map(|d| view! { <option value=d.code()>{move || Msg::department(d).text(lang.get())}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{tr(Msg::StatusLabel)}</span>
                <select data-testid="filter-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{tr(Msg::AnyOption)}</option>
                    {FollowUpStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.code()>{move || super::status_msg(s).text(lang.get())}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{tr(Msg::ClusterLabel)}</span>
                <select data-testid="filter-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                    <option value="">{tr(Msg::AnyOption)}</option>
                    {move || {
                        directory
                            .get()
                            .map(|d| {
                                d.clusters
                                    .into_iter()
                                    .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="filter-overdue" on:change=move |ev| overdue.set(event_target_checked(&ev))/>
                <span>{tr(Msg::FilterOverdue)}</span>
            </label>
        </div>
        <table class="grid" data-testid="office-queue">
            <thead>
                <tr>
                    <th>{tr(Msg::TitleLabel)}</th>
                    <th>{tr(Msg::Place)}</th>
                    <th>{tr(Msg::ClusterLabel)}</th>
                    <th>{tr(Msg::DepartmentLabel)}</th>
                    <th>{tr(Msg::StatusLabel)}</th>
                    <th>{tr(Msg::Assignee)}</th>
                    <th>{tr(Msg::DueDate)}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                <For each=rows key=|v| (v.record.id, v.record.version, v.state as u8) let:v>
                    <tr data-testid="queue-row">
                        <td>
                            {v.record.safety_related().then(|| view! { <span class="chip overdue" data-testid="safety-chip">{tr(Msg::SafetyRelated)}</span> " " })}
                            <A href=format!("/office/follow-ups/{}", v.record.id)>{v.record.title.clone()}</A>
                        </td>
                        <td>{v.record.place.clone()}</td>
                        <td class="nowrap">{move || cluster_name(v.record.cluster_id)}</td>
                        <td class="nowrap">{move || Msg::department(v.record.department).text(lang.get())}</td>
                        <td class="nowrap"><StatusChip status=v.record.status/></td>
                        <td class="nowrap">{move || name_of(v.record.assignee)}</td>
                        <td class="nowrap" data-testid="queue-due">{v.record.due_date.map(|d| d.to_string())}</td>
                        <td class="nowrap"><StateChip state=v.state/></td>
                    </tr>
                </For>
            </tbody>
        </table>
        <Show when=move || offline.loaded.get() && offline.follow_ups.with(Vec::is_empty)>
            <p class="muted">{tr(Msg::NoFollowUps)}</p>
        </Show>
    }
}
