//! Small pieces of UI that several features show, depending on nothing of theirs (a leaf:
//! features use it, it uses none of them).

pub mod chart;
pub mod signature;

use crate::i18n::{tr, Msg};
use crate::sync::{RecordKind, RecordReach};
use leptos::prelude::*;

/// What a screen says when the record it was opened for is not on this device. Once the
/// device's records are read, the server is asked why (the next sync brings it, it is not
/// this user's, it was removed, there is none); offline, or with no answer, it says the
/// record is not on this device and may not have synced yet.
#[component]
pub fn NotOnDevice(
    kind: RecordKind,
    #[prop(into)] id: Signal<String>,
    loaded: RwSignal<bool>,
) -> impl IntoView {
    let reach = LocalResource::new(move || {
        let id = id.get();
        let loaded = loaded.get();
        async move {
            if !loaded || id.parse::<uuid::Uuid>().is_err() {
                return None;
            }
            crate::browser::fetch_json::<RecordReach>(format!(
                "/api/v1/sync/records/{}/{id}",
                kind.code()
            ))
            .await
            .ok()
        }
    });
    let text = move || {
        if !loaded.get() {
            return tr(Msg::Loading)();
        }
        let msg = match reach.get().flatten() {
            Some(RecordReach::Yours) => Msg::NotSyncedYet,
            Some(RecordReach::NotYours) => Msg::NotYours,
            Some(RecordReach::Removed) => Msg::RecordRemoved,
            Some(RecordReach::Unknown) => Msg::NoSuchRecord,
            None => Msg::NotFoundLocally,
        };
        tr(msg)()
    };
    let reach_code = move || {
        reach.get().flatten().map(|r| match r {
            RecordReach::Yours => "yours",
            RecordReach::NotYours => "not_yours",
            RecordReach::Removed => "removed",
            RecordReach::Unknown => "unknown",
        })
    };
    view! {
        <p class="muted" data-testid="not-found" data-record=id data-reach=reach_code>{text}</p>
    }
}
