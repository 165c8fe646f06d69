//! App-wide chrome: the online/offline chip, the "update available" banner, the WeChat notice,
//! the language switch and the sign-out button.

use crate::browser;
use crate::i18n::{tr, use_i18n, Msg};
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
    let label = move || {
        if online.get() {
            tr(Msg::Online)()
        } else {
            tr(Msg::Offline)()
        }
    };
    view! {
        <span
            class="net-chip"
            class:offline=move || !online.get()
            data-testid="net-status"
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

/// Signs out (needs the network) and goes to the sign-in page.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let session = use_session();
    let lang = use_i18n().lang;
    let error = RwSignal::new(None::<Msg>);
    let navigate = use_navigate();
    let click = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match browser::sign_out().await {
                Ok(()) => {
                    session.user.set(None);
                    navigate("/login", Default::default());
                }
                Err(_) => error.set(Some(Msg::SignOutOffline)),
            }
        });
    };
    view! {
        <button class="btn secondary" data-testid="sign-out" on:click=click>
            {tr(Msg::SignOut)}
        </button>
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
        </Show>
    }
}
