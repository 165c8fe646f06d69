//! Vacant units for the office: `GET /api/v1/vacant/register` and `…/register.xlsx` (the
//! vacant-unit register, 空置房巡视登记表), `…/coverage` (this month's inspected / vacant per
//! cluster), `…/monthly` and `…/monthly.xlsx` (the monthly vacant-unit record), `…/move-ins` and
//! `…/move-ins.xlsx` (the weekly move-in record). Records are computed as of their period from
//! the occupancy history (`app::domain::unit`). Inspections are made on phones through the sync
//! protocol, as checklist runs.

mod xlsx;

use crate::auth::Authenticated;
use crate::db::{checklist, unit as units, DbError};
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::checklist::{is_failure, Purpose, Run, Schedule, Template};
use app::domain::time::estate_today;
use app::domain::unit::{move_ins_in_week, vacant_in_month, Occupancy, Unit};
use app::vacant::api::{
    CoverageLine, MonthlyLine, MoveInLine, PeriodRecord, VacantQuery, VacantRow,
};
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{NaiveDate, Utc};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

/// The vacant-unit routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(register_xlsx))
        .routes(routes!(coverage))
        .routes(routes!(monthly))
        .routes(routes!(monthly_xlsx))
        .routes(routes!(move_ins))
        .routes(routes!(move_ins_xlsx))
}

fn today(q: &VacantQuery) -> NaiveDate {
    q.date.unwrap_or_else(|| estate_today(Utc::now()))
}

fn inspections(
    conn: &rusqlite::Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    q: &VacantQuery,
) -> Result<Vec<Run>, DbError> {
    checklist::runs(
        conn,
        &checklist::RunFilter {
            from,
            to,
            cluster: q.cluster,
            butler: q.butler,
            template: None,
            failures_only: q.failures,
            purposes: vec![Purpose::VacantUnit],
        },
        100_000,
    )
}

fn rows(conn: &rusqlite::Connection, q: &VacantQuery) -> Result<Vec<VacantRow>, DbError> {
    let runs = inspections(conn, q.from, q.to, q)?;
    let templates: HashMap<Uuid, Template> = checklist::templates(conn)?
        .into_iter()
        .map(|t| (t.version_id, t))
        .collect();
    let codes: HashMap<_, _> = units::units(conn, q.cluster)?
        .into_iter()
        .map(|u| (u.id, u.code()))
        .collect();
    Ok(runs
        .into_iter()
        .filter_map(|r| {
            let unit = r.unit?;
            let t = templates.get(&r.template_version)?;
            let findings = r
                .results
                .iter()
                .filter(|x| is_failure(t.item(&x.item), &x.answer))
                .map(|x| {
                    let label = t.item(&x.item).map(|i| i.label.as_str()).unwrap_or("");
                    if x.note.is_empty() {
                        label.to_owned()
                    } else {
                        format!("{label}：{}", x.note)
                    }
                })
                .collect();
            let owner_told = r.owner_notices.first().map(|n| (n.channel, n.told_at));
            if q.untold && owner_told.is_some() {
                return None;
            }
            Some(VacantRow {
                run: r.id,
                date: r.date,
                unit,
                unit_code: codes.get(&unit).cloned().unwrap_or_default(),
                cluster_id: r.cluster_id,
                butler: r.butler,
                finished_at: r.finished_at,
                findings,
                follow_ups: r.follow_ups().len() as u32,
                photos: r.results.iter().map(|x| x.photos.len() as u32).sum(),
                owner_told,
            })
        })
        .collect())
}

/// The vacant-unit register (office).
#[utoipa::path(get, path = "/vacant/register", tag = "vacant", params(VacantQuery),
    responses((status = 200, description = "The record.", body = Vec<VacantRow>)))]
async fn register(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<VacantQuery>,
) -> Result<Json<Vec<VacantRow>>, ApiError> {
    session.require_office()?;
    Ok(Json(state.db.read(move |c| rows(c, &q)).await?))
}

/// The vacant-unit register as a spreadsheet (office).
#[utoipa::path(get, path = "/vacant/register.xlsx", tag = "vacant", params(VacantQuery),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn register_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<VacantQuery>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let bytes = state
        .db
        .read(move |c| {
            let rows = rows(c, &q)?;
            let directory = crate::db::staff::directory(c)?;
            xlsx::register(&rows, &directory).map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download("vacant-register.xlsx", bytes))
}

fn coverage_lines(
    conn: &rusqlite::Connection,
    q: &VacantQuery,
) -> Result<PeriodRecord<CoverageLine>, DbError> {
    let (from, to) = Schedule::Monthly.period(today(q));
    let all = units::units(conn, q.cluster)?;
    let runs = inspections(conn, Some(from), Some(to), &VacantQuery::default())?;
    let directory = crate::db::staff::directory(conn)?;
    let butlers_of = crate::db::staff::butlers_by_cluster(conn)?;
    let mut lines = vec![];
    for c in &directory.clusters {
        if q.cluster.is_some_and(|x| x != c.id) {
            continue;
        }
        let vacant: Vec<&Unit> = all
            .iter()
            .filter(|u| u.cluster_id == c.id && u.vacant_during(from, to))
            .collect();
        let inspected = vacant
            .iter()
            // Finished inspections only: one started and left open does not cover its unit.
            .filter(|u| {
                runs.iter()
                    .any(|r| r.unit == Some(u.id) && r.finished_at.is_some())
            })
            .count();
        lines.push(CoverageLine {
            cluster_id: c.id,
            butlers: butlers_of.get(&c.id).cloned().unwrap_or_default(),
            vacant: vacant.len() as u32,
            inspected: inspected as u32,
        });
    }
    Ok(PeriodRecord { from, to, lines })
}

/// This month's inspected and vacant units per cluster and butler (office).
#[utoipa::path(get, path = "/vacant/coverage", tag = "vacant", params(VacantQuery),
    responses((status = 200, description = "The record.", body = PeriodRecord<CoverageLine>)))]
async fn coverage(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<VacantQuery>,
) -> Result<Json<PeriodRecord<CoverageLine>>, ApiError> {
    session.require_office()?;
    Ok(Json(state.db.read(move |c| coverage_lines(c, &q)).await?))
}

fn monthly_lines(
    conn: &rusqlite::Connection,
    q: &VacantQuery,
) -> Result<PeriodRecord<MonthlyLine>, DbError> {
    let date = today(q);
    let (from, to) = Schedule::Monthly.period(date);
    let all = units::units(conn, q.cluster)?;
    let runs = inspections(conn, Some(from), Some(to), &VacantQuery::default())?;
    let lines = vacant_in_month(&all, date)
        .into_iter()
        .map(|u| MonthlyLine {
            unit: u.id,
            unit_code: u.code(),
            cluster_id: u.cluster_id,
            vacant_since: u
                .history
                .iter()
                .rev()
                .filter(|c| c.effective_date <= to)
                .find(|c| c.state == Occupancy::Vacant)
                .map(|c| c.effective_date),
            inspections: runs
                .iter()
                .filter(|r| r.unit == Some(u.id))
                .map(|r| r.date)
                .collect(),
        })
        .collect();
    Ok(PeriodRecord { from, to, lines })
}

/// The monthly vacant-unit record (office).
#[utoipa::path(get, path = "/vacant/monthly", tag = "vacant", params(VacantQuery),
    responses((status = 200, description = "The record.", body = PeriodRecord<MonthlyLine>)))]
async fn monthly(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<VacantQuery>,
) -> Result<Json<PeriodRecord<MonthlyLine>>, ApiError> {
    session.require_office()?;
    Ok(Json(state.db.read(move |c| monthly_lines(c, &q)).await?))
}

/// The monthly vacant-unit record as a spreadsheet (office).
#[utoipa::path(get, path = "/vacant/monthly.xlsx", tag = "vacant", params(VacantQuery),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn monthly_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<VacantQuery>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let bytes = state
        .db
        .read(move |c| {
            let record = monthly_lines(c, &q)?;
            let directory = crate::db::staff::directory(c)?;
            xlsx::monthly(&record, &directory).map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download("vacant-monthly.xlsx", bytes))
}

fn move_in_lines(
    conn: &rusqlite::Connection,
    q: &VacantQuery,
) -> Result<PeriodRecord<MoveInLine>, DbError> {
    let date = today(q);
    let (from, to) = Schedule::Weekly.period(date);
    let all = units::units(conn, q.cluster)?;
    let lines = move_ins_in_week(&all, date)
        .into_iter()
        .map(|(u, c)| MoveInLine {
            unit: u.id,
            unit_code: u.code(),
            cluster_id: u.cluster_id,
            date: c.effective_date,
            household: c.household.clone(),
            recorded_by: c.recorded_by,
        })
        .collect();
    Ok(PeriodRecord { from, to, lines })
}

/// The weekly move-in record (office).
#[utoipa::path(get, path = "/vacant/move-ins", tag = "vacant", params(VacantQuery),
    responses((status = 200, description = "The record.", body = PeriodRecord<MoveInLine>)))]
async fn move_ins(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<VacantQuery>,
) -> Result<Json<PeriodRecord<MoveInLine>>, ApiError> {
    session.require_office()?;
    Ok(Json(state.db.read(move |c| move_in_lines(c, &q)).await?))
}

/// The weekly move-in record as a spreadsheet (office).
#[utoipa::path(get, path = "/vacant/move-ins.xlsx", tag = "vacant", params(VacantQuery),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn move_ins_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<VacantQuery>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let bytes = state
        .db
        .read(move |c| {
            let record = move_in_lines(c, &q)?;
            let directory = crate::db::staff::directory(c)?;
            xlsx::move_ins(&record, &directory).map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download("move-ins.xlsx", bytes))
}
