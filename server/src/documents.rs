//! Documents to customers for the office (issue 19): issuing a document to a set of
//! households (`POST /api/v1/documents`: the clusters, perhaps some buildings, and who — every
//! household, those moved in, those not, key customers), one delivery per unit made and
//! published to its cluster's butlers in one transaction; a preview counts them first. The
//! browser makes the document's id, so a retry issues it once.

use crate::auth::Authenticated;
use crate::db;
use crate::error::ApiError;
use crate::export::{estate_time, WriteText};
use crate::state::AppState;
use app::domain::document::{
    Delivery, DeliveryState, IssueRefusal, IssueRequest, IssueResponse, Tally,
};
use app::domain::household::Household;
use app::i18n::{Lang, Msg};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::collections::HashMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(issue))
        .routes(routes!(register_xlsx))
}

fn counts(ds: &[Delivery], issued: bool) -> IssueResponse {
    IssueResponse {
        households: ds.len() as u32,
        not_moved_in: ds.iter().filter(|d| !d.moved_in).count() as u32,
        key_customers: ds.iter().filter(|d| d.key_customer).count() as u32,
        issued,
    }
}

/// Issues a document to households, or counts them (`preview`) (office). Each household's
/// delivery reaches its cluster's butlers with their next sync. The same id again issues
/// nothing more.
#[utoipa::path(post, path = "/documents", tag = "documents", request_body = IssueRequest,
    responses((status = 200, description = "Issued, or counted: how many households.", body = IssueResponse), (status = 422, description = "Refused, nothing issued: why.", body = IssueRefusal)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn issue(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(req): Json<IssueRequest>,
) -> Result<Response, ApiError> {
    session.require_office()?;
    let by = session.user.id;
    let device = session.device_id.0;
    let out = state
        .db
        .write(move |tx| {
            let already = db::document::households_of_document(tx, req.id)?;
            if already > 0 {
                let ds = db::document::deliveries_of_document(tx, req.id)?;
                return Ok(Ok(counts(&ds, false)));
            }
            let clusters = db::sync::cluster_ids(tx)?;
            let mut units = Vec::new();
            let mut households = Vec::new();
            for c in req
                .clusters
                .iter()
                .filter(|c| clusters.contains(c))
                .take(100)
            {
                units.extend(db::unit::units(tx, Some(*c))?);
                households.extend(db::household::households(tx, Some(*c))?);
            }
            let now = Utc::now();
            let ds = match app::domain::document::plan_issue(
                &req,
                &clusters,
                &units,
                &households,
                by,
                now,
            ) {
                Ok(ds) => ds,
                Err(refusal) => return Ok(Err(refusal)),
            };
            if req.preview {
                return Ok(Ok(counts(&ds, false)));
            }
            let now_text = db::instant_text(now);
            for d in &ds {
                db::document::save_delivery(tx, d, &now_text)?;
            }
            db::audit::record(
                tx,
                &db::audit::Audit {
                    user: Some(by),
                    device: Some(device),
                    source: app::estate::audit::AuditSource::Office,
                    kind: "delivery",
                    record: req.id.to_string(),
                    action: "create",
                    detail: format!(
                        "发放文件“{}”（{}）：{} 户",
                        req.title.trim(),
                        req.date,
                        ds.len()
                    ),
                    change: None,
                },
                &now_text,
            )?;
            Ok(Ok(counts(&ds, true)))
        })
        .await?;
    Ok(match out {
        Ok(r) => Json(r).into_response(),
        Err(refusal) => (StatusCode::UNPROCESSABLE_ENTITY, Json(refusal)).into_response(),
    })
}

/// The distribution register (文件发放登记表) as a spreadsheet: a line per document with its
/// counts and the share delivered, and a sheet with every household's delivery (office).
#[utoipa::path(get, path = "/documents/register.xlsx", tag = "documents",
    responses((status = 200, description = "The spreadsheet.", body = crate::openapi::Binary, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn register_xlsx(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<impl IntoResponse, ApiError> {
    session.require_office()?;
    let today = app::domain::time::estate_today(Utc::now());
    let bytes = state
        .db
        .read(move |c| {
            let deliveries = db::document::all_deliveries(c)?;
            let households = db::household::households(c, None)?;
            let directory = db::staff::directory(c)?;
            register_workbook(&deliveries, &households, &directory, today)
                .map_err(crate::export::xlsx_error)
        })
        .await?;
    Ok(crate::export::xlsx_download(
        "document-register.xlsx",
        bytes,
    ))
}

fn zh(m: Msg) -> &'static str {
    m.text(Lang::ZhCn)
}

/// The register's workbook.
pub fn register_workbook(
    deliveries: &[Delivery],
    households: &[Household],
    directory: &app::session::Directory,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("文件发放登记表")?;
    let mut heads: Vec<&str> = vec!["序号", "发放日期", "文件类型", "标题", "户数"];
    heads.extend(
        DeliveryState::ALL
            .iter()
            .map(|s| zh(Msg::delivery_state(*s))),
    );
    heads.extend(["超两周未领取", "送达率"]);
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    // Documents in the order the deliveries come (newest first), each once.
    let mut order: Vec<app::domain::document::DocumentId> = Vec::new();
    for d in deliveries {
        if !order.contains(&d.document.id) {
            order.push(d.document.id);
        }
    }
    for (i, id) in order.iter().enumerate() {
        let of: Vec<&Delivery> = deliveries.iter().filter(|d| d.document.id == *id).collect();
        let Some(first) = of.first() else { continue };
        let t = Tally::of(of.iter().copied(), today);
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.write_number(row, 0, (i + 1) as f64)?;
        sheet.write_text(row, 1, first.document.date.to_string())?;
        sheet.write_text(row, 2, zh(Msg::document_kind(first.document.kind)))?;
        sheet.write_text(row, 3, &first.document.title)?;
        sheet.write_number(row, 4, t.households as f64)?;
        for (k, s) in DeliveryState::ALL.iter().enumerate() {
            sheet.write_number(row, 5 + k as u16, t.count(*s) as f64)?;
        }
        sheet.write_number(row, 12, t.overdue as f64)?;
        sheet.write_text(row, 13, format!("{}%", t.coverage_pct()))?;
    }
    sheet.autofit();

    let lines = book.add_worksheet().set_name("逐户明细")?;
    let heads = [
        "标题",
        "发放日期",
        "组团",
        "房号",
        "住户",
        "重点客户",
        "入住",
        "发放情况",
        "登记时间",
        "登记人",
        "签收人",
        "备注",
        "通讯地址",
        "寄出日期",
        "挂号信单号",
        "电话告知",
    ];
    for (c, h) in heads.iter().enumerate() {
        lines.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let address: HashMap<_, &str> = households
        .iter()
        .map(|h| (h.id, h.mailing_address.as_str()))
        .collect();
    for (i, d) in deliveries.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let last = d.attempts.last();
        let yes_no = |b: bool| if b { "是" } else { "否" };
        lines.write_text(row, 0, &d.document.title)?;
        lines.write_text(row, 1, d.document.date.to_string())?;
        lines.write_text(
            row,
            2,
            directory.cluster_name(d.cluster_id).unwrap_or_default(),
        )?;
        lines.write_text(row, 3, &d.unit)?;
        lines.write_text(row, 4, &d.name)?;
        lines.write_text(row, 5, yes_no(d.key_customer))?;
        lines.write_text(row, 6, if d.moved_in { "已入住" } else { "未入住" })?;
        lines.write_text(row, 7, zh(Msg::delivery_state(d.state())))?;
        if let Some(a) = last {
            lines.write_text(row, 8, estate_time(a.at))?;
            lines.write_text(
                row,
                9,
                a.by.and_then(|u| directory.name_of(u)).unwrap_or_default(),
            )?;
            let signer = match a.how {
                app::domain::document::Handover::HandedSelf => d.name.clone(),
                _ => a.signer.clone(),
            };
            lines.write_text(row, 10, signer)?;
            lines.write_text(row, 11, &a.note)?;
        }
        if !d.moved_in || d.posting.is_some() {
            let addr = d
                .household_id
                .and_then(|h| address.get(&h).copied())
                .unwrap_or_default();
            lines.write_text(row, 12, addr)?;
        }
        if let Some(p) = &d.posting {
            lines.write_text(row, 13, p.posted_on.to_string())?;
            lines.write_text(row, 14, &p.tracking)?;
        }
        let calls: Vec<String> = d
            .calls
            .iter()
            .map(|c| {
                format!(
                    "{} {}{}",
                    estate_time(c.at),
                    if c.reached { "已接通" } else { "未接通" },
                    if c.said.is_empty() {
                        String::new()
                    } else {
                        format!("：{}", c.said)
                    }
                )
            })
            .collect();
        lines.write_text(row, 15, calls.join("；"))?;
    }
    lines.autofit();
    book.save_to_buffer()
}
