//! The office's vacant-unit pages: the register (空置房巡视登记表) with filters, export and
//! print; this month's coverage; the monthly vacant-unit record and the weekly move-in record
//! for any period. They read the server.

use super::api::{CoverageLine, MonthlyLine, MoveInLine, PeriodRecord, VacantQuery, VacantRow};
use crate::i18n::{tr, use_i18n, Msg};
use crate::session::use_directory;
use crate::ui::estate_time;
use leptos::prelude::*;
use leptos_router::components::A;

/// The cluster filter's options.
#[component]
fn ClusterSelect(value: RwSignal<String>) -> impl IntoView {
    let directory = use_directory();
    view! {
        <label>
            <span>{tr(Msg::ClusterLabel)}</span>
            <select data-testid="filter-cluster" on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{tr(Msg::AnyOption)}</option>
                {move || directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default())
                    .into_iter()
                    .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The vacant-unit register.
#[component]
pub fn VacantRegister() -> impl IntoView {
    let lang = use_i18n().lang;
    let (name, cluster_name) = crate::session::use_names();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let cluster = RwSignal::new(String::new());
    let failures = RwSignal::new(false);
    let untold = RwSignal::new(false);
    let query = move || VacantQuery {
        from: from.get().parse().ok(),
        to: to.get().parse().ok(),
        cluster: cluster.get().parse().ok(),
        failures: failures.get(),
        untold: untold.get(),
        ..Default::default()
    };
    let rows = LocalResource::new(move || {
        let q = query().to_query();
        crate::browser::fetch_json::<Vec<VacantRow>>(format!("/api/v1/vacant/register?{q}"))
    });
    let export = move || format!("/api/v1/vacant/register.xlsx?{}", query().to_query());
    view! {
        <section class="card register">
            <div class="item-top">
                <h1>{tr(Msg::VacantRegister)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href=export download="vacant-register.xlsx" data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <div class="filters no-print">
                <label><span>{tr(Msg::FromDate)}</span><input type="date" bind:value=from/></label>
                <label><span>{tr(Msg::ToDate)}</span><input type="date" bind:value=to/></label>
                <ClusterSelect value=cluster/>
                <label class="check">
                    <input type="checkbox" data-testid="filter-failures" on:change=move |ev| failures.set(event_target_checked(&ev))/>
                    <span>{tr(Msg::FailuresOnly)}</span>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="filter-untold" on:change=move |ev| untold.set(event_target_checked(&ev))/>
                    <span>{tr(Msg::OwnerNotTold)}</span>
                </label>
            </div>
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || rows.get().map(|result| match result {
                    Err(m) => view! { <p class="error" role="alert">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="muted" data-testid="register-empty">{tr(Msg::NoRecords)}</p> }.into_any(),
                    Ok(rows) => view! {
                        <table class="grid" data-testid="vacant-table">
                            <thead><tr>
                                <th>{tr(Msg::DateLabel)}</th><th>{tr(Msg::ClusterLabel)}</th><th>{tr(Msg::UnitLabel)}</th>
                                <th>{tr(Msg::RoleButler)}</th><th>{tr(Msg::StatusLabel)}</th><th>{tr(Msg::Findings)}</th><th>{tr(Msg::HandedOn)}</th>
                                <th>{tr(Msg::TellTheOwner)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let told = r.owner_told;
                                    let finished = r.finished_at.is_some();
                                    let code = r.unit_code.clone();
                                    view! {
                                        <tr data-testid="vacant-row" data-unit=r.unit_code.clone() class:has-failures=!r.findings.is_empty()>
                                            <td>{r.date.to_string()}</td>
                                            <td>{cluster_name(r.cluster_id)}</td>
                                            <td><A href=format!("/office/patrol/runs/{}", r.run)>{code}</A></td>
                                            <td>{name(r.butler)}</td>
                                            <td data-testid="row-status" class:muted=!finished>{move || if finished { Msg::RunFinished.text(lang.get()) } else { Msg::InProgress.text(lang.get()) }}</td>
                                            <td data-testid="row-findings">{r.findings.join("；")}</td>
                                            <td>{r.follow_ups}</td>
                                            <td data-testid="row-told">{move || match told {
                                                Some((c, at)) => format!("{} {}", super::phone::channel_text(c, lang.get()), estate_time(at)),
                                                None => Msg::OwnerNotTold.text(lang.get()).to_owned(),
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// This month's coverage: inspected of vacant, per cluster and its butlers.
#[component]
pub fn CoverageCard() -> impl IntoView {
    let lang = use_i18n().lang;
    let (name, cluster_name) = crate::session::use_names();
    let coverage = LocalResource::new(|| {
        crate::browser::fetch_json::<PeriodRecord<CoverageLine>>("/api/v1/vacant/coverage".into())
    });
    view! {
        <section class="card" data-testid="coverage">
            <h1>{tr(Msg::Coverage)}</h1>
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || coverage.get().map(|result| match result {
                    Err(m) => view! { <p class="error">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(c) => view! {
                        <p class="muted">{format!("{} – {}", c.from, c.to)}</p>
                        <table class="grid">
                            <thead><tr><th>{tr(Msg::ClusterLabel)}</th><th>{tr(Msg::RoleButler)}</th><th>{tr(Msg::Coverage)}</th></tr></thead>
                            <tbody>
                                {c.lines.into_iter().map(|l| {
                                    let butlers = l.butlers.iter().map(|u| name(*u)).collect::<Vec<_>>().join("、");
                                    view! {
                                        <tr data-testid="coverage-line">
                                            <td>{cluster_name(l.cluster_id)}</td>
                                            <td>{butlers}</td>
                                            <td data-testid="coverage-figure">{format!("{}/{} ({}%)", l.inspected, l.vacant, l.percent())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The monthly vacant-unit record (as of the month chosen) and the weekly move-in record.
#[component]
pub fn PeriodRecords() -> impl IntoView {
    let lang = use_i18n().lang;
    let (name, cluster_name) = crate::session::use_names();
    let month = RwSignal::new(String::new());
    let week = RwSignal::new(String::new());
    let cluster = RwSignal::new(String::new());
    let q = move |date: &str| VacantQuery {
        date: date.parse().ok(),
        cluster: cluster.get().parse().ok(),
        ..Default::default()
    };
    let monthly = LocalResource::new(move || {
        let query = q(&month.get()).to_query();
        crate::browser::fetch_json::<PeriodRecord<MonthlyLine>>(format!(
            "/api/v1/vacant/monthly?{query}"
        ))
    });
    let move_ins = LocalResource::new(move || {
        let query = q(&week.get()).to_query();
        crate::browser::fetch_json::<PeriodRecord<MoveInLine>>(format!(
            "/api/v1/vacant/move-ins?{query}"
        ))
    });
    view! {
        <section class="card register">
            <div class="item-top">
                <h1>{tr(Msg::MonthlyRecord)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href=move || format!("/api/v1/vacant/monthly.xlsx?{}", q(&month.get()).to_query()) download="vacant-monthly.xlsx">{tr(Msg::ExportXlsx)}</a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <div class="filters no-print">
                <label><span>{tr(Msg::AnyDayOfMonth)}</span><input type="date" data-testid="monthly-date" bind:value=month/></label>
                <ClusterSelect value=cluster/>
            </div>
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || monthly.get().map(|result| match result {
                    Err(m) => view! { <p class="error">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(r) => view! {
                        <p class="muted" data-testid="monthly-period">{format!("{} – {} · {}", r.from, r.to, r.lines.len())}</p>
                        <table class="grid" data-testid="monthly-table">
                            <thead><tr><th>{tr(Msg::ClusterLabel)}</th><th>{tr(Msg::UnitLabel)}</th><th>{tr(Msg::VacantSince)}</th><th>{tr(Msg::Inspections)}</th></tr></thead>
                            <tbody>
                                {r.lines.into_iter().map(|l| { let code = l.unit_code.clone(); view! {
                                    <tr data-testid="monthly-line" data-unit=l.unit_code.clone()>
                                        <td>{cluster_name(l.cluster_id)}</td>
                                        <td><A href=format!("/office/units/{}", l.unit)>{code}</A></td>
                                        <td>{l.vacant_since.map(|d| d.to_string()).unwrap_or_default()}</td>
                                        <td>{l.inspections.iter().map(ToString::to_string).collect::<Vec<_>>().join("、")}</td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
        <section class="card register">
            <div class="item-top">
                <h1>{tr(Msg::WeeklyMoveIns)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href=move || format!("/api/v1/vacant/move-ins.xlsx?{}", q(&week.get()).to_query()) download="move-ins.xlsx">{tr(Msg::ExportXlsx)}</a>
                </div>
            </div>
            <div class="filters no-print">
                <label><span>{tr(Msg::AnyDayOfWeek)}</span><input type="date" data-testid="week-date" bind:value=week/></label>
            </div>
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || move_ins.get().map(|result| match result {
                    Err(m) => view! { <p class="error">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(r) => view! {
                        <p class="muted" data-testid="week-period">{format!("{} – {} · {}", r.from, r.to, r.lines.len())}</p>
                        <table class="grid" data-testid="move-ins-table">
                            <thead><tr><th>{tr(Msg::ClusterLabel)}</th><th>{tr(Msg::UnitLabel)}</th><th>{tr(Msg::DateLabel)}</th><th>{tr(Msg::HouseholdLabel)}</th><th>{tr(Msg::RecordedBy)}</th></tr></thead>
                            <tbody>
                                {r.lines.into_iter().map(|l| { let code = l.unit_code.clone(); view! {
                                    <tr data-testid="move-in-line" data-unit=l.unit_code.clone()>
                                        <td>{cluster_name(l.cluster_id)}</td>
                                        <td><A href=format!("/office/units/{}", l.unit)>{code}</A></td>
                                        <td>{l.date.to_string()}</td>
                                        <td>{l.household.clone()}</td>
                                        <td>{l.recorded_by.map(name).unwrap_or_default()}</td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
