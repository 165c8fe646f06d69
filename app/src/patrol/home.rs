//! `/m/patrol`: today's rounds for my clusters — each template due, not started / in progress /
//! done, from the local store — and the rounds of the last days.

use crate::domain::checklist::{board, latest_versions, BoardState, Purpose};
use crate::domain::RunId;
use crate::i18n::{tr, use_i18n, Msg};
use crate::offline::{self, use_offline};
use crate::session::use_session;
use crate::sync::Op;
use crate::ui::{estate_today, StateChip};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The name of a board state.
pub fn board_msg(s: BoardState) -> Msg {
    match s {
        BoardState::NotStarted => Msg::NotStarted,
        BoardState::InProgress => Msg::InProgress,
        BoardState::Done => Msg::Done,
    }
}

/// `/m/patrol`.
#[component]
pub fn PatrolHome() -> impl IntoView {
    let offline = use_offline();
    let session = use_session();
    let lang = use_i18n().lang;
    let navigate = use_navigate();
    let error = RwSignal::new(None::<Msg>);
    let today = move || estate_today(chrono::Utc::now());
    let lines = move || {
        let clusters: Vec<_> = session
            .user
            .with(|u| u.as_ref().map(|u| u.clusters.clone()))
            .unwrap_or_default();
        let ids: Vec<_> = clusters.iter().map(|c| c.id).collect();
        let templates = offline.templates.get();
        let latest: Vec<_> = latest_versions(&templates)
            .into_iter()
            .filter(|t| t.purpose != Purpose::VacantUnit)
            .cloned()
            .collect();
        let runs = offline.runs.get();
        let records: Vec<_> = runs.iter().map(|v| &v.record).collect();
        let refs: Vec<_> = latest.iter().collect();
        board(&ids, &refs, &records, today())
            .into_iter()
            .filter_map(|line| {
                let t = latest.iter().find(|t| t.id == line.template_id)?.clone();
                let cluster = clusters
                    .iter()
                    .find(|c| c.id == line.cluster_id)?
                    .name
                    .clone();
                Some((line, t, cluster))
            })
            .collect::<Vec<_>>()
    };
    let start = move |template_version: uuid::Uuid, cluster_id| {
        let id = RunId::new_v7();
        let op = Op::StartRun {
            id,
            template_version,
            cluster_id,
            date: today(),
            unit: None,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match offline::queue(op).await {
                Ok(()) => navigate(&format!("/m/patrol/runs/{id}"), Default::default()),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let recent = move || {
        offline
            .runs
            .with(|r| r.iter().take(20).cloned().collect::<Vec<_>>())
    };
    view! {
        <section class="card">
            <h1>{tr(Msg::TodaysRounds)}</h1>
            <p class="muted">{move || today().to_string()}</p>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert">{move || error.get().map(|m| m.text(lang.get()))}</p>
            </Show>
            <Show when=move || offline.loaded.get() fallback=|| view! { <p class="muted">{tr(Msg::Loading)}</p> }>
                <ul class="list rounds" data-testid="rounds">
                    {
                        let start = start.clone();
                        move || {
                            let start = start.clone();
                            lines()
                                .into_iter()
                                .map(move |(line, t, cluster)| {
                                    let start = start.clone();
                                    let (version, cluster_id) = (t.version_id, line.cluster_id);
                                    view! {
                                        <li class="round" data-testid="round" data-purpose=t.purpose.code()>
                                            <div>
                                                <strong>{t.name.clone()}</strong>
                                                <span class="muted">" · "{cluster}</span>
                                                <p>
                                                    <span class=format!("chip board-{}", match line.state {
                                                        BoardState::NotStarted => "not-started",
                                                        BoardState::InProgress => "in-progress",
                                                        BoardState::Done => "done",
                                                    })>{move || board_msg(line.state).text(lang.get())}</span>
                                                </p>
                                            </div>
                                            {match (line.state, line.run) {
                                                (BoardState::NotStarted, _) | (_, None) => view! {
                                                    <button class="btn primary" data-testid="start-round"
                                                        on:click=move |_| start(version, cluster_id)>
                                                        {tr(Msg::StartRound)}
                                                    </button>
                                                }
                                                .into_any(),
                                                (BoardState::InProgress, Some(run)) => view! {
                                                    <A href=format!("/m/patrol/runs/{run}") attr:class="btn primary" attr:data-testid="resume-round">
                                                        {tr(Msg::ResumeRound)}
                                                    </A>
                                                }
                                                .into_any(),
                                                (BoardState::Done, Some(run)) => view! {
                                                    <A href=format!("/m/patrol/runs/{run}") attr:class="btn secondary" attr:data-testid="open-round">
                                                        {tr(Msg::OpenRound)}
                                                    </A>
                                                }
                                                .into_any(),
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()
                        }
                    }
                </ul>
            </Show>
        </section>
        <A href="/m/vacant" attr:class="card link-card" attr:data-testid="vacant-link">
            <strong>{tr(Msg::VacantUnits)}</strong>
            <span class="muted">
                {move || {
                    let today = estate_today(chrono::Utc::now());
                    let runs = offline.runs.get();
                    let records: Vec<_> = runs.iter().map(|v| &v.record).collect();
                    let (mut due, mut overdue) = (0, 0);
                    offline.units.with(|units| {
                        for u in units {
                            match crate::domain::unit::due_state(&u.record, &records, today) {
                                Some(crate::domain::unit::DueState::Due) => due += 1,
                                Some(crate::domain::unit::DueState::Overdue) => overdue += 1,
                                _ => {}
                            }
                        }
                    });
                    Msg::VacantSummary
                        .text(lang.get())
                        .replace("{d}", &(due + overdue).to_string())
                        .replace("{o}", &overdue.to_string())
                        .replace("{u}", &crate::vacant::untold(&runs).len().to_string())
                }}
            </span>
        </A>
        <section class="card">
            <h2>{tr(Msg::RecentRounds)}</h2>
            <ul class="list">
                {move || {
                    recent()
                        .into_iter()
                        .map(|v| {
                            let r = v.record;
                            let state = r.state();
                            // A vacant-unit inspection says which unit.
                            let unit = r
                                .unit
                                .and_then(|u| offline.units.with_untracked(|all| crate::vacant::unit_code_of(all, u)))
                                .map(|code| format!(" · {code}"))
                                .unwrap_or_default();
                            view! {
                                <li class="item-top" data-testid="recent-run">
                                    <A href=format!("/m/patrol/runs/{}", r.id)>
                                        {r.date.to_string()}" · "{r.template_name.clone()}{unit}
                                    </A>
                                    <span class="chip">{move || board_msg(state).text(lang.get())}</span>
                                    <StateChip state=v.state/>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
