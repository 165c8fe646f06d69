//! The customer ledger (客户台账) on the butler's phone, offline: households of my clusters,
//! found as I type by unit ("3-2-1201"), name or digits of a phone (the last three, or any
//! four); phones shown masked, a tap dials; a household's page with its details, corrections
//! of its phone and mailing address (checked on the spot: nothing is queued when malformed),
//! and one timeline of everything that touched it or its unit.

pub mod api;
mod office;
mod visit;

pub use office::VisitReportPage;
pub use visit::{ReturnVisitCard, ReturnVisitDraft, VisitReadBack};

use crate::domain::household::{
    masked, normalise_phone, Household, PhoneError, Relation, SharedField,
};
use crate::domain::unit::Occupancy;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline};
use crate::sync::Op;
use crate::ui::{estate_time, estate_today};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

const SHOWN: usize = 50;

fn phone_error(e: PhoneError) -> Msg {
    match e {
        PhoneError::Empty => Msg::PhoneEmpty,
        PhoneError::Mobile => Msg::PhoneMobile,
        PhoneError::Landline => Msg::PhoneLandline,
        PhoneError::Malformed => Msg::PhoneMalformed,
    }
}

pub(crate) fn relation_msg(r: Relation) -> Msg {
    match r {
        Relation::Owner => Msg::Owner,
        Relation::Tenant => Msg::Tenant,
    }
}

/// `/m/customers` (and `/office/customers`): search the ledger as you type. `base` is the
/// layout's path prefix (`/m` or `/office`).
#[component]
pub fn CustomerList(base: &'static str) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let query = RwSignal::new(String::new());
    let results = Memo::new(move |_| {
        let started = crate::browser::now_ms();
        let q = query.get();
        let found = offline.households.with(|all| {
            let matching: Vec<Household> = all
                .iter()
                .filter(|h| h.record.matches(&q))
                .take(SHOWN)
                .map(|h| h.record.clone())
                .collect();
            let total = all.iter().filter(|h| h.record.matches(&q)).count();
            (matching, total)
        });
        crate::browser::measure("butler-search", started);
        found
    });
    let occupied = move |unit| {
        let today = estate_today(chrono::Utc::now());
        offline.units.with(|units| {
            units
                .iter()
                .find(|u| u.record.id == unit)
                .and_then(|u| u.record.state_on(today))
                == Some(Occupancy::Occupied)
        })
    };
    let to_tell = move || {
        offline.follow_ups.with(|all| {
            all.iter()
                .filter(|v| crate::domain::visit::waits_to_tell(&v.record))
                .map(|v| v.record.clone())
                .collect::<Vec<_>>()
        })
    };
    let to_return = move || {
        offline.follow_ups.with(|all| {
            all.iter()
                .filter(|v| crate::domain::visit::waits_for_return_visit(&v.record))
                .map(|v| v.record.clone())
                .collect::<Vec<_>>()
        })
    };
    let follow_up_list = move |list: Vec<crate::domain::follow_up::FollowUp>,
                               testid: &'static str| {
        list.into_iter()
            .map(|f| view! {
                <li data-testid=testid>
                    <A href=format!("{base}/follow-ups/{}", f.id)>{f.place.clone()}" · "{f.title.clone()}</A>
                </li>
            })
            .collect_view()
    };
    view! {
        <Show when=move || !to_tell().is_empty() || !to_return().is_empty()>
            <section class="card">
                <h2>{move || Msg::ToTell.with(lang.get(), to_tell().len())}</h2>
                <ul class="list">{move || follow_up_list(to_tell(), "to-tell")}</ul>
                <h2>{move || Msg::ToReturnVisit.with(lang.get(), to_return().len())}</h2>
                <ul class="list">{move || follow_up_list(to_return(), "to-return-visit")}</ul>
            </section>
        </Show>
        <section class="card">
            <h1>{tr(Msg::CustomerLedger)}</h1>
            <input type="search" data-testid="customer-search" placeholder=move || Msg::SearchHint.text(lang.get())
                prop:value=query on:input=move |ev| query.set(event_target_value(&ev))/>
            <p class="muted small" data-testid="customer-count">
                {move || Msg::Found.with(lang.get(), results.with(|r| r.1))}
            </p>
            <ul class="items" data-testid="customer-list">
                {move || {
                    let mut last_group = String::new();
                    results.get().0.into_iter().map(|h| {
                    let moved_in = occupied(h.unit_id);
                    let relation = h.relation;
                    // By building and entrance: a heading where they change.
                    let group: String = h.unit_code.rsplit_once('-').map(|(g, _)| g.to_owned()).unwrap_or_default();
                    let heading = (group != last_group).then(|| {
                        last_group = group.clone();
                        let (b, e) = group.split_once('-').map(|(b, e)| (b.to_owned(), e.to_owned())).unwrap_or_default();
                        view! { <li class="group-heading"><h2 class="group">{move || Msg::BuildingEntrance.text(lang.get()).replace("{b}", &b).replace("{e}", &e)}</h2></li> }
                    });
                    view! {
                        {heading}
                        <li class="item" data-testid="customer">
                            <div class="item-top">
                                <A href=format!("{base}/customers/{}", h.id)><strong>{h.unit_code.clone()}" "{h.name.clone()}</strong></A>
                                {h.key_customer.then(|| view! { <span class="chip overdue">{tr(Msg::KeyCustomer)}</span> })}
                            </div>
                            <div class="item-meta">
                                <span>{move || relation_msg(relation).text(lang.get())}</span>
                                <span>{move || if moved_in { Msg::MovedIn.text(lang.get()) } else { Msg::NotMovedIn.text(lang.get()) }}</span>
                                {(!h.phone.is_empty()).then(|| view! {
                                    <a href=format!("tel:{}", h.phone.replace('-', "")) data-testid="customer-phone">{masked(&h.phone)}</a>
                                })}
                            </div>
                        </li>
                    }
                }).collect_view()
                }}
            </ul>
        </section>
    }
}

/// One line of a household's timeline: when, what, a link to the record, or a visit to read
/// back in place.
type TimelineEvent = (
    chrono::DateTime<chrono::Utc>,
    String,
    Option<String>,
    Option<crate::domain::visit::Visit>,
);

/// `/m/customers/:id` (and `/office/customers/:id`): one household, its corrections and its
/// timeline.
#[component]
pub fn CustomerDetail(base: &'static str) -> impl IntoView {
    let params = use_params_map();
    let offline = use_offline();
    let lang = use_i18n().lang;
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let household = Memo::new(move |_| {
        let id = id();
        offline.households.with(|all| {
            all.iter()
                .find(|h| h.record.id.to_string() == id)
                .map(|h| h.record.clone())
        })
    });
    let phone = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    let correct = move |field: SharedField| {
        let Some(h) = household.get_untracked() else {
            return;
        };
        let value = match field {
            SharedField::Phone => {
                // Checked on the spot: a malformed number is never queued.
                match normalise_phone(&phone.get_untracked()) {
                    Ok(v) => v,
                    Err(e) => {
                        saved.set(false);
                        return error.set(Some(phone_error(e)));
                    }
                }
            }
            SharedField::MailingAddress => address.get_untracked().trim().to_owned(),
        };
        let op = Op::CorrectHousehold {
            household: h.id,
            change: Uuid::now_v7(),
            field,
            value,
            base: h.value(field).to_owned(),
        };
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                    phone.set(String::new());
                    address.set(String::new());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let timeline = move || {
        let Some(h) = household.get() else {
            return vec![];
        };
        let mut events: Vec<TimelineEvent> = vec![];
        offline.follow_ups.with(|all| {
            for v in all
                .iter()
                .filter(|v| v.record.place == h.unit_code || v.record.household == Some(h.id))
            {
                events.push((
                    v.record.created_at,
                    format!(
                        "{} · {}",
                        Msg::TabFollowUps.text(lang.get()),
                        v.record.title
                    ),
                    Some(format!("{base}/follow-ups/{}", v.record.id)),
                    None,
                ));
            }
        });
        offline.runs.with(|all| {
            for v in all.iter().filter(|v| v.record.unit == Some(h.unit_id)) {
                events.push((
                    v.record.started_at,
                    format!("{} · {}", v.record.template_name, v.record.date),
                    Some(format!("{base}/patrol/runs/{}", v.record.id)),
                    None,
                ));
            }
        });
        offline.units.with(|all| {
            if let Some(u) = all.iter().map(|u| &u.record).find(|u| u.id == h.unit_id) {
                for c in &u.history {
                    let state = crate::vacant::occupancy_msg(c.state).text(lang.get());
                    events.push((
                        c.recorded_at,
                        format!(
                            "{} · {} {}",
                            Msg::OccupancyHistory.text(lang.get()),
                            c.effective_date,
                            state
                        ),
                        None,
                        None,
                    ));
                }
            }
        });
        offline.visits.with(|all| {
            for v in all
                .iter()
                .map(|v| &v.record)
                .filter(|v| v.household == h.id)
            {
                events.push((
                    v.at,
                    format!("{} · {}", Msg::CustomerVisit.text(lang.get()), v.said),
                    None,
                    Some(v.clone()),
                ));
            }
        });
        for c in &h.history {
            events.push((
                c.at,
                format!("{} · {}", Msg::Corrected.text(lang.get()), c.value),
                None,
                None,
            ));
        }
        events.sort_by_key(|e| std::cmp::Reverse(e.0));
        events
    };
    move || {
        let Some(h) = household.get() else {
            return view! {
                <section class="card">
                    <crate::ui::NotOnDevice kind=crate::sync::RecordKind::Household id=Signal::derive(id) loaded=offline.loaded/>
                </section>
            }
            .into_any();
        };
        let relation = h.relation;
        view! {
            <section class="card" data-testid="customer-detail">
                <div class="item-top">
                    <h1>
                        <A href=format!("{base}/units/{}", h.unit_id) attr:data-testid="customer-unit">{h.unit_code.clone()}</A>
                        " "{h.name.clone()}
                    </h1>
                    {h.key_customer.then(|| view! { <span class="chip overdue">{tr(Msg::KeyCustomer)}</span> })}
                </div>
                <dl class="facts">
                    <dt>{tr(Msg::RelationLabel)}</dt><dd>{move || relation_msg(relation).text(lang.get())}</dd>
                    <dt>{tr(Msg::PhoneLabel)}</dt>
                    <dd data-testid="customer-phone">
                        {(!h.phone.is_empty()).then(|| view! { <a href=format!("tel:{}", h.phone.replace('-', ""))>{masked(&h.phone)}</a> })}
                    </dd>
                    <dt>{tr(Msg::MailingAddress)}</dt><dd data-testid="customer-address">{h.mailing_address.clone()}</dd>
                    <dt>{tr(Msg::NoteLabel)}</dt><dd>{h.note.clone()}</dd>
                </dl>
            </section>
            <section class="card">
                <A href=format!("{base}/complaints/new?household={}", h.id) attr:class="btn secondary wide" attr:data-testid="customer-complaint">
                    {tr(Msg::NewComplaint)}
                </A>
            </section>
            <visit::VisitForm household=household/>
            <section class="card">
                <h2>{tr(Msg::CorrectLedger)}</h2>
                <div class="inline-form">
                    <input type="tel" inputmode="tel" data-testid="new-phone" placeholder=move || Msg::PhoneLabel.text(lang.get()) bind:value=phone/>
                    <button class="btn secondary" data-testid="save-phone" on:click=move |_| correct(SharedField::Phone)>{tr(Msg::Save)}</button>
                </div>
                <div class="inline-form">
                    <input data-testid="new-address" placeholder=move || Msg::MailingAddress.text(lang.get()) bind:value=address/>
                    <button class="btn secondary" data-testid="save-address" on:click=move |_| correct(SharedField::MailingAddress)>{tr(Msg::Save)}</button>
                </div>
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert" data-testid="ledger-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
                </Show>
                <Show when=move || saved.get() && error.with(Option::is_none)>
                    <p class="ok" role="status" data-testid="ledger-saved">{tr(Msg::SavedLocally)}</p>
                </Show>
                <ol class="history">
                    {h.history.iter().rev().map(|c| view! {
                        <li data-testid="ledger-change">
                            {c.value.clone()}" ← "{c.previous.clone()}
                            {c.author_saw.clone().map(|saw| view! { <span class="chip overdue">{move || Msg::AuthorSaw.text(lang.get()).replace("{s}", &saw)}</span> })}
                            <span class="muted small">" "{estate_time(c.at)}</span>
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            <section class="card">
                <h2>{tr(Msg::Timeline)}</h2>
                <ol class="history" data-testid="timeline">
                    {move || timeline().into_iter().map(|(at, text, link, visit)| view! {
                        <li data-testid="timeline-event">
                            <span class="muted small">{estate_time(at)}" "</span>
                            {match (link, visit) {
                                (_, Some(v)) => view! { <VisitReadBack visit=v summary=text base=base/> }.into_any(),
                                (Some(href), None) => view! { <a href=href>{text}</a> }.into_any(),
                                (None, None) => view! { <span>{text}</span> }.into_any(),
                            }}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            {(base == "/office").then(|| {
                let hid = h.id.to_string();
                let uid = h.unit_id.to_string();
                view! {
                    <crate::estate::AuditTrail kind="household" record=Signal::derive(move || hid.clone())/>
                    <div data-testid="unit-trail">
                        <crate::estate::AuditTrail kind="unit" record=Signal::derive(move || uid.clone())/>
                    </div>
                }
            })}
        }
        .into_any()
    }
}
