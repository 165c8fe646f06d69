//! Wire types of the estate import (issue 7): the columns a file may have, what is wrong with a
//! row, and the report of a preview or an import. The server decides; the office's page shows.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A column the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
// `Field` is also a checklist item's field: the description names this one apart.
#[cfg_attr(feature = "ssr", schema(as = ImportField))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 组团: needed for a building the estate does not have yet.
    Cluster,
    /// 楼栋: "3" in 3-2-1201.
    Building,
    /// 单元: "2" in 3-2-1201.
    Entrance,
    /// 房号: "1201" in 3-2-1201.
    Room,
    /// 房屋编号: the three together, "3-2-1201".
    UnitCode,
    /// 楼层 (else read from the room number).
    Floor,
    /// 建筑面积 (m²).
    Area,
    /// 房屋状态: 空置 / 已入住 / 装修中.
    Occupancy,
    /// 客户姓名: a household is its unit and this name.
    Name,
    /// 身份: 业主 / 租户.
    Relation,
    /// 联系电话.
    Phone,
    /// 通讯地址.
    MailingAddress,
    /// 重点客户: 是 / 否.
    KeyCustomer,
    /// 备注.
    Note,
}

impl Field {
    /// Every field, in the template's order.
    pub const ALL: [Field; 14] = [
        Field::Cluster,
        Field::Building,
        Field::Entrance,
        Field::Room,
        Field::UnitCode,
        Field::Floor,
        Field::Area,
        Field::Occupancy,
        Field::Name,
        Field::Relation,
        Field::Phone,
        Field::MailingAddress,
        Field::KeyCustomer,
        Field::Note,
    ];

    /// Its name in a language (the template file's headers are the Chinese ones).
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Field::Cluster => ("组团", "Cluster"),
            Field::Building => ("楼栋", "Building"),
            Field::Entrance => ("单元", "Entrance"),
            Field::Room => ("房号", "Room"),
            Field::UnitCode => ("房屋编号", "Unit code"),
            Field::Floor => ("楼层", "Floor"),
            Field::Area => ("建筑面积", "Area (m²)"),
            Field::Occupancy => ("房屋状态", "Occupancy"),
            Field::Name => ("客户姓名", "Name"),
            Field::Relation => ("身份", "Relation"),
            Field::Phone => ("联系电话", "Phone"),
            Field::MailingAddress => ("通讯地址", "Mailing address"),
            Field::KeyCustomer => ("重点客户", "Key customer"),
            Field::Note => ("备注", "Note"),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    /// Its code on the wire and in the page's selects.
    pub fn code(self) -> &'static str {
        match self {
            Field::Cluster => "cluster",
            Field::Building => "building",
            Field::Entrance => "entrance",
            Field::Room => "room",
            Field::UnitCode => "unit_code",
            Field::Floor => "floor",
            Field::Area => "area",
            Field::Occupancy => "occupancy",
            Field::Name => "name",
            Field::Relation => "relation",
            Field::Phone => "phone",
            Field::MailingAddress => "mailing_address",
            Field::KeyCustomer => "key_customer",
            Field::Note => "note",
        }
    }

    /// The field a code names.
    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The field a header most likely means, from the Chinese or English words spreadsheets use.
    pub fn guess(header: &str) -> Option<Field> {
        let h: String = header
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| {
                !c.is_whitespace() && !matches!(c, '_' | '-' | '(' | ')' | '（' | '）' | '*')
            })
            .collect();
        if h.is_empty() {
            return None;
        }
        let is = |words: &[&str]| words.iter().any(|w| h == *w);
        let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
        Some(if is(&["组团", "cluster", "片区", "区域"]) {
            Field::Cluster
        } else if is(&[
            "房屋编号",
            "房间编号",
            "房产编号",
            "unitcode",
            "unit",
            "房屋代码",
        ]) {
            Field::UnitCode
        } else if is(&[
            "楼栋",
            "楼号",
            "栋",
            "楼栋号",
            "栋号",
            "building",
            "bldg",
            "楼",
        ]) {
            Field::Building
        } else if is(&["单元", "单元号", "entrance", "门洞"]) {
            Field::Entrance
        } else if is(&["房号", "室", "房间号", "门牌号", "room", "roomno", "房间"]) {
            Field::Room
        } else if is(&["楼层", "层", "floor", "所在楼层"]) {
            Field::Floor
        } else if has(&["面积", "area", "m²", "㎡"]) {
            Field::Area
        } else if has(&["状态", "occupancy", "入住情况"]) {
            Field::Occupancy
        } else if has(&["电话", "手机", "phone", "mobile", "tel"]) {
            Field::Phone
        } else if has(&["地址", "address"]) {
            Field::MailingAddress
        } else if has(&["重点", "key"]) {
            Field::KeyCustomer
        } else if has(&["身份", "关系", "relation", "类型", "业主/租户"]) {
            Field::Relation
        } else if has(&["姓名", "客户", "业主", "name", "住户"]) {
            Field::Name
        } else if has(&["备注", "note", "remark"]) {
            Field::Note
        } else {
            return None;
        })
    }
}

/// How the bytes of a CSV file are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 when the bytes are valid UTF-8, else GBK (what Excel saves in China).
    #[default]
    Auto,
    /// UTF-8.
    Utf8,
    /// GBK / GB18030.
    Gbk,
}

/// What is wrong with a file or a row. Every one has a message in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Problem {
    /// Neither .xlsx nor .csv, or damaged.
    NotSpreadsheet,
    /// The bytes are not text in the chosen encoding.
    BadEncoding,
    /// No header row or no data rows.
    Empty,
    /// More rows than one import takes.
    TooManyRows {
        /// The limit.
        max: usize,
    },
    /// No column is mapped to a field the import needs.
    MissingColumn {
        /// The field.
        field: Field,
    },
    /// Two columns are mapped to one field.
    DoubleMapped {
        /// The field.
        field: Field,
    },
    /// A required cell is empty.
    Required {
        /// The field.
        field: Field,
    },
    /// Not a number, or not a possible one.
    BadNumber,
    /// Not a floor that can be.
    BadFloor,
    /// The floor cannot be read from the room number: give a floor column.
    NoFloor,
    /// A unit code not in the form 3-2-1201.
    BadUnitCode,
    /// A phone number that is not one.
    BadPhone {
        /// Why: `mobile`, `landline` or `malformed`.
        reason: String,
    },
    /// Excel showed the phone number in scientific notation and the CSV kept only that: the
    /// digits are lost.
    PhoneRounded,
    /// Not 空置 / 已入住 / 装修中.
    BadOccupancy,
    /// Not 业主 / 租户.
    BadRelation,
    /// Not 是 / 否.
    BadYesNo,
    /// Longer than the field takes.
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// The same unit on an earlier row (without a household name).
    DuplicateUnit {
        /// The earlier row.
        first_row: usize,
    },
    /// The same household (unit and name) on an earlier row.
    DuplicateHousehold {
        /// The earlier row.
        first_row: usize,
    },
    /// A new building needs its cluster.
    ClusterNeeded,
    /// The building belongs to another cluster than the file says.
    ClusterMismatch {
        /// The cluster the estate has it in.
        cluster: String,
    },
    /// The same unit with another floor, area or state on an earlier row.
    Inconsistent {
        /// The earlier row.
        first_row: usize,
    },
    /// The file unpacks to more than an estate's data can be (a damaged or hostile file).
    TooBig {
        /// The limit in MB, unpacked.
        max_mb: usize,
    },
    /// More columns than the import knows what to do with.
    TooManyColumns {
        /// The limit.
        max: usize,
    },
    /// One cell holds more text than any field takes.
    CellTooLong {
        /// The spreadsheet's row.
        row: usize,
        /// The limit in characters.
        max: usize,
    },
    /// An .xls file (Excel 97–2003): it must be saved as .xlsx first.
    OldExcel,
}

impl Problem {
    /// The message in a language.
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let pick = |z: String, e: String| if zh { z } else { e };
        match self {
            Problem::NotSpreadsheet => pick(
                "这不是可读取的表格文件：请上传 .xlsx 或 .csv".into(),
                "This is not a spreadsheet that can be read: upload an .xlsx or .csv file".into(),
            ),
            Problem::BadEncoding => pick(
                "文件的文字编码不对：请选择 GBK 或 UTF-8 后重试".into(),
                "The file's text encoding is wrong: choose GBK or UTF-8 and try again".into(),
            ),
            Problem::Empty => pick(
                "文件没有表头或没有数据行".into(),
                "The file has no header row or no data rows".into(),
            ),
            Problem::TooManyRows { max } => pick(
                format!("一次最多导入 {max} 行，请拆分文件"),
                format!("One import takes at most {max} rows: split the file"),
            ),
            Problem::MissingColumn { field } => pick(
                format!("缺少必需的列：{}", field.label(Lang::ZhCn)),
                format!("A required column is missing: {}", field.label(Lang::En)),
            ),
            Problem::DoubleMapped { field } => pick(
                format!("有两列都对应了“{}”", field.label(Lang::ZhCn)),
                format!("Two columns are both mapped to “{}”", field.label(Lang::En)),
            ),
            Problem::Required { field } => pick(
                format!("{}不能为空", field.label(Lang::ZhCn)),
                format!("{} must not be empty", field.label(Lang::En)),
            ),
            Problem::BadNumber => pick("不是有效的数字".into(), "Not a valid number".into()),
            Problem::BadFloor => pick(
                "楼层不合理（应为 -5 到 200）".into(),
                "Not a possible floor (-5 to 200)".into(),
            ),
            Problem::NoFloor => pick(
                "无法从房号读出楼层，请增加“楼层”列".into(),
                "The floor cannot be read from the room number: add a floor column".into(),
            ),
            Problem::BadUnitCode => pick(
                "房屋编号应为 楼栋-单元-房号，例如 3-2-1201".into(),
                "A unit code is building-entrance-room, like 3-2-1201".into(),
            ),
            Problem::BadPhone { reason } => {
                let why = match reason.as_str() {
                    "mobile" => crate::i18n::Msg::PhoneMobile,
                    "landline" => crate::i18n::Msg::PhoneLandline,
                    _ => crate::i18n::Msg::PhoneMalformed,
                };
                why.text(lang).to_owned()
            }
            Problem::PhoneRounded => pick(
                "电话号码被 Excel 显示成了科学计数法，位数已丢失：请把该列设为文本后重新保存".into(),
                "Excel saved the phone number in scientific notation and its digits are lost: format the column as text and save again".into(),
            ),
            Problem::BadOccupancy => pick(
                "房屋状态应为 空置、已入住 或 装修中".into(),
                "Occupancy must be vacant, occupied or renovating".into(),
            ),
            Problem::BadRelation => pick(
                "身份应为 业主 或 租户".into(),
                "Relation must be owner or tenant".into(),
            ),
            Problem::BadYesNo => pick("应为 是 或 否".into(), "Must be yes or no".into()),
            Problem::TooLong { max } => pick(
                format!("太长了（最多 {max} 个字）"),
                format!("Too long (at most {max} characters)"),
            ),
            Problem::DuplicateUnit { first_row } => pick(
                format!("与第 {first_row} 行是同一房屋"),
                format!("The same unit as row {first_row}"),
            ),
            Problem::DuplicateHousehold { first_row } => pick(
                format!("与第 {first_row} 行是同一房屋的同一客户"),
                format!("The same household of the same unit as row {first_row}"),
            ),
            Problem::ClusterNeeded => pick(
                "新楼栋需要填写所属组团".into(),
                "A new building needs its cluster".into(),
            ),
            Problem::ClusterMismatch { cluster } => pick(
                format!("该楼栋属于“{cluster}”，与文件不符"),
                format!("This building belongs to “{cluster}”, not the cluster in the file"),
            ),
            Problem::Inconsistent { first_row } => pick(
                format!("与第 {first_row} 行同一房屋的楼层、面积或状态不一致"),
                format!("Floor, area or occupancy differ from row {first_row} for the same unit"),
            ),
            Problem::TooBig { max_mb } => pick(
                format!("文件解压后超过 {max_mb} MB，不像是小区资料：请只保留资料表后重新保存"),
                format!("The file unpacks to more than {max_mb} MB, more than estate data can be: keep only the data sheet and save again"),
            ),
            Problem::TooManyColumns { max } => pick(
                format!("表格超过 {max} 列：请删去多余的列后重新上传"),
                format!("The sheet has more than {max} columns: delete the extra columns and upload again"),
            ),
            Problem::CellTooLong { row, max } => pick(
                format!("第 {row} 行有一个单元格超过 {max} 个字：请检查该行"),
                format!("A cell on row {row} holds more than {max} characters: check that row"),
            ),
            Problem::OldExcel => pick(
                "这是旧版 Excel 文件（.xls）：请在 Excel 或 WPS 中“另存为” .xlsx 后再上传".into(),
                "This is an old Excel file (.xls): save it as .xlsx in Excel or WPS and upload that".into(),
            ),
        }
    }
}

/// One problem, where it is. Rows are numbered as the spreadsheet shows them (the header is
/// row 1); a problem of the whole file has no row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RowProblem {
    /// The spreadsheet's row number.
    pub row: Option<usize>,
    /// The column's header.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: Problem,
}

/// An uploaded file as the server read it: what the mapping step shows. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportFile {
    /// The upload's id.
    pub id: uuid::Uuid,
    /// The file's name.
    pub file_name: String,
    /// The encoding a CSV was read in (none for .xlsx).
    pub encoding: Option<Encoding>,
    /// The header row.
    pub headers: Vec<String>,
    /// The first few rows, as read.
    pub sample: Vec<Vec<String>>,
    /// How many data rows.
    pub rows: usize,
    /// The guessed field of each column.
    pub mapping: Vec<Option<Field>>,
}

/// What to do with an uploaded file. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportRequest {
    /// How to read a CSV's bytes.
    #[serde(default)]
    pub encoding: Encoding,
    /// The field of each column (none: ignored).
    pub mapping: Vec<Option<Field>>,
    /// Mark the estate's units that are not in the file as removed.
    #[serde(default)]
    pub remove_missing: bool,
}

/// Counts of what an import does (or would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportCounts {
    /// Data rows read.
    pub rows: usize,
    /// Clusters created.
    pub clusters_new: usize,
    /// Buildings created.
    pub buildings_new: usize,
    /// Units created.
    pub units_new: usize,
    /// Units whose floor, area or state change (or that come back after removal).
    pub units_changed: usize,
    /// Units as they were.
    pub units_unchanged: usize,
    /// Units marked removed (asked for, not in the file).
    pub units_removed: usize,
    /// Households created.
    pub households_new: usize,
    /// Households whose fields change.
    pub households_changed: usize,
    /// Households as they were.
    pub households_unchanged: usize,
    /// Households taken off the ledger (asked for; their unit is in the file, they are not).
    #[serde(default)]
    pub households_removed: usize,
    /// Changes that overwrite a butler's or the office's newer correction (design §5): they
    /// apply, and go on "needs attention".
    pub overwrites: usize,
}

/// The answer to a preview or an import. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Whether it was applied (never when there are problems).
    pub applied: bool,
    /// What it does.
    pub counts: ImportCounts,
    /// Every problem found, by row.
    pub problems: Vec<RowProblem>,
    /// Units that would be (or were) removed, by code, then households, by unit code and name;
    /// the first hundred.
    pub removed: Vec<String>,
    /// How long the import took on the server, in milliseconds.
    pub millis: u64,
}

/// An earlier upload, for the list of imports. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportSummary {
    /// The upload's id (the device id of its changes on the audit trail).
    pub id: uuid::Uuid,
    /// The file's name.
    pub file_name: String,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When.
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    /// When it was imported (never: only previewed).
    pub applied_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What the import did.
    pub counts: Option<ImportCounts>,
}

/// The most rows one import takes.
pub const MAX_IMPORT_ROWS: usize = 50_000;
/// Columns an import reads at most (the template has a dozen).
pub const MAX_IMPORT_COLUMNS: usize = 64;
/// Characters in one cell at most (the longest field, a mailing address, takes 200).
pub const MAX_IMPORT_CELL_CHARS: usize = 1_000;
/// What an .xlsx may unpack to, all parts together, in MB.
pub const MAX_IMPORT_UNPACKED_MB: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_guessed_from_chinese_and_english_words() {
        let cases = [
            ("楼栋", Field::Building),
            ("Building", Field::Building),
            ("单元", Field::Entrance),
            ("房号", Field::Room),
            ("房屋编号", Field::UnitCode),
            ("建筑面积(㎡)", Field::Area),
            ("业主姓名", Field::Name),
            ("联系电话", Field::Phone),
            ("手机号码", Field::Phone),
            ("Mobile", Field::Phone),
            ("通讯地址", Field::MailingAddress),
            ("身份", Field::Relation),
            ("入住状态", Field::Occupancy),
            ("重点客户", Field::KeyCustomer),
            ("组团", Field::Cluster),
            ("楼层", Field::Floor),
            ("备注", Field::Note),
        ];
        for (h, f) in cases {
            assert_eq!(Field::guess(h), Some(f), "{h}");
        }
        assert_eq!(Field::guess("序号"), None);
    }

    #[test]
    fn every_problem_reads_in_both_languages() {
        let p = Problem::MissingColumn { field: Field::Room };
        assert_eq!(p.text(Lang::ZhCn), "缺少必需的列：房号");
        assert_eq!(p.text(Lang::En), "A required column is missing: Room");
    }
}
