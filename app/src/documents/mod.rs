//! Documents to customers (对客文件发放, issue 19): the butler's list of documents to hand out
//! (`/m/documents`, offline) with the call list of those unclaimed past two weeks; a
//! document's households (`/m/documents/:id` and `/office/documents/:id`), key customers
//! first, each handed over with a signature on the phone, left with security, refused or put
//! on the front desk's mailing list; the mailing list with its postings and address labels
//! (office); the distribution register with the issue form (`/office/documents`). All read the
//! device's own copy; every change is a mutation on the kit (`sync::document`), but issuing,
//! which the server does (`POST /api/v1/documents`).

mod office;
mod phone;

pub use office::DocumentRegister;
pub use phone::{DocumentScreen, PhoneDocuments};

use crate::domain::document::{Delivery, DeliveryState, Document, DocumentId};
use crate::i18n::{use_i18n, Msg};
use crate::offline::View;
use leptos::prelude::*;

/// The problem a refusal's field names, for a delivery's mutation.
pub fn problem_of_field(field: &str) -> Option<crate::domain::document::DeliveryProblem> {
    use crate::domain::document::DeliveryProblem as P;
    [
        P::Signature,
        P::Signer,
        P::Note,
        P::At,
        P::KeyCustomer,
        P::NotToMail,
        P::Tracking,
        P::PostedOn,
        P::TooMany,
    ]
    .into_iter()
    .find(|p| p.field() == field)
}

/// A document with its deliveries as this device holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Issued {
    /// The document.
    pub document: Document,
    /// Its deliveries, by unit.
    pub deliveries: Vec<View<Delivery>>,
}

/// The device's deliveries grouped by document, newest first (they come in that order).
pub fn by_document(ds: &[View<Delivery>]) -> Vec<Issued> {
    let mut out: Vec<Issued> = Vec::new();
    for d in ds {
        match out.last_mut() {
            Some(i) if i.document.id == d.record.document.id => i.deliveries.push(d.clone()),
            _ => out.push(Issued {
                document: d.record.document.clone(),
                deliveries: vec![d.clone()],
            }),
        }
    }
    out
}

/// One document's deliveries.
pub fn of_document(ds: &[View<Delivery>], id: DocumentId) -> Option<Issued> {
    let deliveries: Vec<View<Delivery>> = ds
        .iter()
        .filter(|d| d.record.document.id == id)
        .cloned()
        .collect();
    Some(Issued {
        document: deliveries.first()?.record.document.clone(),
        deliveries,
    })
}

/// Where a delivery stands, as a chip.
#[component]
pub fn DeliveryChip(state: DeliveryState) -> impl IntoView {
    let lang = use_i18n().lang;
    let class = match state {
        DeliveryState::Pending => "chip",
        DeliveryState::Refused => "chip overdue",
        DeliveryState::ToMail => "chip warn",
        _ => "chip board-done",
    };
    view! {
        <span class=class data-testid="delivery-state" data-state=state.code()>
            {move || Msg::delivery_state(state).text(lang.get())}
        </span>
    }
}

/// The document's kind, title and date; its explanation.
#[component]
pub fn DocumentHead(document: Document, #[prop(optional)] day: Option<i64>) -> impl IntoView {
    let lang = use_i18n().lang;
    let kind = document.kind;
    let explanation = document.explanation.clone();
    view! {
        <p class="muted small">
            {move || Msg::document_kind(kind).text(lang.get())} " · " {document.date.to_string()}
            {day.map(|n| view! { " · " <span data-testid="document-day">{move || Msg::DocDayN.with(lang.get(), n.max(0) as usize)}</span> })}
        </p>
        {(!explanation.is_empty()).then(|| view! {
            <p class="explanation" data-testid="document-explanation">
                <strong>{move || Msg::DocExplanationFor.text(lang.get())} "："</strong>{explanation.clone()}
            </p>
        })}
    }
}
