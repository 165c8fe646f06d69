//! Visits for the supervisor: `GET /api/v1/visits/report` (and `.xlsx`): per butler, per week
//! or month (estate calendar), visits, households reached and their share of the cluster,
//! referrals open and overdue, return visits and mean satisfaction; `GET
//! /api/v1/visits/satisfaction`: return visits' scores by department, repairer and butler.

use crate::auth::Authenticated;
use crate::db::{household, staff, visit, DbError};
use crate::error::ApiError;
use crate::export::WriteText;
use crate::state::AppState;
use app::customers::api::{Period, Report, ReportLine, ReportQuery, Satisfaction, Score};
use app::domain::checklist::Schedule;
use app::domain::follow_up::FollowUpStatus;
use app::domain::time::estate_today;
use app::domain::visit::{in_period, satisfaction_by};
use app::domain::Department;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::Json;
use chrono::Utc;
use std::collections::HashSet;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The visit routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(report))
        .routes(routes!(report_xlsx))
        .routes(routes!(satisfaction))
}

fn build_report(conn: &rusqlite::Connection, q: &ReportQuery) -> Result<Report, DbError> {
    let today = estate_today(Utc::now());
    let date = q.date.unwrap_or(today);
    let (from, to) = match q.period {
        Period::Week => Schedule::Weekly.period(date),
        Period::Month => Schedule::Monthly.period(date),
    };
    let visits = visit::visits(conn)?;
    let follow_ups = visit::follow_ups(conn)?;
    let households = household::households(conn, None)?;
    let butlers = staff::butlers_by_cluster(conn)?;
    let mut people: Vec<_> = butlers.values().flatten().copied().collect();
    people.sort();
    people.dedup();
    let mut lines = vec![];
    for butler in people {
        if q.butler.is_some_and(|b| b != butler) {
            continue;
        }
        let clusters: Vec<_> = butlers
            .iter()
            .filter(|(_, bs)| bs.contains(&butler))
            .map(|(c, _)| *c)
            .collect();
        let mine: Vec<_> = visits
            .iter()
            .filter(|v| v.butler == butler && in_period(v, from, to))
            .collect();
        let reached: HashSet<_> = mine.iter().map(|v| v.household).collect();
        let referred: Vec<_> = mine
            .iter()
            .flat_map(|v| v.items.iter().filter_map(|i| i.follow_up))
            .filter_map(|id| follow_ups.iter().find(|f| f.id == id))
            .collect();
        let open: Vec<_> = referred
            .iter()
            .filter(|f| {
                !matches!(
                    f.status,
                    FollowUpStatus::CustomerInformed | FollowUpStatus::Closed
                )
            })
            .collect();
        let overdue = open
            .iter()
            .filter(|f| match f.due_date {
                Some(d) => d < today,
                None => (Utc::now() - f.created_at).num_days() > 7,
            })
            .count();
        let rvs: Vec<_> = follow_ups
            .iter()
            .filter_map(|f| f.return_visit.as_ref())
            .filter(|rv| {
                let d = estate_today(rv.at);
                rv.by == butler && d >= from && d <= to
            })
            .collect();
        lines.push(ReportLine {
            butler,
            visits: mine.len() as u32,
            households_reached: reached.len() as u32,
            cluster_households: households
                .iter()
                .filter(|h| clusters.contains(&h.cluster_id))
                .count() as u32,
            referrals: referred.len() as u32,
            referrals_open: open.len() as u32,
            referrals_overdue: overdue as u32,
            return_visits: rvs.len() as u32,
            satisfaction: (!rvs.is_empty())
                .then(|| rvs.iter().map(|r| r.mean()).sum::<f64>() / rvs.len() as f64),
            clusters,
        });
    }
    Ok(Report { from, to, lines })
}

/// Visits per butler for a week or month (office).
#[utoipa::path(get, path = "/visits/report", tag = "visits", params(ReportQuery),
    responses((status = 200, description = "The report.", body = Report)))]
async fn report(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<ReportQuery>,
) -> Result<Json<Report>, ApiError> {
    session.require_office()?;
    Ok(Json(state.db.read(move |c| build_report(c, &q)).await?))
}

/// The visit report as a spreadsheet (office).
#[utoipa::path(get, path = "/visits/report.xlsx", tag = "visits", params(ReportQuery),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn report_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<ReportQuery>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let bytes = state
        .db
        .read(move |c| {
            let r = build_report(c, &q)?;
            let directory = staff::directory(c)?;
            xlsx(&r, &directory).map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download("visit-report.xlsx", bytes))
}

fn xlsx(
    r: &Report,
    directory: &app::session::Directory,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("拜访报告")?;
    let heads = [
        "期间",
        "管家",
        "拜访次数",
        "拜访户数",
        "组团户数",
        "覆盖率%",
        "转介",
        "未告知",
        "逾期",
        "回访",
        "平均满意度",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, l) in r.lines.iter().enumerate() {
        let n = i as u32 + 1;
        sheet.write_text(n, 0, format!("{} – {}", r.from, r.to))?;
        sheet.write_text(n, 1, directory.name_of(l.butler).unwrap_or_default())?;
        sheet.write_number(n, 2, f64::from(l.visits))?;
        sheet.write_number(n, 3, f64::from(l.households_reached))?;
        sheet.write_number(n, 4, f64::from(l.cluster_households))?;
        sheet.write_number(
            n,
            5,
            (f64::from(l.households_reached) * 100.0 / f64::from(l.cluster_households.max(1)))
                .round(),
        )?;
        sheet.write_number(n, 6, f64::from(l.referrals))?;
        sheet.write_number(n, 7, f64::from(l.referrals_open))?;
        sheet.write_number(n, 8, f64::from(l.referrals_overdue))?;
        sheet.write_number(n, 9, f64::from(l.return_visits))?;
        if let Some(s) = l.satisfaction {
            sheet.write_number(n, 10, (s * 100.0).round() / 100.0)?;
        }
    }
    book.save_to_buffer()
}

/// Return visits' scores by department, repairer and butler (office).
#[utoipa::path(get, path = "/visits/satisfaction", tag = "visits",
    responses((status = 200, description = "The scores.", body = Satisfaction)))]
async fn satisfaction(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Satisfaction>, ApiError> {
    session.require_office()?;
    let all = state.db.read(visit::follow_ups).await?;
    let refs: Vec<_> = all.iter().collect();
    let score = |(key, count, means)| Score { key, count, means };
    Ok(Json(Satisfaction {
        by_department: satisfaction_by::<Department>(&refs, |f| Some(f.department))
            .into_iter()
            .map(score)
            .collect(),
        by_repairer: satisfaction_by(&refs, |f| f.assignee)
            .into_iter()
            .map(|(key, count, means)| Score { key, count, means })
            .collect(),
        by_butler: satisfaction_by(&refs, |f| f.return_visit.as_ref().map(|r| r.by))
            .into_iter()
            .map(|(key, count, means)| Score { key, count, means })
            .collect(),
    }))
}
