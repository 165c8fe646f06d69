//! One follow-up: its facts, the steps this user may take, comments and history.

use super::{reason_text, status_msg, StateChip, StatusChip};
use crate::domain::follow_up::{may_transition, Actor, FollowUpId, FollowUpStatus, HistoryEvent};
use crate::domain::{Role, UserId};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, LocalWriteError};
use crate::session::{use_directory, use_session};
use crate::sync::Op;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

fn write_error(e: LocalWriteError) -> Msg {
    e.message()
}

/// Where the record a follow-up came from opens, for those who may read it: the round or
/// inspection (its run), else the household it was referred for. The department's staff
/// receive neither; the place, the item and the photos on the follow-up are their summary.
fn source_link(
    me: Option<&Actor>,
    f: &crate::domain::follow_up::FollowUp,
) -> Option<(String, Msg)> {
    let me = me?;
    let base = if me.is_office() {
        "/office"
    } else if me.is_cluster_butler(f) {
        "/m"
    } else {
        return None;
    };
    match (&f.origin, f.household) {
        (Some(o), _) => Some((format!("{base}/patrol/runs/{}", o.run), Msg::OpenSourceRun)),
        (None, Some(h)) => Some((format!("{base}/customers/{h}"), Msg::OpenSourceHousehold)),
        (None, None) => None,
    }
}

/// `/m/follow-ups/:id` and `/office/follow-ups/:id`.
#[component]
pub fn FollowUpDetail() -> impl IntoView {
    let params = use_params_map();
    let offline = use_offline();
    let session = use_session();
    let lang = use_i18n().lang;
    let directory = use_directory();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // The record and its sync state apart: taken by the server, only the chip changes, and
    // the forms below keep what is typed and the focus.
    let record = Memo::new(move |_| {
        let id = id();
        offline.follow_ups.with(|all| {
            all.iter()
                .find(|v| v.record.id.to_string() == id)
                .map(|v| v.record.clone())
        })
    });
    let state = Memo::new(move |_| {
        let id = id();
        offline.follow_ups.with(|all| {
            all.iter()
                .find(|v| v.record.id.to_string() == id)
                .map(|v| v.state)
        })
    });
    let error = RwSignal::new(None::<Msg>);
    let return_visit = crate::customers::ReturnVisitDraft::new();
    let comment = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());

    let run = move |op: Op| {
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(write_error(e))),
            }
        });
    };
    let name_of = move |u: UserId| {
        directory
            .with(|d| d.as_ref().and_then(|d| d.name_of(u)))
            .unwrap_or_else(|| tr(Msg::SomeoneElse)().to_owned())
    };

    // The fee-collection case file a service problem came from (its amounts only for those
    // who hold it: butlers and the office).
    let case_file = move |fid: FollowUpId| {
        let office = session
            .user
            .with_untracked(|u| u.as_ref().is_some_and(|u| !u.role.works_on_phone()));
        offline.contacts.with(|cs| {
            cs.iter()
                .find(|c| c.record.note.follow_up == Some(fid))
                .map(|c| {
                    if office {
                        format!("/office/fees/case/{}", c.record.unit_id)
                    } else {
                        format!("/m/fees/{}", c.record.unit_id)
                    }
                })
        })
    };
    let body = move || {
        let Some(f) = record.get() else {
            return view! {
                <section class="card">
                    <crate::ui::NotOnDevice kind=crate::sync::RecordKind::FollowUp id=Signal::derive(id) loaded=offline.loaded/>
                </section>
            }
            .into_any();
        };
        let fid: FollowUpId = f.id;
        let me = session.user.get().map(|u| Actor::of(&u));
        let steps: Vec<FollowUpStatus> = me
            .as_ref()
            .map(|me| {
                f.next_status()
                    .into_iter()
                    .filter(|to| may_transition(me, &f, *to).is_ok())
                    .collect()
            })
            .unwrap_or_default();
        let can_reopen = me
            .as_ref()
            .is_some_and(|me| may_transition(me, &f, FollowUpStatus::Open).is_ok());
        let can_assign = me.as_ref().is_some_and(|me| me.is_office())
            && matches!(f.status, FollowUpStatus::Open | FollowUpStatus::Assigned);
        let department = f.department;
        let version = f.version;
        let public = f.public_area();
        // The return visit: shown once recorded; offered to the cluster's butler and the office
        // once the work is resolved.
        let show_return_visit = f.return_visit.is_some()
            || (me
                .as_ref()
                .is_some_and(|me| me.is_office() || me.is_cluster_butler(&f))
                && crate::domain::visit::waits_for_return_visit(&f));
        let staff = move || {
            directory.with(|d| {
                d.as_ref()
                    .map(|d| {
                        d.users
                            .iter()
                            .filter(|u| u.role == Role::Staff && u.department == Some(department))
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        };
        view! {
            <section class="card detail" data-testid="follow-up-detail" data-record=f.id.to_string()>
                <div class="item-top">
                    <h1 data-testid="follow-up-title">{f.title.clone()}</h1>
                    {f.safety_related().then(|| view! { <span class="chip overdue" data-testid="safety-chip">{tr(Msg::SafetyRelated)}</span> })}
                    {move || state.get().map(|s| view! { <StateChip state=s/> })}
                </div>
                <dl class="facts">
                    <dt>{tr(Msg::StatusLabel)}</dt>
                    <dd data-testid="follow-up-status"><StatusChip status=f.status/></dd>
                    <dt>{tr(Msg::Place)}</dt>
                    <dd data-testid="follow-up-place">{f.place.clone()}</dd>
                    <dt>{tr(Msg::DepartmentLabel)}</dt>
                    <dd>{move || Msg::department(department).text(lang.get())}</dd>
                    <dt>{tr(Msg::Assignee)}</dt>
                    <dd data-testid="follow-up-assignee">{f.assignee.map(name_of).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{tr(Msg::DueDate)}</dt>
                    <dd data-testid="follow-up-due">{f.due_date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</dd>
                    <dt>{tr(Msg::SourceLabel)}</dt>
                    <dd data-testid="follow-up-source">{f.source.clone()}</dd>
                    {f.origin.as_ref().and_then(|o| o.label.clone()).map(|label| view! {
                        <dt>{tr(Msg::CheckedItem)}</dt>
                        <dd data-testid="follow-up-item">{label}</dd>
                    })}
                </dl>
                {(!f.photos.is_empty()).then(|| view! {
                    <div class="photos" data-testid="follow-up-photos">
                        {f.photos.iter().map(|sha| view! { <crate::patrol::PhotoThumb sha=sha.clone()/> }).collect_view()}
                    </div>
                })}
                {source_link(me.as_ref(), &f).map(|(href, label)| view! {
                    <p><a class="link" href=href data-testid="follow-up-origin">{tr(label)}</a></p>
                })}
                {move || case_file(fid).map(|href| view! {
                    <p><a class="link" href=href data-testid="follow-up-case-file">{tr(Msg::OpenCaseFile)}</a></p>
                })}
                {(public && f.status == FollowUpStatus::Resolved).then(|| view! {
                    <p class="muted" data-testid="public-area-hint">{tr(Msg::PublicAreaHint)}</p>
                })}
                <div class="actions">
                    {steps
                        .into_iter()
                        .map(|to| {
                            let label = match to {
                                FollowUpStatus::InProgress => Msg::ToInProgress,
                                FollowUpStatus::Resolved => Msg::ToResolved,
                                FollowUpStatus::CustomerInformed => Msg::ToCustomerInformed,
                                FollowUpStatus::Closed if public => Msg::ToCheckedClosed,
                                _ => Msg::ToClosed,
                            };
                            view! {
                                <button
                                    class="btn primary"
                                    data-testid=format!("to-{}", to.code())
                                    on:click=move |_| run(Op::SetFollowUpStatus { id: fid, to, base_version: version })
                                >
                                    {tr(label)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <Show when=move || can_assign>
                    <div class="inline-form">
                        <select data-testid="assignee" on:change=move |ev| assignee.set(event_target_value(&ev))>
                            <option value="">{tr(Msg::Assignee)}</option>
                            {move || {
                                staff()
                                    .into_iter()
                                    .map(|u| view! { <option value=u.id.to_string()>{u.display_name}</option> })
                                    .collect_view()
                            }}
                        </select>
                        <button
                            class="btn primary"
                            data-testid="assign"
                            on:click=move |_| {
                                if let Ok(u) = assignee.get_untracked().parse::<Uuid>() {
                                    run(Op::AssignFollowUp { id: fid, assignee: UserId(u) });
                                }
                            }
                        >
                            {tr(Msg::Assign)}
                        </button>
                    </div>
                </Show>
                <Show when=move || can_reopen>
                    <div class="inline-form">
                        <input data-testid="reopen-reason" placeholder=move || tr(Msg::ReopenReason)() bind:value=reason/>
                        <button
                            class="btn secondary"
                            data-testid="reopen"
                            on:click=move |_| {
                                let r = reason.get_untracked();
                                if r.trim().is_empty() {
                                    error.set(Some(Msg::ReopenReason));
                                } else {
                                    reason.set(String::new());
                                    run(Op::ReopenFollowUp { id: fid, reason: r, base_version: version });
                                }
                            }
                        >
                            {tr(Msg::Reopen)}
                        </button>
                    </div>
                </Show>
            </section>
            {show_return_visit.then(|| view! { <crate::customers::ReturnVisitCard follow_up=f.clone() draft=return_visit/> })}
            <section class="card">
                <h2>{tr(Msg::Comments)}</h2>
                <ul class="comments" data-testid="comments">
                    {f.comments
                        .iter()
                        .map(|c| {
                            let who = name_of(c.author);
                            let role = c.author_role;
                            let at = super::estate_time(c.at);
                            view! {
                                <li>
                                    <p>{c.text.clone()}</p>
                                    <p class="muted small">
                                        {who} " · " {move || Msg::role(role).text(lang.get())} " · " {at}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <form
                    class="inline-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        let text = comment.get_untracked();
                        if text.trim().is_empty() {
                            return;
                        }
                        comment.set(String::new());
                        run(Op::CommentFollowUp { id: fid, comment_id: Uuid::now_v7(), text });
                    }
                >
                    <input data-testid="comment-text" placeholder=move || tr(Msg::AddComment)() bind:value=comment/>
                    <button class="btn primary" type="submit" data-testid="comment-send">{tr(Msg::Send)}</button>
                </form>
            </section>
            <section class="card">
                <h2>{tr(Msg::History)}</h2>
                <ol class="history">
                    {f.history
                        .iter()
                        .map(|h| {
                            let at = super::estate_time(h.at);
                            let who = name_of(h.by);
                            let what = match &h.event {
                                HistoryEvent::Created => Msg::HistoryCreated.text(lang.get_untracked()).to_owned(),
                                HistoryEvent::Assigned { assignee } => Msg::HistoryAssigned
                                    .text(lang.get_untracked())
                                    .replace("{who}", &name_of(*assignee)),
                                HistoryEvent::Status { from, to, reason } => format!(
                                    "{} → {}{}",
                                    status_msg(*from).text(lang.get_untracked()),
                                    status_msg(*to).text(lang.get_untracked()),
                                    reason.as_ref().map(|r| format!("（{r}）")).unwrap_or_default()
                                ),
                                HistoryEvent::AppliedFromConflict { .. } => Msg::HistoryApplied.text(lang.get_untracked()).to_owned(),
                            };
                            view! { <li><span class="muted small">{at} " · " {who}</span> " " {what}</li> }
                        })
                        .collect_view()}
                </ol>
            </section>
        }
        .into_any()
    };
    let office = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| !u.role.works_on_phone()))
    };
    view! {
        {body}
        <Show when=office>
            <crate::estate::AuditTrail kind="follow_up" record=Signal::derive(id)/>
        </Show>
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
        </Show>
        {move || {
            let id = id();
            offline.attention.with(|items| {
                items
                    .iter()
                    .filter(|a| a.mutation.record_id().to_string() == id)
                    .map(|a| {
                        let text = match &a.outcome.verdict {
                            crate::sync::Verdict::Refused { reason } | crate::sync::Verdict::Conflict { reason } => {
                                reason_text(reason, lang.get())
                            }
                            crate::sync::Verdict::Applied => String::new(),
                        };
                        view! { <p class="error" data-testid="attention-reason">{text}</p> }
                    })
                    .collect_view()
            })
        }}
    }
}
