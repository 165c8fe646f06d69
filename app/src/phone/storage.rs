//! Will this phone keep the butler's records? The whole picture on "Me" (installed or in the
//! browser, kept or not, space used), a one-line notice on the home screen when something needs
//! doing, and the invitation to install the app (design §4). The rules are
//! [`crate::offline::storage`]'s.

use crate::browser;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::storage::{advice, human_bytes, DeviceStorage, StorageAdvice};
use crate::offline::use_offline;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The browser's answers, read when the screen opens and again when `sw-register.js` says an
/// install was offered or done (`butler-storage`). `None` until the browser has answered (and
/// always on the server, which knows nothing of the phone).
fn use_device_storage() -> RwSignal<Option<DeviceStorage>> {
    let facts = RwSignal::new(None::<DeviceStorage>);
    let read = move || spawn_local(async move { facts.set(Some(browser::device_storage().await)) });
    Effect::new(move |_| {
        read();
        let handle = window_event_listener_untyped("butler-storage", move |_| read());
        on_cleanup(move || handle.remove());
    });
    facts
}

/// The advice for these facts and the changes waiting, most urgent first.
fn current_advice(facts: RwSignal<Option<DeviceStorage>>) -> Signal<Vec<StorageAdvice>> {
    let offline = use_offline();
    Signal::derive(move || {
        facts
            .get()
            .map(|f| advice(&f, offline.waiting_records()))
            .unwrap_or_default()
    })
}

/// One piece of advice, in words, with the install button where the browser offers one.
#[component]
fn AdviceLine(advice: StorageAdvice, facts: RwSignal<Option<DeviceStorage>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let text = move || match advice {
        StorageAdvice::NearlyFull => Msg::StorageNearlyFull.text(lang.get()).to_string(),
        StorageAdvice::InstallIos { pending: 0 } => Msg::StorageInstallIos.text(lang.get()).into(),
        StorageAdvice::InstallIos { pending } => {
            Msg::StorageInstallIosSyncFirst.with(lang.get(), pending)
        }
        StorageAdvice::Install => Msg::StorageInstallInvite.text(lang.get()).into(),
        StorageAdvice::MayBeCleared => Msg::StorageMayBeCleared.text(lang.get()).into(),
    };
    let install = move |_| {
        spawn_local(async move {
            browser::prompt_install().await;
            facts.set(Some(browser::device_storage().await));
        })
    };
    // Asked from a tap, as Firefox requires; a refusal is said, not swallowed.
    let refused = RwSignal::new(false);
    let keep = move |_| {
        spawn_local(async move {
            let answer = browser::request_persistence().await;
            refused.set(answer != Some(true));
            facts.set(Some(browser::device_storage().await));
        })
    };
    view! {
        <p
            class="storage-advice"
            class:warn=matches!(advice, StorageAdvice::NearlyFull)
            data-testid="storage-advice"
        >
            {text}
        </p>
        {(advice == StorageAdvice::Install)
            .then(|| {
                view! {
                    <button class="btn primary" data-testid="install-app" on:click=install>
                        {tr(Msg::StorageInstallButton)}
                    </button>
                }
            })}
        {(advice == StorageAdvice::MayBeCleared)
            .then(|| {
                view! {
                    <button class="btn secondary" data-testid="keep-records" on:click=keep>
                        {tr(Msg::StorageKeepButton)}
                    </button>
                    <Show when=move || refused.get()>
                        <p class="error" role="alert" data-testid="keep-refused">
                            {tr(Msg::StorageKeepRefused)}
                        </p>
                    </Show>
                }
            })}
    }
}

/// The home screen's notice: the most urgent advice, and a link to the whole picture on "Me".
#[component]
pub fn StorageNotice() -> impl IntoView {
    let facts = use_device_storage();
    let advice = current_advice(facts);
    view! {
        {move || {
            advice
                .get()
                .first()
                .copied()
                .map(|first| {
                    view! {
                        <section class="card storage-notice" data-testid="storage-notice">
                            <AdviceLine advice=first facts=facts/>
                            <a href="/m/me#storage">{tr(Msg::StorageDetails)}</a>
                        </section>
                    }
                })
        }}
    }
}

/// "Me"'s storage card: how the app is opened, whether the records are kept, space used, and
/// every piece of advice.
#[component]
pub fn StorageCard() -> impl IntoView {
    let lang = use_i18n().lang;
    let facts = use_device_storage();
    let advice = current_advice(facts);
    let opened = move || {
        facts.get().map(|f| {
            if f.installed {
                Msg::StorageInstalled
            } else {
                Msg::StorageInBrowser
            }
            .text(lang.get())
        })
    };
    let kept = move || {
        facts.get().map(|f| {
            match f.persisted {
                Some(true) => Msg::StorageKept,
                Some(false) => Msg::StorageNotKept,
                None => Msg::StorageKeptUnknown,
            }
            .text(lang.get())
        })
    };
    let used = move || {
        facts.get().map(|f| match f.usage {
            Some((used, quota)) => format!("{} / {}", human_bytes(used), human_bytes(quota)),
            None => Msg::StorageKeptUnknown.text(lang.get()).to_string(),
        })
    };
    view! {
        <section class="card" id="storage" data-testid="storage-card">
            <h2>{tr(Msg::StorageTitle)}</h2>
            <dl class="facts">
                <dt>{tr(Msg::StorageInstalledLabel)}</dt>
                <dd data-testid="storage-opened">{opened}</dd>
                <dt>{tr(Msg::StorageKeptLabel)}</dt>
                <dd data-testid="storage-kept">{kept}</dd>
                <dt>{tr(Msg::StorageUsedLabel)}</dt>
                <dd data-testid="storage-used">{used}</dd>
            </dl>
            <For each=move || advice.get() key=|a| *a let:a>
                <AdviceLine advice=a facts=facts/>
            </For>
        </section>
    }
}
