//! App-wide chrome: the online/offline chip, the "update available" banner, the WeChat notice,
//! the language switch and the sign-out button.

use crate::browser;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{use_offline, SyncProblem};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// Online or offline, always visible in the layouts' top bar.
#[component]
pub fn OnlineStatus() -> impl IntoView {
    // Rendered pages start "online"; the browser corrects it once it runs.
    let online = RwSignal::new(true);
    Effect::new(move |_| {
        online.set(browser::is_online());
        let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
    });
    // The phone's network (navigator.onLine) first; with a network, whether the last sync
    // reached the server (design: a basement's Wi-Fi without the internet is not "online").
    let offline = use_offline();
    let lang = use_i18n().lang;
    let unreachable = move || online.get() && offline.unreachable.get();
    let label = move || {
        let l = lang.get();
        if !online.get() {
            Msg::Offline.text(l).to_owned()
        } else if offline.unreachable.get() {
            match offline.last_sync.get() {
                Some(t) => Msg::ServerUnreachableSince.with(l, crate::follow_ups::estate_clock(t)),
                None => Msg::ServerUnreachable.text(l).to_owned(),
            }
        } else {
            Msg::Online.text(l).to_owned()
        }
    };
    view! {
        <span
            class="net-chip"
            class:offline=move || !online.get()
            class:unreachable=unreachable
            data-testid="net-status"
            data-state=move || if !online.get() { "offline" } else if offline.unreachable.get() { "unreachable" } else { "online" }
        >
            {label}
        </span>
    }
}

/// "A new version is available": shown when a new build's service worker waits; the page keeps
/// working on the old build until the user accepts (design §4: never replaced mid-round).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let waiting = RwSignal::new(false);
    Effect::new(move |_| {
        waiting.set(browser::update_waiting());
        let handle = window_event_listener_untyped("butler-update", move |_| waiting.set(true));
        on_cleanup(move || handle.remove());
    });
    view! {
        <Show when=move || waiting.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{tr(Msg::UpdateAvailable)}</span>
                <button class="btn small" on:click=|_| browser::apply_update()>
                    {tr(Msg::UpdateNow)}
                </button>
            </div>
        </Show>
    }
}

/// WeChat's in-app browser cannot host an offline app: ask for the system browser.
#[component]
pub fn WeChatNotice() -> impl IntoView {
    let wechat = RwSignal::new(false);
    Effect::new(move |_| wechat.set(browser::in_wechat()));
    view! {
        <Show when=move || wechat.get()>
            <div class="wechat-notice" role="alert">{tr(Msg::WeChatWarning)}</div>
        </Show>
    }
}

/// Switches between 中文 and English; the choice survives reloads and reaches the server.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_i18n().lang;
    let switch = move |_| {
        let next = lang.get_untracked().other();
        browser::store_lang(next);
        lang.set(next);
    };
    view! {
        <button class="btn link lang-switch" data-testid="lang-switch" on:click=switch>
            {tr(Msg::LanguageSwitch)}
        </button>
    }
}

/// Signs out (needs the network) and goes to the sign-in page. With changes still waiting it
/// first says so (they stay in this user's local database and sync at the next sign-in:
/// nothing is discarded) and signs out on the second tap.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let session = use_session();
    let offline = use_offline();
    let lang = use_i18n().lang;
    let error = RwSignal::new(None::<String>);
    let warned = RwSignal::new(false);
    let navigate = use_navigate();
    let click = move |_| {
        let pending = offline.pending_records.get_untracked().max(1);
        if offline.pending.get_untracked() > 0 && !warned.get_untracked() {
            warned.set(true);
            error.set(Some(
                Msg::SignOutPending.with(lang.get_untracked(), pending),
            ));
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            match browser::sign_out().await {
                Ok(()) => {
                    // The local database stays, outbox and all; the screens empty.
                    crate::offline::stop();
                    session.user.set(None);
                    navigate("/login", Default::default());
                }
                Err(_) => error.set(Some(
                    Msg::SignOutOffline.text(lang.get_untracked()).to_owned(),
                )),
            }
        });
    };
    view! {
        <button class="btn secondary" data-testid="sign-out" on:click=click>
            {tr(Msg::SignOut)}
        </button>
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert" data-testid="sign-out-message">{move || error.get()}</p>
        </Show>
    }
}

/// Waiting changes and the last successful sync, always visible next to the online chip.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let text = move || {
        let l = lang.get();
        // Until this phone's records are read, the outbox is not counted: "all synced" then
        // would be a guess.
        if !offline.loaded.get() {
            return Msg::ReadingLocal.text(l).to_owned();
        }
        if offline.syncing.get()
            && (offline.pending.get() > 0 || offline.first_sync.get().is_some())
        {
            return Msg::Syncing.text(l).to_owned();
        }
        // Counted by record: a round of twenty answers is one thing waiting.
        let pending = offline.pending_records.get();
        let last = offline
            .last_sync
            .get()
            .map(|t| Msg::LastSync.with(l, crate::follow_ups::estate_clock(t)));
        match (offline.pending.get() > 0, last) {
            (true, Some(last)) => format!("{} · {last}", Msg::WaitingCount.with(l, pending.max(1))),
            (true, None) => format!(
                "{} · {}",
                Msg::WaitingCount.with(l, pending.max(1)),
                Msg::NeverSynced.text(l)
            ),
            // Nothing waits but nothing has been heard from the server yet: "all synced"
            // would be a guess (issue 13, bug 5).
            (false, None) => Msg::NeverSynced.text(l).to_owned(),
            (false, Some(last)) => format!("{} · {last}", Msg::AllSynced.text(l)),
        }
    };
    view! {
        <span class="sync-status" data-testid="sync-status" data-pending=move || offline.pending.get()>
            {text}
        </span>
    }
}

/// A first sync's progress, and problems the user must act on (sign in, update, storage).
#[component]
pub fn SyncBanner() -> impl IntoView {
    let offline = use_offline();
    let lang = use_i18n().lang;
    let problem = move || {
        offline.problem.get().map(|p| match p {
            SyncProblem::SignIn => Msg::ProblemSignIn,
            SyncProblem::Upgrade => Msg::UpgradeRequired,
            SyncProblem::Quota => Msg::ProblemQuota,
            SyncProblem::Storage => Msg::ProblemStorage,
        })
    };
    view! {
        <Show when=move || offline.first_sync.get().is_some()>
            <div class="progress" role="progressbar" data-testid="first-sync">
                <span>{move || Msg::FirstSync.with(lang.get(), offline.first_sync.get().unwrap_or(0))}</span>
                <div class="bar"><div class="fill"></div></div>
            </div>
        </Show>
        <Show when=move || problem().is_some()>
            <div class="sync-problem" role="alert" data-testid="sync-problem">
                {move || problem().map(|m| m.text(lang.get()))}
                <Show when=move || offline.problem.get() == Some(SyncProblem::SignIn)>
                    " "
                    <a href="/login">{tr(Msg::SignIn)}</a>
                </Show>
            </div>
        </Show>
    }
}
