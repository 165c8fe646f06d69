//! The butler's documents (`/m/documents`) and one document's households (on the phone and at
//! the office), offline.

use super::{by_document, of_document, DeliveryChip, DocumentHead, Issued};
use crate::domain::document::{
    Attempt, Call, Delivery, DeliveryId, DeliveryState, DocumentId, Handover, Tally,
};
use crate::domain::follow_up::Actor;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{queue_then, use_offline, RecordState, View};
use crate::session::{use_names, use_session};
use crate::sync::Op;
use crate::ui::signature::{Pad, SignaturePad, SignatureView};
use crate::ui::{estate_time, estate_today, StateChip};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/m/documents`: whom to phone about an unclaimed document, then the documents to hand out.
#[component]
pub fn PhoneDocuments() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let today = estate_today(chrono::Utc::now());
    let to_call = Memo::new(move |_| {
        offline.deliveries.with(|ds| {
            ds.iter()
                .filter(|d| d.record.to_call(today))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let documents = Memo::new(move |_| offline.deliveries.with(|ds| by_document(ds)));
    view! {
        <section class="card">
            <h1>{tr(Msg::NavDocuments)}</h1>
            <h2>{tr(Msg::DocCallList)}</h2>
            <ul class="items" data-testid="call-list">
                {move || to_call.get().into_iter().map(|d| view! { <CallLine delivery=d today=today/> }).collect_view()}
            </ul>
            <Show when=move || offline.loaded.get() && to_call.with(Vec::is_empty)>
                <p class="muted" data-testid="call-list-none">{tr(Msg::DocCallNone)}</p>
            </Show>
        </section>
        <section class="card">
            <ul class="items" data-testid="documents">
                {move || documents.get().into_iter().map(|i| {
                    let t = Tally::of(i.deliveries.iter().map(|d| &d.record), today);
                    let delivered = t.households - t.count(DeliveryState::Pending) - t.count(DeliveryState::Refused) - t.count(DeliveryState::ToMail);
                    let href = format!("/m/documents/{}", i.document.id);
                    let title = i.document.title.clone();
                    let title_attr = title.clone();
                    view! {
                        <li class="item" data-testid="document" data-title=title_attr>
                            <a href=href data-testid="document-link">
                                <div class="item-top">
                                    <strong>{title}</strong>
                                    <span class="muted small" data-testid="document-progress">
                                        {move || Msg::DocProgress.text(lang.get()).replace("{d}", &delivered.to_string()).replace("{n}", &t.households.to_string())}
                                    </span>
                                </div>
                                <DocumentHead document=i.document.clone()/>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || offline.loaded.get() && documents.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::DocNone)}</p>
            </Show>
        </section>
    }
}

/// A household to phone about an unclaimed document: its number, and the call's record.
#[component]
fn CallLine(delivery: View<Delivery>, today: chrono::NaiveDate) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let d = delivery.record.clone();
    let phone = d.household_id.and_then(|h| {
        offline.households.with_untracked(|hs| {
            hs.iter()
                .find(|x| x.record.id == h)
                .map(|x| x.record.phone.clone())
        })
    });
    let reached = RwSignal::new(false);
    let said = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    let record = {
        let d = d.clone();
        move |_| {
            let call = Call {
                id: uuid::Uuid::now_v7(),
                at: chrono::Utc::now(),
                by: None,
                reached: reached.get_untracked(),
                said: said.get_untracked(),
            };
            if let Err(p) = d.check_call(&call, chrono::Utc::now()) {
                return error.set(Some(Msg::delivery_problem(p)));
            }
            queue_then(Op::CallAboutDocument { id: d.id, call }, error, move || {
                said.set(String::new())
            });
        }
    };
    let day = d.day(today);
    let calls = d.calls.len();
    view! {
        <li class="item" data-testid="call-line" data-unit=d.unit.clone()>
            <div class="item-top">
                <strong>{d.unit.clone()} " " {d.name.clone()}</strong>
                <span class="muted small">{move || Msg::DocDayN.with(lang.get(), day)}</span>
            </div>
            <p class="muted small">{d.document.title.clone()}</p>
            {phone.filter(|p| !p.is_empty()).map(|p| view! { <p><a href=format!("tel:{p}")>{p.clone()}</a></p> })}
            {(calls > 0).then(|| view! { <p class="muted small">{move || Msg::DocCalls.text(lang.get())} " " {calls}</p> })}
            <label class="check">
                <input type="checkbox" data-testid="call-reached" prop:checked=reached
                    on:change=move |ev| reached.set(event_target_checked(&ev))/>
                <span>{tr(Msg::DocCallReached)}</span>
            </label>
            <label><span>{tr(Msg::DocCallSaid)}</span><textarea data-testid="call-said" bind:value=said></textarea></label>
            <button class="btn" data-testid="call-save" on:click=record>{tr(Msg::DocCallRecord)}</button>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </li>
    }
}

/// One document's households (`/m/documents/:id`, `/office/documents/:id`): key customers first
/// (handed in person), then the others; the office's mailing list with its postings and the
/// address labels.
#[component]
pub fn DocumentScreen(base: &'static str) -> impl IntoView {
    let offline = use_offline();
    let session = use_session();
    let lang = use_i18n().lang;
    let params = use_params_map();
    let today = estate_today(chrono::Utc::now());
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|s| s.parse::<uuid::Uuid>().ok())
                .map(DocumentId)
        })
    };
    let issued = Memo::new(move |_| {
        let id = id()?;
        offline.deliveries.with(|ds| of_document(ds, id))
    });
    let office = Signal::derive(move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| Actor::of(u).is_office()))
    });
    let open = RwSignal::new(None::<DeliveryId>);
    let labels = RwSignal::new(false);
    let part = move |key: bool| {
        issued.with(|i| {
            i.as_ref()
                .map(|i| {
                    i.deliveries
                        .iter()
                        .filter(|d| d.record.key_customer == key)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || !labels.get() fallback=move || view! { <AddressLabels issued=issued close=labels/> }>
            {move || match issued.get() {
                None => view! {
                    <section class="card">
                        <p class="muted">{move || if offline.loaded.get() { tr(Msg::DocNone)() } else { tr(Msg::Loading)() }}</p>
                        <a href=format!("{base}/documents")>{tr(Msg::NavDocuments)}</a>
                    </section>
                }.into_any(),
                Some(i) => {
                    let t = Tally::of(i.deliveries.iter().map(|d| &d.record), today);
                    let day = (today - i.document.date).num_days();
                    view! {
                        <section class="card">
                            <div class="item-top">
                                <h1 data-testid="document-title">{i.document.title.clone()}</h1>
                                <a class="btn secondary no-print" href=format!("{base}/documents")>{tr(Msg::NavDocuments)}</a>
                            </div>
                            <DocumentHead document=i.document.clone() day=day/>
                            <p data-testid="document-tally">
                                {DeliveryState::ALL.iter().copied().filter(|s| t.count(*s) > 0).map(|s| {
                                    let n = t.count(s);
                                    view! { <span class="tally">{move || Msg::delivery_state(s).text(lang.get())} " " {n}</span> " " }
                                }).collect_view()}
                            </p>
                        </section>
                    }.into_any()
                }
            }}
            <Show when=move || !part(true).is_empty()>
                <section class="card">
                    <h2>{tr(Msg::DocKeyFirst)}</h2>
                    <ul class="items" data-testid="key-deliveries">
                        {move || part(true).into_iter().map(|d| view! { <DeliveryLine delivery=d open=open/> }).collect_view()}
                    </ul>
                </section>
            </Show>
            <section class="card">
                <h2>{tr(Msg::DocOthers)}</h2>
                <ul class="items" data-testid="deliveries">
                    {move || part(false).into_iter().map(|d| view! { <DeliveryLine delivery=d open=open/> }).collect_view()}
                </ul>
            </section>
            <Show when=move || office.get()>
                <MailingList issued=issued labels=labels/>
            </Show>
        </Show>
    }
}

/// One household's delivery: where it stands, who handed it and how, and the hand-over form.
#[component]
fn DeliveryLine(delivery: View<Delivery>, open: RwSignal<Option<DeliveryId>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let (name_of, _) = use_names();
    let d = delivery.record.clone();
    let id = d.id;
    let state = d.state();
    let last = d.attempts.last().cloned();
    let name = if d.name.is_empty() {
        None
    } else {
        Some(d.name.clone())
    };
    let form_for = d.clone();
    view! {
        <li class="item" data-testid="delivery" data-unit=d.unit.clone() data-state=state.code()
            data-moved-in=d.moved_in.to_string() data-key=d.key_customer.to_string()>
            <div class="item-top">
                <strong>{d.unit.clone()} " "
                    {match name {
                        Some(n) => n.into_any(),
                        None => view! { <span class="muted">{move || Msg::DocNobodyInLedger.text(lang.get())}</span> }.into_any(),
                    }}
                </strong>
                <span>
                    {d.key_customer.then(|| view! { <span class="chip overdue">{tr(Msg::KeyCustomer)}</span> " " })}
                    {(!d.moved_in).then(|| view! { <span class="chip">{tr(Msg::DocNotMovedIn)}</span> " " })}
                    <DeliveryChip state=state/>
                    {(delivery.state != RecordState::Synced).then(|| view! { " " <StateChip state=delivery.state/> })}
                </span>
            </div>
            {last.map(|a| {
                let when = estate_time(a.at);
                let by = a.by.map(name_of).unwrap_or_default();
                let how = a.how;
                let signer = a.signer.clone();
                view! {
                    <p class="muted small" data-testid="delivery-last">
                        {move || Msg::handover(how).text(lang.get())} " · " {when} " · " {by}
                        {(!signer.is_empty()).then(|| format!(" · {signer}"))}
                        {(!a.note.is_empty()).then(|| format!(" · {}", a.note))}
                    </p>
                    {(!a.signature.is_empty()).then(|| view! {
                        <figure class="signature small" data-testid="delivery-signature"><SignatureView strokes=a.signature.clone()/></figure>
                    })}
                }
            })}
            {d.posting.clone().map(|p| view! {
                <p class="muted small" data-testid="delivery-posting">{move || Msg::DocMailed.text(lang.get())} " · " {p.posted_on.to_string()} " · " {p.tracking.clone()}</p>
            })}
            {d.calls.last().cloned().map(|c| {
                let when = estate_time(c.at);
                view! {
                    <p class="muted small" data-testid="delivery-call">
                        {move || Msg::DocCalls.text(lang.get())} " · " {when} " · "
                        {move || if c.reached { Msg::DocCallReached.text(lang.get()) } else { Msg::DocCallNotReached.text(lang.get()) }}
                        {(!c.said.is_empty()).then(|| format!(" · {}", c.said))}
                    </p>
                }
            })}
            {(!state.delivered()).then(|| view! {
                <Show when=move || open.get() == Some(id) fallback=move || view! {
                    <button class="btn secondary no-print" data-testid="handover-open" on:click=move |_| open.set(Some(id))>{tr(Msg::DocHandOver)}</button>
                }>
                    <HandoverForm delivery=form_for.clone() open=open/>
                </Show>
            })}
        </li>
    }
}

/// How the hand-over went: the options this household has (no security for a key customer,
/// no mailing for one moved in), the family member's name, the signature, a note.
#[component]
fn HandoverForm(delivery: Delivery, open: RwSignal<Option<DeliveryId>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let options = delivery.options();
    let how = RwSignal::new(None::<Handover>);
    let signer = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let pad = Pad::new();
    let error = RwSignal::new(None::<Msg>);
    let key = delivery.key_customer;
    let save = {
        let d = delivery.clone();
        move |_| {
            let Some(h) = how.get_untracked() else {
                return;
            };
            let attempt = Attempt {
                id: uuid::Uuid::now_v7(),
                how: h,
                at: chrono::Utc::now(),
                by: None,
                signer: if h == Handover::HandedFamily {
                    signer.get_untracked()
                } else {
                    String::new()
                },
                signature: if h.signed() {
                    pad.strokes.get_untracked()
                } else {
                    vec![]
                },
                note: note.get_untracked(),
            };
            if let Err(p) = d.check_attempt(&attempt, chrono::Utc::now()) {
                return error.set(Some(Msg::delivery_problem(p)));
            }
            queue_then(Op::RecordHandover { id: d.id, attempt }, error, move || {
                open.set(None)
            });
        }
    };
    view! {
        <div class="handover" data-testid="handover-form">
            {key.then(|| view! { <p class="muted small">{tr(Msg::DocKeyFirst)}</p> })}
            <div class="choices">
                {options.into_iter().map(|h| view! {
                    <label class="check">
                        <input type="radio" name="handover" data-testid=format!("how-{}", h.code())
                            prop:checked=move || how.get() == Some(h)
                            on:change=move |_| how.set(Some(h))/>
                        <span>{move || Msg::handover(h).text(lang.get())}</span>
                    </label>
                }).collect_view()}
            </div>
            <Show when=move || how.get() == Some(Handover::HandedFamily)>
                <label><span>{tr(Msg::DocSignerLabel)}</span><input data-testid="handover-signer" bind:value=signer/></label>
            </Show>
            <Show when=move || how.get().is_some_and(Handover::signed)>
                <p class="muted small">{tr(Msg::DocSignHere)}</p>
                <SignaturePad pad=pad/>
            </Show>
            <label><span>{tr(Msg::DocNoteLabel)}</span><input data-testid="handover-note" bind:value=note/></label>
            <div class="actions">
                <button class="btn secondary" on:click=move |_| open.set(None)>{tr(Msg::Cancel)}</button>
                <button class="btn primary" data-testid="handover-save" disabled=move || how.get().is_none() on:click=save>{tr(Msg::DocRecord)}</button>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="handover-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </div>
    }
}

/// The mailing address the ledger has for a delivery's household.
fn address_of(offline: &crate::offline::Offline, d: &Delivery) -> String {
    d.household_id
        .and_then(|h| {
            offline.households.with_untracked(|hs| {
                hs.iter()
                    .find(|x| x.record.id == h)
                    .map(|x| x.record.mailing_address.clone())
            })
        })
        .unwrap_or_default()
}

fn mailing(issued: &Option<Issued>) -> Vec<View<Delivery>> {
    issued
        .as_ref()
        .map(|i| {
            i.deliveries
                .iter()
                .filter(|d| {
                    matches!(
                        d.record.state(),
                        DeliveryState::ToMail | DeliveryState::Mailed
                    )
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The front desk's mailing list: each household's address from the ledger, its posting (date
/// and tracking number) to record; the address labels to print.
#[component]
fn MailingList(issued: Memo<Option<Issued>>, labels: RwSignal<bool>) -> impl IntoView {
    let list = Memo::new(move |_| issued.with(mailing));
    view! {
        <section class="card" data-testid="mailing-list">
            <div class="item-top">
                <h2>{tr(Msg::DocMailingList)}</h2>
                <button class="btn secondary no-print" data-testid="print-address-labels"
                    disabled=move || list.with(Vec::is_empty)
                    on:click=move |_| labels.set(true)>{tr(Msg::DocPrintLabels)}</button>
            </div>
            <ul class="items">
                {move || list.get().into_iter().map(|d| view! { <PostingLine delivery=d/> }).collect_view()}
            </ul>
            <Show when=move || list.with(Vec::is_empty)>
                <p class="muted">{tr(Msg::DocMailingNone)}</p>
            </Show>
        </section>
    }
}

/// One household on the mailing list: its address and its posting.
#[component]
fn PostingLine(delivery: View<Delivery>) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let d = delivery.record;
    let address = address_of(&offline, &d);
    let posted_on = RwSignal::new(
        d.posting
            .as_ref()
            .map(|p| p.posted_on)
            .unwrap_or_else(|| estate_today(chrono::Utc::now()))
            .to_string(),
    );
    let tracking = RwSignal::new(
        d.posting
            .as_ref()
            .map(|p| p.tracking.clone())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<Msg>);
    let saved = RwSignal::new(false);
    let save = {
        let d = d.clone();
        move |_| {
            let Ok(on) = posted_on.get_untracked().parse::<chrono::NaiveDate>() else {
                return error.set(Some(Msg::DocProblemPostedOn));
            };
            let t = tracking.get_untracked();
            if let Err(p) = d.check_posting(on, &t, chrono::Utc::now()) {
                return error.set(Some(Msg::delivery_problem(p)));
            }
            let op = Op::PostDocument {
                id: d.id,
                posted_on: on,
                tracking: t,
            };
            queue_then(op, error, move || saved.set(true));
        }
    };
    view! {
        <li class="item" data-testid="mailing-line" data-unit=d.unit.clone()>
            <div class="item-top">
                <strong>{d.unit.clone()} " " {d.name.clone()}</strong>
                <DeliveryChip state=d.state()/>
            </div>
            <p data-testid="mailing-address">
                {if address.is_empty() { view! { <span class="muted">{move || Msg::DocNoAddress.text(lang.get())}</span> }.into_any() } else { address.clone().into_any() }}
            </p>
            <div class="form-grid no-print">
                <label><span>{tr(Msg::DocPostedOn)}</span><input type="date" data-testid="posted-on" bind:value=posted_on/></label>
                <label><span>{tr(Msg::DocTracking)}</span><input data-testid="tracking" bind:value=tracking/></label>
                <button class="btn" data-testid="post-save" on:click=save>{tr(Msg::DocPost)}</button>
            </div>
            <Show when=move || saved.get()>
                <p class="muted small" role="status">{tr(Msg::Saved)}</p>
            </Show>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert" data-testid="post-error">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
        </li>
    }
}

/// The mailing list's address labels, A4 (two to a row), to print and stick on the company's
/// envelopes.
#[component]
fn AddressLabels(issued: Memo<Option<Issued>>, close: RwSignal<bool>) -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let (_, cluster_name) = use_names();
    let list = Memo::new(move |_| issued.with(mailing));
    view! {
        <section class="card no-print">
            <div class="item-top">
                <h1>{tr(Msg::DocLabelsTitle)}</h1>
                <div class="actions">
                    <button class="btn secondary" data-testid="labels-back" on:click=move |_| close.set(false)>{tr(Msg::DocBack)}</button>
                    <button class="btn" data-testid="labels-print" on:click=move |_| crate::browser::print()>{tr(Msg::Print)}</button>
                </div>
            </div>
            <p class="muted small">{move || issued.with(|i| i.as_ref().map(|i| i.document.title.clone()).unwrap_or_default())}</p>
        </section>
        <div class="labels address-labels" data-testid="address-labels">
            {move || list.get().into_iter().map(|d| {
                let d = d.record;
                let address = address_of(&offline, &d);
                view! {
                    <figure class="label address-label" data-testid="address-label" data-unit=d.unit.clone()>
                        <figcaption>
                            <strong>{d.name.clone()} " " {move || if lang.get() == crate::i18n::Lang::ZhCn { "收" } else { "" }}</strong>
                            <span data-testid="address-label-address">
                                {if address.is_empty() { Msg::DocNoAddress.text(lang.get_untracked()).to_owned() } else { address.clone() }}
                            </span>
                            <span class="muted small">{cluster_name(d.cluster_id)} " " {d.unit.clone()}</span>
                        </figcaption>
                    </figure>
                }
            }).collect_view()}
        </div>
    }
}
