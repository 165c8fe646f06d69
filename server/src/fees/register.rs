//! The fee-collection register as a spreadsheet (物管费催收登记表,
//! `GET /api/v1/fees/register.xlsx`, office): every contact the filter lists, oldest first,
//! numbered, with the unit's owners, what was said, the promise and whether it was kept, the
//! reason, the service problem and its follow-up's status, what was owed and who recorded it
//! — the columns of the office's screen, in Chinese.

use crate::export::{estate_time, WriteText};
use app::domain::collection::{
    promise_state, Arrears, CollectionContact, ContactKind, PromiseState, RegisterFilter,
};
use app::domain::follow_up::{FollowUpId, FollowUpStatus};
use app::i18n::{Lang, Msg};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::collections::HashMap;

fn zh(m: Msg) -> &'static str {
    m.text(Lang::ZhCn)
}

/// The register's workbook.
pub fn workbook(
    contacts: &[CollectionContact],
    filter: &RegisterFilter,
    arrears: &HashMap<app::domain::UnitId, Arrears>,
    follow_ups: &HashMap<FollowUpId, FollowUpStatus>,
    directory: &app::session::Directory,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("物管费催收登记表")?;
    let heads = [
        "序号",
        "时间",
        "组团",
        "房号",
        "业主",
        "方式",
        "送达方式",
        "单号或签收人",
        "联系上",
        "客户怎么说",
        "承诺缴费日期",
        "承诺情况",
        "欠费原因",
        "服务问题",
        "跟进状态",
        "当时欠费（元）",
        "登记人",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut sorted: Vec<&CollectionContact> =
        contacts.iter().filter(|c| filter.matches(c)).collect();
    sorted.sort_by_key(|c| c.note.at);
    for (i, c) in sorted.into_iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let n = &c.note;
        let a = arrears.get(&c.unit_id);
        let kept = a.and_then(|a| promise_state(n, a, today)).map(|s| match s {
            PromiseState::Waiting => "未到期",
            PromiseState::Kept => "已守约",
            PromiseState::Broken => "未守约",
            PromiseState::AwaitingExport => "待财务导出核对",
        });
        let talked = !matches!(n.what, ContactKind::Statement | ContactKind::Letter);
        let proof = if n.tracking.is_empty() {
            n.signer.as_str()
        } else {
            n.tracking.as_str()
        };
        let follow_up = n
            .follow_up
            .and_then(|f| follow_ups.get(&f))
            .map(|s| zh(app::ui::status_msg(*s)));
        sheet.write_number(row, 0, f64::from(row))?;
        sheet.write_text(row, 1, estate_time(n.at))?;
        sheet.write_text(
            row,
            2,
            directory.cluster_name(c.cluster_id).unwrap_or_default(),
        )?;
        sheet.write_text(row, 3, &c.unit)?;
        sheet.write_text(row, 4, a.map(|a| a.owners.as_str()).unwrap_or_default())?;
        sheet.write_text(row, 5, zh(Msg::contact_kind(n.what)))?;
        sheet.write_text(
            row,
            6,
            n.delivery.map(|d| zh(Msg::delivery(d))).unwrap_or_default(),
        )?;
        sheet.write_text(row, 7, proof)?;
        sheet.write_text(
            row,
            8,
            if !talked {
                ""
            } else if n.reached {
                "是"
            } else {
                "否"
            },
        )?;
        sheet.write_text(row, 9, &n.said)?;
        sheet.write_text(
            row,
            10,
            n.promised_on.map(|d| d.to_string()).unwrap_or_default(),
        )?;
        sheet.write_text(row, 11, kept.unwrap_or_default())?;
        sheet.write_text(
            row,
            12,
            n.reason
                .map(|r| zh(Msg::arrears_reason(r)))
                .unwrap_or_default(),
        )?;
        sheet.write_text(row, 13, &n.problem)?;
        sheet.write_text(row, 14, follow_up.unwrap_or_default())?;
        sheet.write_text(row, 15, n.owed_fen.to_string())?;
        sheet.write_text(row, 16, directory.name_of(c.by).unwrap_or_default())?;
    }
    sheet.autofit();
    book.save_to_buffer()
}
