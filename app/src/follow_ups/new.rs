//! The new-follow-up form: saved on the device at once, synced when it can be.

use crate::domain::follow_up::FollowUpId;
use crate::domain::{ClusterId, Department};
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline;
use crate::session::{use_directory, use_session};
use crate::sync::Op;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

/// `/m/follow-ups/new` and `/office/follow-ups/new`.
#[component]
pub fn NewFollowUp(base: &'static str) -> impl IntoView {
    let session = use_session();
    let directory = use_directory();
    let lang = use_i18n().lang;
    let navigate = use_navigate();
    let place = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let department = RwSignal::new(Department::Engineering.code().to_owned());
    let cluster = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let clusters = move || {
        let own = session
            .user
            .with(|u| u.as_ref().map(|u| u.clusters.clone()))
            .unwrap_or_default();
        if own.is_empty() {
            directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default())
        } else {
            own
        }
    };
    // A due date left empty is the department's default time from today.
    let default_due = move |d: Department| {
        directory.with_untracked(|dir| crate::session::default_due_date(dir.as_ref(), d))
    };
    let default_hint = move || {
        let d = department.get().parse::<Department>().ok()?;
        let date = directory.with(|dir| crate::session::default_due_date(dir.as_ref(), d));
        Some(Msg::DueDefaultHint.with(lang.get(), date.to_string()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let missing = |m: Msg| Some(Msg::Required.with(l, m.text(l)));
        if place.with_untracked(|s| s.trim().is_empty()) {
            return error.set(missing(Msg::Place));
        }
        if title.with_untracked(|s| s.trim().is_empty()) {
            return error.set(missing(Msg::TitleLabel));
        }
        let cluster_id = cluster
            .get_untracked()
            .parse::<Uuid>()
            .ok()
            .map(ClusterId)
            .or_else(|| clusters().first().map(|c| c.id));
        let Some(cluster_id) = cluster_id else {
            return error.set(missing(Msg::ClusterLabel));
        };
        let Ok(department) = department.get_untracked().parse::<Department>() else {
            return error.set(missing(Msg::DepartmentLabel));
        };
        let id = FollowUpId(Uuid::now_v7());
        let op = Op::CreateFollowUp {
            id,
            cluster_id,
            place: place.get_untracked(),
            source: source.get_untracked(),
            title: title.get_untracked(),
            department,
            due_date: Some(
                due.get_untracked()
                    .parse()
                    .unwrap_or_else(|_| default_due(department)),
            ),
            origin: None,
            photos: vec![],
            household: None,
            facility: None,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => navigate(&format!("{base}/{id}"), Default::default()),
                Err(e) => error.set(Some(e.message().text(l).into())),
            }
        });
    };
    view! {
        <section class="card">
            <h1>{tr(Msg::NewFollowUp)}</h1>
            <form on:submit=submit data-testid="new-follow-up-form">
                <label>
                    <span>{tr(Msg::Place)}</span>
                    <input data-testid="place" placeholder="3-2-1201" bind:value=place/>
                </label>
                <label>
                    <span>{tr(Msg::TitleLabel)}</span>
                    <input data-testid="title" bind:value=title/>
                </label>
                <label>
                    <span>{tr(Msg::DepartmentLabel)}</span>
                    <select data-testid="department" on:change=move |ev| department.set(event_target_value(&ev))>
                        {Department::ALL
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <option value=d.code() selected=d == Department::Engineering>
                                        {move || Msg::department(d).text(lang.get())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || { clusters().len() > 1 }>
                    <label>
                        <span>{tr(Msg::ClusterLabel)}</span>
                        <select data-testid="cluster" on:change=move |ev| cluster.set(event_target_value(&ev))>
                            {move || {
                                clusters()
                                    .into_iter()
                                    .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                </Show>
                <label>
                    <span>{tr(Msg::DueDate)}</span>
                    <input type="date" data-testid="due" bind:value=due/>
                    <small class="muted" data-testid="due-hint">{default_hint}</small>
                </label>
                <label>
                    <span>{tr(Msg::SourceLabel)}</span>
                    <input data-testid="source" bind:value=source/>
                </label>
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert" data-testid="form-error">{move || error.get()}</p>
                </Show>
                <div class="actions">
                    <button class="btn primary" type="submit" data-testid="save">{tr(Msg::Create)}</button>
                    <a class="btn secondary" href=base>{tr(Msg::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}
