//! Estate data for the office and admins (issue 7):
//! - `POST /api/v1/estate/imports?name=…` (the file's bytes): kept, read, and answered with its
//!   headers, a sample and the guessed mapping; a file that cannot be read: 422 and why.
//! - `POST /api/v1/estate/imports/{id}/preview` and `…/apply` (`ImportRequest`): the report of
//!   what the import does — the preview in a transaction rolled back, the import in one that
//!   commits only when no row has a problem (else 422 with the report, nothing changed).
//! - `GET /api/v1/estate/import-template.xlsx`: a file with the expected columns and an example.
//! - `GET /api/v1/audit?kind=&record=&user=&source=&from=&to=`: the audit trail.

pub mod import;
pub mod read;

use crate::auth::Authenticated;
use crate::db::{self, audit, DbError};
use crate::error::ApiError;
use crate::export::{xlsx_download, xlsx_error};
use crate::state::AppState;
use app::domain::time::estate_today;
use app::estate::api::{
    Field, ImportFile, ImportReport, ImportRequest, ImportSummary, Problem, RowProblem,
};
use app::estate::audit::{AuditEntry, AuditFilter};
use app::i18n::Lang;
use app::session::ErrorCode;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;
use uuid::Uuid;

/// The largest file an import takes.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// The estate routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
        .routes(routes!(recent))
        .routes(routes!(preview))
        .routes(routes!(apply))
        .routes(routes!(template))
        .routes(routes!(trail))
}

/// Reads an uploaded spreadsheet off the async threads. The app sends a file as raw bytes,
/// which a plain form on another site cannot (it sends urlencoded, multipart or text bodies):
/// any other type is refused. `Ok(Err(problem))`: the file cannot be read.
pub async fn read_upload(
    headers: &HeaderMap,
    body: Bytes,
    encoding: app::estate::api::Encoding,
) -> Result<Result<read::Table, Problem>, ApiError> {
    if headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        != Some("application/octet-stream")
    {
        return Err(ApiError::refused(ErrorCode::UnsupportedType));
    }
    Ok(
        tokio::task::spawn_blocking(move || read::read(&body, encoding))
            .await
            .map_err(|e| DbError::Task(e.to_string()))?,
    )
}

fn refused_file(problem: Problem) -> Response {
    let report = ImportReport {
        applied: false,
        counts: Default::default(),
        problems: vec![RowProblem {
            row: None,
            column: None,
            problem,
        }],
        removed: vec![],
        millis: 0,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response()
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct UploadQuery {
    name: String,
}

/// Keeps a spreadsheet (.xlsx or CSV, at most 20 MB) and answers its headers, a sample and
/// the guessed mapping (office).
#[utoipa::path(post, path = "/estate/imports", tag = "estate", params(UploadQuery),
    request_body(content = crate::openapi::Binary, content_type = "application/octet-stream"),
    responses((status = 200, description = "The file as read.", body = ImportFile), (status = 422, description = "The file cannot be read, or a row has a problem: nothing changed.", body = ImportReport)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn upload(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    session.require_office()?;
    let name: String = q.name.trim().chars().take(200).collect();
    let table = match read_upload(&headers, body.clone(), Default::default()).await? {
        Ok(t) => t,
        Err(p) => return Ok(refused_file(p)),
    };
    let id = Uuid::now_v7();
    let user = session.user.id;
    let bytes = body.to_vec();
    let file_name = name.clone();
    state
        .db
        .write(move |tx| {
            tx.execute(
                "INSERT INTO imports (id, file_name, bytes, uploaded_by, uploaded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![
                    id.to_string(),
                    file_name,
                    bytes,
                    user.to_string(),
                    db::now_text()
                ],
            )?;
            Ok(())
        })
        .await?;
    let mapping = table.headers.iter().map(|h| Field::guess(h)).collect();
    Ok(Json(ImportFile {
        id,
        file_name: name,
        encoding: table.encoding,
        sample: table.rows.iter().take(5).map(|(_, r)| r.clone()).collect(),
        rows: table.rows.len(),
        headers: table.headers,
        mapping,
    })
    .into_response())
}

/// What importing the kept file with this mapping would do (nothing is changed).
#[utoipa::path(post, path = "/estate/imports/{id}/preview", tag = "estate", request_body = ImportRequest,
    params(("id" = Uuid, Path, description = "The kept file.")),
    responses((status = 200, description = "The report.", body = ImportReport), (status = 422, description = "The file cannot be read, or a row has a problem: nothing changed.", body = ImportReport)))]
async fn preview(
    state: State<AppState>,
    session: Authenticated,
    id: Path<Uuid>,
    req: Json<ImportRequest>,
) -> Result<Response, ApiError> {
    run(state, session, id, req, false).await
}

/// Imports the kept file: all rows or, if any has a problem, none.
#[utoipa::path(post, path = "/estate/imports/{id}/apply", tag = "estate", request_body = ImportRequest,
    params(("id" = Uuid, Path, description = "The kept file.")),
    responses((status = 200, description = "Imported.", body = ImportReport), (status = 422, description = "The file cannot be read, or a row has a problem: nothing changed.", body = ImportReport)))]
async fn apply(
    state: State<AppState>,
    session: Authenticated,
    id: Path<Uuid>,
    req: Json<ImportRequest>,
) -> Result<Response, ApiError> {
    run(state, session, id, req, true).await
}

#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username, import = %id))]
async fn run(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(id): Path<Uuid>,
    Json(req): Json<ImportRequest>,
    commit: bool,
) -> Result<Response, ApiError> {
    session.require_office()?;
    let user = session.user.id;
    let outcome = state
        .db
        .write_or_roll_back(move |tx| {
            let row: Option<(String, Vec<u8>, Option<String>)> = rusqlite::OptionalExtension::optional(
                tx.query_row(
                    "SELECT file_name, bytes, applied_at FROM imports WHERE id = ?1",
                    [id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                ),
            )?;
            let Some((file_name, bytes, _)) = row else {
                return Ok((None, false));
            };
            let table = match read::read(&bytes, req.encoding) {
                Ok(t) => t,
                Err(p) => return Ok((Some(Err(p)), false)),
            };
            let target = import::Target {
                import: id,
                file_name: file_name.clone(),
                user,
                today: estate_today(chrono::Utc::now()),
            };
            let report = import::run(tx, &table, &req, &target)?;
            let keep = commit && report.problems.is_empty();
            let mut report = report;
            report.applied = keep;
            if keep {
                let text = serde_json::to_string(&report).map_err(|e| DbError::Corrupt(e.to_string()))?;
                tx.execute(
                    "UPDATE imports SET applied_at = ?2, report = ?3 WHERE id = ?1",
                    rusqlite::params![id.to_string(), db::now_text(), text],
                )?;
                audit::record(
                    tx,
                    &audit::Audit {
                        user: Some(user),
                        device: Some(id),
                        source: app::estate::audit::AuditSource::Import,
                        kind: "import",
                        record: id.to_string(),
                        action: "apply",
                        detail: format!(
                            "{file_name}: {} 行，新建房屋 {}，更新房屋 {}，新建客户 {}，更新客户 {}，移除房屋 {}，移除客户 {}",
                            report.counts.rows,
                            report.counts.units_new,
                            report.counts.units_changed,
                            report.counts.households_new,
                            report.counts.households_changed,
                            report.counts.units_removed,
                            report.counts.households_removed
                        ),
                        change: None,
                    },
                    &db::now_text(),
                )?;
            }
            Ok((Some(Ok(report)), keep))
        })
        .await?;
    match outcome {
        None => Err(ApiError::refused(ErrorCode::NotFound)),
        Some(Err(p)) => Ok(refused_file(p)),
        Some(Ok(report)) if !report.problems.is_empty() && commit => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response())
        }
        Some(Ok(report)) => Ok(Json(report).into_response()),
    }
}

/// The last 50 uploads, newest first, with what each import did.
/// The latest imports (office).
#[utoipa::path(get, path = "/estate/imports/recent", tag = "estate",
    responses((status = 200, description = "Imports, newest first.", body = Vec<ImportSummary>)))]
async fn recent(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<ImportSummary>>, ApiError> {
    session.require_office()?;
    let rows = state
        .db
        .read(|c| {
            db::all::<(
                String,
                String,
                String,
                String,
                Option<String>,
                Option<String>,
            )>(
                c,
                "SELECT i.id, i.file_name, COALESCE(u.display_name, ''), i.uploaded_at,
                        i.applied_at, i.report
                 FROM imports i LEFT JOIN users u ON u.id = i.uploaded_by
                 ORDER BY i.uploaded_at DESC LIMIT 50",
                [],
            )
        })
        .await?;
    let corrupt = |e: String| ApiError::from(DbError::Corrupt(e));
    let list = rows
        .into_iter()
        .map(|(id, file_name, by, at, applied, report)| {
            Ok(ImportSummary {
                id: id
                    .parse()
                    .map_err(|e: uuid::Error| corrupt(e.to_string()))?,
                file_name,
                uploaded_by: by,
                uploaded_at: db::parse_instant(&at)?,
                applied_at: applied.map(|a| db::parse_instant(&a)).transpose()?,
                counts: report
                    .and_then(|r| serde_json::from_str::<ImportReport>(&r).ok())
                    .map(|r| r.counts),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Json(list))
}

/// The import template: the columns in the order the import expects, and one example row.
/// A spreadsheet with the expected columns and an example row.
#[utoipa::path(get, path = "/estate/import-template.xlsx", tag = "estate",
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn template(Authenticated(_): Authenticated) -> Result<impl IntoResponse, ApiError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let text = rust_xlsxwriter::Format::new().set_num_format("@");
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let columns = [
        (Field::Cluster, "一组团"),
        (Field::Building, "3"),
        (Field::Entrance, "2"),
        (Field::Room, "1201"),
        (Field::Floor, "12"),
        (Field::Area, "89.5"),
        (Field::Occupancy, "已入住"),
        (Field::Name, "张伟"),
        (Field::Relation, "业主"),
        (Field::Phone, "13812345678"),
        (Field::MailingAddress, "本小区3栋2单元1201"),
        (Field::KeyCustomer, "否"),
        (Field::Note, ""),
    ];
    for (i, (field, example)) in columns.iter().enumerate() {
        let col = i as u16;
        sheet
            .write_string_with_format(0, col, field.label(Lang::ZhCn), &bold)
            .map_err(xlsx_error)?;
        // Text cells: Excel keeps phone numbers and codes as typed.
        sheet
            .write_string_with_format(1, col, *example, &text)
            .map_err(xlsx_error)?;
        sheet.set_column_format(col, &text).map_err(xlsx_error)?;
        sheet.set_column_width(col, 14).map_err(xlsx_error)?;
    }
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    Ok(xlsx_download("estate-import-template.xlsx", bytes))
}

/// The audit trail (office).
#[utoipa::path(get, path = "/audit", tag = "estate", params(AuditFilter),
    responses((status = 200, description = "Entries, newest first.", body = Vec<AuditEntry>)))]
async fn trail(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(f): Query<AuditFilter>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    session.require_office()?;
    // The whole log is the admins'; the office reads the trail of one record.
    if f.record.is_none() && session.user.role != app::domain::Role::Admin {
        return Err(ApiError::refused(ErrorCode::Forbidden));
    }
    Ok(Json(
        state.db.read(move |c| audit::entries(c, &f, 1000)).await?,
    ))
}
