//! Chips several features show: a follow-up's status, a record's sync state.

use crate::domain::follow_up::FollowUpStatus;
use crate::i18n::{use_i18n, Msg};
use crate::offline::RecordState;
use leptos::prelude::*;

/// The name of a status.
pub fn status_msg(s: FollowUpStatus) -> Msg {
    match s {
        FollowUpStatus::Open => Msg::StOpen,
        FollowUpStatus::Assigned => Msg::StAssigned,
        FollowUpStatus::InProgress => Msg::StInProgress,
        FollowUpStatus::Resolved => Msg::StResolved,
        FollowUpStatus::CustomerInformed => Msg::StCustomerInformed,
        FollowUpStatus::Closed => Msg::StClosed,
    }
}

/// The status of a follow-up as a chip.
#[component]
pub fn StatusChip(status: FollowUpStatus) -> impl IntoView {
    let lang = use_i18n().lang;
    view! {
        <span class=format!("chip status-{}", status.code())>
            {move || status_msg(status).text(lang.get())}
        </span>
    }
}

/// The sync state of a record as a chip: pending / synced / refused / conflict.
#[component]
pub fn StateChip(state: RecordState) -> impl IntoView {
    let lang = use_i18n().lang;
    let (class, msg) = match state {
        RecordState::Synced => ("state synced", Msg::Synced),
        RecordState::Pending => ("state pending", Msg::Pending),
        RecordState::Refused => ("state refused", Msg::Refused),
        RecordState::Conflict => ("state conflict", Msg::Conflict),
    };
    view! { <span class=class data-testid="state-chip">{move || msg.text(lang.get())}</span> }
}
