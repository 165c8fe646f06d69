//! "Needs attention" (需处理): this device's refused or conflicting changes (for the office:
//! everyone's), each with its reason and a way to settle it.

use super::reason_text;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline};
use crate::session::use_session;
use crate::sync::{RecordKind, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `/m/attention` and `/office/attention`.
#[component]
pub fn AttentionList(base: &'static str) -> impl IntoView {
    let offline = use_offline();
    let session = use_session();
    let lang = use_i18n().lang;
    let (name_of, _) = crate::session::use_names();
    let office = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| !u.role.works_on_phone()))
    };
    view! {
        <section class="card">
            <h1>{tr(Msg::NeedsAttention)}</h1>
            <Show
                when=move || !offline.attention.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">{tr(Msg::NothingNeedsAttention)}</p> }
            >
                <ul class="items" data-testid="attention-list">
                    <For each=move || offline.attention.get() key=|a| (a.device_id, a.seq) let:a>
                        {
                            let (device, seq) = (a.device_id, a.seq);
                            let conflict = matches!(a.outcome.verdict, Verdict::Conflict { .. });
                            let flagged = a.outcome.verdict == Verdict::Applied;
                            let reason = match &a.outcome.verdict {
                                Verdict::Refused { reason } | Verdict::Conflict { reason } => Some(reason.clone()),
                                Verdict::Applied => a.outcome.notice.clone(),
                            };
                            let record = a.mutation.record_id();
                            let op_name = a.mutation.op.name();
                            let delivery = a.mutation.op.kind() == RecordKind::Delivery;
                            let activity = a.mutation.op.kind() == RecordKind::Activity;
                            let what = describe(&a.mutation.op, offline, lang.get_untracked());
                            let phone = base.starts_with("/m");
                            let root = if phone { "/m" } else { "/office" };
                            // Who made it and when, by the device's clock (the office sees
                            // everyone's; a butler's own list shows only the time).
                            let sender = a.user_id;
                            let made = super::estate_time(a.mutation.device_time);
                            let link = match a.mutation.op.kind() {
                                RecordKind::FollowUp => Some((format!("{base}/{record}"), Msg::TabFollowUps)),
                                RecordKind::Run if phone => Some((format!("/m/patrol/runs/{record}"), Msg::TabPatrol)),
                                RecordKind::Run => Some((format!("/office/patrol/runs/{record}"), Msg::TabPatrol)),
                                RecordKind::Unit if phone => Some((format!("/m/units/{record}"), Msg::UnitLabel)),
                                RecordKind::Household if phone => Some((format!("/m/customers/{record}"), Msg::TabCustomers)),
                                RecordKind::Household => Some((format!("/office/customers/{record}"), Msg::CustomerLedger)),
                                RecordKind::Visit if phone => Some(("/m/customers".to_owned(), Msg::TabCustomers)),
                                RecordKind::Visit => Some(("/office/customers".to_owned(), Msg::CustomerLedger)),
                                RecordKind::Complaint if phone => Some((format!("/m/complaints/{record}"), Msg::Complaints)),
                                RecordKind::Complaint => Some((format!("/office/complaints/{record}"), Msg::ComplaintRegister)),
                                RecordKind::Collection if phone => Some(("/m/fees".to_owned(), Msg::NavFees)),
                                RecordKind::Collection => Some(("/office/fees/register".to_owned(), Msg::CollectionRegister)),
                                RecordKind::Notice if phone => Some(("/m/notices".to_owned(), Msg::NavNotices)),
                                RecordKind::Notice => Some(("/office/notices".to_owned(), Msg::NoticeRegister)),
                                RecordKind::Delivery => offline.deliveries.with_untracked(|ds| {
                                    ds.iter().find(|d| d.record.id.0 == record).map(|d| (format!("{root}/documents/{}", d.record.document.id), Msg::NavDocuments))
                                }),
                                RecordKind::Activity => Some((format!("{root}/activities/{record}"), Msg::NavActivities)),
                                RecordKind::Place if !phone => Some(("/office/places".to_owned(), Msg::NavPlaces)),
                                RecordKind::Unit | RecordKind::Place | RecordKind::Template | RecordKind::Arrears => None,
                            };
                            view! {
                                <li class="item" data-testid="attention-item" data-op=a.mutation.op.name()>
                                    <div class="item-top">
                                        <strong>{move || match Msg::action(op_name) {
                                            Some(m) => m.text(lang.get()),
                                            None => op_name,
                                        }}</strong>
                                        <span class=if conflict || flagged { "state conflict" } else { "state refused" }>
                                            {move || if flagged { tr(Msg::Overwrote)() } else if conflict { tr(Msg::Conflict)() } else { tr(Msg::Refused)() }}
                                        </span>
                                    </div>
                                    {what.map(|w| view! { <p data-testid="attention-what">{w}</p> })}
                                    <p class="muted small" data-testid="attention-from">
                                        {move || {
                                            let who = sender
                                                .filter(|_| office())
                                                .map(|u| format!("{} · ", name_of(u)))
                                                .unwrap_or_default();
                                            format!("{who}{} {made}", Msg::MadeOnDevice.text(lang.get()))
                                        }}
                                    </p>
                                    <p data-testid="attention-reason">{move || reason.as_ref().map(|r| match (delivery, r) {
                                        // A document's delivery: the refusal in its own words.
                                        (true, crate::sync::Reason::Locked) => Msg::DocLockedConflict.text(lang.get()).to_owned(),
                                        (true, crate::sync::Reason::Invalid { field }) => crate::documents::problem_of_field(field)
                                            .map(|p| Msg::delivery_problem(p).text(lang.get()).to_owned())
                                            .unwrap_or_else(|| reason_text(r, lang.get())),
                                        // An activity's: a sign-up beyond the share, a share below the sign-ups.
                                        (_, crate::sync::Reason::Invalid { field }) if activity => crate::domain::activity::ActivityProblem::of_field(field)
                                            .map(|p| Msg::activity_problem(p).text(lang.get()).to_owned())
                                            .unwrap_or_else(|| reason_text(r, lang.get())),
                                        _ => reason_text(r, lang.get()),
                                    })}</p>
                                    <div class="actions">
                                        {link.map(|(href, label)| view! { <a class="btn secondary small" href=href>{tr(label)}</a> })}
                                        <Show when=move || flagged>
                                            <button
                                                class="btn primary small"
                                                data-testid="attention-ack"
                                                on:click=move |_| {
                                                    spawn_local(async move {
                                                        offline::settle_attention(device, seq, true).await;
                                                    })
                                                }
                                            >
                                                {tr(Msg::Acknowledge)}
                                            </button>
                                        </Show>
                                        <Show when=move || office() && !flagged>
                                            <button
                                                class="btn primary small"
                                                data-testid="attention-apply"
                                                on:click=move |_| {
                                                    spawn_local(async move {
                                                        offline::settle_attention(device, seq, true).await;
                                                    })
                                                }
                                            >
                                                {tr(Msg::Apply)}
                                            </button>
                                        </Show>
                                        <button
                                            class="btn secondary small"
                                            class:hidden=flagged
                                            data-testid="attention-discard"
                                            on:click=move |_| {
                                                spawn_local(async move {
                                                    offline::settle_attention(device, seq, false).await;
                                                })
                                            }
                                        >
                                            {tr(Msg::Discard)}
                                        </button>
                                    </div>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// What a unit's or a household's change was, in a few words: the unit or household and the
/// new value, from the local store.
fn describe(
    op: &crate::sync::Op,
    offline: crate::offline::Offline,
    lang: crate::i18n::Lang,
) -> Option<String> {
    use crate::sync::Op;
    match op {
        Op::RecordOccupancy {
            unit,
            state,
            effective_date,
            household,
            ..
        } => {
            let code = offline
                .units
                .with_untracked(|u| crate::vacant::unit_code_of(u, *unit))
                .unwrap_or_default();
            Some(format!(
                "{code} · {} · {effective_date} {household}",
                crate::vacant::occupancy_msg(*state).text(lang)
            ))
        }
        Op::RecordHandover { id, .. }
        | Op::PostDocument { id, .. }
        | Op::CallAboutDocument { id, .. } => offline.deliveries.with_untracked(|ds| {
            ds.iter()
                .map(|d| &d.record)
                .find(|d| d.id == *id)
                .map(|d| format!("{} · {} {}", d.document.title, d.unit, d.name))
        }),
        Op::SignUpForActivity { id, sign_up } => offline.activities.with_untracked(|all| {
            all.iter()
                .map(|a| &a.record)
                .find(|a| a.id == *id)
                .map(|a| {
                    format!(
                        "{} · {} {} · {}",
                        a.title,
                        sign_up.unit,
                        sign_up.name,
                        crate::i18n::Msg::ActPeopleN.with(lang, sign_up.people)
                    )
                })
        }),
        Op::SaveActivity { draft, .. } => Some(draft.title.clone()),
        Op::CancelSignUp { id, sign_up }
        | Op::RecordAttendance { id, sign_up, .. }
        | Op::RecordActivityFeedback { id, sign_up, .. } => {
            offline.activities.with_untracked(|all| {
                all.iter()
                    .map(|a| &a.record)
                    .find(|a| a.id == *id)
                    .map(|a| {
                        let who = a
                            .sign_up(*sign_up)
                            .map(|s| format!(" · {} {}", s.unit, s.name))
                            .unwrap_or_default();
                        format!("{}{who}", a.title)
                    })
            })
        }
        Op::CorrectHousehold {
            household, value, ..
        } => {
            let who = offline.households.with_untracked(|all| {
                all.iter()
                    .map(|h| &h.record)
                    .find(|h| h.id == *household)
                    .map(|h| format!("{} {}", h.unit_code, h.name))
            });
            Some(format!("{} → {value}", who.unwrap_or_default()))
        }
        _ => None,
    }
}
