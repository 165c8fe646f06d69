//! "Me": the account, this device and its storage, the language switch and sign-out.

use super::StorageCard;
use crate::browser;
use crate::i18n::{tr, use_i18n, Msg};
use crate::session::use_session;
use crate::shell::{LangSwitch, SignOutButton};
use leptos::prelude::*;

/// `/m/me`.
#[component]
pub fn MeScreen() -> impl IntoView {
    let session = use_session();
    let lang = use_i18n().lang;
    let user = move || session.user.get();
    // The browser is only known in the browser; rendered pages fill it in after start. Named
    // as the admin's staff page names it ("Android Chrome"), never by its id.
    let device = RwSignal::new(String::new());
    Effect::new(move |_| device.set(crate::estate::staff::device_name(&browser::user_agent())));
    view! {
        <section class="card">
            <h1>{tr(Msg::Account)}</h1>
            <dl class="facts">
                <dt>{tr(Msg::Username)}</dt>
                <dd data-testid="me-username">{move || user().map(|u| u.username)}</dd>
                <dt>{tr(Msg::RoleLabel)}</dt>
                <dd>{move || user().map(|u| Msg::role(u.role).text(lang.get()))}</dd>
                <dt>{tr(Msg::DepartmentLabel)}</dt>
                <dd>
                    {move || {
                        user().and_then(|u| u.department).map(|d| Msg::department(d).text(lang.get()))
                    }}
                </dd>
                <dt>{tr(Msg::DeviceLabel)}</dt>
                <dd data-testid="me-device">{move || device.get()}</dd>
            </dl>
            <div class="actions">
                <LangSwitch/>
                <SignOutButton/>
            </div>
        </section>
        <StorageCard/>
    }
}
