//! The root component: contexts, routes, the two layouts and the app-wide chrome.
//!
//! Routes: `/login`; the phone screens under `/m` (butlers and department staff); the desktop
//! workbench under `/office` (office and admin). `/` sends a signed-in user to their home.
//! The same routes render on the server (then hydrate) and inside the offline shell (then
//! mount), so every screen works from either start.

mod chrome;
mod guard;
mod lazy;

pub use chrome::{
    LangSwitch, OnlineStatus, SignOutButton, SyncBanner, SyncStatus, UpdateBanner, WeChatNotice,
};
pub use guard::{Layout, RequireLayout, RootRedirect};

use crate::i18n::{I18n, Msg};
use crate::offline::Offline;
use crate::session::{initial_boot, Directory, Session};
use crate::{estate, office, offline, pages, phone};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;

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
    // In the browser, once the page is hydrated (not before: a record read while a page's code
    // is still arriving would be drawn into its hydration): open the signed-in user's local
    // store and start syncing; load names.
    Effect::new(move |_| {
        if !crate::browser::is_ready() {
            return;
        }
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
                    <Route path=path!("patrol") view={Lazy::<lazy::PatrolHome>::new()}/>
                    <Route path=path!("patrol/runs/:id") view={Lazy::<lazy::RunScreen>::new()}/>
                    <Route path=path!("vacant") view={Lazy::<lazy::VacantList>::new()}/>
                    <Route path=path!("units/:id") view={Lazy::<lazy::PhoneUnit>::new()}/>
                    <Route path=path!("follow-ups") view={Lazy::<lazy::PhoneFollowUps>::new()}/>
                    <Route path=path!("follow-ups/new") view={Lazy::<lazy::PhoneNewFollowUp>::new()}/>
                    <Route path=path!("follow-ups/:id") view={Lazy::<lazy::FollowUpDetail>::new()}/>
                    <Route path=path!("attention") view={Lazy::<lazy::PhoneAttention>::new()}/>
                    <Route path=path!("customers") view={Lazy::<lazy::PhoneCustomers>::new()}/>
                    <Route path=path!("customers/:id") view={Lazy::<lazy::PhoneCustomer>::new()}/>
                    <Route path=path!("me") view={Lazy::<lazy::Me>::new()}/>
                    <Route path=path!("complaints") view={Lazy::<lazy::PhoneComplaints>::new()}/>
                    <Route path=path!("complaints/new") view={Lazy::<lazy::PhoneNewComplaint>::new()}/>
                    <Route path=path!("complaints/:id") view={Lazy::<lazy::PhoneComplaint>::new()}/>
                    <Route path=path!("fees") view={Lazy::<lazy::CollectionList>::new()}/>
                    <Route path=path!("notices") view={Lazy::<lazy::NoticeBoards>::new()}/>
                    <Route path=path!("documents") view={Lazy::<lazy::PhoneDocuments>::new()}/>
                    <Route path=path!("documents/:id") view={Lazy::<lazy::PhoneDocument>::new()}/>
                    <Route path=path!("activities") view={Lazy::<lazy::PhoneActivities>::new()}/>
                    <Route path=path!("activities/:id") view={Lazy::<lazy::PhoneActivity>::new()}/>
                    <Route path=path!("fees/finance") view={Lazy::<lazy::FinancePage>::new()}/>
                    <Route path=path!("fees/:unit") view={Lazy::<lazy::PhoneCaseFile>::new()}/>
                </ParentRoute>
                <ParentRoute path=path!("/office") view=office::OfficeLayout>
                    <Route path=path!("") view={Lazy::<lazy::Workbench>::new()}/>
                    <Route path=path!("follow-ups") view={Lazy::<lazy::FollowUpQueue>::new()}/>
                    <Route path=path!("follow-ups/new") view={Lazy::<lazy::OfficeNewFollowUp>::new()}/>
                    <Route path=path!("follow-ups/:id") view={Lazy::<lazy::FollowUpDetail>::new()}/>
                    <Route path=path!("attention") view={Lazy::<lazy::OfficeAttention>::new()}/>
                    <Route path=path!("templates") view={Lazy::<lazy::Templates>::new()}/>
                    <Route path=path!("patrol/runs/:id") view={Lazy::<lazy::RunDetail>::new()}/>
                    <Route path=path!("estate") view={Lazy::<lazy::Estate>::new()}/>
                    <Route path=path!("registers") view={Lazy::<lazy::Registers>::new()}/>
                    <Route path=path!("customers") view={Lazy::<lazy::OfficeCustomers>::new()}/>
                    <Route path=path!("customers/:id") view={Lazy::<lazy::OfficeCustomer>::new()}/>
                    <Route path=path!("units/:id") view={Lazy::<lazy::OfficeUnit>::new()}/>
                    <Route path=path!("staff") view={Lazy::<lazy::Staff>::new()}/>
                    <Route path=path!("audit") view={Lazy::<lazy::AuditLog>::new()}/>
                    <Route path=path!("complaints") view={Lazy::<lazy::ComplaintRegister>::new()}/>
                    <Route path=path!("fees") view={Lazy::<lazy::Fees>::new()}/>
                    <Route path=path!("notices") view={Lazy::<lazy::NoticeRegister>::new()}/>
                    <Route path=path!("documents") view={Lazy::<lazy::DocumentRegister>::new()}/>
                    <Route path=path!("documents/:id") view={Lazy::<lazy::OfficeDocument>::new()}/>
                    <Route path=path!("activities") view={Lazy::<lazy::ActivityRegister>::new()}/>
                    <Route path=path!("activities/:id") view={Lazy::<lazy::OfficeActivity>::new()}/>
                    <Route path=path!("places") view={Lazy::<lazy::Places>::new()}/>
                    <Route path=path!("places/labels") view={Lazy::<lazy::Labels>::new()}/>
                    <Route path=path!("fees/letters/:unit") view={Lazy::<lazy::Letter>::new()}/>
                    <Route path=path!("fees/register") view={Lazy::<lazy::CollectionRegister>::new()}/>
                    <Route path=path!("fees/case/:unit") view={Lazy::<lazy::OfficeCaseFile>::new()}/>
                    <Route path=path!("complaints/new") view={Lazy::<lazy::OfficeNewComplaint>::new()}/>
                    <Route path=path!("complaints/:id") view={Lazy::<lazy::OfficeComplaint>::new()}/>
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
