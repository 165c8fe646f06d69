//! The office's patrol pages: the register (组团巡查登记表) with its filters and .xlsx export, a
//! run's detail with photos laid out for A4, and today's board of scheduled rounds. They read
//! the server (the register spans every cluster and every day), so they need the network.

use super::api::{RegisterQuery, RegisterRow, RunDetail, TodayBoard};
use super::home::board_msg;
use crate::domain::checklist::{is_failure, latest_versions, Answer, BoardState};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::use_offline;
use crate::session::use_directory;
use crate::ui::{estate_time, StatusChip};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn answer_msg(a: &Answer) -> String {
    match a {
        Answer::Pass => "✓".into(),
        Answer::Fail => "✗".into(),
        Answer::NotApplicable => "—".into(),
        Answer::Number(v) => v.to_string(),
        Answer::Text(t) | Answer::Choice(t) => t.clone(),
        Answer::Photo => String::new(),
    }
}

/// `/office/registers`: the patrol register with filters, export and print.
#[component]
pub fn PatrolRegister() -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = use_directory();
    let offline = use_offline();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let cluster = RwSignal::new(String::new());
    let butler = RwSignal::new(String::new());
    let template = RwSignal::new(String::new());
    let failures = RwSignal::new(false);
    let query = move || RegisterQuery {
        from: from.get().parse().ok(),
        to: to.get().parse().ok(),
        cluster: cluster.get().parse().ok(),
        butler: butler.get().parse().ok(),
        template: template.get().parse().ok(),
        failures: failures.get(),
    };
    let rows = LocalResource::new(move || {
        let q = query().to_query();
        crate::browser::fetch_json::<Vec<RegisterRow>>(format!("/api/v1/patrol/register?{q}"))
    });
    let export = move || format!("/api/v1/patrol/register.xlsx?{}", query().to_query());
    let (name, cluster_name) = crate::session::use_names();
    let butlers = move || {
        directory.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.users
                        .iter()
                        .filter(|u| u.role == crate::domain::Role::Butler)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let templates = move || {
        offline.templates.with(|all| {
            latest_versions(all)
                .into_iter()
                .map(|t| (t.id, t.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card register">
            <div class="item-top">
                <h1>{tr(Msg::PatrolRegister)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href=export download="patrol-register.xlsx" data-testid="export-xlsx">
                        {tr(Msg::ExportXlsx)}
                    </a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <div class="filters no-print">
                <label><span>{tr(Msg::FromDate)}</span><input type="date" data-testid="filter-from" bind:value=from/></label>
                <label><span>{tr(Msg::ToDate)}</span><input type="date" data-testid="filter-to" bind:value=to/></label>
                <label>
                    <span>{tr(Msg::ClusterLabel)}</span>
                    <select data-testid="filter-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::AnyOption)}</option>
                        {move || directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default())
                            .into_iter()
                            .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{tr(Msg::RoleButler)}</span>
                    <select data-testid="filter-butler" on:change=move |ev| butler.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::AnyOption)}</option>
                        {move || butlers()
                            .into_iter()
                            .map(|u| view! { <option value=u.id.to_string()>{u.display_name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{tr(Msg::NavTemplates)}</span>
                    <select data-testid="filter-template" on:change=move |ev| template.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::AnyOption)}</option>
                        {move || templates()
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="filter-failures" on:change=move |ev| failures.set(event_target_checked(&ev))/>
                    <span>{tr(Msg::FailuresOnly)}</span>
                </label>
            </div>
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || {
                    rows.get().map(|result| match result {
                        Err(m) => view! { <p class="error" role="alert">{move || m.text(lang.get())}</p> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <p class="muted" data-testid="register-empty">{tr(Msg::NoRecords)}</p> }.into_any(),
                        Ok(rows) => view! {
                            <table class="grid" data-testid="register-table">
                                <thead>
                                    <tr>
                                        <th>{tr(Msg::DateLabel)}</th>
                                        <th>{tr(Msg::ClusterLabel)}</th>
                                        <th>{tr(Msg::RoleButler)}</th>
                                        <th>{tr(Msg::NavTemplates)}</th>
                                        <th>{tr(Msg::StatusLabel)}</th>
                                        <th>{tr(Msg::Answered)}</th>
                                        <th>{tr(Msg::Fail)}</th>
                                        <th>{tr(Msg::HandedOn)}</th>
                                        <th>{tr(Msg::Photos)}</th>
                                        <th>{tr(Msg::ScanTitle)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|r| {
                                            let state = if r.finished_at.is_some() { BoardState::Done } else { BoardState::InProgress };
                                            view! {
                                                <tr data-testid="register-row" data-run=r.run.to_string() class:has-failures={r.failures > 0}>
                                                    <td>{r.date.to_string()}</td>
                                                    <td>{cluster_name(r.cluster_id)}</td>
                                                    <td>{name(r.butler)}</td>
                                                    <td><A href=format!("/office/patrol/runs/{}", r.run)>{r.template_name.clone()}</A></td>
                                                    <td>{move || board_msg(state).text(lang.get())}</td>
                                                    <td>{format!("{}/{}", r.answered, r.items)}</td>
                                                    <td data-testid="row-failures">{r.failures}</td>
                                                    <td>{r.follow_ups}</td>
                                                    <td>{r.photos}</td>
                                                    <td data-testid="row-scans">
                                                        {r.scans}
                                                        {(r.scans_typed > 0).then(|| view! { " " <span class="chip warn" data-testid="row-scans-typed">{tr(Msg::ScanTyped)} " " {r.scans_typed}</span> })}
                                                        {(r.scans_doubtful > 0).then(|| view! { " " <span class="chip overdue" data-testid="row-scans-doubtful">{tr(Msg::ScanDoubtful)} " " {r.scans_doubtful}</span> })}
                                                        {(r.scans_missing > 0).then(|| view! { " " <span class="chip overdue" data-testid="row-scans-missing">{tr(Msg::ScanMissing)} " " {r.scans_missing}</span> })}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}

/// `/office/patrol/runs/:id`: one run with its answers, photos and follow-ups, laid out to
/// print on A4.
#[component]
pub fn RunDetailPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_i18n().lang;
    let detail = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        crate::browser::fetch_json::<RunDetail>(format!("/api/v1/patrol/runs/{id}"))
    });
    let (name, cluster_name) = crate::session::use_names();
    view! {
        <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
            {move || detail.get().map(|result| match result {
                Err(m) => view! { <p class="error" role="alert">{move || m.text(lang.get())}</p> }.into_any(),
                Ok(d) => {
                    let RunDetail { run, template, follow_ups } = d;
                    let run_id = run.id.to_string();
                    view! {
                        <article class="card print-page" data-testid="run-detail">
                            <div class="item-top">
                                <h1>{template.name.clone()}</h1>
                                <div class="actions no-print">
                                    <A href="/office/registers" attr:class="btn secondary">{tr(Msg::PatrolRegister)}</A>
                                    <button class="btn primary" data-testid="print" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                                </div>
                            </div>
                            <dl class="facts">
                                <dt>{tr(Msg::DateLabel)}</dt><dd>{run.date.to_string()}</dd>
                                <dt>{tr(Msg::ClusterLabel)}</dt><dd>{cluster_name(run.cluster_id)}</dd>
                                <dt>{tr(Msg::RoleButler)}</dt><dd>{name(run.butler)}</dd>
                                <dt>{tr(Msg::Started)}</dt><dd>{estate_time(run.started_at)}</dd>
                                <dt>{tr(Msg::RunFinished)}</dt><dd data-testid="detail-finished">{run.finished_at.map(estate_time).unwrap_or_else(|| "—".into())}</dd>
                                <dt>{move || Msg::VersionNo.with(lang.get(), "")}</dt><dd>{run.version_no}</dd>
                            </dl>
                            <table class="grid run-table">
                                <thead>
                                    <tr>
                                        <th>{tr(Msg::ItemLabel)}</th>
                                        <th>{tr(Msg::ResultLabel)}</th>
                                        <th>{tr(Msg::FailNote)}</th>
                                        <th>{tr(Msg::Photos)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {template
                                        .sections
                                        .iter()
                                        .map(|s| {
                                            let rows = s
                                                .items
                                                .iter()
                                                .map(|item| {
                                                    let res = run.result(&item.key).cloned();
                                                    let fail = res.as_ref().is_some_and(|r| is_failure(Some(item), &r.answer));
                                                    let entries: Vec<String> = run
                                                        .entries_of(&item.key)
                                                        .map(|e| e.values.values().cloned().collect::<Vec<_>>().join("；"))
                                                        .collect();
                                                    let photos = res.as_ref().map(|r| r.photos.clone()).unwrap_or_default();
                                                    view! {
                                                        <tr class:failed=fail data-testid="detail-item" data-key=item.key.clone()>
                                                            <td>{item.label.clone()}</td>
                                                            <td>{res.as_ref().map(|r| answer_msg(&r.answer)).unwrap_or_default()}</td>
                                                            <td>
                                                                {res.as_ref().map(|r| r.note.clone()).unwrap_or_default()}
                                                                {entries.into_iter().map(|e| view! { <p data-testid="detail-entry">{e}</p> }).collect_view()}
                                                            </td>
                                                            // A cell stays a table cell (a flex cell's borders do
                                                            // not line up with the row's): the photos wrap inside it.
                                                            <td><div class="photos">
                                                                {photos
                                                                    .into_iter()
                                                                    .map(|sha| view! {
                                                                        <a href=format!("/api/v1/blobs/{sha}") target="_blank">
                                                                            <img class="thumb" src=format!("/api/v1/blobs/{sha}") alt="" loading="lazy" data-testid="detail-photo"/>
                                                                        </a>
                                                                    })
                                                                    .collect_view()}
                                                            </div></td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view();
                                            view! {
                                                <tr class="section-row"><th colspan="4">{s.title.clone()}</th></tr>
                                                {rows}
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            {(!run.scans.is_empty()).then(|| view! {
                                <h2>{tr(Msg::ScanTitle)}</h2>
                                <crate::places::ScanList scans=run.scans.clone()/>
                            })}
                            <h2>{tr(Msg::HandedOn)}</h2>
                            <ul class="list">
                                {follow_ups
                                    .into_iter()
                                    .map(|f| view! {
                                        <li data-testid="detail-follow-up">
                                            <A href=format!("/office/follow-ups/{}", f.id)>{f.title.clone()}</A>
                                            " · "{move || Msg::department(f.department).text(lang.get())}" "
                                            <StatusChip status=f.status/>
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                        </article>
                        <div class="no-print">
                            <crate::estate::AuditTrail kind="run" record=Signal::derive(move || run_id.clone())/>
                        </div>
                    }
                    .into_any()
                }
            })}
        </Suspense>
    }
}

/// Today's board on the workbench: per cluster, each round due, not started / in progress /
/// done.
#[component]
pub fn TodayBoardCard() -> impl IntoView {
    let lang = use_i18n().lang;
    let board = LocalResource::new(|| {
        crate::browser::fetch_json::<TodayBoard>("/api/v1/patrol/today".into())
    });
    let (_, cluster_name) = crate::session::use_names();
    view! {
        <section class="card" data-testid="today-board">
            <h1>{tr(Msg::TodaysRounds)}</h1>
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || board.get().map(|result| match result {
                    Err(m) => view! { <p class="error">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(b) => {
                        let count = |s: BoardState| b.lines.iter().filter(|l| l.state == s).count();
                        let (n, p, d) = (count(BoardState::NotStarted), count(BoardState::InProgress), count(BoardState::Done));
                        view! {
                            <p class="muted">{b.date.to_string()}</p>
                            <p class="board-counts">
                                <span class="chip board-not-started" data-testid="count-not-started">{move || format!("{} {n}", Msg::NotStarted.text(lang.get()))}</span>
                                <span class="chip board-in-progress" data-testid="count-in-progress">{move || format!("{} {p}", Msg::InProgress.text(lang.get()))}</span>
                                <span class="chip board-done" data-testid="count-done">{move || format!("{} {d}", Msg::Done.text(lang.get()))}</span>
                            </p>
                            <table class="grid">
                                <thead><tr><th>{tr(Msg::ClusterLabel)}</th><th>{tr(Msg::NavTemplates)}</th><th>{tr(Msg::StatusLabel)}</th></tr></thead>
                                <tbody>
                                    {b.lines
                                        .into_iter()
                                        .map(|l| {
                                            let state = l.state;
                                            view! {
                                                <tr data-testid="board-line">
                                                    <td>{cluster_name(l.cluster_id)}</td>
                                                    <td>{l.template_name.clone()}</td>
                                                    <td>
                                                        {match l.run {
                                                            Some(run) => view! { <A href=format!("/office/patrol/runs/{run}")>{move || board_msg(state).text(lang.get())}</A> }.into_any(),
                                                            None => view! { <span>{move || board_msg(state).text(lang.get())}</span> }.into_any(),
                                                        }}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
