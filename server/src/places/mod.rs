//! Places and notices for the office (issue 18): the notice register as a spreadsheet
//! (公告登记表, `GET /api/v1/places/notices.xlsx`), filtered as on the office's screen — the
//! notices up on a day, or taken down that day, of one cluster or all — with their boards by
//! name, dates, state, who posted and who took down, and each change of the expiry date; the
//! QR label sheet and its key; and the places imported from a sheet
//! (`POST /api/v1/places/import/preview` and `…/apply`, parse → plan → apply).

pub mod import;

use crate::auth::Authenticated;
use crate::db;
use crate::error::ApiError;
use crate::estate::MAX_IMPORT_BYTES;
use crate::export::{estate_time, WriteText};
use crate::state::AppState;
use app::domain::label::{self, PlaceLabel};
use app::domain::place::{Notice, NoticeFilter, NoticeState, Place};
use app::estate::api::Encoding;
use app::i18n::{Lang, Msg};
use app::places::import::{PlaceImportProblem, PlacePlan, PlaceRowProblem};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

/// The routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(notices_xlsx))
        .routes(routes!(labels))
        .routes(routes!(rotate_label_key))
        .routes(routes!(import_preview).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
        .routes(routes!(import_apply).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
        .routes(routes!(import_template))
}

/// The places sheet as uploaded.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PlaceFile {
    /// The file's name, for the audit trail.
    #[serde(default)]
    name: String,
    /// A CSV's text encoding.
    #[serde(default)]
    encoding: Encoding,
}

/// What importing a sheet of places would do; nothing is changed (office).
#[utoipa::path(post, path = "/places/import/preview", tag = "places", params(PlaceFile),
    request_body(content = crate::openapi::Binary, content_type = "application/octet-stream"),
    responses((status = 200, description = "The plan.", body = PlacePlan), (status = 422, description = "The file cannot be read, or rows have problems: the plan lists them.", body = PlacePlan)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn import_preview(
    state: State<AppState>,
    Authenticated(session): Authenticated,
    q: Query<PlaceFile>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    run_import(state, session, q, headers, body, false).await
}

/// Imports a sheet of places: every row or, if any has a problem, none (office). A place is
/// its cluster and name: importing the same sheet again changes nothing; the phones receive
/// the places with their next sync.
#[utoipa::path(post, path = "/places/import/apply", tag = "places", params(PlaceFile),
    request_body(content = crate::openapi::Binary, content_type = "application/octet-stream"),
    responses((status = 200, description = "Imported: what it did.", body = PlacePlan), (status = 422, description = "The file cannot be read, or rows have problems: nothing changed.", body = PlacePlan)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn import_apply(
    state: State<AppState>,
    Authenticated(session): Authenticated,
    q: Query<PlaceFile>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    run_import(state, session, q, headers, body, true).await
}

async fn run_import(
    State(state): State<AppState>,
    session: crate::auth::CurrentSession,
    Query(q): Query<PlaceFile>,
    headers: HeaderMap,
    body: Bytes,
    write: bool,
) -> Result<Response, ApiError> {
    session.require_office()?;
    let file_name: String = q.name.trim().chars().take(200).collect();
    let table = match crate::estate::read_upload(&headers, body, q.encoding).await? {
        Ok(t) => t,
        Err(problem) => {
            let plan = PlacePlan {
                problem_count: 1,
                problems: vec![PlaceRowProblem {
                    row: 0,
                    problem: PlaceImportProblem::File { problem },
                }],
                ..PlacePlan::default()
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(plan)).into_response());
        }
    };
    let planned = move |c: &rusqlite::Connection| -> Result<import::Planned, db::DbError> {
        let clusters = db::staff::directory(c)?.clusters;
        let templates = db::checklist::templates(c)?;
        let names = import::Names::of(&clusters, &templates);
        let (rows, problems) = import::parse(&table, &names);
        Ok(import::plan(
            rows,
            problems,
            &db::place::all_places(c)?,
            &templates,
        ))
    };
    let by = session.user.id;
    let device = session.device_id.0;
    let plan = if write {
        state
            .db
            .write(move |tx| {
                let p = planned(tx)?;
                if p.plan.problem_count > 0 {
                    return Ok(p.plan);
                }
                let now = db::now_text();
                for place in &p.writes {
                    db::place::save_place(tx, place, &now)?;
                }
                let plan = PlacePlan {
                    applied: true,
                    ..p.plan
                };
                db::audit::record(
                    tx,
                    &db::audit::Audit {
                        user: Some(by),
                        device: Some(device),
                        source: app::estate::audit::AuditSource::Import,
                        kind: "place",
                        record: file_name.clone(),
                        action: "import",
                        detail: format!(
                            "导入地点表“{file_name}”：新增 {}，更新 {}，未变 {}",
                            plan.new, plan.updated, plan.unchanged
                        ),
                        change: None,
                    },
                    &now,
                )?;
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

/// A places sheet to fill in: the columns the import reads and an example row per kind
/// (office).
#[utoipa::path(get, path = "/places/import-template.xlsx", tag = "places",
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn import_template(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let cluster = state
        .db
        .read(|c| Ok(db::staff::directory(c)?.clusters.into_iter().next()))
        .await?
        .map(|c| c.name)
        .unwrap_or_else(|| "东区组团".into());
    let bytes = import_template_book(&cluster).map_err(crate::export::xlsx_error)?;
    Ok(crate::export::xlsx_download("places-template.xlsx", bytes))
}

fn import_template_book(cluster: &str) -> Result<Vec<u8>, XlsxError> {
    use app::places::import::PlaceField;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("地点")?;
    for (c, f) in PlaceField::ALL.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, f.label(Lang::ZhCn), &bold)?;
    }
    let examples: [[&str; 7]; 3] = [
        [cluster, "公告栏", "会所公告栏", "会所正门右侧", "", "", ""],
        [
            cluster,
            "文体设施",
            "乒乓球台",
            "会所东侧",
            "22.543210",
            "114.057890",
            "",
        ],
        [
            cluster,
            "巡查点",
            "南门岗亭",
            "南门车行道旁",
            "22.542800",
            "114.058300",
            "",
        ],
    ];
    for (r, row) in examples.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *text)?;
        }
    }
    sheet.autofit();
    book.save_to_buffer()
}

/// Retires the estate's label key and makes a new one (admin): every label printed so far is
/// refused from now on, with that reason, and the sheet must be printed again. Answers the new
/// key's number. On the audit trail.
#[utoipa::path(post, path = "/places/labels/rotate", tag = "places",
    responses((status = 200, description = "The new key's number.", body = u32)))]
async fn rotate_label_key(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<axum::Json<u32>, ApiError> {
    session.require_admin()?;
    let key = state
        .db
        .write(move |tx| {
            let now = db::now_text();
            let key = db::place::rotate_label_key(tx, &now)?;
            db::audit::record(
                tx,
                &db::audit::Audit {
                    user: Some(session.user.id),
                    device: Some(session.device_id.0),
                    source: app::estate::audit::AuditSource::Admin,
                    kind: "place",
                    record: key.to_string(),
                    action: "rotate",
                    detail: format!("二维码标签密钥 {key}"),
                    change: None,
                },
                &now,
            )?;
            Ok(key)
        })
        .await?;
    Ok(axum::Json(key))
}

/// Which labels to print.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LabelFilter {
    /// One cluster (all when absent).
    #[serde(default)]
    cluster: Option<app::domain::ClusterId>,
}

/// The QR labels of the places in use, signed with the estate's current key, each with its
/// QR code as SVG, its name and short code (office): the sheet the office prints.
#[utoipa::path(get, path = "/places/labels", tag = "places", params(LabelFilter),
    responses((status = 200, description = "The labels, by cluster, kind and name.", body = Vec<PlaceLabel>)))]
async fn labels(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(filter): Query<LabelFilter>,
) -> Result<axum::Json<Vec<PlaceLabel>>, ApiError> {
    session.require_office()?;
    let now = db::now_text();
    let (key, seed, places) = state
        .db
        .write(move |tx| {
            let (key, seed) = db::place::current_label_key(tx, &now)?;
            Ok((key, seed, db::place::all_places(tx)?))
        })
        .await?;
    let signer = ed25519_dalek::SigningKey::from_bytes(&seed);
    let mut out = vec![];
    for p in places
        .into_iter()
        .filter(|p| !p.retired && filter.cluster.is_none_or(|c| p.cluster_id == c))
    {
        use ed25519_dalek::Signer;
        let sig = signer.sign(&label::message(key, p.id)).to_bytes();
        let code = label::label_code(key, p.id, &sig);
        let svg = qrcode::QrCode::new(code.as_bytes())
            .map(|q| {
                q.render::<qrcode::render::svg::Color>()
                    .min_dimensions(160, 160)
                    .build()
            })
            .map_err(|e| ApiError::Db(db::DbError::Corrupt(format!("qr code: {e}"))))?;
        let svg = svg.find("<svg").map(|i| svg[i..].to_owned()).unwrap_or(svg);
        out.push(PlaceLabel {
            place: p.id,
            cluster_id: p.cluster_id,
            kind: p.kind,
            short_code: label::short_code(p.id),
            name: p.name,
            code,
            svg,
        });
    }
    Ok(axum::Json(out))
}

/// The notice register (公告登记表) as a spreadsheet, filtered as on the office's screen
/// (office).
#[utoipa::path(get, path = "/places/notices.xlsx", tag = "places", params(NoticeFilter),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn notices_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(filter): Query<NoticeFilter>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let today = app::domain::time::estate_today(chrono::Utc::now());
    let bytes = state
        .db
        .read(move |c| {
            let notices = db::place::all_notices(c)?;
            let places = db::place::all_places(c)?;
            let directory = db::staff::directory(c)?;
            workbook(&notices, &places, &filter, &directory, today)
                .map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download("notice-register.xlsx", bytes))
}

fn zh(m: Msg) -> &'static str {
    m.text(Lang::ZhCn)
}

/// The register's workbook.
pub fn workbook(
    notices: &[Notice],
    places: &[Place],
    filter: &NoticeFilter,
    directory: &app::session::Directory,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let day = filter.day.unwrap_or(today);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("公告登记表")?;
    let heads = [
        "序号",
        "组团",
        "标题",
        "发布部门",
        "张贴的公告栏",
        "张贴日期",
        "到期日期",
        "状态",
        "张贴人",
        "取下时间",
        "取下人",
        "到期日变更",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let name_of_board = |id| {
        places
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
            .unwrap_or_default()
    };
    let rows = notices.iter().filter(|n| filter.matches(n, day));
    for (i, n) in rows.enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let state = match n.state_on(day) {
            NoticeState::Expired(k) => zh(Msg::NoticeExpiredDays).replace("{n}", &k.to_string()),
            s => Msg::notice_state(s, Lang::ZhCn),
        };
        let changes = n
            .changes
            .iter()
            .map(|c| {
                let mut line = zh(Msg::ExpiryChangedLine)
                    .replace("{t}", &estate_time(c.at))
                    .replace("{n}", &directory.name_of(c.by).unwrap_or_default())
                    .replace("{a}", &c.from.to_string())
                    .replace("{b}", &c.to.to_string());
                if c.after_take_down {
                    line.push_str(zh(Msg::ExpiryChangeAfterDown));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("；");
        let boards = n
            .boards
            .iter()
            .map(|b| name_of_board(*b))
            .collect::<Vec<_>>()
            .join("、");
        sheet.write_number(row, 0, f64::from(row))?;
        sheet.write_text(
            row,
            1,
            directory.cluster_name(n.cluster_id).unwrap_or_default(),
        )?;
        sheet.write_text(row, 2, &n.title)?;
        sheet.write_text(row, 3, zh(Msg::issuer(n.issuer)))?;
        sheet.write_text(row, 4, boards)?;
        sheet.write_text(row, 5, n.posted_on.to_string())?;
        sheet.write_text(row, 6, n.expires_on.to_string())?;
        sheet.write_text(row, 7, state)?;
        sheet.write_text(row, 8, directory.name_of(n.posted_by).unwrap_or_default())?;
        sheet.write_text(
            row,
            9,
            n.taken_down
                .as_ref()
                .map(|t| estate_time(t.at))
                .unwrap_or_default(),
        )?;
        sheet.write_text(
            row,
            10,
            n.taken_down
                .as_ref()
                .and_then(|t| directory.name_of(t.by))
                .unwrap_or_default(),
        )?;
        sheet.write_text(row, 11, changes)?;
    }
    sheet.autofit();
    book.save_to_buffer()
}
