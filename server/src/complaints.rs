//! Complaints for the office: `GET /api/v1/complaints/register.xlsx` (投诉登记表, filtered as
//! on the screen, repeats flagged). Complaints themselves are taken, judged, answered and
//! signed on phones through the sync protocol (`app::sync::complaint`); the office pulls them
//! like every record and its register screen reads its own copy.

use crate::auth::Authenticated;
use crate::db::complaint;
use crate::error::ApiError;
use crate::export::{xlsx_download, xlsx_error, WriteText};
use crate::state::AppState;
use app::domain::complaint::{
    building_of, repeats, Agreement, Complaint, ComplaintCategory, ComplaintChannel, Judgement,
    RegisterFilter, SignOff, Urgency,
};
use app::i18n::{Lang, Msg};
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The complaint routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(register_xlsx))
}

/// The complaint register as a spreadsheet (office).
#[utoipa::path(get, path = "/complaints/register.xlsx", tag = "complaints", params(RegisterFilter),
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn register_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(filter): Query<RegisterFilter>,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let bytes = state
        .db
        .read(move |c| {
            let all = complaint::all_complaints(c)?;
            let directory = crate::db::staff::directory(c)?;
            register_workbook(&all, &filter, &directory).map_err(xlsx_error)
        })
        .await?;
    Ok(xlsx_download("complaint-register.xlsx", bytes))
}

use crate::export::estate_time as time;

fn zh(m: Msg) -> &'static str {
    m.text(Lang::ZhCn)
}

fn channel(c: ComplaintChannel) -> &'static str {
    zh(app::complaints::channel_msg(c))
}

fn category(c: ComplaintCategory) -> &'static str {
    zh(app::complaints::category_msg(c))
}

fn urgency(u: Urgency) -> &'static str {
    zh(app::complaints::urgency_msg(u))
}

fn agreement(a: Agreement) -> &'static str {
    zh(app::complaints::agreement_msg(a))
}

/// The register's workbook: a row a complaint the filter lists (oldest first), numbered, with
/// a 重复投诉 mark judged over every complaint.
pub fn register_workbook(
    all: &[Complaint],
    filter: &RegisterFilter,
    directory: &app::session::Directory,
) -> Result<Vec<u8>, XlsxError> {
    let mut sorted: Vec<&Complaint> = all.iter().collect();
    sorted.sort_by_key(|c| c.received_at);
    let flags = repeats(&sorted, |c| building_of(&c.place));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("投诉登记表")?;
    let heads = [
        "序号",
        "接到时间",
        "组团",
        "地点",
        "投诉人",
        "方式",
        "类别",
        "紧急程度",
        "投诉内容",
        "到场或联系时间",
        "响应（分钟）",
        "判定",
        "责任部门",
        "责任人",
        "解决方案或无效原因",
        "答复",
        "答复时间",
        "客户意见",
        "客户签字",
        "结案时间",
        "整改措施",
        "重复投诉",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut row = 0u32;
    for (c, repeat) in sorted.iter().zip(flags) {
        if !filter.matches(c) {
            continue;
        }
        row += 1;
        let (judged, department, person, solution) = match &c.judgement {
            Some(Judgement::Valid {
                department,
                person,
                solution,
                ..
            }) => (
                "有效",
                zh(Msg::department(*department)),
                person.as_str(),
                solution.as_str(),
            ),
            Some(Judgement::Invalid { reason }) => ("无效", "", "", reason.as_str()),
            None => ("", "", "", ""),
        };
        let signed = match &c.sign_off {
            Some(SignOff::Signed { signer, .. }) => format!("{signer}（已签字）"),
            Some(SignOff::Refused { note }) if note.is_empty() => "客户拒绝签字".to_owned(),
            Some(SignOff::Refused { note }) => format!("客户拒绝签字：{note}"),
            None => String::new(),
        };
        sheet.write_number(row, 0, f64::from(row))?;
        sheet.write_text(row, 1, time(c.received_at))?;
        sheet.write_text(
            row,
            2,
            directory.cluster_name(c.cluster_id).unwrap_or_default(),
        )?;
        sheet.write_text(row, 3, &c.place)?;
        sheet.write_text(row, 4, &c.complainant)?;
        sheet.write_text(row, 5, channel(c.channel))?;
        sheet.write_text(row, 6, category(c.category))?;
        sheet.write_text(row, 7, urgency(c.urgency))?;
        sheet.write_text(row, 8, &c.said)?;
        sheet.write_text(row, 9, c.reached_at.map(time).unwrap_or_default())?;
        if let Some(m) = c.response_minutes() {
            sheet.write_number(row, 10, m as f64)?;
        }
        sheet.write_text(row, 11, judged)?;
        sheet.write_text(row, 12, department)?;
        sheet.write_text(row, 13, person)?;
        sheet.write_text(row, 14, solution)?;
        if let Some(r) = &c.reply {
            sheet.write_text(row, 15, &r.text)?;
            sheet.write_text(row, 16, time(r.at))?;
            sheet.write_text(row, 17, agreement(r.agreement))?;
        }
        sheet.write_text(row, 18, signed)?;
        sheet.write_text(row, 19, c.closed_at.map(time).unwrap_or_default())?;
        sheet.write_text(
            row,
            20,
            c.corrective
                .as_ref()
                .map(|x| x.text.as_str())
                .unwrap_or_default(),
        )?;
        sheet.write_text(row, 21, if repeat { "是" } else { "" })?;
    }
    book.save_to_buffer()
}
