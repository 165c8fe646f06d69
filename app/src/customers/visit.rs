//! Recording a visit note on the phone, offline: how the customer was met, who, what was said,
//! and any number of questions — each answered on the spot or referred to a department as a
//! follow-up for the household. The follow-ups and the visit are written by one tap, in one
//! IndexedDB transaction. And the return-visit form of a resolved follow-up.

use crate::domain::follow_up::{FollowUp, FollowUpId};
use crate::domain::household::Household;
use crate::domain::visit::{VisitChannel, VisitId, VisitItem};
use crate::domain::Department;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline;
use crate::sync::Op;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

fn channel_msg(c: VisitChannel) -> Msg {
    match c {
        VisitChannel::Appointment => Msg::ByAppointment,
        VisitChannel::MetOnTheWay => Msg::MetOnTheWay,
        VisitChannel::Phone => Msg::ChannelPhone,
    }
}

/// A question being written down, before the visit is saved.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    question: String,
    answer: String,
    refer_to: Option<Department>,
}

/// The visit form of a household.
#[component]
pub fn VisitForm(household: Memo<Option<Household>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = crate::session::use_directory();
    let channel = RwSignal::new(VisitChannel::Appointment.code().to_owned());
    let met = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    // When it took place, in the estate's clock (empty: now).
    let when = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<Draft>::new());
    let question = RwSignal::new(String::new());
    let answer = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    let add = move |_| {
        let q = question.get_untracked();
        if q.trim().is_empty() {
            return error.set(Some(Msg::NoteNeeded));
        }
        let refer_to = department.get_untracked().parse::<Department>().ok();
        let a = answer.get_untracked();
        if refer_to.is_none() && a.trim().is_empty() {
            return error.set(Some(Msg::AnswerOrRefer));
        }
        // One or the other: an answer typed with a referral chosen would be dropped unseen.
        if refer_to.is_some() && !a.trim().is_empty() {
            return error.set(Some(Msg::AnswerOrReferNotBoth));
        }
        items.update(|i| {
            i.push(Draft {
                question: q,
                answer: a,
                refer_to,
            })
        });
        // Each question starts blank: nothing of the last one carries over.
        question.set(String::new());
        answer.set(String::new());
        department.set(String::new());
        error.set(None);
    };
    let save = move |_| {
        let Some(h) = household.get_untracked() else {
            return;
        };
        let drafts = items.get_untracked();
        if said.with_untracked(|s| s.trim().is_empty()) && drafts.is_empty() {
            return error.set(Some(Msg::NoteNeeded));
        }
        let Ok(channel) = (match channel.get_untracked().as_str() {
            "met_on_the_way" => Ok(VisitChannel::MetOnTheWay),
            "phone" => Ok(VisitChannel::Phone),
            "appointment" => Ok(VisitChannel::Appointment),
            _ => Err(()),
        }) else {
            return;
        };
        let typed =
            when.with_untracked(|w| crate::domain::time::typed_past_time(w, chrono::Utc::now()));
        let Some(at) = typed else {
            return error.set(Some(Msg::VisitTimeLater));
        };
        let mut ops = vec![];
        let mut visit_items = vec![];
        for d in drafts {
            let follow_up = d.refer_to.map(|dept| {
                let id = FollowUpId(Uuid::now_v7());
                ops.push(Op::CreateFollowUp {
                    id,
                    cluster_id: h.cluster_id,
                    place: h.unit_code.clone(),
                    source: Msg::CustomerVisit.text(lang.get_untracked()).to_owned(),
                    title: d.question.chars().take(200).collect(),
                    department: dept,
                    due_date: Some(
                        directory
                            .with_untracked(|d| crate::session::default_due_date(d.as_ref(), dept)),
                    ),
                    origin: None,
                    photos: vec![],
                    household: Some(h.id),
                    facility: None,
                });
                id
            });
            visit_items.push(VisitItem {
                question: d.question,
                answer: follow_up.is_none().then_some(d.answer),
                follow_up,
            });
        }
        ops.push(Op::RecordVisit {
            id: VisitId(Uuid::now_v7()),
            household: h.id,
            channel,
            at,
            met: met.get_untracked(),
            said: said.get_untracked(),
            items: visit_items,
        });
        spawn_local(async move {
            match offline::queue_all(ops).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                    items.set(vec![]);
                    met.set(String::new());
                    said.set(String::new());
                    when.set(String::new());
                    question.set(String::new());
                    answer.set(String::new());
                    department.set(String::new());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <section class="card" data-testid="visit-form">
            <h2>{tr(Msg::RecordVisit)}</h2>
            <label>
                <span>{tr(Msg::ChannelLabel)}</span>
                <select data-testid="visit-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                    {VisitChannel::ALL.into_iter().map(|c| view! {
                        <option value=c.code()>{move || channel_msg(c).text(lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>
                <span>{tr(Msg::VisitTime)}</span>
                <input type="datetime-local" data-testid="visit-when" bind:value=when/>
            </label>
            <label><span>{tr(Msg::WhoWasMet)}</span><input data-testid="visit-met" bind:value=met/></label>
            <label><span>{tr(Msg::WhatWasSaid)}</span><textarea data-testid="visit-said" bind:value=said></textarea></label>
            <ul class="list" data-testid="visit-items">
                {move || items.get().into_iter().enumerate().map(|(n, d)| view! {
                    <li data-testid="visit-item" class="item-top">
                        <span>
                            {d.question.clone()}" → "
                            {match d.refer_to {
                                Some(dept) => view! { <span class="chip">{move || Msg::ReferredTo.text(lang.get()).replace("{d}", Msg::department(dept).text(lang.get()))}</span> }.into_any(),
                                None => view! { <span data-testid="visit-item-answer">{d.answer.clone()}</span> }.into_any(),
                            }}
                        </span>
                        <button type="button" class="btn link" data-testid="visit-remove-item"
                            on:click=move |_| items.update(|i| { if n < i.len() { i.remove(n); } })>
                            {tr(Msg::RemoveQuestion)}
                        </button>
                    </li>
                }).collect_view()}
            </ul>
            <fieldset class="section-edit">
                <legend>{tr(Msg::AddQuestion)}</legend>
                <label><span>{tr(Msg::QuestionLabel)}</span><input data-testid="visit-question" bind:value=question/></label>
                <label><span>{tr(Msg::AnswerOnTheSpot)}</span><input data-testid="visit-answer" bind:value=answer/></label>
                <label>
                    <span>{tr(Msg::OrReferTo)}</span>
                    <select data-testid="visit-refer" on:change=move |ev| department.set(event_target_value(&ev))
                        prop:value=move || department.get()>
                        <option value="">{tr(Msg::NotReferred)}</option>
                        {Department::ALL.into_iter().map(|d| view! {
                            <option value=d.code()>{move || Msg::department(d).text(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="btn secondary" data-testid="visit-add-item" on:click=add>{tr(Msg::AddQuestion)}</button>
            </fieldset>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert" data-testid="visit-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            <Show when=move || saved.get() && error.with(Option::is_none)>
                <p class="ok" role="status" data-testid="visit-saved">{tr(Msg::SavedLocally)}</p>
            </Show>
            <button class="btn primary wide" data-testid="visit-save" on:click=save>{tr(Msg::SaveVisit)}</button>
        </section>
    }
}

/// A saved visit read back on the household's timeline: how, who was met, what was said, and
/// each question with its answer or the follow-up it was referred as (a link, with where that
/// stands). Opened with a tap, offline like the rest of the page.
#[component]
pub fn VisitReadBack(
    visit: crate::domain::visit::Visit,
    summary: String,
    base: &'static str,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let offline = offline::use_offline();
    let channel = visit.channel;
    view! {
        <details class="visit-read" data-testid="visit-entry">
            <summary>{summary}</summary>
            <dl class="facts">
                <dt>{tr(Msg::ChannelLabel)}</dt><dd>{move || channel_msg(channel).text(lang.get())}</dd>
                <dt>{tr(Msg::WhoWasMet)}</dt><dd data-testid="visit-read-met">{visit.met.clone()}</dd>
                <dt>{tr(Msg::WhatWasSaid)}</dt><dd>{visit.said.clone()}</dd>
            </dl>
            <ul class="list" data-testid="visit-read-items">
                {visit.items.into_iter().map(|i| {
                    let answer = match (i.answer, i.follow_up) {
                        (_, Some(id)) => {
                            let f = offline.follow_ups.with_untracked(|all| {
                                all.iter().find(|v| v.record.id == id).map(|v| (v.record.department, v.record.status))
                            });
                            let label = move || {
                                let l = lang.get();
                                match f {
                                    Some((d, s)) => format!(
                                        "{} · {}",
                                        Msg::ReferredTo.text(l).replace("{d}", Msg::department(d).text(l)),
                                        crate::ui::status_msg(s).text(l)
                                    ),
                                    None => Msg::ReferredTo.text(l).replace("{d}", "…"),
                                }
                            };
                            view! { <a href=format!("{base}/follow-ups/{id}") data-testid="visit-read-referral">{label}</a> }.into_any()
                        }
                        (Some(a), None) => view! { <span data-testid="visit-read-answer">{a}</span> }.into_any(),
                        (None, None) => view! { <span class="muted">"—"</span> }.into_any(),
                    };
                    view! {
                        <li data-testid="visit-read-item">
                            <strong>{i.question}</strong>" → "{answer}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
}

/// A return visit being filled in. Made by the page that shows the card, so that what was
/// chosen survives the card being drawn again when the record changes.
#[derive(Debug, Clone, Copy)]
pub struct ReturnVisitDraft {
    scores: [RwSignal<u8>; 3],
    comment: RwSignal<String>,
    error: RwSignal<Option<Msg>>,
}

impl ReturnVisitDraft {
    /// A fresh draft (all fives).
    pub fn new() -> ReturnVisitDraft {
        ReturnVisitDraft {
            scores: [RwSignal::new(5), RwSignal::new(5), RwSignal::new(5)],
            comment: RwSignal::new(String::new()),
            error: RwSignal::new(None),
        }
    }
}

impl Default for ReturnVisitDraft {
    fn default() -> Self {
        ReturnVisitDraft::new()
    }
}

/// The return visit of a resolved follow-up: three scores and a comment; or the one recorded.
#[component]
pub fn ReturnVisitCard(follow_up: FollowUp, draft: ReturnVisitDraft) -> impl IntoView {
    let lang = use_i18n().lang;
    let ReturnVisitDraft {
        scores,
        comment,
        error,
    } = draft;
    let id = follow_up.id;
    if let Some(rv) = follow_up.return_visit.clone() {
        return view! {
            <section class="card" data-testid="return-visit">
                <h2>{tr(Msg::ReturnVisit)}</h2>
                <p data-testid="return-visit-scores">
                    {move || format!("{} {} · {} {} · {} {}",
                        Msg::Attitude.text(lang.get()), rv.attitude,
                        Msg::Quality.text(lang.get()), rv.quality,
                        Msg::Etiquette.text(lang.get()), rv.etiquette)}
                </p>
                <p>{rv.comment.clone()}</p>
            </section>
        }
        .into_any();
    }
    let save = move |_| {
        let op = Op::ReturnVisit {
            id,
            attitude: scores[0].get_untracked(),
            quality: scores[1].get_untracked(),
            etiquette: scores[2].get_untracked(),
            comment: comment.get_untracked(),
        };
        spawn_local(async move {
            if let Err(e) = offline::queue(op).await {
                error.set(Some(e.message()));
            }
        });
    };
    let select = move |label: Msg, s: RwSignal<u8>, testid: &'static str| {
        view! {
            <label>
                <span>{tr(label)}</span>
                <select data-testid=testid on:change=move |ev| s.set(event_target_value(&ev).parse().unwrap_or(5))>
                    {(1..=5u8).rev().map(|n| view! { <option value=n.to_string() selected=move || s.get() == n>{n.to_string()}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <section class="card" data-testid="return-visit-form">
            <h2>{tr(Msg::ReturnVisit)}</h2>
            {select(Msg::Attitude, scores[0], "rv-attitude")}
            {select(Msg::Quality, scores[1], "rv-quality")}
            {select(Msg::Etiquette, scores[2], "rv-etiquette")}
            <label><span>{tr(Msg::CustomerSaid)}</span><textarea data-testid="rv-comment" bind:value=comment></textarea></label>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            <button class="btn primary" data-testid="rv-save" on:click=save>{tr(Msg::SaveReturnVisit)}</button>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_visit_time_is_read_on_the_estates_clock() {
        use crate::domain::time::from_local_input;
        let t = from_local_input("2026-11-28T09:30").expect("a time");
        assert_eq!(t.to_rfc3339(), "2026-11-28T01:30:00+00:00");
        assert_eq!(from_local_input(""), None);
    }
}
