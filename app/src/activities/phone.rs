//! The butler's activities (`/m/activities`) and one activity's page, on the phone and at the
//! office, offline.

use super::{headcount_text, of_id, stage, ActivityHead};
use crate::domain::activity::{
    Activity, ActivityId, Feedback, SignUp, SignUpDraft, SignUpId, MAX_PEOPLE,
};
use crate::domain::follow_up::Actor;
use crate::domain::household::Household;
use crate::domain::Role;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{queue_then, use_offline, RecordState, View};
use crate::session::{use_names, use_session};
use crate::sync::Op;
use crate::ui::{estate_time, StateChip};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The signed-in user as the rules see them.
fn actor() -> Signal<Option<Actor>> {
    let session = use_session();
    Signal::derive(move || session.user.with(|u| u.as_ref().map(Actor::of)))
}

/// `/m/activities`: every activity, those to come first, with the butler's places.
#[component]
pub fn PhoneActivities() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let me = actor();
    view! {
        <section class="card">
            <h1>{tr(Msg::NavActivities)}</h1>
            <ul class="items" data-testid="activities">
                {move || offline.activities.get().into_iter().map(|v| {
                    let a = v.record;
                    let (stage_msg, class) = stage(&a, Utc::now());
                    let mine = me.get().map(|m| (a.used_by(m.user), a.share_of(m.user))).filter(|(_, s)| *s > 0);
                    let title = a.title.clone();
                    let title_attr = title.clone();
                    view! {
                        <li class="item" data-testid="activity" data-title=title_attr>
                            <a href=format!("/m/activities/{}", a.id) data-testid="activity-link">
                                <div class="item-top">
                                    <strong>{title}</strong>
                                    <span class=class>{move || stage_msg.text(lang.get())}</span>
                                </div>
                                <p class="muted small">{estate_time(a.starts_at)} " · " {a.place.clone()}</p>
                                {mine.map(|(u, s)| view! {
                                    <p class="small" data-testid="activity-mine">{move || share_text(lang.get(), u, s)}</p>
                                })}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || offline.loaded.get() && offline.activities.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::ActNone)}</p>
            </Show>
        </section>
    }
}

/// "My places: u of s filled, l left".
fn share_text(lang: crate::i18n::Lang, used: u32, share: u32) -> String {
    Msg::ActMyShare
        .text(lang)
        .replace("{u}", &used.to_string())
        .replace("{s}", &share.to_string())
        .replace("{l}", &share.saturating_sub(used).to_string())
}

/// One activity (`/m/activities/:id`, `/office/activities/:id`): what, when, where and the
/// headcount; a butler's places with the sign-up form and their sign-ups; the office's shares,
/// the form to change the activity and move places, and every sign-up with who came; after
/// the activity, the feedback visits.
#[component]
pub fn ActivityScreen(base: &'static str) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let params = use_params_map();
    let me = actor();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|s| s.parse::<uuid::Uuid>().ok())
                .map(ActivityId)
        })
    };
    let activity = Memo::new(move |_| {
        let id = id()?;
        offline.activities.with(|all| of_id(all, id))
    });
    let office = Signal::derive(move || me.get().is_some_and(|a| a.is_office()));
    let butler = Signal::derive(move || me.get().is_some_and(|a| a.role == Role::Butler));
    let loaded_id = Memo::new(move |_| activity.with(|a| a.as_ref().map(|v| v.record.id)));
    // A butler sees their own sign-ups; the office every one. Each with whether the activity
    // has started (attendance and feedback then).
    let sign_ups = Memo::new(move |_| {
        let me = me.get();
        let now = Utc::now();
        activity.with(|a| {
            a.as_ref()
                .map(|v| {
                    let started = v.record.started(now);
                    v.record
                        .sign_ups
                        .iter()
                        .filter(|s| {
                            me.as_ref()
                                .is_some_and(|m| m.is_office() || s.butler == m.user)
                        })
                        .map(|s| (s.clone(), started))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        {move || match activity.get() {
            None => view! {
                <section class="card">
                    <p class="muted">{move || if offline.loaded.get() { tr(Msg::ActNone)() } else { tr(Msg::Loading)() }}</p>
                    <a href=format!("{base}/activities")>{tr(Msg::NavActivities)}</a>
                </section>
            }.into_any(),
            Some(v) => {
                let h = v.record.headcount();
                view! {
                    <section class="card">
                        <div class="item-top">
                            <h1 data-testid="activity-title">{v.record.title.clone()}</h1>
                            <span>
                                {(v.state != RecordState::Synced).then(|| view! { <StateChip state=v.state/> " " })}
                                <a class="btn secondary no-print" href=format!("{base}/activities")>{tr(Msg::NavActivities)}</a>
                            </span>
                        </div>
                        <ActivityHead activity=v.record.clone()/>
                        <p data-testid="activity-headcount">{move || headcount_text(&h, lang.get())}</p>
                    </section>
                }.into_any()
            }
        }}
        <Show when=move || butler.get() && activity.with(Option::is_some)>
            <SignUpForm activity=activity/>
        </Show>
        <Show when=move || office.get() && activity.with(Option::is_some)>
            <Shares activity=activity/>
        </Show>
        <section class="card">
            <h2>{tr(Msg::ActSignUps)}</h2>
            <ul class="items" data-testid="sign-ups">
                <For
                    each=move || sign_ups.get()
                    key=|(s, started)| (s.id, *started, s.cancelled_at.is_some(), s.attended, s.feedback.as_ref().map(|f| f.rating))
                    let:s
                >
                    <SignUpLine activity=activity sign_up=s.0 started=s.1/>
                </For>
            </ul>
        </section>
        <Show when=move || office.get()>
            {move || loaded_id.get().map(|_| view! {
                <super::office::ActivityForm existing=activity.get_untracked().map(|v| v.record)/>
            })}
        </Show>
    }
}

/// Each butler's places: the share, filled, left; what is not given to anyone (office).
#[component]
fn Shares(activity: Memo<Option<View<Activity>>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let (name_of, _) = use_names();
    view! {
        <section class="card">
            <h2>{tr(Msg::ActShares)}</h2>
            <table class="grid" data-testid="activity-shares">
                <thead><tr>
                    <th>{tr(Msg::ActButler)}</th><th>{tr(Msg::ActCapacity)}</th><th>{tr(Msg::ActFilled)}</th><th>{tr(Msg::ActLeft)}</th>
                </tr></thead>
                <tbody>
                    {move || activity.get().map(|v| {
                        let a = v.record;
                        a.shares.iter().map(|s| {
                            let b = s.butler;
                            view! {
                                <tr data-testid="share-row" data-butler=name_of(b)>
                                    <td>{name_of(b)}</td>
                                    <td data-testid="share-places">{s.places}</td>
                                    <td data-testid="share-used">{a.used_by(b)}</td>
                                    <td>{a.left_for(b)}</td>
                                </tr>
                            }
                        }).collect_view()
                    })}
                </tbody>
            </table>
            <p class="muted small">{move || activity.get().map(|v| Msg::ActUnshared.with(lang.get(), v.record.unshared()))}</p>
        </section>
    }
}

/// The butler's places and the form to sign a household of their clusters up: find it by
/// unit or name, the number of people; refused on the phone beyond their share, after the
/// deadline or twice.
#[component]
fn SignUpForm(activity: Memo<Option<View<Activity>>>) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let me = actor();
    let find = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<Household>);
    let people = RwSignal::new("1".to_owned());
    let error = RwSignal::new(None::<Msg>);
    let share = move || {
        let me = me.get()?;
        activity.with(|a| {
            a.as_ref()
                .map(|v| (v.record.used_by(me.user), v.record.share_of(me.user)))
        })
    };
    let open = move || activity.with(|a| a.as_ref().is_some_and(|v| v.record.open_at(Utc::now())));
    let matches = Memo::new(move |_| {
        let q = find.get().trim().to_lowercase();
        if q.is_empty() {
            return vec![];
        }
        let clusters = me.get().map(|m| m.clusters).unwrap_or_default();
        // Households already signed up are not offered again.
        let signed: Vec<crate::domain::UnitId> = activity.with(|a| {
            a.as_ref()
                .map(|v| {
                    v.record
                        .sign_ups
                        .iter()
                        .filter(|s| s.active())
                        .map(|s| s.unit_id)
                        .collect()
                })
                .unwrap_or_default()
        });
        offline.households.with(|all| {
            all.iter()
                .map(|h| &h.record)
                .filter(|h| clusters.contains(&h.cluster_id) && !signed.contains(&h.unit_id))
                .filter(|h| {
                    h.unit_code.to_lowercase().contains(&q) || h.name.to_lowercase().contains(&q)
                })
                .take(6)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let save = move |_| {
        let Some(me) = me.get_untracked() else { return };
        let Some(a) = activity.get_untracked().map(|v| v.record) else {
            return;
        };
        let Some(h) = chosen.get_untracked() else {
            return error.set(Some(Msg::ActProblemHousehold));
        };
        let Ok(n) = people.get_untracked().trim().parse::<u32>() else {
            return error.set(Some(Msg::ActProblemPeople));
        };
        let draft = SignUpDraft {
            id: SignUpId(uuid::Uuid::now_v7()),
            cluster_id: h.cluster_id,
            unit_id: h.unit_id,
            unit: h.unit_code.clone(),
            name: h.name.clone(),
            people: n,
            at: Utc::now(),
        };
        if let Err(p) = a.check_sign_up(me.user, &draft, Utc::now()) {
            return error.set(Some(Msg::activity_problem(p)));
        }
        queue_then(
            Op::SignUpForActivity {
                id: a.id,
                sign_up: draft,
            },
            error,
            move || {
                chosen.set(None);
                find.set(String::new());
                people.set("1".to_owned());
            },
        );
    };
    view! {
        <section class="card" data-testid="sign-up-form">
            <h2>{tr(Msg::ActSignUpTitle)}</h2>
            {move || match share() {
                Some((u, s)) if s > 0 => view! { <p data-testid="my-share">{move || share_text(lang.get(), u, s)}</p> }.into_any(),
                _ => view! { <p class="muted" data-testid="no-share">{tr(Msg::ActNoShare)}</p> }.into_any(),
            }}
            <Show when=move || open() fallback=|| view! { <p class="muted" data-testid="sign-up-closed">{tr(Msg::ActClosed)}</p> }>
                <label><span>{tr(Msg::ActFindHousehold)}</span>
                    <input data-testid="sign-up-find" bind:value=find on:input=move |_| chosen.set(None)/>
                </label>
                <Show when=move || chosen.get().is_none()>
                    <ul class="chips" data-testid="sign-up-matches">
                        {move || matches.get().into_iter().map(|h| {
                            let label = format!("{} {}", h.unit_code, h.name);
                            let pick = h.clone();
                            view! {
                                <li><button class="chip" data-testid="sign-up-match" data-unit=h.unit_code.clone()
                                    on:click=move |_| { find.set(format!("{} {}", pick.unit_code, pick.name)); chosen.set(Some(pick.clone())); }>
                                    {label}
                                </button></li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
                <label><span>{tr(Msg::ActPeople)}</span>
                    <input type="number" min="1" max=MAX_PEOPLE.to_string() data-testid="sign-up-people" bind:value=people/>
                </label>
                <button class="btn primary" data-testid="sign-up-save" on:click=save>{tr(Msg::ActSignUp)}</button>
            </Show>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="sign-up-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </section>
    }
}

/// One household's sign-up: people, who signed them up and when; cancel before the activity;
/// who came (office); the feedback visit after it.
#[component]
fn SignUpLine(
    activity: Memo<Option<View<Activity>>>,
    sign_up: SignUp,
    started: bool,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let (name_of, _) = use_names();
    let me = actor();
    let error = RwSignal::new(None::<Msg>);
    let writing = RwSignal::new(false);
    let rating = RwSignal::new("0".to_owned());
    let comments = RwSignal::new(String::new());
    let suggestions = RwSignal::new(String::new());
    let s = sign_up;
    let sid = s.id;
    let current = move || activity.get_untracked().map(|v| v.record);
    let office = me.get_untracked().is_some_and(|m| m.is_office());
    let may_ask = me.get_untracked().is_some_and(|m| {
        m.is_office() || (m.role == Role::Butler && m.clusters.contains(&s.cluster_id))
    });
    let cancel = move |_| {
        let Some(a) = current() else { return };
        if let Err(p) = a.check_cancel(sid, Utc::now()) {
            return error.set(Some(Msg::activity_problem(p)));
        }
        queue_then(
            Op::CancelSignUp {
                id: a.id,
                sign_up: sid,
            },
            error,
            || {},
        );
    };
    let attend = move |came: bool| {
        let Some(a) = current() else { return };
        if let Err(p) = a.check_after(sid, Utc::now()) {
            return error.set(Some(Msg::activity_problem(p)));
        }
        queue_then(
            Op::RecordAttendance {
                id: a.id,
                sign_up: sid,
                attended: came,
            },
            error,
            || {},
        );
    };
    let record = move |_| {
        let Some(a) = current() else { return };
        let f = Feedback {
            rating: rating.get_untracked().parse().unwrap_or(0),
            comments: comments.get_untracked(),
            suggestions: suggestions.get_untracked(),
            at: Utc::now(),
            by: None,
        };
        if let Err(p) = a.check_feedback(sid, &f, Utc::now()) {
            return error.set(Some(Msg::activity_problem(p)));
        }
        queue_then(
            Op::RecordActivityFeedback {
                id: a.id,
                sign_up: sid,
                feedback: f,
            },
            error,
            move || writing.set(false),
        );
    };
    let active = s.active();
    let feedback = s.feedback.clone();
    let has_feedback = feedback.is_some();
    view! {
        <li class="item" data-testid="sign-up" data-unit=s.unit.clone() data-active=active.to_string()>
            <div class="item-top">
                <strong>{s.unit.clone()} " " {s.name.clone()} " · " {move || Msg::ActPeopleN.with(lang.get(), s.people)}</strong>
                <span>
                    {(!active).then(|| view! { <span class="chip">{tr(Msg::ActCancelled)}</span> })}
                    {s.attended.map(|came| view! {
                        <span class=if came { "chip board-done" } else { "chip warn" } data-testid="sign-up-attended">
                            {move || if came { Msg::ActAttended.text(lang.get()) } else { Msg::ActAbsent.text(lang.get()) }}
                        </span>
                    })}
                </span>
            </div>
            <p class="muted small">
                {tr(Msg::ActSignedAt)} " " {estate_time(s.at)}
                {office.then(|| format!(" · {}", name_of(s.butler)))}
            </p>
            {feedback.map(|f| view! {
                <p data-testid="sign-up-feedback">
                    {tr(Msg::ActRating)} " " <strong>{f.rating}</strong> " / 5"
                    {(!f.comments.is_empty()).then(|| format!(" · {}", f.comments))}
                    {(!f.suggestions.is_empty()).then(|| view! { <br/> {tr(Msg::ActSuggestions)} "：" {f.suggestions.clone()} })}
                </p>
            })}
            <div class="actions no-print">
                {(active && !started && (office || me.get_untracked().is_some_and(|m| m.user == s.butler))).then(|| view! {
                    <button class="btn secondary small" data-testid="sign-up-cancel" on:click=cancel>{tr(Msg::ActCancel)}</button>
                })}
                {(active && started && office).then(|| view! {
                    <button class="btn secondary small" data-testid="attended-yes" on:click=move |_| attend(true)>{tr(Msg::ActAttended)}</button>
                    <button class="btn secondary small" data-testid="attended-no" on:click=move |_| attend(false)>{tr(Msg::ActAbsent)}</button>
                })}
                {(active && started && may_ask && !has_feedback).then(|| view! {
                    <button class="btn secondary small" data-testid="feedback-open" on:click=move |_| writing.update(|w| *w = !*w)>{tr(Msg::ActFeedback)}</button>
                })}
            </div>
            <Show when=move || writing.get()>
                <div class="form-grid" data-testid="feedback-form">
                    <label><span>{tr(Msg::ActRating)}</span>
                        <select data-testid="feedback-rating" on:change=move |ev| rating.set(event_target_value(&ev))>
                            <option value="0">"—"</option>
                            {(1..=5).rev().map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                        </select>
                    </label>
                    <label><span>{tr(Msg::ActComments)}</span><textarea data-testid="feedback-comments" bind:value=comments></textarea></label>
                    <label><span>{tr(Msg::ActSuggestions)}</span><textarea data-testid="feedback-suggestions" bind:value=suggestions></textarea></label>
                    <button class="btn primary" data-testid="feedback-save" on:click=record>{tr(Msg::ActRecordFeedback)}</button>
                </div>
            </Show>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </li>
    }
}
