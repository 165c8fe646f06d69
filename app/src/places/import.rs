//! Wire types of the places import (issue 18): the office's list of notice boards, facilities
//! and checkpoints as an .xlsx or .csv, previewed (what it would add or change, or every bad
//! row by number) and then imported as a whole or not at all.

use crate::estate::api::Problem;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub use crate::fees::api::MAX_LISTED_PROBLEMS;

/// A column of the places sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlaceField {
    /// 组团: the cluster, by name.
    Cluster,
    /// 类型: 公告栏, 文体设施 or 巡查点.
    Kind,
    /// 名称.
    Name,
    /// 位置 (optional): where it is, in words.
    Location,
    /// 纬度 (optional, with 经度).
    Latitude,
    /// 经度 (optional, with 纬度).
    Longitude,
    /// 检查表 (optional): the checklist that applies, by name.
    Template,
}

impl PlaceField {
    /// Every column, in the template's order.
    pub const ALL: [PlaceField; 7] = [
        PlaceField::Cluster,
        PlaceField::Kind,
        PlaceField::Name,
        PlaceField::Location,
        PlaceField::Latitude,
        PlaceField::Longitude,
        PlaceField::Template,
    ];

    /// Whether a file must have the column.
    pub fn required(self) -> bool {
        matches!(
            self,
            PlaceField::Cluster | PlaceField::Kind | PlaceField::Name
        )
    }

    /// The column's name in a language (the template's header is the Chinese one).
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            PlaceField::Cluster => ("组团", "Cluster"),
            PlaceField::Kind => ("类型", "Kind"),
            PlaceField::Name => ("名称", "Name"),
            PlaceField::Location => ("位置", "Location"),
            PlaceField::Latitude => ("纬度", "Latitude"),
            PlaceField::Longitude => ("经度", "Longitude"),
            PlaceField::Template => ("检查表", "Checklist"),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    /// Header names a sheet may use for it (compared without spaces, case or underscores).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            PlaceField::Cluster => &["组团", "组团名称", "所属组团", "片区", "cluster"],
            PlaceField::Kind => &["类型", "地点类型", "类别", "种类", "kind", "type"],
            PlaceField::Name => &["名称", "地点名称", "地点", "设施名称", "name"],
            PlaceField::Location => &["位置", "位置说明", "具体位置", "地址", "location"],
            PlaceField::Latitude => &["纬度", "lat", "latitude"],
            PlaceField::Longitude => &["经度", "lon", "lng", "longitude"],
            PlaceField::Template => &[
                "检查表",
                "适用检查表",
                "检查模板",
                "检查项目表",
                "template",
                "checklist",
            ],
        }
    }

    /// The column a header names, if any.
    pub fn of_header(header: &str) -> Option<PlaceField> {
        let h: String = header
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect::<String>()
            .to_lowercase();
        PlaceField::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&h.as_str()))
    }
}

/// What is wrong with a file or a row of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PlaceImportProblem {
    /// The file cannot be read.
    File {
        /// Why.
        problem: Problem,
    },
    /// No column has a name the import knows for a field it needs.
    MissingColumn {
        /// The field.
        field: PlaceField,
    },
    /// A required cell is empty.
    Required {
        /// The field.
        field: PlaceField,
    },
    /// No cluster of that name.
    UnknownCluster {
        /// As written.
        text: String,
    },
    /// Not 公告栏, 文体设施 or 巡查点.
    BadKind {
        /// As written.
        text: String,
    },
    /// Longer than the field takes.
    TooLong {
        /// The field.
        field: PlaceField,
        /// Characters at most.
        max: usize,
    },
    /// A latitude or longitude that is not a number on the globe, or one without the other.
    BadPosition {
        /// As written: latitude, longitude.
        text: String,
    },
    /// No checklist of that name.
    UnknownTemplate {
        /// As written.
        text: String,
    },
    /// The same cluster and name on an earlier row.
    Duplicate {
        /// That row.
        first_row: usize,
    },
}

impl PlaceImportProblem {
    /// The message in a language.
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let pick = |z: String, e: String| if zh { z } else { e };
        match self {
            PlaceImportProblem::File { problem } => problem.text(lang),
            PlaceImportProblem::MissingColumn { field } => pick(
                format!("缺少必需的列：{}", field.label(Lang::ZhCn)),
                format!("A required column is missing: {}", field.label(Lang::En)),
            ),
            PlaceImportProblem::Required { field } => pick(
                format!("{}不能为空", field.label(Lang::ZhCn)),
                format!("{} must not be empty", field.label(Lang::En)),
            ),
            PlaceImportProblem::UnknownCluster { text } => pick(
                format!("小区资料中没有组团“{text}”"),
                format!("No cluster “{text}” in the estate data"),
            ),
            PlaceImportProblem::BadKind { text } => pick(
                format!("类型“{text}”不在列表中（公告栏、文体设施、巡查点）"),
                format!("“{text}” is not a kind of place (notice board, facility, checkpoint)"),
            ),
            PlaceImportProblem::TooLong { field, max } => pick(
                format!("{}超过 {max} 个字", field.label(Lang::ZhCn)),
                format!("{} is longer than {max} characters", field.label(Lang::En)),
            ),
            PlaceImportProblem::BadPosition { text } => pick(
                format!("经纬度“{text}”无效（纬度、经度须同时填写，如 22.543096 和 114.057865）"),
                format!(
                    "The position “{text}” is not valid (latitude and longitude together, e.g. 22.543096 and 114.057865)"
                ),
            ),
            PlaceImportProblem::UnknownTemplate { text } => pick(
                format!("没有名为“{text}”的检查表"),
                format!("No checklist named “{text}”"),
            ),
            PlaceImportProblem::Duplicate { first_row } => pick(
                format!("与第 {first_row} 行重复（同一组团、同一名称）"),
                format!("Repeats row {first_row} (the same cluster and name)"),
            ),
        }
    }
}

/// A problem and the spreadsheet row it is on (0: the file as a whole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlaceRowProblem {
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// What is wrong.
    pub problem: PlaceImportProblem,
}

/// What importing a places sheet would do (a preview) or did. A file with any problem changes
/// nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlacePlan {
    /// Data rows read.
    pub rows: usize,
    /// Places the estate does not have yet (by cluster and name).
    pub new: usize,
    /// Places whose kind, location, position or checklist the file changes (or that it brings
    /// back into use).
    pub updated: usize,
    /// Places the file states as they are.
    pub unchanged: usize,
    /// Problems in all.
    pub problem_count: usize,
    /// The first [`MAX_LISTED_PROBLEMS`] of them.
    pub problems: Vec<PlaceRowProblem>,
    /// Imported (an apply that went through).
    #[serde(default)]
    pub applied: bool,
}
