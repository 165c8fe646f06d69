//! Checklists for the office: `GET/POST /api/v1/templates` (read; publish a new version),
//! `GET /api/v1/patrol/register` and `…/register.xlsx` (the patrol register, filtered),
//! `GET /api/v1/patrol/runs/{id}` (a run with its template version and follow-ups),
//! `GET /api/v1/patrol/today` (today's board). Runs themselves are made on phones through the
//! sync protocol (`app::sync::run`).

pub mod standard;
mod xlsx;

use crate::auth::Authenticated;
use crate::db::{checklist, sync as store};
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::checklist::{board, latest_versions, Template};
use app::domain::follow_up::Actor;
use app::domain::time::estate_today;
use app::domain::RunId;
use app::patrol::api::{RegisterQuery, RegisterRow, RunDetail, TemplateDraft, TodayBoard};
use app::session::{ApiErrorBody, ErrorCode};
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{NaiveDate, Utc};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

/// Rows the register returns at most (filter to see older ones).
const REGISTER_LIMIT: u32 = 2000;

/// The checklist routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_templates, publish))
        .routes(routes!(register))
        .routes(routes!(register_xlsx))
        .routes(routes!(run_detail))
        .routes(routes!(today))
}

/// Every template's latest version (the editor's list).
#[utoipa::path(get, path = "/templates", tag = "patrol",
    responses((status = 200, description = "Every template's latest version.", body = Vec<Template>)))]
async fn list_templates(
    State(state): State<AppState>,
    Authenticated(_): Authenticated,
) -> Result<Json<Vec<Template>>, ApiError> {
    let all = state.db.read(checklist::templates).await?;
    Ok(Json(latest_versions(&all).into_iter().cloned().collect()))
}

/// Publishes a new version of a template (office).
#[utoipa::path(post, path = "/templates", tag = "patrol", request_body = TemplateDraft,
    responses((status = 200, description = "The version published.", body = Template)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn publish(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(draft): Json<TemplateDraft>,
) -> Result<Json<Template>, ApiError> {
    session.require_office()?;
    let actor = Actor::of(&session.user);
    let device = session.device_id;
    let result = state
        .db
        .write(move |tx| {
            let clusters = store::cluster_ids(tx)?;
            let id = draft.id.unwrap_or_else(app::domain::TemplateId::new_v7);
            let t = Template {
                id,
                version: checklist::next_version(tx, id)?,
                version_id: Uuid::now_v7(),
                name: draft.name.trim().to_owned(),
                purpose: draft.purpose,
                schedule: draft.schedule,
                clusters: draft.clusters,
                sections: draft.sections,
                active: draft.active,
                scans_required: draft.scans_required,
                created_by: Some(actor.user),
                created_at: Utc::now(),
            };
            if let Some(field) = t.problem() {
                return Ok(Err(field));
            }
            if t.clusters.iter().any(|c| !clusters.contains(c)) {
                return Ok(Err("clusters".to_owned()));
            }
            let now = crate::db::now_text();
            checklist::save_template(tx, &t, &now)?;
            crate::db::audit::record(
                tx,
                &crate::db::audit::Audit {
                    user: Some(actor.user),
                    device: Some(device.0),
                    source: app::estate::audit::AuditSource::Office,
                    kind: "template",
                    record: t.id.to_string(),
                    action: "publish",
                    detail: format!("{} v{}", t.name, t.version),
                    change: None,
                },
                &now,
            )?;
            Ok(Ok(t))
        })
        .await?;
    match result {
        Ok(t) => Ok(Json(t)),
        Err(field) => Err(ApiError::Refused(ApiErrorBody {
            field: Some(field),
            ..ApiErrorBody::new(ErrorCode::BadRequest)
        })),
    }
}

/// The estate's places, by id.
type ScannedPlaces = HashMap<app::domain::place::PlaceId, app::domain::place::Place>;

/// The register's rows for a query, and the places their runs checked in at.
fn register_rows(
    conn: &rusqlite::Connection,
    q: &RegisterQuery,
) -> Result<
    (
        Vec<(app::domain::checklist::Run, RegisterRow)>,
        ScannedPlaces,
    ),
    crate::db::DbError,
> {
    use app::domain::checklist::Purpose;
    let filter = checklist::RunFilter {
        from: q.from,
        to: q.to,
        cluster: q.cluster,
        butler: q.butler,
        template: q.template,
        failures_only: q.failures,
        purposes: vec![Purpose::Patrol, Purpose::NoticeBoard, Purpose::Briefing],
    };
    let runs = checklist::runs(conn, &filter, REGISTER_LIMIT)?;
    let templates: HashMap<Uuid, Template> = checklist::templates(conn)?
        .into_iter()
        .map(|t| (t.version_id, t))
        .collect();
    // The estate's places (a few per cluster): the check-ins' and the required ones.
    let all = crate::db::place::all_places(conn)?;
    let rows = runs
        .into_iter()
        .filter_map(|r| {
            let row = RegisterRow::of(&r, templates.get(&r.template_version)?, &all);
            Some((r, row))
        })
        .collect();
    Ok((rows, all.into_iter().map(|p| (p.id, p)).collect()))
}

/// The patrol register (office).
#[utoipa::path(get, path = "/patrol/register", tag = "patrol", params(RegisterQuery),
    responses((status = 200, description = "Rows, newest first.", body = Vec<RegisterRow>)))]
async fn register(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<RegisterQuery>,
) -> Result<Json<Vec<RegisterRow>>, ApiError> {
    session.require_office()?;
    let (rows, _) = state.db.read(move |c| register_rows(c, &q)).await?;
    Ok(Json(rows.into_iter().map(|(_, row)| row).collect()))
}

/// The patrol register as a spreadsheet (office).
#[utoipa::path(get, path = "/patrol/register.xlsx", tag = "patrol", params(RegisterQuery),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn register_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<RegisterQuery>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let bytes = state
        .db
        .read(move |c| {
            let (rows, places) = register_rows(c, &q)?;
            let directory = crate::db::staff::directory(c)?;
            let templates: HashMap<Uuid, Template> = checklist::templates(c)?
                .into_iter()
                .map(|t| (t.version_id, t))
                .collect();
            xlsx::patrol_register(&rows, &templates, &directory, &places)
                .map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download("patrol-register.xlsx", bytes))
}

/// A run with its checklist version and follow-ups (office).
#[utoipa::path(get, path = "/patrol/runs/{id}", tag = "patrol",
    params(("id" = RunId, Path, description = "The run.")),
    responses((status = 200, description = "The run.", body = RunDetail)))]
async fn run_detail(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(id): Path<Uuid>,
) -> Result<Json<RunDetail>, ApiError> {
    let actor = Actor::of(&session.user);
    let detail = state
        .db
        .read(move |c| {
            let Some(run) = checklist::load_run(c, RunId(id))?.filter(|r| r.discarded_at.is_none())
            else {
                return Ok(None);
            };
            if !(actor.is_office() || actor.clusters.contains(&run.cluster_id)) {
                return Ok(None);
            }
            let Some(template) = checklist::load_template(c, run.template_version)? else {
                return Ok(None);
            };
            let follow_ups = run
                .follow_ups()
                .into_iter()
                .filter_map(|f| store::load_follow_up(c, f).transpose())
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Some(RunDetail {
                run,
                template,
                follow_ups,
            }))
        })
        .await?;
    detail
        .map(Json)
        .ok_or_else(|| ApiError::refused(ErrorCode::NotFound))
}

/// `?date=YYYY-MM-DD` (default: today in the estate).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct TodayQuery {
    #[serde(default, deserialize_with = "app::domain::time::bounded_date")]
    date: Option<NaiveDate>,
}

/// Today's board: each round due, done or missed, by cluster (office).
#[utoipa::path(get, path = "/patrol/today", tag = "patrol", params(TodayQuery),
    responses((status = 200, description = "The board.", body = TodayBoard)))]
async fn today(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<TodayQuery>,
) -> Result<Json<TodayBoard>, ApiError> {
    session.require_office()?;
    let date = q.date.unwrap_or_else(|| estate_today(Utc::now()));
    let lines = state
        .db
        .read(move |c| {
            let all = checklist::templates(c)?;
            let latest = latest_versions(&all);
            let mut clusters: Vec<_> = store::cluster_ids(c)?.into_iter().collect();
            clusters.sort();
            // The longest period is a month: runs of that month decide every line.
            let (from, to) = app::domain::checklist::Schedule::Monthly.period(date);
            let (week_from, week_to) = app::domain::checklist::Schedule::Weekly.period(date);
            let filter = checklist::RunFilter {
                from: Some(from.min(week_from)),
                to: Some(to.max(week_to)),
                ..Default::default()
            };
            let runs = checklist::runs(c, &filter, 100_000)?;
            Ok(board(
                &clusters,
                &latest,
                &runs.iter().collect::<Vec<_>>(),
                date,
            ))
        })
        .await?;
    Ok(Json(TodayBoard { date, lines }))
}
