//! The supervisor's visit report and satisfaction from return visits (office, desktop). They
//! read the server.

use super::api::{Period, Report, ReportQuery, Satisfaction, Score};
use crate::i18n::{tr, use_i18n, Msg};
use crate::session::use_directory;
use leptos::prelude::*;

fn query(period: &str, date: &str) -> String {
    let q = ReportQuery {
        period: if period == "month" {
            Period::Month
        } else {
            Period::Week
        },
        date: date.parse().ok(),
        butler: None,
    };
    let mut s = format!(
        "period={}",
        if q.period == Period::Month {
            "month"
        } else {
            "week"
        }
    );
    if let Some(d) = q.date {
        s.push_str(&format!("&date={d}"));
    }
    s
}

fn fmt(x: f64) -> String {
    format!("{x:.2}")
}

/// The visit report and the satisfaction tables.
#[component]
pub fn VisitReportPage() -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = use_directory();
    let period = RwSignal::new("week".to_owned());
    let date = RwSignal::new(String::new());
    let report = LocalResource::new(move || {
        let q = query(&period.get(), &date.get());
        crate::browser::fetch_json::<Report>(format!("/api/v1/visits/report?{q}"))
    });
    let satisfaction = LocalResource::new(|| {
        crate::browser::fetch_json::<Satisfaction>("/api/v1/visits/satisfaction".into())
    });
    let name = move |id| {
        directory
            .with(|d| d.as_ref().and_then(|d| d.name_of(id)))
            .unwrap_or_default()
    };
    let table = move |title: Msg, rows: Vec<(String, Score<()>)>, testid: &'static str| {
        view! {
            <h2>{tr(title)}</h2>
            <table class="grid" data-testid=testid>
                <thead><tr>
                    <th></th><th>{tr(Msg::ReturnVisit)}</th><th>{tr(Msg::Attitude)}</th>
                    <th>{tr(Msg::Quality)}</th><th>{tr(Msg::Etiquette)}</th><th>{tr(Msg::Overall)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, s)| view! {
                        <tr data-testid="score-row" data-key=label.clone()>
                            <td>{label.clone()}</td><td>{s.count}</td>
                            <td>{fmt(s.means[0])}</td><td>{fmt(s.means[1])}</td>
                            <td>{fmt(s.means[2])}</td><td data-testid="score-overall">{fmt(s.means[3])}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    let strip = |s: &Score<crate::domain::UserId>| Score {
        key: (),
        count: s.count,
        means: s.means,
    };
    view! {
        <section class="card register">
            <div class="item-top">
                <h1>{tr(Msg::VisitReport)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" download="visit-report.xlsx"
                        href=move || format!("/api/v1/visits/report.xlsx?{}", query(&period.get(), &date.get()))>
                        {tr(Msg::ExportXlsx)}
                    </a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <div class="filters no-print">
                <label>
                    <span>{tr(Msg::PeriodLabel)}</span>
                    <select data-testid="report-period" on:change=move |ev| period.set(event_target_value(&ev))>
                        <option value="week">{tr(Msg::Weekly)}</option>
                        <option value="month">{tr(Msg::Monthly)}</option>
                    </select>
                </label>
                <label><span>{tr(Msg::DateLabel)}</span><input type="date" bind:value=date/></label>
            </div>
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || report.get().map(|r| match r {
                    Err(m) => view! { <p class="error">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(r) => view! {
                        <p class="muted">{format!("{} – {}", r.from, r.to)}</p>
                        <table class="grid" data-testid="visit-report">
                            <thead><tr>
                                <th>{tr(Msg::RoleButler)}</th><th>{tr(Msg::VisitsLabel)}</th><th>{tr(Msg::HouseholdsReached)}</th>
                                <th>{tr(Msg::Referrals)}</th><th>{tr(Msg::ReferralsOpen)}</th><th>{tr(Msg::OverdueLabel)}</th>
                                <th>{tr(Msg::ReturnVisit)}</th><th>{tr(Msg::Overall)}</th>
                            </tr></thead>
                            <tbody>
                                {r.lines.into_iter().map(|l| view! {
                                    <tr data-testid="report-line" data-butler=name(l.butler)>
                                        <td>{name(l.butler)}</td>
                                        <td data-testid="report-visits">{l.visits}</td>
                                        <td data-testid="report-reached">{format!("{}/{} ({}%)", l.households_reached, l.cluster_households,
                                            (l.households_reached * 100).checked_div(l.cluster_households).unwrap_or(0))}</td>
                                        <td data-testid="report-referrals">{l.referrals}</td>
                                        <td data-testid="report-open">{l.referrals_open}</td>
                                        <td>{l.referrals_overdue}</td>
                                        <td data-testid="report-return-visits">{l.return_visits}</td>
                                        <td data-testid="report-satisfaction">{l.satisfaction.map(fmt).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
        <section class="card">
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || satisfaction.get().map(|s| match s {
                    Err(m) => view! { <p class="error">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(s) => {
                        let l = lang.get_untracked();
                        let by_dept = s.by_department.iter().map(|x| (Msg::department(x.key).text(l).to_owned(), Score { key: (), count: x.count, means: x.means })).collect();
                        let by_repairer = s.by_repairer.iter().map(|x| (name(x.key), strip(x))).collect();
                        let by_butler = s.by_butler.iter().map(|x| (name(x.key), strip(x))).collect();
                        view! {
                            {table(Msg::ByDepartment, by_dept, "by-department")}
                            {table(Msg::ByRepairer, by_repairer, "by-repairer")}
                            {table(Msg::ByButler, by_butler, "by-butler")}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
