//! Community activities for the office (issue 19): the activity register as a spreadsheet.
//! Announcing, moving places, signing up, attendance and feedback are mutations on the kit
//! (`app::sync::activity`), pushed like any other.

use crate::auth::Authenticated;
use crate::db;
use crate::error::ApiError;
use crate::export::{estate_time, WriteText};
use crate::state::AppState;
use app::domain::activity::Activity;
use axum::extract::State;
use axum::response::IntoResponse;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(register_xlsx))
}

/// The activity register (社区活动登记表) as a spreadsheet: a line per activity with its
/// headcount, attendance and average rating, a sheet of every sign-up with its feedback, and
/// a sheet of each butler's share (office).
#[utoipa::path(get, path = "/activities/register.xlsx", tag = "activities",
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn register_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let bytes = state
        .db
        .read(move |c| {
            let activities = db::activity::all_activities(c)?;
            let directory = db::staff::directory(c)?;
            register_workbook(&activities, &directory).map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download(
        "activity-register.xlsx",
        bytes,
    ))
}

fn row(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// The register's workbook.
pub fn register_workbook(
    activities: &[Activity],
    directory: &app::session::Directory,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("社区活动登记表")?;
    let heads = [
        "序号",
        "活动名称",
        "开始时间",
        "地点",
        "报名截止",
        "总名额",
        "报名户数",
        "报名人数",
        "到场人数",
        "回访户数",
        "平均满意度",
        "活动说明",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, a) in activities.iter().enumerate() {
        let r = row(i);
        let h = a.headcount();
        sheet.write_number(r, 0, (i + 1) as f64)?;
        sheet.write_text(r, 1, &a.title)?;
        sheet.write_text(r, 2, estate_time(a.starts_at))?;
        sheet.write_text(r, 3, &a.place)?;
        sheet.write_text(r, 4, estate_time(a.deadline))?;
        sheet.write_number(r, 5, f64::from(a.capacity))?;
        sheet.write_number(r, 6, f64::from(h.households))?;
        sheet.write_number(r, 7, f64::from(h.people))?;
        sheet.write_number(r, 8, f64::from(h.attended))?;
        sheet.write_number(r, 9, f64::from(h.feedback))?;
        sheet.write_text(r, 10, h.average_text())?;
        sheet.write_text(r, 11, &a.description)?;
    }
    sheet.autofit();

    let lines = book.add_worksheet().set_name("报名与回访")?;
    let heads = [
        "活动名称",
        "组团",
        "房号",
        "住户",
        "人数",
        "管家",
        "报名时间",
        "状态",
        "到场",
        "满意度",
        "客户意见",
        "对下次活动的建议",
        "回访时间",
    ];
    for (c, h) in heads.iter().enumerate() {
        lines.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut i = 0;
    for a in activities {
        for s in &a.sign_ups {
            let r = row(i);
            i += 1;
            lines.write_text(r, 0, &a.title)?;
            lines.write_text(
                r,
                1,
                directory.cluster_name(s.cluster_id).unwrap_or_default(),
            )?;
            lines.write_text(r, 2, &s.unit)?;
            lines.write_text(r, 3, &s.name)?;
            lines.write_number(r, 4, f64::from(s.people))?;
            lines.write_text(r, 5, directory.name_of(s.butler).unwrap_or_default())?;
            lines.write_text(r, 6, estate_time(s.at))?;
            lines.write_text(r, 7, if s.active() { "已报名" } else { "已取消" })?;
            lines.write_text(
                r,
                8,
                match s.attended {
                    Some(true) => "到场",
                    Some(false) => "未到",
                    None => "",
                },
            )?;
            if let Some(f) = &s.feedback {
                lines.write_number(r, 9, f64::from(f.rating))?;
                lines.write_text(r, 10, &f.comments)?;
                lines.write_text(r, 11, &f.suggestions)?;
                lines.write_text(r, 12, estate_time(f.at))?;
            }
        }
    }
    lines.autofit();

    let shares = book.add_worksheet().set_name("管家名额")?;
    for (c, h) in ["活动名称", "管家", "名额", "已报", "剩余"]
        .iter()
        .enumerate()
    {
        shares.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut i = 0;
    for a in activities {
        for s in &a.shares {
            let r = row(i);
            i += 1;
            shares.write_text(r, 0, &a.title)?;
            shares.write_text(r, 1, directory.name_of(s.butler).unwrap_or_default())?;
            shares.write_number(r, 2, f64::from(s.places))?;
            shares.write_number(r, 3, f64::from(a.used_by(s.butler)))?;
            shares.write_number(r, 4, f64::from(a.left_for(s.butler)))?;
        }
    }
    shares.autofit();
    book.save_to_buffer()
}
