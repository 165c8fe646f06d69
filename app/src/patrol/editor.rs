//! `/office/templates`: the checklist templates and their editor. Saving publishes the next
//! version; rounds already started keep the version they began with. The editor keeps its
//! draft outside the reactive graph and redraws only when the shape changes (an item added,
//! removed or given another kind), so typing never loses the cursor.

use super::api::TemplateDraft;
use crate::domain::checklist::{Field, Item, ItemKind, Purpose, Schedule, Section, Template};
use crate::domain::Department;
use crate::i18n::{tr, use_i18n, Lang, Msg};
use crate::session::{use_directory, ApiErrorBody};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn purpose_msg(p: Purpose) -> Msg {
    match p {
        Purpose::Patrol => Msg::PurposePatrol,
        Purpose::NoticeBoard => Msg::PurposeNoticeBoard,
        Purpose::Briefing => Msg::PurposeBriefing,
        Purpose::VacantUnit => Msg::PurposeVacantUnit,
    }
}

fn schedule_msg(s: Schedule) -> Msg {
    match s {
        Schedule::Daily => Msg::Daily,
        Schedule::Weekly => Msg::Weekly,
        Schedule::Monthly => Msg::Monthly,
    }
}

fn kind_msg(code: &str) -> Msg {
    match code {
        "number" => Msg::KindNumber,
        "text" => Msg::KindText,
        "choice" => Msg::KindChoice,
        "photo" => Msg::KindPhoto,
        "group" => Msg::KindGroup,
        _ => Msg::KindCheck,
    }
}

const KINDS: [&str; 6] = ["check", "number", "text", "choice", "photo", "group"];

fn split(s: &str) -> Vec<String> {
    s.split([',', '，', '、'])
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The item kind's settings as the editor shows them in one field.
fn params_text(kind: &ItemKind) -> String {
    match kind {
        ItemKind::Number { unit, min, max } => format!(
            "{unit},{},{}",
            min.map(|v| v.to_string()).unwrap_or_default(),
            max.map(|v| v.to_string()).unwrap_or_default()
        ),
        ItemKind::Choice { options } => options.join("，"),
        ItemKind::Group { fields } => fields
            .iter()
            .map(|f| f.label.clone())
            .collect::<Vec<_>>()
            .join("，"),
        _ => String::new(),
    }
}

fn kind_of(code: &str, params: &str) -> ItemKind {
    match code {
        "number" => {
            let mut parts = params.split([',', '，']).map(str::trim);
            let unit = parts.next().unwrap_or_default().to_owned();
            let min = parts.next().and_then(|v| v.parse().ok());
            let max = parts.next().and_then(|v| v.parse().ok());
            ItemKind::Number { unit, min, max }
        }
        "text" => ItemKind::Text,
        "choice" => ItemKind::Choice {
            options: split(params),
        },
        "photo" => ItemKind::Photo,
        "group" => ItemKind::Group {
            fields: split(params)
                .into_iter()
                .enumerate()
                .map(|(i, label)| Field {
                    key: format!("f{}", i + 1),
                    label,
                })
                .collect(),
        },
        _ => ItemKind::Check,
    }
}

fn new_key() -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    format!("i{}", &id[20..])
}

fn blank_item() -> Item {
    Item {
        key: new_key(),
        label: String::new(),
        kind: ItemKind::Check,
        required: true,
        department: None,
    }
}

fn blank() -> TemplateDraft {
    TemplateDraft {
        id: None,
        name: String::new(),
        purpose: Purpose::Patrol,
        schedule: Schedule::Daily,
        clusters: vec![],
        sections: vec![Section {
            title: String::new(),
            items: vec![blank_item()],
        }],
        active: true,
        scans_required: false,
    }
}

/// Where a refused draft is at fault, in words.
fn field_text(field: &str, lang: Lang) -> String {
    let parts: Vec<&str> = field.split('.').collect();
    match parts.as_slice() {
        ["name"] => Msg::TemplateName.text(lang).to_owned(),
        ["sections"] => Msg::AtLeastOneItem.text(lang).to_owned(),
        ["sections", s, "title"] => Msg::SectionN.with(lang, s.parse::<usize>().unwrap_or(0) + 1),
        ["sections", s, "items", i, what] => format!(
            "{} · {} · {}",
            Msg::SectionN.with(lang, s.parse::<usize>().unwrap_or(0) + 1),
            Msg::ItemN.with(lang, i.parse::<usize>().unwrap_or(0) + 1),
            match *what {
                "label" => Msg::FaultItemWording,
                "key" => Msg::FaultItemNumber,
                "options" => Msg::FaultItemOptions,
                "range" => Msg::FaultItemRange,
                "fields" => Msg::FaultItemFields,
                _ => Msg::FaultItemOther,
            }
            .text(lang),
        ),
        // The draft's own field names are not for reading.
        _ => Msg::FaultItemOther.text(lang).to_owned(),
    }
}

/// `/office/templates`.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let lang = use_i18n().lang;
    let directory = use_directory();
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        async {
            match crate::browser::get_text("/api/v1/templates").await {
                Ok((200, body)) => serde_json::from_str::<Vec<Template>>(&body).unwrap_or_default(),
                _ => vec![],
            }
        }
    });
    let draft = StoredValue::new(None::<TemplateDraft>);
    let shape = RwSignal::new(0u32);
    let message = RwSignal::new(None::<(bool, String)>);
    let redraw = move || shape.update(|n| *n += 1);
    let edit = move |d: TemplateDraft| {
        draft.set_value(Some(d));
        message.set(None);
        redraw();
    };
    let change = move |f: Box<dyn FnOnce(&mut TemplateDraft)>| {
        draft.update_value(|d| {
            if let Some(d) = d {
                f(d);
            }
        });
    };
    let save = move |_| {
        let Some(d) = draft.get_value() else { return };
        spawn_local(async move {
            let l = lang.get_untracked();
            match crate::browser::post_json("/api/v1/templates", &d).await {
                Ok((200, body)) => {
                    if let Ok(t) = serde_json::from_str::<Template>(&body) {
                        message.set(Some((true, Msg::Published.with(l, t.version))));
                        draft.set_value(Some(TemplateDraft::of(&t)));
                        reload.update(|n| *n += 1);
                        redraw();
                    }
                }
                Ok((400, body)) => {
                    let field = serde_json::from_str::<ApiErrorBody>(&body)
                        .ok()
                        .and_then(|b| b.field)
                        .unwrap_or_default();
                    message.set(Some((
                        false,
                        format!("{}{}", Msg::FixField.text(l), field_text(&field, l)),
                    )));
                }
                Ok(_) => message.set(Some((false, Msg::ServerError.text(l).into()))),
                Err(_) => message.set(Some((false, Msg::NetworkError.text(l).into()))),
            }
        });
    };

    let editor = move || {
        shape.track();
        let d = draft.get_value()?;
        let clusters =
            directory.with(|d| d.as_ref().map(|d| d.clusters.clone()).unwrap_or_default());
        let sections = d.sections.clone();
        Some(view! {
            <section class="card editor" data-testid="template-editor">
                <h2>{move || if draft.with_value(|d| d.as_ref().is_some_and(|d| d.id.is_some())) { tr(Msg::EditTemplate)() } else { tr(Msg::NewTemplate)() }}</h2>
                <div class="filters">
                    <label>
                        <span>{tr(Msg::TemplateName)}</span>
                        <input data-testid="template-name" prop:value=d.name.clone()
                            on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |d| d.name = v)); }/>
                    </label>
                    <label>
                        <span>{tr(Msg::PurposeLabel)}</span>
                        <select on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |d| if let Ok(p) = v.parse() { d.purpose = p })); }>
                            {Purpose::ALL.into_iter().map(|p| view! {
                                <option value=p.code() selected=p == d.purpose>{move || purpose_msg(p).text(lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{tr(Msg::ScheduleLabel)}</span>
                        <select data-testid="template-schedule" on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |d| if let Ok(s) = v.parse() { d.schedule = s })); }>
                            {Schedule::ALL.into_iter().map(|s| view! {
                                <option value=s.code() selected=s == d.schedule>{move || schedule_msg(s).text(lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" prop:checked=d.active
                            on:change=move |ev| { let v = event_target_checked(&ev); change(Box::new(move |d| d.active = v)); }/>
                        <span>{tr(Msg::ActiveLabel)}</span>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="template-scans-required" prop:checked=d.scans_required
                            on:change=move |ev| { let v = event_target_checked(&ev); change(Box::new(move |d| d.scans_required = v)); }/>
                        <span>{tr(Msg::ScansRequiredLabel)}</span>
                    </label>
                </div>
                <fieldset class="clusters">
                    <legend>{tr(Msg::AppliesTo)}</legend>
                    {clusters.into_iter().map(|c| {
                        let id = c.id;
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=d.clusters.contains(&id)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        change(Box::new(move |d| { d.clusters.retain(|x| *x != id); if on { d.clusters.push(id) } }));
                                    }/>
                                <span>{c.name}</span>
                            </label>
                        }
                    }).collect_view()}
                    <p class="muted">{tr(Msg::AllClustersHint)}</p>
                </fieldset>
                {sections.into_iter().enumerate().map(|(si, s)| view! {
                    <fieldset class="section-edit" data-testid="section-edit">
                        <legend>{move || Msg::SectionN.with(lang.get(), si + 1)}</legend>
                        <div class="inline-form">
                            <input data-testid="section-title" prop:value=s.title.clone() placeholder=move || Msg::SectionTitle.text(lang.get())
                                on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |d| if let Some(s) = d.sections.get_mut(si) { s.title = v })); }/>
                            <button type="button" class="btn secondary" on:click=move |_| { change(Box::new(move |d| { if si < d.sections.len() { d.sections.remove(si); } })); redraw(); }>
                                {tr(Msg::Remove)}
                            </button>
                        </div>
                        {s.items.into_iter().enumerate().map(|(ii, item)| {
                            let code = item.kind.code();
                            let params = params_text(&item.kind);
                            view! {
                                <div class="item-edit" data-testid="item-edit">
                                    <input class="grow" data-testid="item-label" prop:value=item.label.clone() placeholder=move || Msg::ItemLabel.text(lang.get())
                                        on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |d| if let Some(i) = d.sections.get_mut(si).and_then(|s| s.items.get_mut(ii)) { i.label = v })); }/>
                                    <select data-testid="item-kind" on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        change(Box::new(move |d| if let Some(i) = d.sections.get_mut(si).and_then(|s| s.items.get_mut(ii)) { i.kind = kind_of(&v, &params_text(&i.kind)) }));
                                        redraw();
                                    }>
                                        {KINDS.into_iter().map(|k| view! { <option value=k selected=k == code>{move || kind_msg(k).text(lang.get())}</option> }).collect_view()}
                                    </select>
                                    <Show when=move || matches!(code, "number" | "choice" | "group")>
                                        <input data-testid="item-params" prop:value=params.clone()
                                            placeholder=move || match code { "number" => Msg::NumberParamsHint, "choice" => Msg::ChoiceParamsHint, _ => Msg::GroupParamsHint }.text(lang.get())
                                            on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |d| if let Some(i) = d.sections.get_mut(si).and_then(|s| s.items.get_mut(ii)) { i.kind = kind_of(i.kind.code(), &v) })); }/>
                                    </Show>
                                    <label class="check">
                                        <input type="checkbox" data-testid="item-required" prop:checked=item.required
                                            on:change=move |ev| { let v = event_target_checked(&ev); change(Box::new(move |d| if let Some(i) = d.sections.get_mut(si).and_then(|s| s.items.get_mut(ii)) { i.required = v })); }/>
                                        <span>{tr(Msg::RequiredLabel)}</span>
                                    </label>
                                    <select on:change=move |ev| { let v = event_target_value(&ev); change(Box::new(move |d| if let Some(i) = d.sections.get_mut(si).and_then(|s| s.items.get_mut(ii)) { i.department = v.parse::<Department>().ok() })); }>
                                        <option value="">{tr(Msg::NoDepartment)}</option>
                                        {Department::ALL.into_iter().map(|dep| view! {
                                            <option value=dep.code() selected=item.department == Some(dep)>{move || Msg::department(dep).text(lang.get())}</option>
                                        }).collect_view()}
                                    </select>
                                    <button type="button" class="btn secondary" on:click=move |_| {
                                        change(Box::new(move |d| if let Some(s) = d.sections.get_mut(si) { if ii < s.items.len() { s.items.remove(ii); } }));
                                        redraw();
                                    }>{tr(Msg::Remove)}</button>
                                </div>
                            }
                        }).collect_view()}
                        <button type="button" class="btn secondary" data-testid="add-item" on:click=move |_| {
                            change(Box::new(move |d| if let Some(s) = d.sections.get_mut(si) { s.items.push(blank_item()) }));
                            redraw();
                        }>{tr(Msg::AddItem)}</button>
                    </fieldset>
                }).collect_view()}
                <div class="actions">
                    <button type="button" class="btn secondary" on:click=move |_| {
                        change(Box::new(|d| d.sections.push(Section { title: String::new(), items: vec![blank_item()] })));
                        redraw();
                    }>{tr(Msg::AddSection)}</button>
                    <button type="button" class="btn primary" data-testid="publish" on:click=save>{tr(Msg::Publish)}</button>
                </div>
            </section>
        })
    };

    view! {
        <section class="card">
            <div class="item-top">
                <h1>{tr(Msg::NavTemplates)}</h1>
                <button class="btn primary" data-testid="new-template" on:click=move |_| edit(blank())>{tr(Msg::NewTemplate)}</button>
            </div>
            <p class="muted">{tr(Msg::TemplatesIntro)}</p>
            <Show when=move || message.with(Option::is_some)>
                <p role="status" data-testid="template-message"
                    class=move || if message.with(|m| m.as_ref().is_some_and(|m| m.0)) { "ok" } else { "error" }>
                    {move || message.get().map(|m| m.1)}
                </p>
            </Show>
            <table class="grid" data-testid="template-list">
                <thead><tr>
                    <th>{tr(Msg::TemplateName)}</th><th>{tr(Msg::PurposeLabel)}</th><th>{tr(Msg::ScheduleLabel)}</th>
                    <th>{move || Msg::VersionNo.with(lang.get(), "")}</th><th>{tr(Msg::ActiveLabel)}</th><th></th>
                </tr></thead>
                <tbody>
                    {move || list.get().unwrap_or_default().into_iter().map(|t| {
                        let d = TemplateDraft::of(&t);
                        view! {
                            <tr data-testid="template-row">
                                <td>{t.name.clone()}</td>
                                <td>{move || purpose_msg(t.purpose).text(lang.get())}</td>
                                <td>{move || schedule_msg(t.schedule).text(lang.get())}</td>
                                <td>{t.version}</td>
                                <td>{if t.active { "✓" } else { "—" }}</td>
                                <td><button class="btn secondary" data-testid="edit-template" on:click=move |_| edit(d.clone())>{tr(Msg::Edit)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {editor}
    }
}
