//! The complaint register (投诉登记表) for the office: filters (period, cluster, category,
//! department, valid or not, open or closed, satisfied or not), a row a complaint with its
//! response time and signature, repeats flagged, print (A4) and .xlsx; and the trends —
//! complaints a week by category, the valid share, the median response and closing times.

use super::{agreement_msg, category_msg, minutes_text, status_msg};
use crate::domain::complaint::{
    building_of, figures, repeats, Complaint, ComplaintCategory, Judgement, RegisterFilter, SignOff,
};
use crate::domain::{ClusterId, Department};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::use_offline;
use crate::session::use_names;
use crate::ui::chart::{Series, StackedBars};
use crate::ui::estate_time;
use crate::ui::signature::SignatureView;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// `/office/complaints`.
#[component]
pub fn ComplaintRegister() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (_, cluster_name) = use_names();
    let today = crate::domain::time::estate_today(chrono::Utc::now());
    let from = RwSignal::new(
        today
            .checked_sub_days(chrono::Days::new(89))
            .unwrap_or(today)
            .to_string(),
    );
    let to = RwSignal::new(today.to_string());
    let cluster = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let valid = RwSignal::new(String::new());
    let closed = RwSignal::new(String::new());
    let satisfied = RwSignal::new(String::new());
    let filter = Memo::new(move |_| RegisterFilter {
        from: from.get().parse().ok(),
        to: to.get().parse().ok(),
        cluster: cluster.get().parse().ok().map(ClusterId),
        category: category.get().parse().ok(),
        department: department.get().parse().ok(),
        valid: parse_bool(&valid.get()),
        closed: parse_bool(&closed.get()),
        satisfied: parse_bool(&satisfied.get()),
    });
    // Every complaint, oldest first, with whether it is part of a repeat (judged over all of
    // them, not only the listed ones: a repeat does not vanish behind a filter).
    let flagged = Memo::new(move |_| {
        offline.complaints.with(|all| {
            let mut list: Vec<&Complaint> = all.iter().map(|v| &v.record).collect();
            list.sort_by_key(|c| c.received_at);
            let flags = repeats(&list, |c| building_of(&c.place));
            list.into_iter()
                .cloned()
                .zip(flags)
                .collect::<Vec<(Complaint, bool)>>()
        })
    });
    let rows = Memo::new(move |_| {
        let f = filter.get();
        flagged.with(|all| {
            all.iter()
                .filter(|(c, _)| f.matches(c))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let export = move || {
        format!(
            "/api/v1/complaints/register.xlsx?{}",
            filter.get().to_query()
        )
    };
    let clusters = move || {
        crate::session::use_directory()
            .with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default())
    };
    let directory_clusters = clusters();
    let choice = |signal: RwSignal<String>, testid: &'static str, options: Vec<(String, Msg)>| {
        view! {
            <select data-testid=testid on:change=move |ev| signal.set(event_target_value(&ev))>
                <option value="">{tr(Msg::FilterAll)}</option>
                {options.into_iter().map(|(v, m)| view! { <option value=v>{move || m.text(lang.get())}</option> }).collect_view()}
            </select>
        }
    };
    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::ComplaintRegister)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href=export download="complaint-register.xlsx" data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <div class="filters no-print">
                <label><span>{tr(Msg::FromDate)}</span><input type="date" data-testid="filter-from" bind:value=from/></label>
                <label><span>{tr(Msg::ToDate)}</span><input type="date" data-testid="filter-to" bind:value=to/></label>
                <label>
                    <span>{tr(Msg::ClusterLabel)}</span>
                    <select data-testid="filter-cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::FilterAll)}</option>
                        {directory_clusters.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </label>
                <label><span>{tr(Msg::CategoryLabel)}</span>
                    {choice(category, "filter-category", ComplaintCategory::ALL.iter().map(|c| (c.code().to_owned(), category_msg(*c))).collect())}
                </label>
                <label><span>{tr(Msg::ResponsibleDepartment)}</span>
                    {choice(department, "filter-department", Department::ALL.iter().map(|d| (d.code().to_owned(), Msg::department(*d))).collect())}
                </label>
                <label><span>{tr(Msg::Judgement)}</span>
                    {choice(valid, "filter-valid", vec![("true".into(), Msg::Valid), ("false".into(), Msg::Invalid)])}
                </label>
                <label><span>{tr(Msg::StatusLabel)}</span>
                    {choice(closed, "filter-closed", vec![("false".into(), Msg::OpenComplaints), ("true".into(), Msg::CsClosed)])}
                </label>
                <label><span>{tr(Msg::AgreementLabel)}</span>
                    {choice(satisfied, "filter-satisfied", vec![("true".into(), Msg::SatisfiedOrAccepted), ("false".into(), Msg::AgrNotSatisfied)])}
                </label>
            </div>
            <Trends rows=rows/>
            <table class="grid register" data-testid="complaint-register">
                <thead><tr>
                    <th>{tr(Msg::RowNo)}</th>
                    <th>{tr(Msg::ReceivedAt)}</th>
                    <th>{tr(Msg::ClusterLabel)}</th>
                    <th>{tr(Msg::Place)}</th>
                    <th>{tr(Msg::CategoryLabel)}</th>
                    <th>{tr(Msg::ComplaintSaid)}</th>
                    <th>{tr(Msg::ResponseTime)}</th>
                    <th>{tr(Msg::Judgement)}</th>
                    <th>{tr(Msg::ReplyLabel)}</th>
                    <th>{tr(Msg::StatusLabel)}</th>
                    <th>{tr(Msg::SignedBy)}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().enumerate().map(|(n, (c, repeat))| {
                        let category = c.category;
                        let status = c.status();
                        let response = c.response_minutes();
                        let judgement = c.judgement.clone();
                        let reply = c.reply.clone();
                        view! {
                            <tr data-testid="complaint-register-row" class:repeat=repeat>
                                <td>{n + 1}</td>
                                <td class="nowrap">{estate_time(c.received_at)}</td>
                                <td class="nowrap">{cluster_name(c.cluster_id)}</td>
                                <td>
                                    <A href=format!("/office/complaints/{}", c.id)>{c.place.clone()}</A>
                                    " " {c.complainant.clone()}
                                    {repeat.then(|| view! { <span class="chip overdue" data-testid="repeat-flag">{tr(Msg::RepeatComplaint)}</span> })}
                                </td>
                                <td class="nowrap">{move || category_msg(category).text(lang.get())}</td>
                                <td>{c.said.clone()}</td>
                                <td class="nowrap" data-testid="row-response">{move || response.map(|m| minutes_text(m, lang.get())).unwrap_or_default()}</td>
                                <td>{move || match &judgement {
                                    Some(Judgement::Valid { department, .. }) => format!("{} · {}", Msg::Valid.text(lang.get()), Msg::department(*department).text(lang.get())),
                                    Some(Judgement::Invalid { reason }) => format!("{} · {reason}", Msg::Invalid.text(lang.get())),
                                    None => String::new(),
                                }}</td>
                                <td>{move || reply.as_ref().map(|r| format!("{} · {}", r.text, agreement_msg(r.agreement).text(lang.get()))).unwrap_or_default()}</td>
                                <td class="nowrap">{move || status_msg(status).text(lang.get())}</td>
                                <td data-testid="row-signature">{match c.sign_off.clone() {
                                    Some(SignOff::Signed { signer, strokes, .. }) => view! { <span>{signer}</span><SignatureView strokes=strokes/> }.into_any(),
                                    Some(SignOff::Refused { .. }) => view! { <span>{tr(Msg::RefusedToSign)}</span> }.into_any(),
                                    None => view! { <span></span> }.into_any(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::NoComplaints)}</p>
            </Show>
        </section>
    }
}

/// The Monday of `d`'s week.
fn week_of(d: NaiveDate) -> NaiveDate {
    d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// One series a group (a category, a department): how many of `list` a week, for the groups
/// that have any. `group` says a complaint's group, if it has one.
fn weekly<G: Copy + PartialEq>(
    list: &[&Complaint],
    weeks: &[NaiveDate],
    groups: &[G],
    group: impl Fn(&Complaint) -> Option<G>,
    name: impl Fn(G) -> String,
) -> Vec<Series> {
    groups
        .iter()
        .filter_map(|g| {
            let values: Vec<u32> = weeks
                .iter()
                .map(|w| {
                    list.iter()
                        .filter(|c| {
                            group(c) == Some(*g)
                                && week_of(crate::domain::time::estate_today(c.received_at)) == *w
                        })
                        .count() as u32
                })
                .collect();
            values.iter().any(|v| *v > 0).then(|| Series {
                name: name(*g),
                values,
            })
        })
        .collect()
}

/// Complaints a week by category and, for valid ones, by department; the valid share; the
/// medians.
#[component]
fn Trends(rows: Memo<Vec<(Complaint, bool)>>) -> impl IntoView {
    let lang = use_i18n().lang;
    move || {
        let l = lang.get();
        rows.with(|rows| {
            let list: Vec<&Complaint> = rows.iter().map(|(c, _)| c).collect();
            let f = figures(list.iter().copied());
            let mut weeks: Vec<NaiveDate> = list
                .iter()
                .map(|c| week_of(crate::domain::time::estate_today(c.received_at)))
                .collect();
            weeks.sort_unstable();
            weeks.dedup();
            let by_category = weekly(&list, &weeks, ComplaintCategory::ALL, |c| Some(c.category), |c| {
                category_msg(c).text(l).to_owned()
            });
            let by_department = weekly(&list, &weeks, &Department::ALL, Complaint::department, |d| {
                Msg::department(d).text(l).to_owned()
            });
            let periods: Vec<String> = weeks.iter().map(|w| w.format("%m-%d").to_string()).collect();
            let share = (f.judged > 0).then(|| f.valid * 100 / f.judged);
            view! {
                <div class="trends" data-testid="complaint-trends">
                    <dl class="facts">
                        <dt>{tr(Msg::ComplaintCount)}</dt><dd data-testid="trend-count">{f.count}</dd>
                        <dt>{tr(Msg::ValidShare)}</dt><dd data-testid="trend-valid">{share.map(|s| format!("{s}%")).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{tr(Msg::MedianResponse)}</dt><dd data-testid="trend-response">{f.median_response.map(|m| minutes_text(m, l)).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{tr(Msg::MedianClosing)}</dt><dd>{f.median_closing.map(|m| minutes_text(m, l)).unwrap_or_else(|| "—".into())}</dd>
                    </dl>
                    <div class="chart-pair">
                        <div>
                            <h2>{tr(Msg::ComplaintsPerWeek)}</h2>
                            <StackedBars periods=periods.clone() series=by_category testid="complaint-chart"/>
                        </div>
                        <div>
                            <h2>{tr(Msg::ValidPerWeekByDepartment)}</h2>
                            <StackedBars periods=periods series=by_department testid="complaint-department-chart"/>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
