//! The sign-in page. With the WASM running it signs in by JSON and keeps the user for the
//! offline start; before the WASM has loaded (a slow phone) the same form posts natively and the
//! server answers with a redirect, so a quick tap is never lost.

use crate::browser::{self, SignInFailure};
use crate::i18n::{tr, use_i18n, Msg};
use crate::session::{use_session, ApiErrorBody, ErrorCode};
use crate::shell::LangSwitch;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

/// A failure to show under the form.
#[derive(Debug, Clone)]
enum Problem {
    Refused(ApiErrorBody),
    Missing,
    Unreachable,
}

/// `/login`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let lang = use_i18n().lang;
    let query = use_query_map();
    let navigate = use_navigate();

    // An error from a native form post arrives as `?error=code&retry=secs`.
    let initial = query.with_untracked(|q| {
        q.get("error")
            .and_then(|c| ErrorCode::from_code(&c))
            .map(|code| {
                Problem::Refused(ApiErrorBody {
                    retry_after_secs: q.get("retry").and_then(|s| s.parse().ok()),
                    ..ApiErrorBody::new(code)
                })
            })
    });
    let problem = RwSignal::new(initial);
    let busy = RwSignal::new(false);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if u.trim().is_empty() || p.is_empty() {
            problem.set(Some(Problem::Missing));
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match browser::sign_in(u, p).await {
                Ok(ok) => {
                    problem.set(None);
                    let home = ok.user.role.home_path();
                    session.user.set(Some(ok.user));
                    navigate(home, Default::default());
                }
                Err(SignInFailure::Refused(body)) => problem.set(Some(Problem::Refused(body))),
                Err(SignInFailure::Unreachable) => problem.set(Some(Problem::Unreachable)),
            }
            busy.set(false);
        });
    };

    let message = move || {
        let l = lang.get();
        problem.get().map(|p| match p {
            Problem::Refused(body) => body.message(l),
            Problem::Missing => Msg::SignInMissing.text(l).to_owned(),
            Problem::Unreachable => Msg::NetworkError.text(l).to_owned(),
        })
    };

    view! {
        <Show when=move || session.user.with(|u| u.is_some())>
            <Redirect path=session.user.get_untracked().map(|u| u.role.home_path()).unwrap_or("/")/>
        </Show>
        <main class="centered sign-in">
            <section class="card">
                <div class="brand">
                    <img src="/icons/icon-192.png" alt="" width="56" height="56"/>
                    <div>
                        <h1>{tr(Msg::AppName)}</h1>
                        <p class="muted">{tr(Msg::AppTagline)}</p>
                    </div>
                </div>
                <form method="post" action="/login" on:submit=submit>
                    <label>
                        <span>{tr(Msg::Username)}</span>
                        <input
                            name="username"
                            autocomplete="username"
                            autocapitalize="none"
                            required
                            data-testid="username"
                            bind:value=username
                        />
                    </label>
                    <label>
                        <span>{tr(Msg::Password)}</span>
                        <input
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            data-testid="password"
                            bind:value=password
                        />
                    </label>
                    <Show when=move || problem.with(|p| p.is_some())>
                        <p class="error" role="alert" data-testid="sign-in-error">{message}</p>
                    </Show>
                    <button class="btn primary block" type="submit" data-testid="sign-in" disabled=move || busy.get()>
                        {move || if busy.get() { tr(Msg::SigningIn)() } else { tr(Msg::SignIn)() }}
                    </button>
                </form>
                <LangSwitch/>
            </section>
        </main>
    }
}
