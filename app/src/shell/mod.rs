//! The root component: contexts, routes, the two layouts and the app-wide chrome.
//!
//! Routes: `/login`; the phone screens under `/m` (butlers and department staff); the desktop
//! workbench under `/office` (office and admin). `/` sends a signed-in user to their home.
//! The same routes render on the server (then hydrate) and inside the offline shell (then
//! mount), so every screen works from either start.

mod chrome;
mod guard;

pub use chrome::{
    LangSwitch, OnlineStatus, SignOutButton, SyncBanner, SyncStatus, UpdateBanner, WeChatNotice,
};
pub use guard::{Layout, RequireLayout, RootRedirect};

use crate::i18n::{I18n, Msg};
use crate::offline::Offline;
use crate::session::{initial_boot, Directory, Session};
use crate::{customers, estate, follow_ups, office, offline, pages, patrol, phone, vacant};
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
    let session = Session {
        user: RwSignal::new(boot.user),
    };
    provide_context(session);
    let sync = Offline::new();
    provide_context(sync);
    let directory = RwSignal::new(None::<Directory>);
    provide_context(directory);
    // In the browser: open the signed-in user's local store and start syncing; load names.
    Effect::new(move |_| {
        if let Some(user) = session.user.get() {
            offline::start(&user, sync);
            leptos::task::spawn_local(async move {
                if let Some(d) = crate::browser::load_directory().await {
                    directory.set(Some(d));
                }
            });
        }
    });

    view! {
        <Router>
            <UpdateBanner/>
            <WeChatNotice/>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/") view=RootRedirect/>
                <Route path=path!("/login") view=pages::SignInPage/>
                <Route path=path!("/password") view=estate::ChangePasswordPage/>
                <ParentRoute path=path!("/m") view=phone::PhoneLayout>
                    <Route path=path!("") view=phone::PhoneHome/>
                    <Route path=path!("patrol") view=patrol::PatrolHome/>
                    <Route path=path!("patrol/runs/:id") view=patrol::RunScreen/>
                    <Route path=path!("vacant") view=vacant::VacantList/>
                    <Route path=path!("units/:id") view=|| view! { <vacant::UnitScreen base="/m"/> }/>
                    <Route path=path!("follow-ups") view=follow_ups::PhoneList/>
                    <Route path=path!("follow-ups/new") view=|| view! { <follow_ups::NewFollowUp base="/m/follow-ups"/> }/>
                    <Route path=path!("follow-ups/:id") view=follow_ups::FollowUpDetail/>
                    <Route path=path!("attention") view=|| view! { <follow_ups::AttentionList base="/m/follow-ups"/> }/>
                    <Route path=path!("customers") view=|| view! { <customers::CustomerList base="/m"/> }/>
                    <Route path=path!("customers/:id") view=|| view! { <customers::CustomerDetail base="/m"/> }/>
                    <Route path=path!("me") view=phone::MeScreen/>
                    <Route path=path!("complaints") view=|| view! { <crate::complaints::ComplaintList base="/m"/> }/>
                    <Route path=path!("complaints/new") view=|| view! { <crate::complaints::NewComplaint base="/m"/> }/>
                    <Route path=path!("complaints/:id") view=|| view! { <crate::complaints::ComplaintDetail base="/m"/> }/>
                    <Route path=path!("fees") view=crate::fees::CollectionList/>
                    <Route path=path!("fees/finance") view=crate::fees::FinancePage/>
                    <Route path=path!("fees/:unit") view=|| view! { <crate::fees::CaseFile base="/m"/> }/>
                </ParentRoute>
                <ParentRoute path=path!("/office") view=office::OfficeLayout>
                    <Route path=path!("") view=office::Workbench/>
                    <Route path=path!("follow-ups") view=follow_ups::OfficeQueue/>
                    <Route path=path!("follow-ups/new") view=|| view! { <follow_ups::NewFollowUp base="/office/follow-ups"/> }/>
                    <Route path=path!("follow-ups/:id") view=follow_ups::FollowUpDetail/>
                    <Route path=path!("attention") view=|| view! { <follow_ups::AttentionList base="/office/follow-ups"/> }/>
                    <Route path=path!("templates") view=patrol::TemplatesPage/>
                    <Route path=path!("patrol/runs/:id") view=patrol::RunDetailPage/>
                    <Route path=path!("estate") view=estate::EstatePage/>
                    <Route path=path!("registers") view=office::RegistersPage/>
                    <Route path=path!("customers") view=|| view! { <customers::CustomerList base="/office"/> }/>
                    <Route path=path!("customers/:id") view=|| view! { <customers::CustomerDetail base="/office"/> }/>
                    <Route path=path!("units/:id") view=|| view! { <vacant::UnitScreen base="/office"/> }/>
                    <Route path=path!("staff") view=estate::StaffPage/>
                    <Route path=path!("audit") view=estate::AuditLogPage/>
                    <Route path=path!("complaints") view=crate::complaints::ComplaintRegister/>
                    <Route path=path!("fees") view=crate::fees::FeesPage/>
                    <Route path=path!("fees/letters/:unit") view=crate::fees::LetterPage/>
                    <Route path=path!("fees/register") view=crate::fees::CollectionRegister/>
                    <Route path=path!("fees/case/:unit") view=|| view! { <crate::fees::CaseFile base="/office"/> }/>
                    <Route path=path!("complaints/new") view=|| view! { <crate::complaints::NewComplaint base="/office"/> }/>
                    <Route path=path!("complaints/:id") view=|| view! { <crate::complaints::ComplaintDetail base="/office"/> }/>
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
