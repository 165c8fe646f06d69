//! The phone screens of butlers and department staff: a top bar, the screen, and a bottom tab
//! bar with large touch targets. No screen scrolls sideways at 360 px.

mod home;
mod me;
mod storage;

pub use home::PhoneHome;
pub use me::MeScreen;
pub use storage::{StorageCard, StorageNotice};

use crate::i18n::{tr, Msg};
use crate::shell::{Layout, OnlineStatus, RequireLayout, SyncBanner, SyncStatus};
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

/// The phone layout around every `/m` screen.
#[component]
pub fn PhoneLayout() -> impl IntoView {
    view! {
        <RequireLayout layout=Layout::Phone>
            <div class="phone">
                <header class="topbar">
                    <span class="title">{tr(Msg::AppName)}</span>
                    <div class="topbar-status">
                        <SyncStatus/>
                        <OnlineStatus/>
                    </div>
                </header>
                <SyncBanner/>
                <main class="phone-main">
                    <Outlet/>
                </main>
                <nav class="tabbar" aria-label="tabs">
                    <A href="/m" exact=true>
                        <span class="tab-icon" aria-hidden="true">"⌂"</span>
                        <span>{tr(Msg::TabHome)}</span>
                    </A>
                    <A href="/m/patrol">
                        <span class="tab-icon" aria-hidden="true">"✓"</span>
                        <span>{tr(Msg::TabPatrol)}</span>
                    </A>
                    <A href="/m/follow-ups">
                        <span class="tab-icon" aria-hidden="true">"↻"</span>
                        <span>{tr(Msg::TabFollowUps)}</span>
                    </A>
                    <A href="/m/customers">
                        <span class="tab-icon" aria-hidden="true">"☺"</span>
                        <span>{tr(Msg::TabCustomers)}</span>
                    </A>
                    <A href="/m/me">
                        <span class="tab-icon" aria-hidden="true">"☰"</span>
                        <span>{tr(Msg::TabMe)}</span>
                    </A>
                </nav>
            </div>
        </RequireLayout>
    }
}
