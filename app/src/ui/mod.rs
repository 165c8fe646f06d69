//! Small pieces of UI that several features show, depending on nothing of theirs (a leaf:
//! features use it, it uses none of them).

pub mod chart;
pub mod chips;
pub mod import;
pub mod signature;
pub mod time;

pub use chips::{status_msg, StateChip, StatusChip};
pub use time::{estate_clock, estate_offset, estate_time, estate_today};

use crate::i18n::{tr, use_i18n, Msg};
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

/// A list the office's pages read from the server: loading, the error in words, `empty` when
/// there are no rows, else the rows as `rows` lays them out.
pub fn server_list<T, V>(
    list: LocalResource<Result<Vec<T>, Msg>>,
    empty: Msg,
    rows: impl Fn(Vec<T>) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let lang = use_i18n().lang;
    view! {
        <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
            {move || list.get().map(|r| match r {
                Err(m) => view! { <p class="error" role="alert">{move || m.text(lang.get())}</p> }.into_any(),
                Ok(v) if v.is_empty() => view! { <p class="muted">{tr(empty)}</p> }.into_any(),
                Ok(v) => rows(v).into_any(),
            })}
        </Suspense>
    }
}

/// A `<select>` over a coded enum's values (`ALL`), in the user's language, bound to `chosen`
/// (the chosen code); `empty`, if given, is the first option with the empty code.
pub fn code_select<T: Copy + Send + Sync + 'static>(
    testid: &'static str,
    values: &'static [T],
    code: fn(T) -> &'static str,
    words: fn(T) -> crate::i18n::Msg,
    chosen: RwSignal<String>,
    empty: Option<crate::i18n::Msg>,
) -> impl IntoView {
    let lang = crate::i18n::use_i18n().lang;
    view! {
        <select data-testid=testid on:change=move |ev| chosen.set(event_target_value(&ev))>
            {empty.map(|m| view! { <option value="">{move || m.text(lang.get())}</option> })}
            {values.iter().copied().map(|v| view! {
                <option value=code(v) selected=move || chosen.get() == code(v)>{move || words(v).text(lang.get())}</option>
            }).collect_view()}
        </select>
    }
}
