//! The root component: contexts, routes, the two layouts and the app-wide chrome.
//!
//! Routes: `/login`; the phone screens under `/m` (butlers and department staff); the desktop
//! workbench under `/office` (office and admin). `/` sends a signed-in user to their home.
//! The same routes render on the server (then hydrate) and inside the offline shell (then
//! mount), so every screen works from either start.

mod chrome;
mod guard;

pub use chrome::{LangSwitch, OnlineStatus, SignOutButton, UpdateBanner, WeChatNotice};
pub use guard::{Layout, RequireLayout, RootRedirect};

use crate::i18n::{I18n, Msg};
use crate::session::{initial_boot, Session};
use crate::{office, pages, phone};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let boot = initial_boot();
    provide_context(I18n {
        lang: RwSignal::new(boot.lang),
    });
    provide_context(Session {
        user: RwSignal::new(boot.user),
    });

    view! {
        <Router>
            <UpdateBanner/>
            <WeChatNotice/>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/") view=RootRedirect/>
                <Route path=path!("/login") view=pages::SignInPage/>
                <ParentRoute path=path!("/m") view=phone::PhoneLayout>
                    <Route path=path!("") view=phone::PhoneHome/>
                    <Route path=path!("patrol") view=phone::PatrolScreen/>
                    <Route path=path!("follow-ups") view=phone::FollowUpsScreen/>
                    <Route path=path!("follow-ups/:id") view=phone::FollowUpScreen/>
                    <Route path=path!("customers") view=phone::CustomersScreen/>
                    <Route path=path!("me") view=phone::MeScreen/>
                </ParentRoute>
                <ParentRoute path=path!("/office") view=office::OfficeLayout>
                    <Route path=path!("") view=office::Workbench/>
                    <Route path=path!("follow-ups") view=office::FollowUpsPage/>
                    <Route path=path!("templates") view=office::TemplatesPage/>
                    <Route path=path!("estate") view=office::EstatePage/>
                    <Route path=path!("registers") view=office::RegistersPage/>
                    <Route path=path!("staff") view=office::StaffPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// A screen whose feature arrives with a later issue: says so plainly, shows no fake data.
#[component]
pub fn ComingLater(title: Msg, intro: Msg) -> impl IntoView {
    use crate::i18n::tr;
    view! {
        <section class="card coming">
            <h1>{tr(title)}</h1>
            <p>{tr(intro)}</p>
            <p class="muted">{tr(Msg::ComingLater)}</p>
        </section>
    }
}
