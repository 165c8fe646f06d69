//! Places and notices for the office (issue 18): the notice register as a spreadsheet
//! (公告登记表, `GET /api/v1/places/notices.xlsx`), filtered as on the office's screen — the
//! notices up on a day, or taken down that day, of one cluster or all — with their boards by
//! name, dates, state, who posted and who took down, and each change of the expiry date.

use crate::auth::Authenticated;
use crate::db;
use crate::error::ApiError;
use crate::export::{estate_time, WriteText};
use crate::state::AppState;
use app::domain::place::{Notice, NoticeFilter, NoticeState, Place};
use app::i18n::{Lang, Msg};
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(notices_xlsx))
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
