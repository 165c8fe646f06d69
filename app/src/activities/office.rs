//! `/office/activities` (社区活动登记): the form to announce an activity with each butler's
//! places, and the register of every activity — places, sign-ups (households and people),
//! who came, feedback visits and their average rating; print and .xlsx. The same form on an
//! activity's page changes it and moves places between butlers.

use super::{local_input, parse_local, stage};
use crate::domain::activity::{Activity, ActivityDraft, ActivityId, Share};
use crate::domain::{Role, UserId};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{queue_then, use_offline};
use crate::session::use_directory;
use crate::sync::Op;
use crate::ui::estate_time;
use chrono::{Duration, Utc};
use leptos::prelude::*;

/// 社区活动登记: the announce form and the register.
#[component]
pub fn ActivityRegister() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    view! {
        <ActivityForm existing=None/>
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::ActivityRegister)}</h1>
                <div class="actions no-print">
                    <a class="btn secondary" href="/api/v1/activities/register.xlsx" download="activity-register.xlsx" data-testid="export-xlsx">{tr(Msg::ExportXlsx)}</a>
                    <button class="btn secondary" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <table class="grid register" data-testid="activity-register">
                <thead><tr>
                    <th>{tr(Msg::ActTitle)}</th>
                    <th>{tr(Msg::ActStarts)}</th>
                    <th>{tr(Msg::ActPlace)}</th>
                    <th>{tr(Msg::ActCapacity)}</th>
                    <th>{tr(Msg::ActSignUps)}</th>
                    <th>{tr(Msg::ActAttendance)}</th>
                    <th>{tr(Msg::ActFeedback)}</th>
                    <th>{tr(Msg::ActAverage)}</th>
                    <th class="no-print"></th>
                </tr></thead>
                <tbody>
                    {move || offline.activities.get().into_iter().map(|v| {
                        let a = v.record;
                        let h = a.headcount();
                        let (stage_msg, class) = stage(&a, Utc::now());
                        view! {
                            <tr data-testid="activity-row" data-title=a.title.clone()>
                                <td>{a.title.clone()} " " <span class=class>{move || stage_msg.text(lang.get())}</span></td>
                                <td>{estate_time(a.starts_at)}</td>
                                <td>{a.place.clone()}</td>
                                <td data-testid="col-capacity">{a.capacity}</td>
                                <td data-testid="col-signed-up">{move || Msg::ActHeadcount.text(lang.get()).replace("{h}", &h.households.to_string()).replace("{p}", &h.people.to_string())}</td>
                                <td data-testid="col-attended">{h.attended}</td>
                                <td data-testid="col-feedback">{h.feedback}</td>
                                <td data-testid="col-average">{h.average_text()}</td>
                                <td class="no-print"><a href=format!("/office/activities/{}", a.id) data-testid="activity-open">{tr(Msg::DocOpen)}</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=move || offline.loaded.get() && offline.activities.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::ActNone)}</p>
            </Show>
        </section>
    }
}

/// The form to announce an activity (`existing` `None`) or change one: title, what it is,
/// place, when it starts, when sign-ups close, places in all and each butler's share.
/// Checked here as the rule checks it (a share below its butler's sign-ups is refused with a
/// message), then queued.
#[component]
pub fn ActivityForm(existing: Option<Activity>) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let directory = use_directory();
    let editing = existing.as_ref().map(|a| a.id);
    let start = existing
        .as_ref()
        .map_or_else(|| Utc::now() + Duration::days(14), |a| a.starts_at);
    let deadline = existing
        .as_ref()
        .map_or(start - Duration::days(2), |a| a.deadline);
    let title = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.title.clone())
            .unwrap_or_default(),
    );
    let description = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.description.clone())
            .unwrap_or_default(),
    );
    let place = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.place.clone())
            .unwrap_or_default(),
    );
    let starts = RwSignal::new(local_input(start));
    let closes = RwSignal::new(local_input(deadline));
    let capacity = RwSignal::new(
        existing
            .as_ref()
            .map(|a| a.capacity.to_string())
            .unwrap_or_default(),
    );
    // Each butler's places as typed, by butler: those in the directory and any holding a share.
    let shares = RwSignal::new(
        existing
            .as_ref()
            .map(|a| {
                a.shares
                    .iter()
                    .map(|s| (s.butler, s.places.to_string()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let butlers = Memo::new(move |_| {
        let mut out: Vec<(UserId, String)> = directory.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.users
                        .iter()
                        .filter(|u| u.role == Role::Butler)
                        .map(|u| (u.id, u.display_name.clone()))
                        .collect()
                })
                .unwrap_or_default()
        });
        for (b, _) in shares.get_untracked() {
            if !out.iter().any(|(x, _)| *x == b) {
                out.push((b, String::new()));
            }
        }
        out
    });
    let places_of = move |b: UserId| {
        shares.with(|s| {
            s.iter()
                .find(|(x, _)| *x == b)
                .map(|(_, p)| p.clone())
                .unwrap_or_default()
        })
    };
    let set_places = move |b: UserId, v: String| {
        shares.update(|s| {
            s.retain(|(x, _)| *x != b);
            s.push((b, v));
        })
    };
    let unshared = move || {
        let total: u32 = shares.with(|s| {
            s.iter()
                .filter_map(|(_, p)| p.trim().parse::<u32>().ok())
                .sum()
        });
        capacity
            .with(|c| c.trim().parse::<u32>().ok())
            .map(|c| c.saturating_sub(total))
    };
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    let id = RwSignal::new(editing.unwrap_or_else(|| ActivityId(uuid::Uuid::now_v7())));
    let save = move |_| {
        saved.set(false);
        let (Some(starts_at), Some(deadline)) = (
            parse_local(&starts.get_untracked()),
            parse_local(&closes.get_untracked()),
        ) else {
            return error.set(Some(Msg::ActNeedTimes));
        };
        let Ok(places) = capacity.get_untracked().trim().parse::<u32>() else {
            return error.set(Some(Msg::ActProblemCapacity));
        };
        let mut list = Vec::new();
        for (b, p) in shares.get_untracked() {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let Ok(places) = p.parse::<u32>() else {
                return error.set(Some(Msg::ActProblemShares));
            };
            list.push(Share { butler: b, places });
        }
        let draft = ActivityDraft {
            title: title.get_untracked(),
            description: description.get_untracked(),
            place: place.get_untracked(),
            starts_at,
            deadline,
            capacity: places,
            shares: list,
        };
        let current = editing.and_then(|id| {
            offline
                .activities
                .with_untracked(|all| super::of_id(all, id))
                .map(|v| v.record)
        });
        let checked = match &current {
            Some(a) => a.check_change(&draft),
            None => draft.check(),
        };
        if let Err(p) = checked {
            return error.set(Some(Msg::activity_problem(p)));
        }
        queue_then(
            Op::SaveActivity {
                id: id.get_untracked(),
                draft,
            },
            error,
            move || {
                saved.set(true);
                if editing.is_none() {
                    id.set(ActivityId(uuid::Uuid::now_v7()));
                    title.set(String::new());
                    description.set(String::new());
                    place.set(String::new());
                    capacity.set(String::new());
                    shares.set(vec![]);
                }
            },
        );
    };
    view! {
        <section class="card no-print" data-testid="activity-form">
            <h2>{move || if editing.is_some() { Msg::ActChange.text(lang.get()) } else { Msg::ActNew.text(lang.get()) }}</h2>
            <div class="form-grid">
                <label><span>{tr(Msg::ActTitle)}</span><input data-testid="activity-title-input" bind:value=title/></label>
                <label><span>{tr(Msg::ActPlace)}</span><input data-testid="activity-place" bind:value=place/></label>
                <label><span>{tr(Msg::ActStarts)}</span><input type="datetime-local" data-testid="activity-starts" bind:value=starts/></label>
                <label><span>{tr(Msg::ActDeadline)}</span><input type="datetime-local" data-testid="activity-deadline" bind:value=closes/></label>
                <label><span>{tr(Msg::ActCapacity)}</span><input type="number" min="1" data-testid="activity-capacity" bind:value=capacity/></label>
            </div>
            <label><span>{tr(Msg::ActDescription)}</span><textarea data-testid="activity-description" bind:value=description></textarea></label>
            <fieldset class="choices" data-testid="activity-share-inputs">
                <legend>{tr(Msg::ActShares)}</legend>
                {move || butlers.get().into_iter().map(|(b, name)| view! {
                    <label class="share">
                        <span>{name.clone()}</span>
                        <input type="number" min="0" data-testid="activity-share" data-butler=name.clone()
                            prop:value=move || places_of(b)
                            on:input=move |ev| set_places(b, event_target_value(&ev))/>
                    </label>
                }).collect_view()}
                <p class="muted small" data-testid="activity-unshared">{move || unshared().map(|n| Msg::ActUnshared.with(lang.get(), n))}</p>
            </fieldset>
            <button class="btn primary" data-testid="activity-save" on:click=save>
                {move || if editing.is_some() { Msg::ActSave.text(lang.get()) } else { Msg::ActAnnounce.text(lang.get()) }}
            </button>
            <Show when=move || saved.get()>
                <p role="status" data-testid="activity-saved">{tr(Msg::ActSaved)}</p>
            </Show>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="activity-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </section>
    }
}
