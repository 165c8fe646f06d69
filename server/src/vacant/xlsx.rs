//! The vacant-unit register and the period records as .xlsx workbooks.

use crate::export::WriteText;
use app::domain::checklist::Channel;
use app::session::Directory;
use app::vacant::api::{MonthlyLine, MoveInLine, PeriodRecord, VacantRow};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&app::domain::time::estate_offset())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn channel(c: Channel) -> &'static str {
    match c {
        Channel::Phone => "电话",
        Channel::Wechat => "微信",
        Channel::Sms => "短信",
        Channel::Letter => "信件",
    }
}

fn heads(sheet: &mut Worksheet, heads: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    Ok(())
}

/// 空置房巡视登记表.
pub fn register(rows: &[VacantRow], directory: &Directory) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("空置房巡视登记表")?;
    heads(
        sheet,
        &[
            "日期",
            "组团",
            "房屋",
            "管家",
            "完成",
            "发现问题",
            "转跟进",
            "照片",
            "告知业主",
        ],
    )?;
    for (i, r) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        sheet.write_text(n, 0, r.date.to_string())?;
        sheet.write_text(
            n,
            1,
            directory.cluster_name(r.cluster_id).unwrap_or_default(),
        )?;
        sheet.write_text(n, 2, &r.unit_code)?;
        sheet.write_text(n, 3, directory.name_of(r.butler).unwrap_or_default())?;
        sheet.write_text(
            n,
            4,
            r.finished_at.map_or_else(|| "进行中".to_owned(), time),
        )?;
        sheet.write_text(n, 5, r.findings.join("\n"))?;
        sheet.write_number(n, 6, f64::from(r.follow_ups))?;
        sheet.write_number(n, 7, f64::from(r.photos))?;
        sheet.write_text(
            n,
            8,
            r.owner_told
                .map(|(c, at)| format!("{} {}", channel(c), time(at)))
                .unwrap_or_else(|| "未告知".into()),
        )?;
    }
    sheet.set_column_width(5, 40)?;
    sheet.set_column_width(8, 22)?;
    book.save_to_buffer()
}

/// 空置房月报.
pub fn monthly(
    record: &PeriodRecord<MonthlyLine>,
    directory: &Directory,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("空置房月报")?;
    heads(sheet, &["月份", "组团", "房屋", "空置起始", "本月巡视"])?;
    let month = record.from.format("%Y-%m").to_string();
    for (i, l) in record.lines.iter().enumerate() {
        let n = i as u32 + 1;
        sheet.write_text(n, 0, &month)?;
        sheet.write_text(
            n,
            1,
            directory.cluster_name(l.cluster_id).unwrap_or_default(),
        )?;
        sheet.write_text(n, 2, &l.unit_code)?;
        sheet.write_text(
            n,
            3,
            l.vacant_since.map(|d| d.to_string()).unwrap_or_default(),
        )?;
        sheet.write_text(
            n,
            4,
            l.inspections
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        )?;
    }
    book.save_to_buffer()
}

/// 入住周报.
pub fn move_ins(
    record: &PeriodRecord<MoveInLine>,
    directory: &Directory,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("入住周报")?;
    heads(sheet, &["周", "组团", "房屋", "入住日期", "住户", "登记人"])?;
    let week = format!("{} – {}", record.from, record.to);
    for (i, l) in record.lines.iter().enumerate() {
        let n = i as u32 + 1;
        sheet.write_text(n, 0, &week)?;
        sheet.write_text(
            n,
            1,
            directory.cluster_name(l.cluster_id).unwrap_or_default(),
        )?;
        sheet.write_text(n, 2, &l.unit_code)?;
        sheet.write_text(n, 3, l.date.to_string())?;
        sheet.write_text(n, 4, &l.household)?;
        sheet.write_text(
            n,
            5,
            l.recorded_by
                .and_then(|u| directory.name_of(u))
                .unwrap_or_default(),
        )?;
    }
    book.save_to_buffer()
}
