//! Fee collection (费用催收, SOP procedure 10; issue 17): the SOP's calendar of collection
//! windows in the estate's time zone, money in fen, the late fee a lawyer's letter states and
//! the limitation clock of each billing period. Plain rules with no I/O: the charges import,
//! the butler's case file and the office's register build on them.

use super::time::estate_today;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What the SOP asks of the butler in a stretch of the estate's calendar. Quarters are the
/// calendar's (January–March, …): the second month is February, May, August, November; the
/// last is March, June, September, December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionWindow {
    /// Every month, the 28th to the month's last day (the 28th–29th of a short February):
    /// finance makes next month's statements; the butler checks and delivers them (送达对账单).
    Statements,
    /// Every month, the 15th–21st (the third week after the statements): phone every household
    /// in arrears — did the statement arrive, when will they pay (电话催缴).
    ArrearsCalls,
    /// The quarter's second month, from the 25th to the month's end: whoever still owes, find
    /// the real reason; record it with the promised date (查明欠费原因).
    QuarterReasons,
    /// The quarter's last month, the 15th–21st: confirm against the promised dates; for a
    /// service problem check it is solved, visit back, remind to pay (季末确认).
    QuarterConfirm,
    /// The quarter's last month, the 22nd–27th: clear up again; a lawyer's letter stating the
    /// late fee to wilful non-payers (律师函).
    LawyerLetters,
}

impl CollectionWindow {
    /// Every window, in the SOP's order.
    pub const ALL: [CollectionWindow; 5] = [
        CollectionWindow::Statements,
        CollectionWindow::ArrearsCalls,
        CollectionWindow::QuarterReasons,
        CollectionWindow::QuarterConfirm,
        CollectionWindow::LawyerLetters,
    ];

    /// The code name.
    pub fn code(self) -> &'static str {
        match self {
            CollectionWindow::Statements => "statements",
            CollectionWindow::ArrearsCalls => "arrears_calls",
            CollectionWindow::QuarterReasons => "quarter_reasons",
            CollectionWindow::QuarterConfirm => "quarter_confirm",
            CollectionWindow::LawyerLetters => "lawyer_letters",
        }
    }

    /// The window's days in one month (first, last), if it falls in that month.
    pub fn span_in(self, year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
        let day = |d: u32| NaiveDate::from_ymd_opt(year, month, d);
        let last = last_day_of_month(year, month)?;
        // 1, 2 or 3: the month's place in its quarter.
        let in_quarter = (month - 1) % 3 + 1;
        match self {
            CollectionWindow::Statements => Some((day(28)?, last)),
            CollectionWindow::ArrearsCalls => Some((day(15)?, day(21)?)),
            CollectionWindow::QuarterReasons if in_quarter == 2 => Some((day(25)?, last)),
            CollectionWindow::QuarterConfirm if in_quarter == 3 => Some((day(15)?, day(21)?)),
            CollectionWindow::LawyerLetters if in_quarter == 3 => Some((day(22)?, day(27)?)),
            _ => None,
        }
    }

    /// The windows a day of the estate's calendar is in, in the SOP's order. Some overlap: the
    /// 15th–21st of a quarter's last month is both the month's calls and the quarter's
    /// confirmation; the 28th of a quarter's second month both statements and reasons.
    pub fn on(day: NaiveDate) -> Vec<CollectionWindow> {
        CollectionWindow::ALL
            .into_iter()
            .filter(|w| {
                w.span_in(day.year(), day.month())
                    .is_some_and(|(first, last)| (first..=last).contains(&day))
            })
            .collect()
    }

    /// The windows at an instant, read in the estate's time zone (never the device's: a phone
    /// set to another zone sees the estate's day).
    pub fn at(now: DateTime<Utc>) -> Vec<CollectionWindow> {
        CollectionWindow::on(estate_today(now))
    }

    /// The days of this window that contain `day` or, if none does, come next (first, last).
    /// Every window comes round within a quarter; `None` only at the calendar's end.
    pub fn current_or_next(self, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let start = NaiveDate::from_ymd_opt(day.year(), day.month(), 1)?;
        (0..4).find_map(|m| {
            let month = start.checked_add_months(Months::new(m))?;
            self.span_in(month.year(), month.month())
                .filter(|(_, last)| *last >= day)
        })
    }
}

/// The last day of a month.
fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// Money in fen (分): whole numbers, never floats.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AmountProblem {
    /// Nothing written.
    Empty,
    /// Not a number.
    NotANumber,
    /// More than two decimals (the fen is the smallest unit; money is never rounded here).
    TooManyDecimals,
    /// Below zero (a refund is not a charge).
    Negative,
    /// Over [`Fen::MAX`].
    TooLarge,
}

impl Fen {
    /// The largest amount one charge may have: ¥1,000,000,000.00 (far over any household's fee,
    /// far under `i64`'s end, so sums of many charges cannot overflow).
    pub const MAX: Fen = Fen(100_000_000_000);

    /// Reads decimal text in yuan as finance's exports write it: `1234.5`, `1,234.50`,
    /// `¥1234`, `1234元`. More than two decimals is refused, except zeros (`12.500` is
    /// ¥12.50 exactly).
    pub fn parse(text: &str) -> Result<Fen, AmountProblem> {
        let t = text.trim();
        let t = t
            .strip_prefix('¥')
            .or_else(|| t.strip_prefix('￥'))
            .unwrap_or(t)
            .trim();
        let t = t.strip_suffix('元').unwrap_or(t).trim();
        if t.is_empty() {
            return Err(AmountProblem::Empty);
        }
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let digits: String = t.chars().filter(|c| !matches!(c, ',' | '，')).collect();
        let (whole, decimals) = match digits.split_once('.') {
            Some((w, d)) => (w, d),
            None => (digits.as_str(), ""),
        };
        let is_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && decimals.is_empty()) || !is_digits(whole) || !is_digits(decimals) {
            return Err(AmountProblem::NotANumber);
        }
        let decimals = decimals.trim_end_matches('0');
        if decimals.len() > 2 {
            return Err(AmountProblem::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 12 {
            return Err(AmountProblem::TooLarge);
        }
        let yuan: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| AmountProblem::TooLarge)?
        };
        let fen: i64 = format!("{decimals:0<2}")
            .parse()
            .map_err(|_| AmountProblem::NotANumber)?;
        let amount = yuan
            .checked_mul(100)
            .and_then(|y| y.checked_add(fen))
            .filter(|a| *a <= Fen::MAX.0)
            .ok_or(AmountProblem::TooLarge)?;
        if negative && amount > 0 {
            return Err(AmountProblem::Negative);
        }
        Ok(Fen(amount))
    }
}

impl std::fmt::Display for Fen {
    /// `1,234.50`: yuan with thousands separated and two decimals (the registers add ¥).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}{grouped}.{:02}", abs % 100)
    }
}

/// The late fee's terms, from the estate's service contract: the office's configuration,
/// printed on the lawyer's letter with its basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LateFeeTerms {
    /// Per day, in parts per million of the amount owed (万分之三 a day = 300).
    pub per_day_ppm: u32,
    /// At most this share of the amount owed, in parts per million (1,000,000 = the amount
    /// itself); `None`: no cap.
    pub cap_ppm: Option<u32>,
    /// The clause it rests on, e.g. 《物业服务合同》第十二条.
    pub basis: String,
}

/// The late fee (滞纳金) on `owed`, fallen due on `due`, on the day `on`: a day's fee for each
/// day after the due date up to and including `on`, computed exactly over the whole stretch
/// and rounded once, half up, to the fen (not day by day), then held to the cap. Nothing
/// before the due date has passed.
pub fn late_fee(owed: Fen, due: NaiveDate, on: NaiveDate, terms: &LateFeeTerms) -> Fen {
    let days = (on - due).num_days();
    if days <= 0 || owed.0 <= 0 {
        return Fen(0);
    }
    let owed = i128::from(owed.0);
    let ppm = |share: u32, times: i128| (owed * i128::from(share) * times + 500_000) / 1_000_000;
    let mut fee = ppm(terms.per_day_ppm, i128::from(days));
    if let Some(cap) = terms.cap_ppm {
        fee = fee.min(ppm(cap, 1));
    }
    Fen(i64::try_from(fee).unwrap_or(i64::MAX))
}

/// How a demand for payment reached the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandMethod {
    /// Handed over in person, the owner signing for it (本人签收).
    InPersonSigned,
    /// By registered post (挂号信/EMS), with its tracking number.
    RegisteredPost,
    /// By ordinary post or left at the door.
    Post,
    /// A notice posted on the estate (公告).
    Notice,
    /// A message in a group chat or by SMS.
    Message,
    /// A phone call.
    Phone,
}

impl DemandMethod {
    /// Whether a demand this way restarts the limitation clock under the office's usual rule:
    /// a written demand the owner is proven to have received.
    pub fn restarts_limitation(self) -> bool {
        matches!(
            self,
            DemandMethod::InPersonSigned | DemandMethod::RegisteredPost
        )
    }
}

/// A demand for payment of a billing period (a statement or a letter delivered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Demand {
    /// The day it reached the owner (estate calendar).
    pub on: NaiveDate,
    /// How.
    pub method: DemandMethod,
    /// The post's tracking number (registered post).
    pub tracking: Option<String>,
}

impl Demand {
    /// Whether it counts for the limitation clock: a method that does and, by post, with its
    /// tracking number as the proof.
    pub fn counts(&self) -> bool {
        match self.method {
            DemandMethod::RegisteredPost => self
                .tracking
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty()),
            m => m.restarts_limitation(),
        }
    }
}

/// The limitation rule (诉讼时效): the office's configuration, shown with the clock — a
/// reminder, not legal advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LimitationRule {
    /// Years a claim lasts from its due date or the last demand that counts (3 by default).
    pub years: u32,
    /// Months before the end from which a period is flagged (6 by default).
    pub warn_months: u32,
}

impl Default for LimitationRule {
    fn default() -> Self {
        LimitationRule {
            years: 3,
            warn_months: 6,
        }
    }
}

/// Where a billing period's limitation clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// More than the warning time left.
    Running,
    /// Within the warning time of its end: a demand that counts is needed (flagged).
    EndsSoon,
    /// Past its end.
    Ended,
}

/// A billing period's limitation clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitationClock {
    /// The last day the claim lasts.
    pub runs_out: NaiveDate,
    /// The last demand that counts (it restarted the clock), if any.
    pub last_demand: Option<NaiveDate>,
    /// Running, ending soon or ended, on the day asked.
    pub state: ClockState,
}

/// The clock of a period fallen due on `due`, on `today`: it runs `rule.years` from the due
/// date or from the last demand that counts, made on or after the due date and not later than
/// today. `None` only at the calendar's end.
pub fn limitation(
    due: NaiveDate,
    demands: &[Demand],
    today: NaiveDate,
    rule: LimitationRule,
) -> Option<LimitationClock> {
    let last_demand = demands
        .iter()
        .filter(|d| d.counts() && d.on >= due && d.on <= today)
        .map(|d| d.on)
        .max();
    let from = last_demand.unwrap_or(due);
    let runs_out = from.checked_add_months(Months::new(rule.years.checked_mul(12)?))?;
    let warn_from = runs_out.checked_sub_months(Months::new(rule.warn_months))?;
    let state = if today > runs_out {
        ClockState::Ended
    } else if today >= warn_from {
        ClockState::EndsSoon
    } else {
        ClockState::Running
    };
    Some(LimitationClock {
        runs_out,
        last_demand,
        state,
    })
}

coded!(
    /// What a charge is for.
    FeeType {
        /// 物业费 (物管费).
        Property = "property",
        /// 停车费.
        Parking = "parking",
        /// 水电费.
        Utilities = "utilities",
        /// 其他.
        Other = "other",
    }
);

impl FeeType {
    /// The fee type finance's export names: 物业费 / 物管费 / 物业管理费, 停车费 / 车位费 /
    /// 车位管理费, 水电费 / 水费 / 电费, 其他 / 其它, or the code.
    pub fn of_text(text: &str) -> Option<FeeType> {
        let t = text.trim();
        let t = t.to_lowercase();
        match t.as_str() {
            "物业费" | "物管费" | "物业管理费" | "物业服务费" => {
                Some(FeeType::Property)
            }
            "停车费" | "车位费" | "车位管理费" | "停车管理费" => {
                Some(FeeType::Parking)
            }
            "水电费" | "水费" | "电费" | "公摊水电费" => Some(FeeType::Utilities),
            "其他" | "其它" | "其他费用" => Some(FeeType::Other),
            code => code.parse().ok(),
        }
    }
}

/// Reads a month as finance writes it — `2026-11`, `2026/11`, `2026年11月`, `202611`, or a
/// date cell (`2026-11-01`) — as its first day; `None` if it is not one (years of
/// [`QUERY_YEARS`](super::time::QUERY_YEARS) only).
pub fn parse_period(text: &str) -> Option<NaiveDate> {
    let t = text.trim().trim_end_matches('月');
    let (y, m) = if let Some((y, m)) = t.split_once('年') {
        (y, m)
    } else if t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
        t.split_at(4)
    } else {
        let mut parts = t.split(['-', '/', '.']);
        let (y, m) = (parts.next()?, parts.next()?);
        // A date cell's day must be the 1st (a period is a month, not a day in it).
        if let Some(d) = parts.next() {
            if d.parse::<u32>().ok()? != 1 || parts.next().is_some() {
                return None;
            }
        }
        (y, m)
    };
    let year: i32 = y.trim().parse().ok()?;
    let month: u32 = m.trim().parse().ok()?;
    if !super::time::QUERY_YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// Reads a day as finance writes it — `2026-11-30`, `2026/11/30`, `2026.11.30`,
/// `2026年11月30日`; `None` if it is not one (years of
/// [`QUERY_YEARS`](super::time::QUERY_YEARS) only).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let parts: Vec<&str> = if t.contains('年') {
        t.trim_end_matches('日').split(['年', '月']).collect()
    } else {
        t.split(['-', '/', '.']).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let year: i32 = y.trim().parse().ok()?;
    if !super::time::QUERY_YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, m.trim().parse().ok()?, d.trim().parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use CollectionWindow::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_windows_across_month_quarter_and_year_ends() {
        // A quarter's second month: the 25th starts the reasons; a short February's 28th is
        // both its statements and its reasons, and the 1st of March neither.
        assert_eq!(CollectionWindow::on(d(2026, 2, 24)), vec![]);
        assert_eq!(CollectionWindow::on(d(2026, 2, 25)), vec![QuarterReasons]);
        assert_eq!(
            CollectionWindow::on(d(2026, 2, 28)),
            vec![Statements, QuarterReasons]
        );
        assert_eq!(CollectionWindow::on(d(2026, 3, 1)), vec![]);
        assert_eq!(
            CollectionWindow::on(d(2024, 2, 29)),
            vec![Statements, QuarterReasons],
            "a leap February's 29th"
        );
        assert_eq!(
            CollectionWindow::on(d(2026, 8, 31)),
            vec![Statements, QuarterReasons]
        );
        // Not a quarter's second month: the 25th is nothing.
        assert_eq!(CollectionWindow::on(d(2026, 4, 25)), vec![]);
        // A 30-day month's statements run to the 30th.
        assert_eq!(CollectionWindow::on(d(2026, 4, 30)), vec![Statements]);
        assert_eq!(CollectionWindow::on(d(2026, 4, 27)), vec![]);
        // The quarter's last month: the third week is the month's calls and the confirmation,
        // the fourth the lawyer's letters, then the statements.
        assert_eq!(CollectionWindow::on(d(2026, 3, 14)), vec![]);
        assert_eq!(
            CollectionWindow::on(d(2026, 3, 15)),
            vec![ArrearsCalls, QuarterConfirm]
        );
        assert_eq!(
            CollectionWindow::on(d(2026, 6, 21)),
            vec![ArrearsCalls, QuarterConfirm]
        );
        assert_eq!(CollectionWindow::on(d(2026, 9, 22)), vec![LawyerLetters]);
        assert_eq!(CollectionWindow::on(d(2026, 12, 27)), vec![LawyerLetters]);
        assert_eq!(CollectionWindow::on(d(2026, 12, 28)), vec![Statements]);
        // Across the year's end.
        assert_eq!(CollectionWindow::on(d(2026, 12, 31)), vec![Statements]);
        assert_eq!(CollectionWindow::on(d(2027, 1, 1)), vec![]);
        assert_eq!(CollectionWindow::on(d(2027, 1, 15)), vec![ArrearsCalls]);
        // Not a quarter's last month: the 22nd is nothing.
        assert_eq!(CollectionWindow::on(d(2027, 1, 22)), vec![]);
    }

    #[test]
    fn the_window_is_the_estates_day_not_the_devices() {
        // 2026-02-24 16:30 UTC is 00:30 on the 25th in the estate (UTC+8): the reasons window,
        // although a phone set to UTC would still say the 24th.
        let t = Utc.with_ymd_and_hms(2026, 2, 24, 16, 30, 0).unwrap();
        assert_eq!(CollectionWindow::at(t), vec![QuarterReasons]);
        let t = Utc.with_ymd_and_hms(2026, 2, 24, 15, 59, 0).unwrap();
        assert_eq!(CollectionWindow::at(t), vec![]);
        // The last evening of the year in the estate is already next year's first morning.
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap();
        assert_eq!(CollectionWindow::at(t), vec![]);
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 15, 0, 0).unwrap();
        assert_eq!(CollectionWindow::at(t), vec![Statements]);
    }

    #[test]
    fn the_next_window_comes_round_within_a_quarter() {
        assert_eq!(
            QuarterReasons.current_or_next(d(2026, 1, 10)),
            Some((d(2026, 2, 25), d(2026, 2, 28)))
        );
        assert_eq!(
            QuarterReasons.current_or_next(d(2026, 2, 26)),
            Some((d(2026, 2, 25), d(2026, 2, 28))),
            "the window one is in"
        );
        assert_eq!(
            ArrearsCalls.current_or_next(d(2026, 12, 29)),
            Some((d(2027, 1, 15), d(2027, 1, 21)))
        );
        assert_eq!(
            LawyerLetters.current_or_next(d(2026, 3, 28)),
            Some((d(2026, 6, 22), d(2026, 6, 27)))
        );
        assert_eq!(
            Statements.current_or_next(d(2026, 2, 1)),
            Some((d(2026, 2, 28), d(2026, 2, 28)))
        );
    }

    #[test]
    fn amounts_are_read_into_fen_and_never_rounded() {
        assert_eq!(Fen::parse("1234.5"), Ok(Fen(123_450)));
        assert_eq!(Fen::parse(" 1,234.50 "), Ok(Fen(123_450)));
        assert_eq!(Fen::parse("¥12"), Ok(Fen(1_200)));
        assert_eq!(Fen::parse("12元"), Ok(Fen(1_200)));
        assert_eq!(Fen::parse("0.07"), Ok(Fen(7)));
        assert_eq!(Fen::parse(".5"), Ok(Fen(50)));
        assert_eq!(Fen::parse("12.500"), Ok(Fen(1_250)), "zeros are exact");
        assert_eq!(Fen::parse("-0"), Ok(Fen(0)));
        assert_eq!(Fen::parse("12.345"), Err(AmountProblem::TooManyDecimals));
        assert_eq!(
            Fen::parse("0.1000000000000001"),
            Err(AmountProblem::TooManyDecimals)
        );
        assert_eq!(Fen::parse("-3"), Err(AmountProblem::Negative));
        assert_eq!(Fen::parse(""), Err(AmountProblem::Empty));
        assert_eq!(Fen::parse("¥"), Err(AmountProblem::Empty));
        assert_eq!(Fen::parse("abc"), Err(AmountProblem::NotANumber));
        assert_eq!(Fen::parse("1.2.3"), Err(AmountProblem::NotANumber));
        assert_eq!(Fen::parse("1e5"), Err(AmountProblem::NotANumber));
        assert_eq!(Fen::parse("."), Err(AmountProblem::NotANumber));
        assert_eq!(Fen::parse("1000000000.00"), Ok(Fen::MAX));
        assert_eq!(Fen::parse("1000000000.01"), Err(AmountProblem::TooLarge));
        assert_eq!(
            Fen::parse("99999999999999999999999"),
            Err(AmountProblem::TooLarge)
        );
        assert_eq!(Fen(123_450).to_string(), "1,234.50");
        assert_eq!(Fen(7).to_string(), "0.07");
        assert_eq!(Fen(100_000_000_000).to_string(), "1,000,000,000.00");
        assert_eq!(Fen(-1_999).to_string(), "-19.99");
    }

    #[test]
    fn the_late_fee_by_day_in_fen_rounded_once_and_capped() {
        let terms = LateFeeTerms {
            per_day_ppm: 300, // 万分之三 a day
            cap_ppm: None,
            basis: "《物业服务合同》第十二条".into(),
        };
        // ¥1,000.00 owed 31 days: 100,000 × 0.0003 × 31 = 930 fen.
        assert_eq!(
            late_fee(Fen(100_000), d(2026, 1, 31), d(2026, 3, 3), &terms),
            Fen(930)
        );
        // Rounded once over the stretch, half up: 12,345 × 0.0003 = 3.7035 → 4 fen; a day at
        // a time it would be 4, but 333 × 0.0003 × 5 = 0.4995 → 0 fen (not 5 × 0.0999).
        assert_eq!(
            late_fee(Fen(12_345), d(2026, 1, 31), d(2026, 2, 1), &terms),
            Fen(4)
        );
        assert_eq!(
            late_fee(Fen(333), d(2026, 1, 31), d(2026, 2, 5), &terms),
            Fen(0)
        );
        assert_eq!(
            late_fee(Fen(50_000), d(2026, 1, 31), d(2026, 2, 1), &terms),
            Fen(15),
            "15 fen exactly"
        );
        // Nothing on or before the due date.
        assert_eq!(
            late_fee(Fen(100_000), d(2026, 1, 31), d(2026, 1, 31), &terms),
            Fen(0)
        );
        assert_eq!(
            late_fee(Fen(100_000), d(2026, 1, 31), d(2025, 12, 1), &terms),
            Fen(0)
        );
        // Across a leap February: 2024-02-28 → 2024-03-01 is two days.
        assert_eq!(
            late_fee(Fen(100_000), d(2024, 2, 28), d(2024, 3, 1), &terms),
            Fen(60)
        );
        // The cap: at most the amount owed, however long.
        let capped = LateFeeTerms {
            per_day_ppm: 5_000,
            cap_ppm: Some(1_000_000),
            ..terms.clone()
        };
        assert_eq!(
            late_fee(Fen(100_000), d(2020, 1, 1), d(2026, 1, 1), &capped),
            Fen(100_000)
        );
        assert_eq!(
            late_fee(Fen(100_000), d(2026, 1, 1), d(2026, 1, 11), &capped),
            Fen(5_000),
            "under the cap"
        );
        // The largest amount over two centuries does not overflow.
        assert!(late_fee(Fen::MAX, d(1970, 1, 1), d(2199, 12, 31), &terms) > Fen::MAX);
    }

    #[test]
    fn the_limitation_clock_restarts_only_on_a_demand_that_counts() {
        let rule = LimitationRule::default();
        let due = d(2023, 1, 31);
        let call = Demand {
            on: d(2025, 3, 1),
            method: DemandMethod::Phone,
            tracking: None,
        };
        let notice = Demand {
            on: d(2025, 4, 1),
            method: DemandMethod::Notice,
            tracking: None,
        };
        // Calls and notices do not restart it: it ends 2026-01-31 and is flagged from
        // 2025-07-31.
        let clock =
            limitation(due, &[call.clone(), notice.clone()], d(2025, 9, 1), rule).expect("clock");
        assert_eq!(clock.runs_out, d(2026, 1, 31));
        assert_eq!(clock.last_demand, None);
        assert_eq!(clock.state, ClockState::EndsSoon);
        let early = limitation(due, &[], d(2025, 7, 30), rule).expect("clock");
        assert_eq!(early.state, ClockState::Running);
        // Registered post without its tracking number proves nothing; with it, it restarts.
        let untracked = Demand {
            on: d(2025, 10, 1),
            method: DemandMethod::RegisteredPost,
            tracking: Some("  ".into()),
        };
        let clock =
            limitation(due, std::slice::from_ref(&untracked), d(2025, 11, 1), rule).expect("clock");
        assert_eq!(clock.runs_out, d(2026, 1, 31));
        let tracked = Demand {
            tracking: Some("EMS1234567890CN".into()),
            ..untracked
        };
        let clock = limitation(due, &[call, tracked], d(2025, 11, 1), rule).expect("clock");
        assert_eq!(clock.last_demand, Some(d(2025, 10, 1)));
        assert_eq!(clock.runs_out, d(2028, 10, 1));
        assert_eq!(clock.state, ClockState::Running);
        // A signed statement handed over restarts it too; one dated before the due date or
        // after today does not count.
        let signed = |on| Demand {
            on,
            method: DemandMethod::InPersonSigned,
            tracking: None,
        };
        let clock = limitation(
            due,
            &[signed(d(2022, 12, 1)), signed(d(2027, 1, 1))],
            d(2026, 2, 1),
            rule,
        )
        .expect("clock");
        assert_eq!(clock.last_demand, None);
        assert_eq!(clock.state, ClockState::Ended);
        // A leap day's period ends on the 28th of February three years on.
        let clock = limitation(d(2024, 2, 29), &[], d(2024, 3, 1), rule).expect("clock");
        assert_eq!(clock.runs_out, d(2027, 2, 28));
    }

    #[test]
    fn fee_types_periods_and_days_as_finance_writes_them() {
        assert_eq!(FeeType::of_text(" 物管费 "), Some(FeeType::Property));
        assert_eq!(FeeType::of_text("车位费"), Some(FeeType::Parking));
        assert_eq!(FeeType::of_text("水费"), Some(FeeType::Utilities));
        assert_eq!(FeeType::of_text("other"), Some(FeeType::Other));
        assert_eq!(FeeType::of_text("装修押金"), None);
        assert_eq!(parse_period("2026-11"), Some(d(2026, 11, 1)));
        assert_eq!(parse_period("2026/3"), Some(d(2026, 3, 1)));
        assert_eq!(parse_period("2026年11月"), Some(d(2026, 11, 1)));
        assert_eq!(parse_period("202611"), Some(d(2026, 11, 1)));
        assert_eq!(parse_period("2026-11-01"), Some(d(2026, 11, 1)));
        assert_eq!(parse_period("2026-11-15"), None, "a day, not a month");
        assert_eq!(parse_period("2026-13"), None);
        assert_eq!(parse_period("11月"), None);
        assert_eq!(parse_period("99999-01"), None);
        assert_eq!(parse_day("2026-11-30"), Some(d(2026, 11, 30)));
        assert_eq!(parse_day("2026/2/28"), Some(d(2026, 2, 28)));
        assert_eq!(parse_day("2026.2.3"), Some(d(2026, 2, 3)));
        assert_eq!(parse_day("2026年2月3日"), Some(d(2026, 2, 3)));
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("下月初"), None);
        assert_eq!(parse_day("2026-11"), None);
        assert_eq!(parse_day("1800-01-01"), None);
    }
}
