//! The desktop workbench of the office and admins: side navigation and wide pages.

use crate::i18n::{tr, use_i18n, Msg};
use crate::session::use_session;
use crate::shell::{
    LangSwitch, Layout, OnlineStatus, RequireLayout, SignOutButton, SyncBanner, SyncStatus,
};
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

/// The desktop layout around every `/office` page.
#[component]
pub fn OfficeLayout() -> impl IntoView {
    let session = use_session();
    let lang = use_i18n().lang;
    let who = move || {
        session.user.with(|u| {
            u.as_ref().map(|u| {
                format!(
                    "{} · {}",
                    u.display_name,
                    Msg::role(u.role).text(lang.get())
                )
            })
        })
    };
    let is_admin = move || {
        session.user.with(|u| {
            u.as_ref()
                .is_some_and(|u| u.role == crate::domain::Role::Admin)
        })
    };
    view! {
        <RequireLayout layout=Layout::Desktop>
            <div class="desk">
                <aside class="sidenav">
                    <div class="brand">
                        <img src="/icons/icon-192.png" alt="" width="32" height="32"/>
                        <strong>{tr(Msg::AppName)}</strong>
                    </div>
                    <nav>
                        <A href="/office" exact=true>{tr(Msg::NavWorkbench)}</A>
                        <A href="/office/follow-ups">{tr(Msg::NavFollowUps)}</A>
                        <A href="/office/attention">{tr(Msg::NeedsAttention)}</A>
                        <A href="/office/complaints">{tr(Msg::Complaints)}</A>
                        <A href="/office/fees">{tr(Msg::NavFees)}</A>
                        <A href="/office/documents">{tr(Msg::DocumentRegister)}</A>
                        <A href="/office/activities">{tr(Msg::NavActivities)}</A>
                        <A href="/office/notices">{tr(Msg::NoticeRegister)}</A>
                        <A href="/office/places">{tr(Msg::NavPlaces)}</A>
                        <A href="/office/templates">{tr(Msg::NavTemplates)}</A>
                        <A href="/office/estate">{tr(Msg::NavEstate)}</A>
                        <A href="/office/registers">{tr(Msg::NavRegisters)}</A>
                        <A href="/office/customers">{tr(Msg::CustomerLedger)}</A>
                        <A href="/office/staff">{tr(Msg::NavStaff)}</A>
                        <Show when=is_admin>
                            <A href="/office/audit">{tr(Msg::AuditLog)}</A>
                        </Show>
                    </nav>
                    <div class="sidenav-foot">
                        <p data-testid="who">{who}</p>
                        <OnlineStatus/>
                        <SyncStatus/>
                        <LangSwitch/>
                        <SignOutButton/>
                    </div>
                </aside>
                <main class="desk-main">
                    <SyncBanner/>
                    <Outlet/>
                </main>
            </div>
        </RequireLayout>
    }
}

/// `/office`: the workbench's front page.
#[component]
pub fn Workbench() -> impl IntoView {
    view! {
        <crate::patrol::TodayBoardCard/>
        <crate::vacant::CoverageCard/>
    }
}

/// `/office/registers`: every register, one tab each.
#[component]
pub fn RegistersPage() -> impl IntoView {
    let tab = RwSignal::new(0u8);
    let button = move |n: u8, msg: Msg, id: &'static str| {
        view! {
            <button class="seg" class:active=move || tab.get() == n data-testid=id on:click=move |_| tab.set(n)>
                {crate::i18n::tr(msg)}
            </button>
        }
    };
    view! {
        <div class="segments no-print" role="tablist">
            {button(0, Msg::PatrolRegister, "tab-patrol")}
            {button(1, Msg::VacantRegister, "tab-vacant")}
            {button(2, Msg::PeriodRecordsTab, "tab-records")}
            {button(3, Msg::VisitReport, "tab-visits")}
        </div>
        {move || match tab.get() {
            0 => view! { <crate::patrol::PatrolRegister/> }.into_any(),
            1 => view! { <crate::vacant::VacantRegister/> }.into_any(),
            2 => view! { <crate::vacant::PeriodRecords/> }.into_any(),
            _ => view! { <crate::customers::VisitReportPage/> }.into_any(),
        }}
    }
}
