//! `/office/documents` (文件发放登记): issue a document to households (counted first), and the
//! register of every document issued — households, how each was handed (signed by the
//! customer or family, with security, mailed, waiting to be mailed, refused, not yet),
//! unclaimed past two weeks and the share delivered; print and .xlsx.

use super::by_document;
use crate::domain::document::{
    Audience, DeliveryState, DocumentId, DocumentKind, IssueProblem, IssueRefusal, IssueRequest,
    IssueResponse, Tally,
};
use crate::domain::ClusterId;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline};
use crate::session::use_directory;
use crate::ui::code_select;
use crate::ui::estate_today;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The register's columns of states, in order.
const COLUMNS: [DeliveryState; 7] = DeliveryState::ALL;

/// 文件发放登记: the issue form and the register.
#[component]
pub fn DocumentRegister() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let today = estate_today(chrono::Utc::now());
    let documents = Memo::new(move |_| offline.deliveries.with(|ds| by_document(ds)));
    view! {
        <IssueForm/>
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::DocumentRegister)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href="/api/v1/documents/register.xlsx" download="document-register.xlsx" data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <table class="grid register" data-testid="document-register">
                <thead><tr>
                    <th>{tr(Msg::DocumentDateLabel)}</th>
                    <th>{tr(Msg::DocumentKindLabel)}</th>
                    <th>{tr(Msg::DocumentTitleLabel)}</th>
                    <th>{tr(Msg::DocHouseholds)}</th>
                    {COLUMNS.iter().map(|s| { let s = *s; view! { <th>{move || Msg::delivery_state(s).text(lang.get())}</th> } }).collect_view()}
                    <th>{tr(Msg::DocOverdue)}</th>
                    <th>{tr(Msg::DocCoverage)}</th>
                    <th class="no-print"></th>
                </tr></thead>
                <tbody>
                    {move || documents.get().into_iter().map(|i| {
                        let t = Tally::of(i.deliveries.iter().map(|d| &d.record), today);
                        let kind = i.document.kind;
                        let title = i.document.title.clone();
                    let title_attr = title.clone();
                        view! {
                            <tr data-testid="document-row" data-title=title_attr>
                                <td>{i.document.date.to_string()}</td>
                                <td>{move || Msg::document_kind(kind).text(lang.get())}</td>
                                <td>{title}</td>
                                <td data-testid="col-households">{t.households}</td>
                                {COLUMNS.iter().map(|s| view! { <td data-testid=format!("col-{}", s.code())>{t.count(*s)}</td> }).collect_view()}
                                <td data-testid="col-overdue">{t.overdue}</td>
                                <td data-testid="col-coverage">{format!("{}%", t.coverage_pct())}</td>
                                <td class="no-print"><a href=format!("/office/documents/{}", i.document.id) data-testid="document-open">{tr(Msg::DocOpen)}</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || offline.loaded.get() && documents.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::DocRegisterEmpty)}</p>
            </Show>
        </section>
    }
}

/// What the issue form says after a count or an issue.
#[derive(Debug, Clone, PartialEq)]
enum Said {
    Counted(IssueResponse),
    Issued(IssueResponse),
    Refused(IssueRefusal),
    Failed(Msg),
}

/// The form to issue a document: its kind, title, explanation, date; the clusters, perhaps
/// some buildings, and which households. 统计户数 counts them; 发放 issues it.
#[component]
fn IssueForm() -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = use_directory();
    let clusters = Signal::derive(move || {
        directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default())
    });
    let kind = RwSignal::new(DocumentKind::Statement.code().to_owned());
    let title = RwSignal::new(String::new());
    let explanation = RwSignal::new(String::new());
    let date = RwSignal::new(estate_today(chrono::Utc::now()).to_string());
    let chosen = RwSignal::new(Vec::<ClusterId>::new());
    let buildings = RwSignal::new(String::new());
    let audience = RwSignal::new(Audience::All.code().to_owned());
    let said = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    // The id of the document being issued: kept until it is issued, so a retry after a lost
    // answer issues it once.
    let id = RwSignal::new(DocumentId(uuid::Uuid::now_v7()));
    let request = move |preview: bool| -> Option<IssueRequest> {
        let Ok(d) = date.get_untracked().parse::<chrono::NaiveDate>() else {
            said.set(Some(Said::Refused(IssueRefusal {
                problem: IssueProblem::Date,
                buildings: vec![],
            })));
            return None;
        };
        let req = IssueRequest {
            id: id.get_untracked(),
            kind: kind
                .get_untracked()
                .parse()
                .unwrap_or(DocumentKind::Statement),
            title: title.get_untracked(),
            explanation: explanation.get_untracked(),
            date: d,
            clusters: chosen.get_untracked(),
            buildings: buildings
                .get_untracked()
                .split([',', '，', '、', ' '])
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .map(str::to_owned)
                .collect(),
            audience: audience.get_untracked().parse().unwrap_or(Audience::All),
            preview,
        };
        if let Err(problem) = req.check() {
            said.set(Some(Said::Refused(IssueRefusal {
                problem,
                buildings: vec![],
            })));
            return None;
        }
        Some(req)
    };
    let send = move |preview: bool| {
        let Some(req) = request(preview) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let out = match crate::browser::post_json("/api/v1/documents", &req).await {
                Ok((200, body)) => match serde_json::from_str::<IssueResponse>(&body) {
                    Ok(r) if preview => Said::Counted(r),
                    Ok(r) => Said::Issued(r),
                    Err(_) => Said::Failed(Msg::ServerError),
                },
                Ok((422, body)) => match serde_json::from_str::<IssueRefusal>(&body) {
                    Ok(r) => Said::Refused(r),
                    Err(_) => Said::Failed(Msg::ServerError),
                },
                Ok(_) => Said::Failed(Msg::ServerError),
                Err(_) => Said::Failed(Msg::NetworkError),
            };
            if matches!(out, Said::Issued(_)) {
                id.set(DocumentId(uuid::Uuid::now_v7()));
                title.set(String::new());
                explanation.set(String::new());
                offline::sync_now();
            }
            said.set(Some(out));
            busy.set(false);
        });
    };
    let toggle = move |c: ClusterId, on: bool| {
        chosen.update(|cs| {
            cs.retain(|x| *x != c);
            if on {
                cs.push(c);
            }
        })
    };
    view! {
        <section class="card no-print" data-testid="issue-form">
            <h2>{tr(Msg::DocumentIssueNew)}</h2>
            <div class="form-grid">
                <label><span>{tr(Msg::DocumentKindLabel)}</span>
                    {code_select("issue-kind", DocumentKind::ALL, DocumentKind::code, Msg::document_kind, kind, None)}
                </label>
                <label><span>{tr(Msg::DocumentTitleLabel)}</span><input data-testid="issue-title" bind:value=title/></label>
                <label><span>{tr(Msg::DocumentDateLabel)}</span><input type="date" data-testid="issue-date" bind:value=date/></label>
                <label><span>{tr(Msg::DocumentAudienceLabel)}</span>
                    {code_select("issue-audience", Audience::ALL, Audience::code, Msg::audience, audience, None)}
                </label>
            </div>
            <label><span>{tr(Msg::DocumentExplanationLabel)}</span><textarea data-testid="issue-explanation" bind:value=explanation></textarea></label>
            <fieldset class="choices" data-testid="issue-clusters">
                <legend>{tr(Msg::DocumentClustersLabel)}</legend>
                {move || clusters.get().into_iter().map(|c| {
                    let cid = c.id;
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="issue-cluster" data-name=c.name.clone()
                                prop:checked=move || chosen.with(|cs| cs.contains(&cid))
                                on:change=move |ev| toggle(cid, event_target_checked(&ev))/>
                            <span>{c.name.clone()}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label><span>{tr(Msg::DocumentBuildingsLabel)}</span><input data-testid="issue-buildings" bind:value=buildings/></label>
            <div class="actions">
                <button class="btn secondary" data-testid="issue-preview" disabled=move || busy.get() on:click=move |_| send(true)>{tr(Msg::DocumentPreview)}</button>
                <button class="btn primary" data-testid="issue-submit" disabled=move || busy.get() on:click=move |_| send(false)>
                    {move || if busy.get() { Msg::DocumentIssuing.text(lang.get()) } else { Msg::DocumentIssue.text(lang.get()) }}
                </button>
            </div>
            {move || said.get().map(|s| match s {
                Said::Counted(r) => view! {
                    <p role="status" data-testid="issue-counted">
                        {Msg::DocumentPreviewText.text(lang.get()).replace("{n}", &r.households.to_string()).replace("{m}", &r.not_moved_in.to_string()).replace("{k}", &r.key_customers.to_string())}
                    </p>
                }.into_any(),
                Said::Issued(r) => view! {
                    <p role="status" data-testid="issue-done">{Msg::DocumentIssued.with(lang.get(), r.households)}</p>
                }.into_any(),
                Said::Refused(r) => view! {
                    <p class="error" role="alert" data-testid="issue-error">
                        {Msg::issue_problem(r.problem).text(lang.get()).replace("{b}", &r.buildings.join("、"))}
                    </p>
                }.into_any(),
                Said::Failed(m) => view! { <p class="error" role="alert" data-testid="issue-error">{m.text(lang.get())}</p> }.into_any(),
            })}
        </section>
    }
}
