//! Fee collection (费用催收, issue 17) for the office: finance's export of charges imported as
//! parse → plan → apply (`POST /api/v1/fees/charges/preview` and `…/apply`). The office and
//! finance staff import; a file with any bad row changes nothing and says which rows.

pub mod arrears;
pub mod import;
pub mod letter;
pub mod rates;
pub mod register;

use crate::auth::Authenticated;
use crate::db;
use crate::error::ApiError;
use crate::estate::MAX_IMPORT_BYTES;
use crate::state::AppState;
use app::domain::{Department, Role};
use app::estate::api::Encoding;
use app::fees::api::{
    ChargePlan, ChargeProblem, ChargeRowProblem, FeeSettings, FeeSettingsProblem, IssueLetter,
    LetterDraft, LetterProblem, MonthCollection, UnitArrears,
};
use app::session::ErrorCode;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

/// The fee routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(preview).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
        .routes(routes!(apply).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
        .routes(routes!(collection))
        .routes(routes!(units_in_arrears))
        .routes(routes!(settings, save_settings))
        .routes(routes!(letter_draft, issue_letter))
        .routes(routes!(register_xlsx))
}

/// The fee-collection register (物管费催收登记表) as a spreadsheet, filtered as on the
/// office's screen (office).
#[utoipa::path(get, path = "/fees/register.xlsx", tag = "fees", params(app::domain::collection::RegisterFilter),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn register_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(filter): Query<app::domain::collection::RegisterFilter>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let today = app::domain::time::estate_today(chrono::Utc::now());
    let bytes = state
        .db
        .read(move |c| {
            let contacts = db::collection::all_contacts(c)?;
            let arrears = db::collection::arrears_of_units(c)?
                .into_iter()
                .map(|a| (a.unit_id, a))
                .collect();
            let mut follow_ups = std::collections::HashMap::new();
            for f in contacts.iter().filter_map(|c| c.note.follow_up) {
                if let Some(x) = db::sync::load_follow_up(c, f)? {
                    follow_ups.insert(f, x.status);
                }
            }
            let directory = db::staff::directory(c)?;
            register::workbook(&contacts, &filter, &arrears, &follow_ups, &directory, today)
                .map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download(
        "collection-register.xlsx",
        bytes,
    ))
}

/// The office's fee-collection settings: the company on letters, the late fee's terms, the
/// limitation rule (office, finance).
#[utoipa::path(get, path = "/fees/settings", tag = "fees",
    responses((status = 200, description = "The settings (the defaults until saved).", body = FeeSettings)))]
async fn settings(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<FeeSettings>, ApiError> {
    if !imports_charges(&session.user) {
        return Err(ApiError::refused(ErrorCode::Forbidden));
    }
    Ok(Json(state.db.read(db::fee::fee_settings).await?))
}

/// Saves the fee-collection settings (office).
#[utoipa::path(post, path = "/fees/settings", tag = "fees", request_body = FeeSettings,
    responses((status = 200, description = "Saved.", body = FeeSettings), (status = 422, description = "Not saved: why.", body = FeeSettingsProblem)))]
async fn save_settings(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(mut new): Json<FeeSettings>,
) -> Result<Response, ApiError> {
    session.require_office()?;
    if let Err(problem) = new.check() {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(problem)).into_response());
    }
    new.company = new.company.trim().to_owned();
    new.late_fee.basis = new.late_fee.basis.trim().to_owned();
    let by = session.user.id;
    let saved = new.clone();
    state
        .db
        .write(move |tx| {
            db::fee::save_fee_settings(tx, &saved, by)?;
            // The limitation rule travels with each unit's arrears.
            db::collection::publish_arrears(tx, &db::now_text()).map(|_| ())
        })
        .await?;
    Ok(Json(new).into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LetterDate {
    /// The date the letter bears (default: today in the estate).
    #[serde(default, deserialize_with = "app::domain::time::bounded_date")]
    dated: Option<chrono::NaiveDate>,
}

/// A lawyer's letter to a unit's owners, drafted for a date, with the letters already issued
/// (office, finance).
#[utoipa::path(get, path = "/fees/letters/{unit}", tag = "fees", params(("unit" = Uuid, Path, description = "The unit."), LetterDate),
    responses((status = 200, description = "The draft.", body = LetterDraft), (status = 404, description = "No such unit.")))]
async fn letter_draft(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(unit): Path<uuid::Uuid>,
    Query(q): Query<LetterDate>,
) -> Result<Json<LetterDraft>, ApiError> {
    if !imports_charges(&session.user) {
        return Err(ApiError::refused(ErrorCode::Forbidden));
    }
    let dated = q
        .dated
        .unwrap_or_else(|| app::domain::time::estate_today(chrono::Utc::now()));
    let draft = state
        .db
        .read(move |c| draft_for(c, app::domain::UnitId(unit), dated))
        .await?;
    draft
        .map(Json)
        .ok_or_else(|| ApiError::refused(ErrorCode::NotFound))
}

/// Records a lawyer's letter as issued to a unit (office): what it stated is kept, and the
/// unit's letters list it. A unit owing nothing gets none (422).
#[utoipa::path(post, path = "/fees/letters/{unit}", tag = "fees", params(("unit" = Uuid, Path, description = "The unit.")),
    request_body = IssueLetter,
    responses((status = 200, description = "Recorded: the letter and the unit's letters.", body = LetterDraft), (status = 404, description = "No such unit."), (status = 422, description = "The unit owes nothing.", body = LetterProblem)))]
async fn issue_letter(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(unit): Path<uuid::Uuid>,
    Json(req): Json<IssueLetter>,
) -> Result<Response, ApiError> {
    session.require_office()?;
    if !app::domain::time::QUERY_YEARS.contains(&chrono::Datelike::year(&req.dated)) {
        return Err(ApiError::refused(ErrorCode::BadRequest));
    }
    let by = session.user.id;
    let unit = app::domain::UnitId(unit);
    let out = state
        .db
        .write(move |tx| {
            record_letter_issued(
                tx,
                unit,
                req.dated,
                req.delivery,
                &req.tracking,
                by,
                chrono::Utc::now(),
            )
        })
        .await?;
    match out {
        None => Err(ApiError::refused(ErrorCode::NotFound)),
        Some(Err(problem)) => Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(problem)).into_response()),
        Some(Ok(draft)) => Ok(Json(draft).into_response()),
    }
}

/// Records a lawyer's letter dated `dated` as issued to `unit` by `by` at `at`: the letter as
/// drafted is kept, and a letter contact is recorded in the unit's case file, where the butler's
/// phone shows it and the limitation clock counts it (registered post with its number).
/// `None`: no such unit; `Some(Err)`: refused, nothing written; `Some(Ok)`: the letter with
/// the unit's letters.
pub fn record_letter_issued(
    tx: &rusqlite::Transaction<'_>,
    unit: app::domain::UnitId,
    dated: chrono::NaiveDate,
    delivery: app::domain::collection::Delivery,
    tracking: &str,
    by: app::domain::UserId,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Result<LetterDraft, LetterProblem>>, db::DbError> {
    use app::domain::collection::{CollectionContact, ContactId, ContactKind, ContactNote};
    let (Some(draft), Some(u)) = (draft_for(tx, unit, dated)?, db::unit::load_unit(tx, unit)?)
    else {
        return Ok(None);
    };
    if draft.lines.is_empty() {
        return Ok(Some(Err(LetterProblem::NothingOwed)));
    }
    let note = ContactNote {
        delivery: Some(delivery),
        tracking: tracking.trim().to_owned(),
        ..ContactNote::new(ContactKind::Letter, at, draft.owed_fen)
    };
    if note.check(at).is_err() {
        return Ok(Some(Err(LetterProblem::Tracking)));
    }
    let at_text = db::instant_text(at);
    db::fee::record_letter(tx, uuid::Uuid::now_v7(), &draft, by, &at_text)?;
    db::collection::save_contact(
        tx,
        &CollectionContact {
            id: ContactId(uuid::Uuid::now_v7()),
            unit_id: u.id,
            cluster_id: u.cluster_id,
            unit: u.code(),
            by,
            note,
        },
        &at_text,
    )?;
    Ok(draft_for(tx, unit, dated)?.map(Ok))
}

/// The demo estate's past of lawyer's letters (fixed, relative to `start`): at the last
/// quarter's end (the 24th of its last month, the SOP's 22nd–27th), one letter per cluster by
/// registered post to the unit that had then owed longest, recorded by the office.
pub fn seed_demo_letters(
    tx: &rusqlite::Transaction<'_>,
    start: chrono::DateTime<chrono::Utc>,
) -> Result<(), db::DbError> {
    use chrono::{Datelike, TimeZone};
    let today = app::domain::time::estate_today(start);
    let Some(office) = db::staff::directory(tx)?
        .users
        .into_iter()
        .find(|u| u.role == app::domain::Role::Office)
    else {
        return Ok(());
    };
    // The most recent quarter's last month whose 24th has passed.
    let Some(dated) = (0..6u32)
        .filter_map(|back| today.checked_sub_months(chrono::Months::new(back)))
        .filter(|m| m.month() % 3 == 0)
        .filter_map(|m| chrono::NaiveDate::from_ymd_opt(m.year(), m.month(), 24))
        .find(|d| *d < today)
    else {
        return Ok(());
    };
    let at = app::domain::time::estate_offset()
        .from_local_datetime(&dated.and_hms_opt(15, 30, 0).unwrap_or_default())
        .single()
        .map_or(start, |t| t.with_timezone(&chrono::Utc));
    let mut chosen: std::collections::BTreeMap<
        app::domain::ClusterId,
        (usize, i64, app::domain::UnitId),
    > = std::collections::BTreeMap::new();
    for a in db::collection::arrears_of_units(tx)? {
        // What it had owed, fallen due well before the letter.
        let late: Vec<_> = a
            .charges
            .iter()
            .filter(|c| c.due_on + chrono::Duration::days(20) < dated)
            .collect();
        let key = (
            late.len(),
            late.iter().map(|c| c.owed_fen.0).sum::<i64>(),
            a.unit_id,
        );
        if key.0 > 0
            && chosen
                .get(&a.cluster_id)
                .is_none_or(|k| (k.0, k.1) < (key.0, key.1))
        {
            chosen.insert(a.cluster_id, key);
        }
    }
    for (n, (_, _, unit)) in chosen.into_values().enumerate() {
        let tracking = format!("EMS{}", 1_168_200_400 + n * 7_919);
        let _ = record_letter_issued(
            tx,
            unit,
            dated,
            app::domain::collection::Delivery::Registered,
            &tracking,
            office.id,
            at,
        )?;
    }
    Ok(())
}

/// The letter for a unit on a date (`None`: no such unit).
fn draft_for(
    c: &rusqlite::Connection,
    unit: app::domain::UnitId,
    dated: chrono::NaiveDate,
) -> Result<Option<LetterDraft>, db::DbError> {
    let Some(u) = db::unit::load_unit(c, unit)? else {
        return Ok(None);
    };
    let owners = db::household::households(c, Some(u.cluster_id))?
        .into_iter()
        .filter(|h| h.unit_id == unit && h.relation == app::domain::household::Relation::Owner)
        .map(|h| h.name)
        .collect::<Vec<_>>()
        .join("、");
    Ok(Some(letter::draft(
        letter::Addressee {
            unit_id: unit,
            unit: u.code(),
            owners,
        },
        dated,
        db::fee::fee_settings(c)?,
        db::fee::charges_of_unit(c, unit)?,
        db::fee::letters_of_unit(c, unit)?,
    )))
}

/// Every unit owing something, most owed first, with its owners, months owed and the
/// earliest due date (office, finance).
#[utoipa::path(get, path = "/fees/arrears", tag = "fees",
    responses((status = 200, description = "The units, most owed first.", body = Vec<UnitArrears>)))]
async fn units_in_arrears(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<UnitArrears>>, ApiError> {
    if !imports_charges(&session.user) {
        return Err(ApiError::refused(ErrorCode::Forbidden));
    }
    let list = state
        .db
        .read(|c| {
            let charges = db::fee::charges(c)?;
            let units = db::unit::codes_by_unit(c)?;
            let owners = db::household::owners_by_unit(c)?;
            Ok(arrears::arrears(&charges, &units, &owners))
        })
        .await?;
    Ok(Json(list))
}

/// Each cluster's collection for each of the last twelve months billed, newest first: the
/// sums behind 收费率, 户收费率 and 清缴率 (office, finance).
#[utoipa::path(get, path = "/fees/collection", tag = "fees",
    responses((status = 200, description = "The months, newest first.", body = Vec<MonthCollection>)))]
async fn collection(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<MonthCollection>>, ApiError> {
    if !imports_charges(&session.user) {
        return Err(ApiError::refused(ErrorCode::Forbidden));
    }
    let charges = state.db.read(db::fee::charges).await?;
    Ok(Json(rates::collection(&charges)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ChargeFile {
    /// The file's name, as the office chose it.
    name: String,
    /// A CSV's text encoding.
    #[serde(default)]
    encoding: Encoding,
}

/// What importing finance's export of charges would do; nothing is changed (office, finance).
#[utoipa::path(post, path = "/fees/charges/preview", tag = "fees", params(ChargeFile),
    request_body(content = crate::openapi::Binary, content_type = "application/octet-stream"),
    responses((status = 200, description = "The plan.", body = ChargePlan), (status = 422, description = "The file cannot be read, or rows have problems: the plan lists them.", body = ChargePlan)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn preview(
    state: State<AppState>,
    Authenticated(session): Authenticated,
    q: Query<ChargeFile>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    run(state, session, q, headers, body, false).await
}

/// Imports finance's export of charges: every row or, if any has a problem, none (office,
/// finance). Importing the same file again changes nothing.
#[utoipa::path(post, path = "/fees/charges/apply", tag = "fees", params(ChargeFile),
    request_body(content = crate::openapi::Binary, content_type = "application/octet-stream"),
    responses((status = 200, description = "Imported: what it did.", body = ChargePlan), (status = 422, description = "The file cannot be read, or rows have problems: nothing changed.", body = ChargePlan)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn apply(
    state: State<AppState>,
    Authenticated(session): Authenticated,
    q: Query<ChargeFile>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    run(state, session, q, headers, body, true).await
}

/// Whether a user imports charges: the office, and finance's staff.
fn imports_charges(user: &app::domain::SessionUser) -> bool {
    app::domain::follow_up::Actor::of(user).is_office()
        || (user.role == Role::Staff && user.department == Some(Department::Finance))
}

async fn run(
    State(state): State<AppState>,
    session: crate::auth::CurrentSession,
    Query(q): Query<ChargeFile>,
    headers: HeaderMap,
    body: Bytes,
    write: bool,
) -> Result<Response, ApiError> {
    if !imports_charges(&session.user) {
        return Err(ApiError::refused(ErrorCode::Forbidden));
    }
    let file_name: String = q.name.trim().chars().take(200).collect();
    let sha256 = hex(&Sha256::digest(&body));
    let read = crate::estate::read_upload(&headers, body, q.encoding).await?;
    let table = match read {
        Ok(t) => t,
        Err(problem) => {
            let plan = ChargePlan {
                problem_count: 1,
                problems: vec![ChargeRowProblem {
                    row: 0,
                    problem: ChargeProblem::File { problem },
                }],
                ..ChargePlan::default()
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(plan)).into_response());
        }
    };
    let today = app::domain::time::estate_today(chrono::Utc::now());
    let by = session.user.id;
    let planned = move |c: &rusqlite::Connection| -> Result<import::Planned, db::DbError> {
        let units = db::unit::units_by_code(c)?;
        let stored = db::fee::charges(c)?;
        let (rows, problems) = import::parse(&table, &units);
        Ok(import::plan(rows, problems, &stored, today))
    };
    let plan = if write {
        state
            .db
            .write(move |tx| {
                let p = planned(tx)?;
                if p.plan.problem_count > 0 {
                    return Ok(p.plan);
                }
                let id = uuid::Uuid::now_v7();
                db::fee::store_charges(tx, id, &p.writes)?;
                db::fee::mark_not_in_latest(tx, &p.not_in_latest)?;
                let plan = ChargePlan {
                    applied: true,
                    ..p.plan
                };
                db::fee::record_charge_import(
                    tx,
                    &db::fee::ChargeImport {
                        id,
                        file_name,
                        sha256,
                        by,
                        plan: plan.clone(),
                    },
                )?;
                // The butlers' phones get each unit's arrears as this export states them.
                db::collection::publish_arrears(tx, &db::now_text())?;
                Ok(plan)
            })
            .await?
    } else {
        state.db.read(move |c| Ok(planned(c)?.plan)).await?
    };
    let status = if plan.problem_count > 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Json(plan)).into_response())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
