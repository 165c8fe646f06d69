//! Wire types of the charges import (issue 17): what importing finance's export of charges
//! would do or did, and what is wrong with a file or a row, with messages in both languages.

use crate::domain::fee::{AmountProblem, Fen};
use crate::estate::api::Problem;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The most row problems one answer lists (all are counted).
pub const MAX_LISTED_PROBLEMS: usize = 500;

/// A column of finance's export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChargeField {
    /// 房号: the unit, as the estate import names it (3-2-1201, 3栋2单元1201).
    Unit,
    /// 费用类型.
    FeeType,
    /// 所属期间: the month billed.
    Period,
    /// 应收金额.
    Due,
    /// 实收金额.
    Paid,
    /// 缴费期限: the due date.
    DueDate,
    /// 缴费日期 (optional): when it was paid.
    PaidOn,
}

impl ChargeField {
    /// Every column, in the template's order.
    pub const ALL: [ChargeField; 7] = [
        ChargeField::Unit,
        ChargeField::FeeType,
        ChargeField::Period,
        ChargeField::Due,
        ChargeField::Paid,
        ChargeField::DueDate,
        ChargeField::PaidOn,
    ];

    /// The column's name in a language (the template's header is the Chinese one).
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            ChargeField::Unit => ("房号", "Unit"),
            ChargeField::FeeType => ("费用类型", "Fee type"),
            ChargeField::Period => ("所属期间", "Period"),
            ChargeField::Due => ("应收金额", "Amount due"),
            ChargeField::Paid => ("实收金额", "Amount paid"),
            ChargeField::DueDate => ("缴费期限", "Due date"),
            ChargeField::PaidOn => ("缴费日期", "Paid on"),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    /// Header names finance's systems use for it (compared without spaces, case or a
    /// trailing （元）).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            ChargeField::Unit => &[
                "房号",
                "房屋编号",
                "房间号",
                "房屋",
                "房产",
                "unit",
                "unitcode",
            ],
            ChargeField::FeeType => &[
                "费用类型",
                "收费项目",
                "费用项目",
                "费项",
                "费用名称",
                "feetype",
            ],
            ChargeField::Period => &[
                "所属期间",
                "期间",
                "账期",
                "所属期",
                "计费周期",
                "费用期间",
                "月份",
                "period",
            ],
            ChargeField::Due => &["应收金额", "应收", "应缴金额", "应缴", "amountdue", "due"],
            ChargeField::Paid => &[
                "实收金额",
                "实收",
                "已收",
                "已缴金额",
                "已缴",
                "amountpaid",
                "paid",
            ],
            ChargeField::DueDate => &["缴费期限", "到期日", "应缴日期", "截止日期", "duedate"],
            ChargeField::PaidOn => &["缴费日期", "实收日期", "收款日期", "paidon", "paymentdate"],
        }
    }

    /// The column a header names, if any.
    pub fn of_header(header: &str) -> Option<ChargeField> {
        let h: String = header
            .trim()
            .trim_end_matches("（元）")
            .trim_end_matches("(元)")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_')
            .collect::<String>()
            .to_lowercase();
        ChargeField::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&h.as_str()))
    }
}

/// What is wrong with a file or a row of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChargeProblem {
    /// The file cannot be read.
    File {
        /// Why.
        problem: Problem,
    },
    /// No column has a name the import knows for a field it needs.
    MissingColumn {
        /// The field.
        field: ChargeField,
    },
    /// A required cell is empty.
    Required {
        /// The field.
        field: ChargeField,
    },
    /// No such unit on the estate.
    UnknownUnit {
        /// As written.
        text: String,
    },
    /// Not one of the fee types.
    BadFeeType {
        /// As written.
        text: String,
    },
    /// Not a month (2026-11, 2026年11月).
    BadPeriod {
        /// As written.
        text: String,
    },
    /// Not an amount of money.
    BadAmount {
        /// Which.
        field: ChargeField,
        /// Why.
        problem: AmountProblem,
    },
    /// Not a date (2026-11-30).
    BadDate {
        /// Which.
        field: ChargeField,
        /// As written.
        text: String,
    },
    /// The same unit, fee type and period on an earlier row.
    Duplicate {
        /// That row.
        first_row: usize,
    },
}

impl ChargeProblem {
    /// The message in a language.
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        let pick = |z: String, e: String| if zh { z } else { e };
        match self {
            ChargeProblem::File { problem } => problem.text(lang),
            ChargeProblem::MissingColumn { field } => pick(
                format!("缺少必需的列：{}", field.label(Lang::ZhCn)),
                format!("A required column is missing: {}", field.label(Lang::En)),
            ),
            ChargeProblem::Required { field } => pick(
                format!("{}不能为空", field.label(Lang::ZhCn)),
                format!("{} must not be empty", field.label(Lang::En)),
            ),
            ChargeProblem::UnknownUnit { text } => pick(
                format!("小区资料中没有房号 {text}"),
                format!("No unit {text} in the estate data"),
            ),
            ChargeProblem::BadFeeType { text } => pick(
                format!("费用类型“{text}”不在列表中（物业费、停车费、水电费、其他）"),
                format!(
                    "“{text}” is not a fee type (property fee, parking, water and power, other)"
                ),
            ),
            ChargeProblem::BadPeriod { text } => pick(
                format!("所属期间“{text}”不是月份（如 2026-11）"),
                format!("The period “{text}” is not a month (e.g. 2026-11)"),
            ),
            ChargeProblem::BadAmount { field, problem } => {
                let why = match problem {
                    AmountProblem::Empty => pick("为空".into(), "is empty".into()),
                    AmountProblem::NotANumber => pick("不是数字".into(), "is not a number".into()),
                    AmountProblem::TooManyDecimals => pick(
                        "小数超过两位（最小单位为分）".into(),
                        "has more than two decimals (the smallest unit is the fen)".into(),
                    ),
                    AmountProblem::Negative => {
                        pick("不能为负数".into(), "cannot be negative".into())
                    }
                    AmountProblem::TooLarge => pick("金额过大".into(), "is too large".into()),
                };
                pick(
                    format!("{}{why}", field.label(Lang::ZhCn)),
                    format!("{} {why}", field.label(Lang::En)),
                )
            }
            ChargeProblem::BadDate { field, text } => pick(
                format!(
                    "{}“{text}”不是日期（如 2026-11-30）",
                    field.label(Lang::ZhCn)
                ),
                format!(
                    "{} “{text}” is not a date (e.g. 2026-11-30)",
                    field.label(Lang::En)
                ),
            ),
            ChargeProblem::Duplicate { first_row } => pick(
                format!("与第 {first_row} 行重复（同一房号、费用类型和期间）"),
                format!("Repeats row {first_row} (the same unit, fee type and period)"),
            ),
        }
    }
}

/// A problem and the spreadsheet row it is on (0: the file as a whole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChargeRowProblem {
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// What is wrong.
    pub problem: ChargeProblem,
}

/// What importing a file would do (a preview) or did. A file with any problem changes
/// nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChargePlan {
    /// Data rows read.
    pub rows: usize,
    /// Charges not seen before.
    pub new: usize,
    /// Charges whose amounts, dates or payment changed.
    pub updated: usize,
    /// Charges as they were.
    pub unchanged: usize,
    /// Charges this file shows paid in full for the first time.
    pub paid_in_full: usize,
    /// Charges kept but not in this file (marked 未在最新导出中).
    pub missing: usize,
    /// Owed over every charge once the file is in (due − paid of those not paid in full).
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub arrears_fen: Fen,
    /// Units owing something once the file is in.
    pub units_in_arrears: usize,
    /// The first [`MAX_LISTED_PROBLEMS`] problems.
    pub problems: Vec<ChargeRowProblem>,
    /// How many problems there are.
    pub problem_count: usize,
    /// Whether the charges were written.
    pub applied: bool,
}

/// One cluster's collection for one month billed: the sums behind the three rates property
/// companies report. Paid amounts are as of the latest export (finance's files say what is
/// paid, not when a part was). Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthCollection {
    /// The month billed (its first day).
    pub month: chrono::NaiveDate,
    /// The cluster.
    pub cluster_id: crate::domain::ClusterId,
    /// Billed for the month (应收).
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub due_fen: Fen,
    /// Paid of that (实收).
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub paid_fen: Fen,
    /// Units billed for the month.
    pub units_charged: usize,
    /// Units whose every charge of the month is paid in full.
    pub units_paid: usize,
    /// Owed on earlier months' charges when the month began (往期欠费).
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub brought_forward_fen: Fen,
    /// Of that, paid in full during the month (清缴).
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub recovered_fen: Fen,
}

/// `part ÷ whole` as a percentage with one decimal (`96.3%`); `—` when there is no whole.
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "—".into();
    }
    let tenths = (i128::from(part) * 1000 + i128::from(whole) / 2) / i128::from(whole);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

impl MonthCollection {
    /// Nothing yet, for a cluster and month.
    pub fn empty(month: chrono::NaiveDate, cluster_id: crate::domain::ClusterId) -> Self {
        MonthCollection {
            month,
            cluster_id,
            due_fen: Fen(0),
            paid_fen: Fen(0),
            units_charged: 0,
            units_paid: 0,
            brought_forward_fen: Fen(0),
            recovered_fen: Fen(0),
        }
    }

    /// 收费率: paid ÷ billed for the month.
    pub fn collection_rate(&self) -> String {
        percent(self.paid_fen.0, self.due_fen.0)
    }

    /// 户收费率: units paid in full ÷ units billed.
    pub fn household_rate(&self) -> String {
        let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
        percent(n(self.units_paid), n(self.units_charged))
    }

    /// 清缴率: arrears recovered ÷ (recovered + arrears still brought forward), i.e. ÷ what was
    /// owed when the month began.
    pub fn recovery_rate(&self) -> String {
        percent(self.recovered_fen.0, self.brought_forward_fen.0)
    }

    /// The three rates in tenths of a percent (`None` when there is no whole), for charts.
    pub fn rates_permille(&self) -> [Option<u32>; 3] {
        let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
        [
            permille(self.paid_fen.0, self.due_fen.0),
            permille(n(self.units_paid), n(self.units_charged)),
            permille(self.recovered_fen.0, self.brought_forward_fen.0),
        ]
    }

    /// Adds another cluster's sums for the same month (the month and cluster stay this one's).
    pub fn add(&mut self, other: &MonthCollection) {
        self.due_fen = Fen(self.due_fen.0.saturating_add(other.due_fen.0));
        self.paid_fen = Fen(self.paid_fen.0.saturating_add(other.paid_fen.0));
        self.units_charged = self.units_charged.saturating_add(other.units_charged);
        self.units_paid = self.units_paid.saturating_add(other.units_paid);
        self.brought_forward_fen = Fen(self
            .brought_forward_fen
            .0
            .saturating_add(other.brought_forward_fen.0));
        self.recovered_fen = Fen(self.recovered_fen.0.saturating_add(other.recovered_fen.0));
    }
}

/// `part ÷ whole` in tenths of a percent, rounded half up; `None` when there is no whole.
fn permille(part: i64, whole: i64) -> Option<u32> {
    if whole <= 0 {
        return None;
    }
    let tenths = (i128::from(part.max(0)) * 1000 + i128::from(whole) / 2) / i128::from(whole);
    u32::try_from(tenths).ok()
}

/// One month's sums over a set of clusters — a butler's, or the whole estate's (`clusters`
/// `None`): the months the clusters were billed, newest first. Each row keeps the month and the
/// first cluster summed.
pub fn months_over(
    months: &[MonthCollection],
    clusters: Option<&[crate::domain::ClusterId]>,
) -> Vec<MonthCollection> {
    let mut out: Vec<MonthCollection> = Vec::new();
    for m in months
        .iter()
        .filter(|m| clusters.is_none_or(|c| c.contains(&m.cluster_id)))
    {
        match out.iter_mut().find(|o| o.month == m.month) {
            Some(o) => o.add(m),
            None => out.push(m.clone()),
        }
    }
    out.sort_by_key(|m| std::cmp::Reverse(m.month));
    out
}

/// A unit that owes: a row of the office's arrears list. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitArrears {
    /// The unit.
    pub unit_id: crate::domain::UnitId,
    /// Its code, 3-2-1201.
    pub unit: String,
    /// Its cluster.
    pub cluster_id: crate::domain::ClusterId,
    /// Its owners' names (、between them); empty when the ledger has none.
    pub owners: String,
    /// Months billed with something still owed.
    pub months: usize,
    /// Owed over them.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub owed_fen: Fen,
    /// The earliest due date of what is owed.
    pub oldest_due: chrono::NaiveDate,
    /// Some of it is not in finance's latest export (未在最新导出中): ask finance.
    pub not_in_latest: bool,
}

/// The office's fee-collection configuration: the company's name on letters, the late fee's
/// terms from the service contract, and the limitation rule the clock follows. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FeeSettings {
    /// The company signing letters, e.g. 翠湖花园物业服务中心.
    pub company: String,
    /// The late fee's terms.
    pub late_fee: crate::domain::fee::LateFeeTerms,
    /// The limitation rule.
    pub limitation: crate::domain::fee::LimitationRule,
}

/// The most a late fee may be a day (10 %), in parts per million.
pub const MAX_PER_DAY_PPM: u32 = 100_000;
/// The largest cap (ten times the amount owed), in parts per million.
pub const MAX_CAP_PPM: u32 = 10_000_000;

/// Why settings cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeSettingsProblem {
    /// 1–60 characters.
    BadCompany,
    /// 0 to 10 % a day.
    BadRate,
    /// 0 to ten times the amount owed.
    BadCap,
    /// 1–200 characters.
    BadBasis,
    /// 1–20 years, warned 0–24 months before.
    BadLimitation,
}

impl FeeSettingsProblem {
    /// The message in a language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            FeeSettingsProblem::BadCompany => (
                "公司名称为 1–60 个字",
                "The company's name has 1–60 characters",
            ),
            FeeSettingsProblem::BadRate => (
                "每日滞纳金比例应在 0 到 10% 之间",
                "The daily late fee is between 0 and 10 %",
            ),
            FeeSettingsProblem::BadCap => (
                "滞纳金上限应在欠费金额的 0 到 1000% 之间",
                "The cap is between 0 and 1,000 % of the amount owed",
            ),
            FeeSettingsProblem::BadBasis => (
                "请填写滞纳金的合同依据（1–200 个字）",
                "Give the contract clause the late fee rests on (1–200 characters)",
            ),
            FeeSettingsProblem::BadLimitation => (
                "诉讼时效为 1–20 年，提前 0–24 个月提醒",
                "The limitation is 1–20 years, warned 0–24 months before",
            ),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

impl Default for FeeSettings {
    /// 万分之三 a day, no cap, three years warned six months before — until the office sets
    /// its own.
    fn default() -> Self {
        FeeSettings {
            company: "物业服务中心".into(),
            late_fee: crate::domain::fee::LateFeeTerms {
                per_day_ppm: 300,
                cap_ppm: None,
                basis: "《物业服务合同》关于逾期缴费的约定".into(),
            },
            limitation: crate::domain::fee::LimitationRule::default(),
        }
    }
}

impl FeeSettings {
    /// The checks the page and the server share.
    pub fn check(&self) -> Result<(), FeeSettingsProblem> {
        let chars = |s: &str| s.trim().chars().count();
        if !(1..=60).contains(&chars(&self.company)) {
            return Err(FeeSettingsProblem::BadCompany);
        }
        if self.late_fee.per_day_ppm > MAX_PER_DAY_PPM {
            return Err(FeeSettingsProblem::BadRate);
        }
        if self.late_fee.cap_ppm.is_some_and(|c| c > MAX_CAP_PPM) {
            return Err(FeeSettingsProblem::BadCap);
        }
        if !(1..=200).contains(&chars(&self.late_fee.basis)) {
            return Err(FeeSettingsProblem::BadBasis);
        }
        if !(1..=20).contains(&self.limitation.years) || self.limitation.warn_months > 24 {
            return Err(FeeSettingsProblem::BadLimitation);
        }
        Ok(())
    }
}

/// A share in parts per million as a percentage people read: 300 → 0.03%, 5,000 → 0.5%,
/// 1,000,000 → 100%.
pub fn ppm_percent(ppm: u32) -> String {
    let whole = ppm / 10_000;
    let rest = format!("{:04}", ppm % 10_000);
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() {
        format!("{whole}%")
    } else {
        format!("{whole}.{rest}%")
    }
}

/// One charge on a lawyer's letter: what is owed and its late fee on the letter's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LetterLine {
    /// What for.
    pub fee_type: crate::domain::fee::FeeType,
    /// The month billed (its first day).
    pub month: chrono::NaiveDate,
    /// When it fell due.
    pub due_date: chrono::NaiveDate,
    /// Still owed.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub owed_fen: Fen,
    /// Days from the due date to the letter's date.
    pub days_late: i64,
    /// The late fee on the letter's date.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub late_fee_fen: Fen,
}

/// A letter recorded as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssuedLetter {
    /// Its id.
    pub id: uuid::Uuid,
    /// The date it bears.
    pub dated: chrono::NaiveDate,
    /// Who recorded it.
    pub issued_by: String,
    /// Owed on it.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub owed_fen: Fen,
    /// Its late fee.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub late_fee_fen: Fen,
}

/// A lawyer's letter (律师函) to a unit's owners, drafted for a date from the charges it owes
/// and the office's settings, with the letters already issued to it. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LetterDraft {
    /// The unit.
    pub unit_id: crate::domain::UnitId,
    /// Its code.
    pub unit: String,
    /// Its owners' names.
    pub owners: String,
    /// The date the letter bears.
    pub dated: chrono::NaiveDate,
    /// The settings it is drafted under (company, late fee terms).
    pub settings: FeeSettings,
    /// The charges owed, oldest first.
    pub lines: Vec<LetterLine>,
    /// Owed in all.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub owed_fen: Fen,
    /// Late fees in all.
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub late_fee_fen: Fen,
    /// Letters issued to this unit, newest first.
    pub issued: Vec<IssuedLetter>,
}

/// Recording a letter as issued. Wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssueLetter {
    /// The date the letter bears.
    pub dated: chrono::NaiveDate,
    /// How it is sent (registered post by default: the proof the limitation clock needs).
    #[serde(default = "registered")]
    pub delivery: crate::domain::collection::Delivery,
    /// Registered post's tracking number.
    #[serde(default)]
    pub tracking: String,
}

fn registered() -> crate::domain::collection::Delivery {
    crate::domain::collection::Delivery::Registered
}

/// Why a letter cannot be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LetterProblem {
    /// The unit owes nothing on the letter's date.
    NothingOwed,
    /// Registered post without its tracking number (or one over 60 characters).
    Tracking,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ClusterId;
    use chrono::Datelike;

    fn month(
        m: u32,
        cluster: ClusterId,
        due: i64,
        paid: i64,
        units: (usize, usize),
    ) -> MonthCollection {
        MonthCollection {
            month: chrono::NaiveDate::from_ymd_opt(2026, m, 1).expect("month"),
            cluster_id: cluster,
            due_fen: Fen(due),
            paid_fen: Fen(paid),
            units_charged: units.0,
            units_paid: units.1,
            brought_forward_fen: Fen(due / 2),
            recovered_fen: Fen(due / 4),
        }
    }

    #[test]
    fn a_butlers_months_sum_the_clusters_they_look_after() {
        let (east, west, north) = (
            ClusterId::new_v7(),
            ClusterId::new_v7(),
            ClusterId::new_v7(),
        );
        let all = vec![
            month(11, east, 10_000, 10_000, (2, 2)),
            month(11, west, 30_000, 0, (2, 0)),
            month(11, north, 50_000, 50_000, (5, 5)),
            month(10, east, 10_000, 5_000, (2, 1)),
        ];
        let mine = months_over(&all, Some(&[east, west]));
        assert_eq!(mine.len(), 2);
        assert_eq!(mine[0].month.month(), 11, "newest first");
        assert_eq!(
            (mine[0].due_fen, mine[0].paid_fen),
            (Fen(40_000), Fen(10_000))
        );
        assert_eq!(mine[0].collection_rate(), "25.0%");
        assert_eq!(mine[0].household_rate(), "50.0%");
        assert_eq!(mine[0].rates_permille(), [Some(250), Some(500), Some(500)]);
        assert_eq!(mine[1].collection_rate(), "50.0%");
        let estate = months_over(&all, None);
        assert_eq!(estate[0].due_fen, Fen(90_000));
        assert_eq!(estate[0].units_charged, 9);
        assert_eq!(months_over(&all, Some(&[])), vec![]);
        assert_eq!(
            MonthCollection::empty(all[0].month, east).rates_permille(),
            [None, None, None]
        );
    }
}
