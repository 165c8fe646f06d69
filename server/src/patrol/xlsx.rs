//! The patrol register as an .xlsx workbook: one sheet of runs (the register's columns), one
//! sheet of every answer (so a finding can be read without the app).

use crate::export::WriteText;
use app::domain::checklist::{far_from_place, is_failure, scans_checked, Answer, Run, Template};
use app::domain::place::{Place, PlaceId};
use app::patrol::api::RegisterRow;
use app::session::Directory;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::collections::HashMap;
use uuid::Uuid;

use crate::export::estate_time as time;

fn answer_text(a: &Answer) -> String {
    match a {
        Answer::Pass => "合格".into(),
        Answer::Fail => "不合格".into(),
        Answer::NotApplicable => "不适用".into(),
        Answer::Number(v) => v.to_string(),
        Answer::Text(t) | Answer::Choice(t) => t.clone(),
        Answer::Photo => "照片".into(),
    }
}

/// The workbook's bytes.
pub fn patrol_register(
    rows: &[(Run, RegisterRow)],
    templates: &HashMap<Uuid, Template>,
    directory: &Directory,
    places: &HashMap<PlaceId, Place>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let cluster = |id| directory.cluster_name(id).unwrap_or_default();
    let person = |id| directory.name_of(id).unwrap_or_default();

    let sheet = book.add_worksheet().set_name("组团巡查登记表")?;
    let heads = [
        "日期",
        "组团",
        "管家",
        "检查表",
        "版本",
        "开始",
        "完成",
        "已答/总项",
        "不合格",
        "转跟进",
        "照片",
        "登记号",
        "地点打卡",
        "其中手输",
        "其中存疑",
        "缺打卡",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    // A run is named by its line in this register (登记号), which the detail sheet repeats:
    // its record id means nothing to a reader.
    let number: HashMap<_, _> = rows
        .iter()
        .enumerate()
        .map(|(i, (run, _))| (run.id, i + 1))
        .collect();
    for (i, (_, row)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_text(r, 0, row.date.to_string())?;
        sheet.write_text(r, 1, cluster(row.cluster_id))?;
        sheet.write_text(r, 2, person(row.butler))?;
        sheet.write_text(r, 3, &row.template_name)?;
        sheet.write_number(r, 4, row.version_no as f64)?;
        sheet.write_text(r, 5, time(row.started_at))?;
        sheet.write_text(r, 6, row.finished_at.map(time).unwrap_or_default())?;
        sheet.write_text(r, 7, format!("{}/{}", row.answered, row.items))?;
        sheet.write_number(r, 8, f64::from(row.failures))?;
        sheet.write_number(r, 9, f64::from(row.follow_ups))?;
        sheet.write_number(r, 10, f64::from(row.photos))?;
        sheet.write_number(r, 11, (i + 1) as f64)?;
        sheet.write_number(r, 12, f64::from(row.scans))?;
        sheet.write_number(r, 13, f64::from(row.scans_typed))?;
        sheet.write_number(r, 14, f64::from(row.scans_doubtful))?;
        sheet.write_number(r, 15, f64::from(row.scans_missing))?;
    }
    sheet.set_column_width(3, 22)?;
    sheet.set_column_width(5, 17)?;
    sheet.set_column_width(6, 17)?;

    let sheet = book.add_worksheet().set_name("检查明细")?;
    let heads = [
        "日期",
        "组团",
        "检查表",
        "分区",
        "检查项",
        "结果",
        "说明",
        "照片",
        "登记号",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut r = 1u32;
    for (run, _) in rows {
        let Some(t) = templates.get(&run.template_version) else {
            continue;
        };
        for section in &t.sections {
            for item in &section.items {
                let (answer, note, photos) = match run.result(&item.key) {
                    Some(res) => {
                        let mut text = answer_text(&res.answer);
                        if is_failure(Some(item), &res.answer) && res.answer != Answer::Fail {
                            text.push_str("（超出范围）");
                        }
                        (text, res.note.clone(), res.photos.len())
                    }
                    None => (String::new(), String::new(), 0),
                };
                let entries: Vec<String> = run
                    .entries_of(&item.key)
                    .map(|e| e.values.values().cloned().collect::<Vec<_>>().join("；"))
                    .collect();
                let note = if entries.is_empty() {
                    note
                } else {
                    entries.join("\n")
                };
                sheet.write_text(r, 0, run.date.to_string())?;
                sheet.write_text(r, 1, cluster(run.cluster_id))?;
                sheet.write_text(r, 2, &run.template_name)?;
                sheet.write_text(r, 3, &section.title)?;
                sheet.write_text(r, 4, &item.label)?;
                sheet.write_text(r, 5, answer)?;
                sheet.write_text(r, 6, note)?;
                sheet.write_number(r, 7, photos as f64)?;
                sheet.write_number(r, 8, number.get(&run.id).copied().unwrap_or(0) as f64)?;
                r += 1;
            }
        }
    }
    sheet.set_column_width(4, 40)?;
    sheet.set_column_width(6, 40)?;

    // Each check-in, in order, with what makes it weaker proof.
    let sheet = book.add_worksheet().set_name("地点打卡")?;
    let heads = [
        "登记号",
        "日期",
        "组团",
        "次序",
        "地点",
        "时间",
        "方式",
        "距地点（米）",
        "速度异常",
        "位置不符",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let position_of = |id| places.get(&id).and_then(|p: &Place| p.position);
    let mut r = 1u32;
    for (run, _) in rows {
        for (n, (scan, fast)) in scans_checked(&run.scans, position_of)
            .into_iter()
            .enumerate()
        {
            let place = position_of(scan.place);
            sheet.write_number(r, 0, number.get(&run.id).copied().unwrap_or(0) as f64)?;
            sheet.write_text(r, 1, run.date.to_string())?;
            sheet.write_text(r, 2, cluster(run.cluster_id))?;
            sheet.write_number(r, 3, (n + 1) as f64)?;
            sheet.write_text(
                r,
                4,
                places
                    .get(&scan.place)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
            )?;
            sheet.write_text(r, 5, time(scan.at))?;
            sheet.write_text(r, 6, if scan.typed { "手输" } else { "扫码" })?;
            if let (Some(here), Some(there)) = (scan.position, place) {
                sheet.write_number(r, 7, here.metres_to(there).round())?;
            }
            sheet.write_text(r, 8, if fast { "是" } else { "" })?;
            sheet.write_text(
                r,
                9,
                if far_from_place(scan, place) {
                    "是"
                } else {
                    ""
                },
            )?;
            r += 1;
        }
    }
    sheet.set_column_width(4, 22)?;
    sheet.set_column_width(5, 17)?;
    book.save_to_buffer()
}
