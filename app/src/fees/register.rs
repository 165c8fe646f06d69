//! The office's fee-collection register (物管费催收登记表; issue 17): every contact the butlers
//! and the office recorded, filtered by period, cluster, butler, kind and reason, numbered,
//! with the promise and whether it was kept, the reason, the service problem and its
//! follow-up's status, and what was owed; promise keeping and each butler's contacts over the
//! listed rows; print (A4) and .xlsx. Read from the office's synced copy (the office pulls
//! every cluster's contacts and arrears).

use super::office::yuan;
use crate::domain::collection::{
    promise_keeping, promise_state, ArrearsReason, CollectionContact, ContactKind, PromiseState,
    RegisterFilter,
};
use crate::domain::{ClusterId, Role, UserId};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::use_offline;
use crate::session::{use_directory, use_names};
use crate::ui::estate_time;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeMap;

/// `/office/fees/register`.
#[component]
pub fn CollectionRegister() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (name_of, cluster_name) = use_names();
    let directory = use_directory();
    let today = crate::domain::time::estate_today(chrono::Utc::now());
    let from = RwSignal::new(
        today
            .checked_sub_days(chrono::Days::new(89))
            .unwrap_or(today)
            .to_string(),
    );
    let to = RwSignal::new(today.to_string());
    let cluster = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let what = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let filter = Memo::new(move |_| RegisterFilter {
        from: from.get().parse().ok(),
        to: to.get().parse().ok(),
        cluster: cluster.get().parse().ok().map(ClusterId),
        by: by.get().parse().ok().map(UserId),
        what: what.get().parse().ok(),
        reason: reason.get().parse().ok(),
    });
    let rows = Memo::new(move |_| {
        let f = filter.get();
        offline.contacts.with(|all| {
            let mut list: Vec<CollectionContact> = all
                .iter()
                .map(|v| &v.record)
                .filter(|c| f.matches(c))
                .cloned()
                .collect();
            list.sort_by_key(|c| c.note.at);
            list
        })
    });
    // Promises kept and broken among the listed rows; each recorder's contacts.
    let keeping = move || {
        rows.with(|rows| {
            offline.arrears.with(|a| {
                promise_keeping(rows.iter(), |u| a.iter().find(|x| x.unit_id == u), today)
            })
        })
    };
    let per_person = move || {
        rows.with(|rows| {
            let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
            for c in rows {
                let e = m.entry(name_of(c.by)).or_default();
                e.0 += 1;
                if c.note.reached {
                    e.1 += 1;
                }
            }
            m.into_iter().collect::<Vec<_>>()
        })
    };
    let export = move || format!("/api/v1/fees/register.xlsx?{}", filter.get().to_query());
    let clusters =
        directory.with_untracked(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default());
    let butlers = move || {
        directory.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.users
                        .iter()
                        .filter(|u| u.role == Role::Butler || u.role == Role::Office)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::CollectionRegister)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href="/office/fees">{tr(Msg::FeesTitle)}</a>
                    <a class="btn secondary" href=export download="collection-register.xlsx" data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
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
                        {clusters.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{tr(Msg::RecordedBy)}</span>
                    <select data-testid="filter-by" on:change=move |ev| by.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::FilterAll)}</option>
                        {move || butlers().into_iter().map(|u| view! { <option value=u.id.to_string()>{u.display_name}</option> }).collect_view()}
                    </select>
                </label>
                <label><span>{tr(Msg::ContactKindLabel)}</span>
                    {crate::ui::code_select("filter-what", ContactKind::ALL, ContactKind::code, Msg::contact_kind, what, Some(Msg::FilterAll))}
                </label>
                <label><span>{tr(Msg::ReasonLabel)}</span>
                    {crate::ui::code_select("filter-reason", ArrearsReason::ALL, ArrearsReason::code, Msg::arrears_reason, reason, Some(Msg::FilterAll))}
                </label>
            </div>
            <p data-testid="register-figures">
                {move || {
                    let (kept, broken) = keeping();
                    let l = lang.get();
                    let share = if kept + broken == 0 { "—".to_owned() } else { format!("{:.0}%", kept as f64 * 100.0 / (kept + broken) as f64) };
                    Msg::PromiseKeeping.text(l)
                        .replace("{n}", &rows.with(Vec::len).to_string())
                        .replace("{kept}", &kept.to_string())
                        .replace("{broken}", &broken.to_string())
                        .replace("{share}", &share)
                }}
            </p>
            <p class="muted small" data-testid="register-people">
                {move || per_person().into_iter().map(|(name, (n, reached))| {
                    Msg::PersonContacts.text(lang.get()).replace("{who}", &name).replace("{n}", &n.to_string()).replace("{reached}", &reached.to_string())
                }).collect::<Vec<_>>().join("；")}
            </p>
            <table class="grid register" data-testid="collection-register">
                <thead><tr>
                    <th>{tr(Msg::RowNo)}</th>
                    <th>{tr(Msg::ContactTimeHead)}</th>
                    <th>{tr(Msg::ClusterLabel)}</th>
                    <th>{tr(Msg::UnitCodeLabel)}</th>
                    <th>{tr(Msg::ContactKindLabel)}</th>
                    <th>{tr(Msg::SaidLabel)}</th>
                    <th>{tr(Msg::PromisedLabel)}</th>
                    <th>{tr(Msg::ReasonLabel)}</th>
                    <th>{tr(Msg::ProblemHead)}</th>
                    <th>{tr(Msg::OwedLabel)}</th>
                    <th>{tr(Msg::RecordedBy)}</th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().enumerate().map(|(n, c)| {
                        let note = c.note.clone();
                        let kind = note.what;
                        let delivery = note.delivery;
                        let reason = note.reason;
                        let state = offline.arrears.with(|a| {
                            a.iter().find(|x| x.unit_id == c.unit_id).and_then(|a| promise_state(&note, a, today))
                        });
                        let promise = note.promised_on.map(|d| (d, state));
                        let follow_up = note.follow_up.and_then(|f| offline.follow_ups.with(|fs| {
                            fs.iter().find(|x| x.record.id == f).map(|x| (x.record.id, x.record.status))
                        }));
                        let owners = offline.arrears.with(|a| a.iter().find(|x| x.unit_id == c.unit_id).map(|a| a.owners.clone())).unwrap_or_default();
                        view! {
                            <tr data-testid="collection-register-row">
                                <td>{n + 1}</td>
                                <td class="nowrap">{estate_time(note.at)}</td>
                                <td class="nowrap">{cluster_name(c.cluster_id)}</td>
                                <td class="nowrap"><A href=format!("/office/fees/case/{}", c.unit_id)>{c.unit.clone()}</A>" "{owners}</td>
                                <td>
                                    {move || Msg::contact_kind(kind).text(lang.get())}
                                    {move || delivery.map(|d| format!(" · {}", Msg::delivery(d).text(lang.get())))}
                                    {(!note.tracking.is_empty()).then(|| format!(" · {}", note.tracking))}
                                    {(!note.signer.is_empty()).then(|| format!(" · {}", note.signer))}
                                    {(!matches!(kind, ContactKind::Statement | ContactKind::Letter) && !note.reached).then(|| view! { " · " {tr(Msg::NotReached)} })}
                                </td>
                                <td>{note.said.clone()}</td>
                                <td class="nowrap" data-testid="row-promise">{move || promise.map(|(d, s)| {
                                    let l = lang.get();
                                    let how = match s {
                                        Some(PromiseState::Kept) => Msg::PromiseKeptShort.text(l),
                                        Some(PromiseState::Broken) => Msg::PromiseBrokenShort.text(l),
                                        Some(PromiseState::AwaitingExport) => Msg::PromiseAwaitingShort.text(l),
                                        _ => "",
                                    };
                                    format!("{d} {how}")
                                })}</td>
                                <td class="nowrap" data-testid="row-reason">{move || reason.map(|r| Msg::arrears_reason(r).text(lang.get()))}</td>
                                <td data-testid="row-problem">
                                    {note.problem.clone()}
                                    {follow_up.map(|(id, status)| view! { " " <A href=format!("/office/follow-ups/{id}")><crate::ui::StatusChip status=status/></A> })}
                                </td>
                                <td class="nowrap">{yuan(note.owed_fen)}</td>
                                <td class="nowrap">{name_of(c.by)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::NoContacts)}</p>
            </Show>
        </section>
    }
}
