//! `/office/staff` (admins): staff with their roles, departments, clusters and devices — create,
//! edit, reset a password, revoke a lost phone. `/password`: the signed-in user changes a
//! password an admin set. `AuditTrail`: a record's change history; `/office/audit`: the
//! admin's log. All read and write the server.

use super::audit::{AuditEntry, AuditSource};
use super::staff::{
    check_password, ChangePassword, ResetPassword, StaffDraft, StaffMember, StaffRefusal,
};
use crate::domain::{ClusterId, Department, Role};
use crate::i18n::{tr, use_i18n, Msg};
use crate::session::{use_directory, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn refusal_text(body: &str, lang: crate::i18n::Lang) -> String {
    serde_json::from_str::<StaffRefusal>(body)
        .map(|r| r.problem.text(lang).to_owned())
        .unwrap_or_else(|_| Msg::ServerError.text(lang).to_owned())
}

/// The staff page.
#[component]
pub fn StaffPage() -> impl IntoView {
    let session = use_session();
    let admin = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Admin))
    };
    view! {
        <Show when=admin fallback=|| view! {
            <section class="card"><h1>{tr(Msg::StaffTitle)}</h1><p class="muted">{tr(Msg::StaffAdminOnly)}</p></section>
        }>
            <StaffAdmin/>
            <DueDaysCard/>
        </Show>
    }
}

/// Each department's default time for follow-ups made without a due date (admins). Saved
/// one department at a time; the directory is reloaded so this browser uses it at once.
#[component]
fn DueDaysCard() -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = use_directory();
    let notice = RwSignal::new(None::<(bool, String)>);
    let save = move |department: Department, typed: String| {
        let l = lang.get_untracked();
        let Ok(days) = typed.trim().parse::<u32>() else {
            return notice.set(Some((
                false,
                super::staff::StaffProblem::BadDueDays.text(l).into(),
            )));
        };
        let draft = super::staff::SetDueDays { days };
        if let Err(p) = draft.check() {
            return notice.set(Some((false, p.text(l).into())));
        }
        spawn_local(async move {
            let url = format!("/api/v1/departments/{}/due-days", department.code());
            match crate::browser::post_json(&url, &draft).await {
                Ok((200, _)) => {
                    if let Some(d) = crate::browser::load_directory().await {
                        directory.set(Some(d));
                    }
                    notice.set(Some((true, Msg::Saved.text(l).into())));
                }
                Ok((422, body)) => notice.set(Some((false, refusal_text(&body, l)))),
                Ok(_) => notice.set(Some((false, Msg::ServerError.text(l).into()))),
                Err(_) => notice.set(Some((false, Msg::NetworkError.text(l).into()))),
            }
        });
    };
    view! {
        <section class="card" data-testid="due-days">
            <h2>{tr(Msg::DueDaysTitle)}</h2>
            <p class="muted">{tr(Msg::DueDaysHint)}</p>
            {move || notice.get().map(|(ok, n)| view! {
                <p class=if ok { "muted" } else { "error" } role="status" data-testid="due-days-notice">{n}</p>
            })}
            <table class="grid">
                <thead><tr>
                    <th>{tr(Msg::DepartmentLabel)}</th>
                    <th>{tr(Msg::DaysLabel)}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    {Department::ALL.into_iter().map(|d| {
                        let typed = RwSignal::new(String::new());
                        let current = move || directory.with(|dir| {
                            dir.as_ref().map_or(crate::domain::follow_up::DEFAULT_DUE_DAYS, |x| x.due_days_of(d))
                        });
                        view! {
                            <tr data-testid="due-days-row" data-department=d.code()>
                                <td>{move || Msg::department(d).text(lang.get())}</td>
                                <td>
                                    <input
                                        type="number" min="1" max="365" inputmode="numeric"
                                        class="narrow"
                                        data-testid="due-days-input"
                                        prop:value=move || current().to_string()
                                        on:input=move |ev| typed.set(event_target_value(&ev))
                                    />
                                </td>
                                <td>
                                    <button class="btn secondary" data-testid="due-days-save"
                                        on:click=move |_| {
                                            let t = typed.get_untracked();
                                            let t = if t.is_empty() { current().to_string() } else { t };
                                            save(d, t)
                                        }>
                                        {tr(Msg::Save)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn StaffAdmin() -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = use_directory();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        crate::browser::fetch_json::<Vec<StaffMember>>("/api/v1/staff".into())
    });
    let editing = RwSignal::new(None::<(Option<crate::domain::UserId>, StaffDraft)>);
    let notice = RwSignal::new(None::<String>);
    let cluster_name = move |id: ClusterId| {
        directory.with(|d| {
            d.as_ref()
                .and_then(|d| {
                    d.clusters
                        .iter()
                        .find(|c| c.id == id)
                        .map(|c| c.name.clone())
                })
                .unwrap_or_default()
        })
    };
    let new_draft = move |_| {
        editing.set(Some((
            None,
            StaffDraft {
                username: String::new(),
                display_name: String::new(),
                role: Role::Butler,
                department: Some(Department::CustomerService),
                clusters: vec![],
                lead: false,
                active: true,
                password: Some(String::new()),
            },
        )))
    };
    let revoke = move |device: crate::domain::DeviceId| {
        spawn_local(async move {
            let url = format!("/api/v1/devices/{device}/revoke");
            match crate::browser::post_json(&url, &serde_json::json!({})).await {
                Ok((200, _)) => version.update(|v| *v += 1),
                Ok(_) => notice.set(Some(Msg::ServerError.text(lang.get_untracked()).into())),
                Err(_) => notice.set(Some(Msg::NetworkError.text(lang.get_untracked()).into())),
            }
        });
    };
    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::StaffTitle)}</h1>
                <button class="btn primary" data-testid="new-staff" on:click=new_draft>{tr(Msg::NewStaff)}</button>
            </div>
            {move || notice.get().map(|n| view! { <p class="muted" role="status" data-testid="staff-notice">{n}</p> })}
            {move || editing.get().map(|(id, draft)| view! {
                <StaffEditor id=id draft=draft on_done=Callback::new(move |saved: bool| {
                    editing.set(None);
                    if saved {
                        notice.set(Some(Msg::Saved.text(lang.get_untracked()).into()));
                        version.update(|v| *v += 1);
                    }
                })/>
            })}
            <Suspense fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                {move || list.get().map(|r| match r {
                    Err(m) => view! { <p class="error" role="alert">{move || m.text(lang.get())}</p> }.into_any(),
                    Ok(members) => view! {
                        <table class="grid" data-testid="staff-table">
                            <thead><tr>
                                <th>{tr(Msg::DisplayNameLabel)}</th>
                                <th>{tr(Msg::Username)}</th>
                                <th>{tr(Msg::RoleLabel)}</th>
                                <th>{tr(Msg::DepartmentLabel)}</th>
                                <th>{tr(Msg::ClustersLabel)}</th>
                                <th>{tr(Msg::Devices)}</th>
                                <th></th>
                            </tr></thead>
                            <tbody>
                                {members.into_iter().map(|m| {
                                    let draft = m.draft();
                                    let id = m.id;
                                    let clusters = m.clusters.clone();
                                    let devices = m.devices.clone();
                                    view! {
                                        <tr data-testid="staff-row" data-username=m.username.clone()>
                                            <td>
                                                {m.display_name.clone()}
                                                {(!m.active).then(|| view! { " " <span class="chip">{tr(Msg::Inactive)}</span> })}
                                                {m.lead.then(|| view! { " " <span class="chip" data-testid="lead-chip">{tr(Msg::DepartmentLead)}</span> })}
                                                {m.must_change_password.then(|| view! { " " <span class="chip">{tr(Msg::MustChange)}</span> })}
                                            </td>
                                            <td>{m.username.clone()}</td>
                                            <td>{move || Msg::role(m.role).text(lang.get())}</td>
                                            <td>{move || m.department.map(|d| Msg::department(d).text(lang.get())).unwrap_or("")}</td>
                                            <td>{move || clusters.iter().map(|c| cluster_name(*c)).collect::<Vec<_>>().join("、")}</td>
                                            <td>
                                                <ul class="plain">
                                                    {devices.into_iter().map(|d| view! {
                                                        <li data-testid="device" data-device=d.id.to_string()>
                                                            {crate::estate::staff::device_name(&d.user_agent)}" · "
                                                            {tr(Msg::LastSeen)}" "{crate::ui::estate_time(d.last_seen_at)}
                                                            {match d.revoked_at {
                                                                Some(_) => view! { " " <span class="chip">{tr(Msg::Revoked)}</span> }.into_any(),
                                                                None => view! {
                                                                    " " <button class="btn link" data-testid="revoke" on:click=move |_| revoke(d.id)>{tr(Msg::RevokeDevice)}</button>
                                                                }.into_any(),
                                                            }}
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            </td>
                                            <td class="actions">
                                                <button class="btn secondary" data-testid="edit-staff"
                                                    on:click=move |_| editing.set(Some((Some(id), draft.clone())))>{tr(Msg::Edit)}</button>
                                                <ResetButton id=id notice=notice/>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ResetButton(id: crate::domain::UserId, notice: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let open = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let reset = move |_| {
        let p = password.get_untracked();
        if let Err(e) = check_password(&p) {
            error.set(Some(e.text(lang.get_untracked()).into()));
            return;
        }
        spawn_local(async move {
            let url = format!("/api/v1/staff/{id}/password");
            match crate::browser::post_json(&url, &ResetPassword { password: p }).await {
                Ok((200, _)) => {
                    open.set(false);
                    password.set(String::new());
                    notice.set(Some(
                        Msg::PasswordResetDone.text(lang.get_untracked()).into(),
                    ));
                }
                Ok((_, body)) => error.set(Some(refusal_text(&body, lang.get_untracked()))),
                Err(_) => error.set(Some(Msg::NetworkError.text(lang.get_untracked()).into())),
            }
        });
    };
    view! {
        <button class="btn secondary" data-testid="reset-password" on:click=move |_| open.update(|o| *o = !*o)>
            {tr(Msg::ResetPassword)}
        </button>
        <Show when=move || open.get()>
            <div class="inline-form">
                <input type="text" autocomplete="off" data-testid="temp-password" bind:value=password
                    placeholder=move || tr(Msg::TempPassword)()/>
                <button class="btn primary" data-testid="confirm-reset" on:click=reset>{tr(Msg::Save)}</button>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </div>
        </Show>
    }
}

#[component]
fn StaffEditor(
    id: Option<crate::domain::UserId>,
    draft: StaffDraft,
    on_done: Callback<bool>,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = use_directory();
    let d = RwSignal::new(draft);
    let error = RwSignal::new(None::<String>);
    let new = id.is_none();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = d.get_untracked();
        if let Err(p) = draft.check(new) {
            error.set(Some(p.text(lang.get_untracked()).into()));
            return;
        }
        spawn_local(async move {
            let url = match id {
                Some(id) => format!("/api/v1/staff/{id}"),
                None => "/api/v1/staff".to_owned(),
            };
            match crate::browser::post_json(&url, &draft).await {
                Ok((200, _)) => on_done.run(true),
                Ok((_, body)) => error.set(Some(refusal_text(&body, lang.get_untracked()))),
                Err(_) => error.set(Some(Msg::NetworkError.text(lang.get_untracked()).into())),
            }
        });
    };
    view! {
        <form class="card editor" data-testid="staff-editor" on:submit=save>
            <div class="filters">
                <label><span>{tr(Msg::Username)}</span>
                    <input data-testid="staff-username" prop:value=move || d.with(|d| d.username.clone()) disabled=!new
                        on:input=move |ev| d.update(|d| d.username = event_target_value(&ev))/>
                </label>
                <label><span>{tr(Msg::DisplayNameLabel)}</span>
                    <input data-testid="staff-name" prop:value=move || d.with(|d| d.display_name.clone())
                        on:input=move |ev| d.update(|d| d.display_name = event_target_value(&ev))/>
                </label>
                <label><span>{tr(Msg::RoleLabel)}</span>
                    <select data-testid="staff-role" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Ok(r) = v.parse::<Role>() { d.update(|d| d.role = r); }
                    }>
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.code() selected=move || d.with(|d| d.role == r)>{move || Msg::role(r).text(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><span>{tr(Msg::DepartmentLabel)}</span>
                    <select data-testid="staff-department" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        d.update(|d| d.department = v.parse::<Department>().ok());
                    }>
                        <option value="" selected=move || d.with(|d| d.department.is_none())>{tr(Msg::NoneOption)}</option>
                        {Department::ALL.into_iter().map(|x| view! {
                            <option value=x.code() selected=move || d.with(|d| d.department == Some(x))>{move || Msg::department(x).text(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || d.with(|d| d.role == Role::Staff)>
                    <label class="check" title=move || Msg::DepartmentLeadHint.text(lang.get())>
                        <input type="checkbox" data-testid="staff-lead" prop:checked=move || d.with(|d| d.lead)
                            on:change=move |ev| d.update(|d| d.lead = event_target_checked(&ev))/>
                        <span>{tr(Msg::DepartmentLead)}</span>
                    </label>
                </Show>
                <label class="check">
                    <input type="checkbox" data-testid="staff-active" prop:checked=move || d.with(|d| d.active)
                        on:change=move |ev| d.update(|d| d.active = event_target_checked(&ev))/>
                    <span>{tr(Msg::ActiveLabel)}</span>
                </label>
            </div>
            <fieldset data-testid="staff-clusters">
                <legend>{tr(Msg::ClustersLabel)}</legend>
                {move || directory.with(|dir| dir.as_ref().map(|x| x.clusters.clone()).unwrap_or_default())
                    .into_iter()
                    .map(|c| {
                        let cid = c.id;
                        view! {
                            <label class="check">
                                <input type="checkbox" data-cluster=c.name.clone()
                                    prop:checked=move || d.with(|d| d.clusters.contains(&cid))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        d.update(|d| {
                                            d.clusters.retain(|x| *x != cid);
                                            if on { d.clusters.push(cid); }
                                        });
                                    }/>
                                <span>{c.name.clone()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Show when=move || new>
                <label><span>{tr(Msg::FirstPassword)}</span>
                    <input type="text" autocomplete="off" data-testid="staff-password"
                        on:input=move |ev| d.update(|d| d.password = Some(event_target_value(&ev)))/>
                </label>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="staff-error">{e}</p> })}
            <div class="actions">
                <button class="btn primary" type="submit" data-testid="save-staff">{tr(Msg::Save)}</button>
                <button class="btn secondary" type="button" on:click=move |_| on_done.run(false)>{tr(Msg::Cancel)}</button>
            </div>
        </form>
    }
}

/// `/password`: the signed-in user sets their own password (required after an admin set one).
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let lang = use_i18n().lang;
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        if new.get_untracked() != again.get_untracked() {
            error.set(Some(Msg::PasswordsDiffer.text(l).into()));
            return;
        }
        if let Err(p) = check_password(&new.get_untracked()) {
            error.set(Some(p.text(l).into()));
            return;
        }
        let body = ChangePassword {
            current: current.get_untracked(),
            new: new.get_untracked(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match crate::browser::post_json("/api/v1/auth/password", &body).await {
                Ok((200, _)) => {
                    let mut home = "/";
                    session.user.update(|u| {
                        if let Some(u) = u {
                            u.must_change_password = false;
                            crate::browser::remember_user(u, crate::browser::device_id());
                            home = u.role.home_path();
                        }
                    });
                    navigate(home, Default::default());
                }
                Ok((_, body)) => error.set(Some(refusal_text(&body, l))),
                Err(_) => error.set(Some(Msg::NetworkError.text(l).into())),
            }
        });
    };
    let signed_out = move || session.user.with(Option::is_none);
    view! {
        <Show when=signed_out>
            <leptos_router::components::Redirect path="/login"/>
        </Show>
        <main class="centered sign-in">
            <form class="card" data-testid="change-password" on:submit=submit>
                <h1>{tr(Msg::ChangePasswordTitle)}</h1>
                <p class="muted">{tr(Msg::ChangePasswordIntro)}</p>
                <label><span>{tr(Msg::CurrentPassword)}</span>
                    <input type="password" autocomplete="current-password" data-testid="current-password" bind:value=current/></label>
                <label><span>{tr(Msg::NewPassword)}</span>
                    <input type="password" autocomplete="new-password" data-testid="new-password" bind:value=new/></label>
                <label><span>{tr(Msg::RepeatPassword)}</span>
                    <input type="password" autocomplete="new-password" data-testid="repeat-password" bind:value=again/></label>
                {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="password-error">{e}</p> })}
                <button class="btn primary wide" type="submit" data-testid="save-password">{tr(Msg::Save)}</button>
            </form>
        </main>
    }
}

fn entries_table(entries: Vec<AuditEntry>, with_record: bool) -> impl IntoView {
    let lang = use_i18n().lang;
    view! {
        <table class="grid" data-testid="audit-table">
            <thead><tr>
                <th>{tr(Msg::WhenLabel)}</th>
                <th>{tr(Msg::WhoLabel)}</th>
                <th>{tr(Msg::SourceLabel)}</th>
                {with_record.then(|| view! { <th>{tr(Msg::KindLabel)}</th> })}
                <th>{tr(Msg::ActionLabel)}</th>
                <th>{tr(Msg::DetailLabel)}</th>
                <th>{tr(Msg::AuditDeviceLabel)}</th>
            </tr></thead>
            <tbody>
                {entries.into_iter().map(|e| view! {
                    <tr data-testid="audit-entry" data-source=e.source.code() data-action=e.action.clone()>
                        <td>{crate::ui::estate_time(e.at)}</td>
                        <td>{e.user_name.clone()}</td>
                        <td>{move || e.source.label(lang.get())}</td>
                        {with_record.then(|| {
                            let kind = e.kind.clone();
                            view! { <td>{move || super::audit::kind_msg(&kind).map(|m| m.text(lang.get()).to_owned()).unwrap_or_default()}</td> }
                        })}
                        <td>{
                            let code = e.action.clone();
                            move || Msg::action(&code).map(|m| m.text(lang.get()).to_owned()).unwrap_or_else(|| code.clone())
                        }</td>
                        <td>{
                            let e = e.clone();
                            move || e.detail_text(lang.get())
                        }</td>
                        <td class="muted">{(!e.device_agent.is_empty()).then(|| crate::estate::staff::device_name(&e.device_agent))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A record's change history (the office and admins).
#[component]
pub fn AuditTrail(kind: &'static str, #[prop(into)] record: Signal<String>) -> impl IntoView {
    let entries = LocalResource::new(move || {
        let record = record.get();
        crate::browser::fetch_json::<Vec<AuditEntry>>(format!(
            "/api/v1/audit?kind={kind}&record={record}"
        ))
    });
    view! {
        <section class="card" data-testid="audit-trail">
            <h2>{tr(Msg::AuditTrail)}</h2>
            {crate::ui::server_list(entries, Msg::AuditEmpty, |list| entries_table(list, false))}
        </section>
    }
}

/// `/office/audit`: the admin's log, filtered by source, kind and dates.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let lang = use_i18n().lang;
    let source = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let entries = LocalResource::new(move || {
        let mut q = Vec::new();
        if !source.get().is_empty() {
            q.push(format!("source={}", source.get()));
        }
        if !kind.get().is_empty() {
            q.push(format!("kind={}", kind.get()));
        }
        // Dates in the estate's calendar; the log keeps UTC.
        if let Ok(d) = from.get().parse::<chrono::NaiveDate>() {
            q.push(format!("from={}", day_start(d)));
        }
        if let Ok(d) = to.get().parse::<chrono::NaiveDate>() {
            q.push(format!("to={}", day_start(d + chrono::Days::new(1))));
        }
        crate::browser::fetch_json::<Vec<AuditEntry>>(format!("/api/v1/audit?{}", q.join("&")))
    });
    view! {
        <section class="card">
            <h1>{tr(Msg::AuditLog)}</h1>
            <div class="filters">
                <label><span>{tr(Msg::SourceLabel)}</span>
                    <select data-testid="audit-source" on:change=move |ev| source.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::AnyOption)}</option>
                        {AuditSource::ALL.into_iter().map(|s| view! {
                            <option value=s.code()>{move || s.label(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><span>{tr(Msg::KindLabel)}</span>
                    <select data-testid="audit-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::AnyOption)}</option>
                        {super::audit::KINDS.into_iter()
                            .map(|k| view! { <option value=k>{move || super::audit::kind_msg(k).map(|m| m.text(lang.get())).unwrap_or("")}</option> }).collect_view()}
                    </select>
                </label>
                <label><span>{tr(Msg::FromDate)}</span><input type="date" bind:value=from/></label>
                <label><span>{tr(Msg::ToDate)}</span><input type="date" bind:value=to/></label>
            </div>
            {crate::ui::server_list(entries, Msg::AuditEmpty, |list| entries_table(list, true))}
        </section>
    }
}

/// The UTC instant an estate day starts, as the log stores instants.
fn day_start(d: chrono::NaiveDate) -> String {
    let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    let utc = local
        .and_local_timezone(crate::domain::time::estate_offset())
        .single()
        .map(|t| t.naive_utc())
        .unwrap_or(local);
    format!("{}Z", utc.format("%Y-%m-%dT%H:%M:%S%.3f"))
}
