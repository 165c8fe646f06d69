//! `/m/patrol/runs/:id`: one round on the phone. Items by section; one tap records a pass; a
//! failure asks for a note, offers a photo and hands the finding on to a department as a
//! follow-up; finishing checks the required items and points to the first one left. Every tap
//! is written to the local store at once; the sync engine takes it from there.

use super::item::ItemRow;
use crate::domain::checklist::{is_failure, Answer, Purpose, Template};
use crate::domain::follow_up::carried_over;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline, RunView};
use crate::sync::Op;
use crate::ui::{estate_time, StateChip, StatusChip};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The id of an item's row, for "take me to it".
pub fn item_anchor(key: &str) -> String {
    format!("item-{key}")
}

/// `/m/patrol/runs/:id`.
#[component]
pub fn RunScreen() -> impl IntoView {
    let params = use_params_map();
    let offline = use_offline();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let run = Memo::new(move |_| {
        let id = id();
        offline
            .runs
            .with(|all| all.iter().find(|v| v.record.id.to_string() == id).cloned())
    });
    let version = Memo::new(move |_| run.with(|r| r.as_ref().map(|r| r.record.template_version)));
    let template = Memo::new(move |_| {
        let v = version.get()?;
        offline
            .templates
            .with(|ts| ts.iter().find(|t| t.version_id == v).cloned())
    });
    let missing = RwSignal::new(Vec::<String>::new());
    // The section a check-in opened, and the place's name.
    let at_place = RwSignal::new(None::<(usize, String)>);

    move || {
        let Some(t) = template.get() else {
            return view! {
                <section class="card">
                    <crate::ui::NotOnDevice kind=crate::sync::RecordKind::Run id=Signal::derive(id) loaded=offline.loaded/>
                </section>
            }
            .into_any();
        };
        let sections = t.sections.clone();
        let purpose = t.purpose;
        view! {
            <div class="run" data-testid="run">
                <RunHeader run=run template=t.clone()/>
                <Show when=move || matches!(purpose, Purpose::Patrol | Purpose::NoticeBoard)>
                    <crate::places::ScanCard run=run at_place=at_place/>
                </Show>
                <Show when=move || purpose == Purpose::Briefing>
                    <CarriedOver run=run/>
                </Show>
                {sections
                    .into_iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let here = move || at_place.with(|a| a.as_ref().filter(|(at, _)| *at == i).map(|(_, name)| name.clone()));
                        view! {
                            <section class="card run-section" id=format!("run-section-{i}") class:at-place=move || here().is_some()>
                                <h2>
                                    {s.title.clone()}
                                    {move || here().map(|name| view! { " " <span class="chip board-done" data-testid="at-place">{tr(Msg::CheckedInHere)}{name}</span> })}
                                </h2>
                                {s
                                    .items
                                    .into_iter()
                                    .map(|item| {
                                        view! { <ItemRow item=item run=run section=s.title.clone() missing=missing/> }
                                    })
                                    .collect_view()}
                            </section>
                        }
                    })
                    .collect_view()}
                <FinishBar run=run template=t missing=missing/>
                <DiscardBar run=run/>
                <Show when=move || purpose == Purpose::VacantUnit>
                    <crate::vacant::OwnerNotices run=run/>
                </Show>
            </div>
        }
        .into_any()
    }
}

#[component]
fn RunHeader(run: Memo<Option<RunView>>, template: Template) -> impl IntoView {
    let lang = use_i18n().lang;
    let offline = use_offline();
    let progress_t = template.clone();
    let progress = Memo::new(move |_| {
        run.with(|r| {
            r.as_ref()
                .map(|r| r.record.progress(&progress_t))
                .unwrap_or((0, 0))
        })
    });
    let progress = move || progress.get();
    let state = move || run.with(|r| r.as_ref().map(|r| r.state));
    view! {
        <section class="card run-head">
            <div class="item-top">
                <h1 data-testid="run-title">{template.name.clone()}</h1>
                {move || state().map(|s| view! { <StateChip state=s/> })}
            </div>
            {move || {
                let id = run.with(|r| r.as_ref().and_then(|r| r.record.unit))?;
                let code = offline.units.with(|u| crate::vacant::unit_code_of(u, id))?;
                Some(view! { <p><a href=format!("/m/units/{id}") data-testid="run-unit">{code}</a></p> })
            }}
            <p class="muted">
                {move || run.with(|r| r.as_ref().map(|r| r.record.date.to_string()))}
                " · "
                {move || Msg::VersionNo.with(lang.get(), template.version)}
            </p>
            <div class="run-progress" role="progressbar" aria-valuemin="0"
                aria-valuemax=move || progress().1 aria-valuenow=move || progress().0>
                <div class="run-progress-bar"
                    style=move || {
                        let (done, all) = progress();
                        format!("width:{}%", (done * 100).checked_div(all).unwrap_or(0))
                    }>
                </div>
            </div>
            <p data-testid="run-progress">
                {move || {
                    let (done, all) = progress();
                    Msg::Progress.with(lang.get(), format!("{done}/{all}"))
                }}
            </p>
        </section>
    }
}

/// At the briefing: matters from earlier days not resolved yet.
#[component]
fn CarriedOver(run: Memo<Option<RunView>>) -> impl IntoView {
    let offline = use_offline();
    let matters = move || {
        let Some((cluster, date)) =
            run.with(|r| r.as_ref().map(|r| (r.record.cluster_id, r.record.date)))
        else {
            return vec![];
        };
        offline.follow_ups.with(|all| {
            all.iter()
                .filter(|v| carried_over(&v.record, cluster, date))
                .map(|v| v.record.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card carried" data-testid="carried-over">
            <h2>{tr(Msg::CarriedOver)}</h2>
            {move || {
                let list = matters();
                if list.is_empty() {
                    return view! { <p class="muted">{tr(Msg::NothingCarried)}</p> }.into_any();
                }
                view! {
                    <ul class="list">
                        {list
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li data-testid="carried-matter">
                                        <A href=format!("/m/follow-ups/{}", f.id)>{f.title.clone()}</A>
                                        " "
                                        <StatusChip status=f.status/>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// A round started by mistake, with nothing recorded on it, can be discarded by its owner:
/// it then counts nowhere, here or at the office.
#[component]
fn DiscardBar(run: Memo<Option<RunView>>) -> impl IntoView {
    let lang = use_i18n().lang;
    let session = crate::session::use_session();
    let navigate = leptos_router::hooks::use_navigate();
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let may = move || {
        let me = session.user.with(|u| u.as_ref().map(|u| u.id));
        run.with(|r| {
            r.as_ref().is_some_and(|r| {
                Some(r.record.butler) == me
                    && r.record.finished_at.is_none()
                    && !r.record.has_answers()
            })
        })
    };
    let discard = Callback::new(move |()| {
        let Some(r) = run.get_untracked() else { return };
        let back = match r.record.unit {
            Some(u) => format!("/m/units/{u}"),
            None => "/m/patrol".to_owned(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match offline::queue(Op::DiscardRun { run: r.record.id }).await {
                Ok(()) => navigate(&back, Default::default()),
                Err(e) => error.set(Some(e.message().text(lang.get_untracked()).to_owned())),
            }
        });
    });
    view! {
        <Show when=may>
            <section class="card discard" data-testid="discard-bar">
                <p class="muted">{tr(Msg::DiscardRunHint)}</p>
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <button type="button" class="btn secondary" data-testid="discard-run"
                            on:click=move |_| asking.set(true)>
                            {tr(Msg::DiscardRun)}
                        </button>
                    }
                >
                    <div class="actions">
                        <button type="button" class="btn danger" data-testid="confirm-discard"
                            on:click=move |_| discard.run(())>
                            {tr(Msg::ConfirmDiscardRun)}
                        </button>
                        <button type="button" class="btn secondary" on:click=move |_| asking.set(false)>
                            {tr(Msg::Cancel)}
                        </button>
                    </div>
                </Show>
            </section>
        </Show>
    }
}

#[component]
fn FinishBar(
    run: Memo<Option<RunView>>,
    template: Template,
    missing: RwSignal<Vec<String>>,
) -> impl IntoView {
    let lang = use_i18n().lang;
    let offline = use_offline();
    let error = RwSignal::new(None::<String>);
    let finished = move || run.with(|r| r.as_ref().and_then(|r| r.record.finished_at));
    let t = template.clone();
    let finish = move |_| {
        let t = t.clone();
        spawn_local(async move {
            // The answers tapped just before count: wait until they are written and shown.
            offline::settled().await;
            let Some(r) = run.get_untracked() else { return };
            if t.scans_required {
                let names: Vec<String> = offline.places.with_untracked(|ps| {
                    crate::domain::checklist::unscanned(&r.record, ps.iter().map(|v| &v.record))
                        .into_iter()
                        .map(|p| p.name.clone())
                        .collect()
                });
                if !names.is_empty() {
                    missing.set(vec![]);
                    error.set(Some(format!(
                        "{}：{}",
                        Msg::ReasonUnscanned.with(lang.get_untracked(), names.len()),
                        names.join("、")
                    )));
                    crate::browser::scroll_to("scan-card");
                    return;
                }
            }
            let left: Vec<_> = r
                .record
                .missing(&t)
                .into_iter()
                .map(|i| (i.key.clone(), i.label.clone()))
                .collect();
            missing.set(left.iter().map(|(k, _)| k.clone()).collect());
            if let Some((key, label)) = left.first() {
                error.set(Some(format!(
                    "{}：{label}",
                    Msg::ReasonIncomplete.with(lang.get_untracked(), left.len())
                )));
                crate::browser::scroll_to(&item_anchor(key));
                return;
            }
            error.set(None);
            let op = Op::FinishRun { run: r.record.id };
            if let Err(e) = offline::queue(op).await {
                error.set(Some(e.message().text(lang.get_untracked()).to_owned()));
            }
        });
    };
    // To the first item left, or to the check-ins when places are left.
    let go_to_first = move |_| match missing.get_untracked().first() {
        Some(key) => crate::browser::scroll_to(&item_anchor(key)),
        None => crate::browser::scroll_to("scan-card"),
    };
    let summary_t = template.clone();
    let summary = move || {
        let r = run.get()?;
        let done = r.record.finished_at?;
        let t = &summary_t;
        let count =
            |f: &dyn Fn(&Answer) -> bool| r.record.results.iter().filter(|x| f(&x.answer)).count();
        let fails = r
            .record
            .results
            .iter()
            .filter(|x| is_failure(t.item(&x.item), &x.answer))
            .count();
        let passes = count(&|a| *a == Answer::Pass);
        let na = count(&|a| *a == Answer::NotApplicable);
        let handed: Vec<_> = r.record.follow_ups();
        let follow_ups = offline.follow_ups.with(|all| {
            handed
                .iter()
                .filter_map(|id| {
                    all.iter()
                        .find(|v| v.record.id == *id)
                        .map(|v| v.record.clone())
                })
                .collect::<Vec<_>>()
        });
        Some(view! {
            <section class="card summary" data-testid="run-summary">
                <h2>{tr(Msg::RunFinished)}" · "{estate_time(done)}</h2>
                <p data-testid="summary-counts">
                    {move || Msg::SummaryCounts.text(lang.get())
                        .replace("{p}", &passes.to_string())
                        .replace("{f}", &fails.to_string())
                        .replace("{n}", &na.to_string())}
                </p>
                <h3>{tr(Msg::HandedOn)}</h3>
                {if follow_ups.is_empty() {
                    view! { <p class="muted">{tr(Msg::NothingHandedOn)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list">
                            {follow_ups
                                .into_iter()
                                .map(|f| view! {
                                    <li data-testid="handed-on">
                                        <A href=format!("/m/follow-ups/{}", f.id)>{f.title.clone()}</A>
                                        " · "{move || Msg::department(f.department).text(lang.get())}" "
                                        <StatusChip status=f.status/>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        })
    };
    view! {
        {summary}
        <Show when=move || finished().is_none()>
            <div class="finish-bar">
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert" data-testid="finish-error">
                        {move || error.get()}
                        " "
                        <button type="button" class="link" on:click=go_to_first data-testid="go-to-missing">
                            {move || if missing.with(Vec::is_empty) { Msg::GoToScans } else { Msg::GoToItem }.text(lang.get())}
                        </button>
                    </p>
                </Show>
                <button class="btn primary wide" data-testid="finish" on:click=finish.clone()>
                    {tr(Msg::FinishRun)}
                </button>
            </div>
        </Show>
    }
}
