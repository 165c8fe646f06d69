//! The phone home screen: who is signed in, their clusters, and the day's work (as the
//! features arrive).

use super::StorageNotice;
use crate::domain::complaint::ComplaintStatus;
use crate::domain::Role;
use crate::i18n::{tr, use_i18n, Msg};
use crate::session::use_session;
use leptos::prelude::*;

/// `/m`.
#[component]
pub fn PhoneHome() -> impl IntoView {
    let session = use_session();
    let lang = use_i18n().lang;
    let greeting = move || {
        let name = session
            .user
            .with(|u| u.as_ref().map(|u| u.display_name.clone()))
            .unwrap_or_default();
        Msg::Hello.with(lang.get(), name)
    };
    let clusters = move || {
        session
            .user
            .with(|u| u.as_ref().map(|u| u.clusters.clone()))
            .unwrap_or_default()
    };
    let role = move || {
        session
            .user
            .with(|u| u.as_ref().map(|u| Msg::role(u.role).text(lang.get())))
    };
    // Butlers take complaints; a department's lead reads those against the department.
    let sees_complaints = move || {
        session.user.with(|u| {
            u.as_ref()
                .is_some_and(|u| u.role == Role::Butler || (u.role == Role::Staff && u.lead))
        })
    };
    // Complaints nobody has reached yet (the office took them at the desk or on the phone).
    let offline = crate::offline::use_offline();
    let to_reach = move || {
        let butler = session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Butler));
        let n = offline.complaints.with(|cs| {
            cs.iter()
                .filter(|v| v.record.status() == ComplaintStatus::Received)
                .count()
        });
        (butler && n > 0).then(|| Msg::ComplaintsToReach.with(lang.get(), n))
    };
    // Butlers collect fees: the households of their clusters that owe (department staff never
    // receive amounts).
    let butler = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Butler))
    };
    let owing = move || {
        offline
            .arrears
            .with(|a| a.iter().filter(|a| a.owes()).count())
    };
    // Notices whose last day has come, still up: the morning's take-downs.
    let due_notices = move || {
        let today = crate::ui::estate_today(chrono::Utc::now());
        offline
            .notices
            .with(|ns| ns.iter().filter(|n| n.record.due_down(today)).count())
    };
    // Documents to hand out (not yet reached the household), and households to phone.
    let documents_open = move || {
        let today = crate::ui::estate_today(chrono::Utc::now());
        offline.deliveries.with(|ds| {
            ds.iter()
                .filter(|d| !d.record.state().claimed() || d.record.to_call(today))
                .count()
        })
    };
    // Activities open for sign-up where this butler still has places.
    let activities_open = move || {
        let now = chrono::Utc::now();
        let me = session.user.with(|u| u.as_ref().map(|u| u.id));
        offline.activities.with(|all| {
            all.iter()
                .filter(|a| a.record.open_at(now) && me.is_some_and(|m| a.record.left_for(m) > 0))
                .count()
        })
    };
    // Finance staff bring in finance's export of charges and read the rates.
    let finance = move || {
        session.user.with(|u| {
            u.as_ref().is_some_and(|u| {
                u.role == Role::Staff && u.department == Some(crate::domain::Department::Finance)
            })
        })
    };
    view! {
        <section class="card">
            <h1 data-testid="greeting">{greeting}</h1>
            <p class="muted">{role}</p>
            <h2>{tr(Msg::MyClusters)}</h2>
            <Show
                when=move || !clusters().is_empty()
                fallback=|| view! { <p class="muted">{tr(Msg::NoClusters)}</p> }
            >
                <ul class="chips">
                    <For each=clusters key=|c| c.id let:c>
                        <li class="chip">{c.name}</li>
                    </For>
                </ul>
            </Show>
        </section>
        <StorageNotice/>
        <nav class="tiles">
            <a class="tile" href="/m/patrol">
                <strong>{tr(Msg::TabPatrol)}</strong>
                <span>{tr(Msg::PatrolIntro)}</span>
            </a>
            <a class="tile" href="/m/follow-ups">
                <strong>{tr(Msg::TabFollowUps)}</strong>
                <span>{tr(Msg::FollowUpsIntro)}</span>
            </a>
            <a class="tile" href="/m/customers">
                <strong>{tr(Msg::TabCustomers)}</strong>
                <span>{tr(Msg::CustomersIntro)}</span>
            </a>
            <Show when=sees_complaints>
                <a class="tile" href="/m/complaints" data-testid="complaints-tile">
                    <strong>{tr(Msg::Complaints)}</strong>
                    <span>{tr(Msg::ComplaintsIntro)}</span>
                    {move || to_reach().map(|t| view! { <span class="badge" data-testid="complaints-to-reach">{t}</span> })}
                </a>
            </Show>
            <Show when=butler>
                <a class="tile" href="/m/fees" data-testid="fees-tile">
                    <strong>{tr(Msg::NavFees)}</strong>
                    <span>{tr(Msg::FeesPhoneIntro)}</span>
                    {move || (owing() > 0).then(|| view! { <span class="badge" data-testid="fees-owing">{move || Msg::ArrearsCount.with(lang.get(), owing())}</span> })}
                </a>
            </Show>
            <Show when=butler>
                <a class="tile" href="/m/notices" data-testid="notices-tile">
                    <strong>{tr(Msg::NavNotices)}</strong>
                    <span>{tr(Msg::NoticesIntro)}</span>
                    {move || (due_notices() > 0).then(|| view! { <span class="badge" data-testid="notices-due-count">{move || Msg::NoticesDueCount.with(lang.get(), due_notices())}</span> })}
                </a>
            </Show>
            <Show when=butler>
                <a class="tile" href="/m/documents" data-testid="documents-tile">
                    <strong>{tr(Msg::NavDocuments)}</strong>
                    <span>{tr(Msg::DocumentsIntro)}</span>
                    {move || (documents_open() > 0).then(|| view! { <span class="badge" data-testid="documents-open">{move || Msg::DocumentsOpenCount.with(lang.get(), documents_open())}</span> })}
                </a>
            </Show>
            <Show when=butler>
                <a class="tile" href="/m/activities" data-testid="activities-tile">
                    <strong>{tr(Msg::NavActivities)}</strong>
                    <span>{tr(Msg::ActivitiesIntro)}</span>
                    {move || (activities_open() > 0).then(|| view! { <span class="badge" data-testid="activities-open">{move || Msg::ActOpenCount.with(lang.get(), activities_open())}</span> })}
                </a>
            </Show>
            <Show when=finance>
                <a class="tile" href="/m/fees/finance" data-testid="finance-tile">
                    <strong>{tr(Msg::NavFees)}</strong>
                    <span>{tr(Msg::FinancePhoneIntro)}</span>
                </a>
            </Show>
            <a class="tile" href="/m/vacant">
                <strong>{tr(Msg::VacantTitle)}</strong>
                <span>{tr(Msg::VacantIntro)}</span>
            </a>
        </nav>
    }
}
