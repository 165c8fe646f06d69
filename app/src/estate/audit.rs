//! Wire types of the audit trail: who changed what, when, from which device.

use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditSource {
    /// A butler's or staff member's phone (a synced mutation).
    Device,
    /// The office at its desk (a mutation from an office account, or applied from "needs
    /// attention").
    Office,
    /// A spreadsheet import.
    Import,
    /// An admin managing staff and devices.
    Admin,
}

impl AuditSource {
    /// Every source.
    pub const ALL: [AuditSource; 4] = [
        AuditSource::Device,
        AuditSource::Office,
        AuditSource::Import,
        AuditSource::Admin,
    ];

    /// Its code.
    pub fn code(self) -> &'static str {
        match self {
            AuditSource::Device => "device",
            AuditSource::Office => "office",
            AuditSource::Import => "import",
            AuditSource::Admin => "admin",
        }
    }

    /// The source a code names.
    pub fn from_code(code: &str) -> Option<AuditSource> {
        AuditSource::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Its name in a language.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AuditSource::Device, Lang::ZhCn) => "手机",
            (AuditSource::Device, Lang::En) => "Phone",
            (AuditSource::Office, Lang::ZhCn) => "服务中心",
            (AuditSource::Office, Lang::En) => "Office",
            (AuditSource::Import, Lang::ZhCn) => "导入",
            (AuditSource::Import, Lang::En) => "Import",
            (AuditSource::Admin, Lang::ZhCn) => "管理员",
            (AuditSource::Admin, Lang::En) => "Admin",
        }
    }
}

/// One entry of the trail. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Its position (the trail's order).
    pub seq: i64,
    /// When the server recorded it.
    pub at: DateTime<Utc>,
    /// Who.
    pub user: Option<crate::domain::UserId>,
    /// Their name.
    pub user_name: String,
    /// From which device (an import's id for an import).
    pub device: Option<uuid::Uuid>,
    /// Where it came from.
    pub source: AuditSource,
    /// The record's kind.
    pub kind: String,
    /// The record's id.
    pub record: String,
    /// What was done.
    pub action: String,
    /// In words (entries written before the trail kept `change`; imports and staff changes).
    pub detail: String,
    /// What a synced change did, told by the reader's screen in the reader's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<AuditChange>,
    /// The device's user agent, empty for an import or an unknown device (the screen shows it
    /// in a few words: "Android Chrome").
    #[serde(default)]
    pub device_agent: String,
}

impl AuditEntry {
    /// What was changed, in words: the change when it was kept, else the stored detail.
    pub fn detail_text(&self, lang: Lang) -> String {
        match &self.change {
            Some(c) => c.text(lang),
            None => self.detail.clone(),
        }
    }
}

/// What a synced change did. Kept with its entry as data, so that the trail says it in words
/// in the language of whoever reads it (never an item's key or a value's code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AuditChange {
    /// A checklist item answered.
    Answer {
        /// The item's label, as its checklist names it.
        item: String,
        /// The answer.
        answer: crate::domain::checklist::Answer,
        /// Its note.
        #[serde(default)]
        note: String,
    },
    /// A household's shared field corrected.
    Field {
        /// Which field.
        field: crate::domain::household::SharedField,
        /// The new value.
        value: String,
    },
    /// A mutation that needed attention, applied by the office.
    Settled {
        /// Who sent it.
        author: String,
    },
    /// A unit's occupancy recorded.
    Occupancy {
        /// The new state.
        state: crate::domain::unit::Occupancy,
        /// From when.
        effective_date: chrono::NaiveDate,
        /// The household named with it.
        #[serde(default)]
        household: String,
        /// Its note.
        #[serde(default)]
        note: String,
    },
    /// A complaint signed off: the receipt (SHA-256 over what the customer signed for), so that
    /// a later edit of the complaint is detectable.
    Receipt {
        /// The receipt, 64 hex digits.
        receipt: String,
    },
    /// A department's default time for follow-ups set (admin).
    DueDays {
        /// The department.
        department: crate::domain::Department,
        /// The new default, in days.
        days: u32,
    },
}

impl AuditChange {
    /// The change in words.
    pub fn text(&self, lang: Lang) -> String {
        use crate::domain::checklist::Answer;
        use crate::i18n::Msg;
        let colon = if lang == Lang::ZhCn { "：" } else { ": " };
        match self {
            AuditChange::Answer { item, answer, note } => {
                let answer = match answer {
                    Answer::Pass => Msg::Pass.text(lang).to_owned(),
                    Answer::Fail => Msg::Fail.text(lang).to_owned(),
                    Answer::NotApplicable => Msg::NotApplicable.text(lang).to_owned(),
                    Answer::Number(v) => v.to_string(),
                    Answer::Text(t) | Answer::Choice(t) => t.clone(),
                    Answer::Photo => Msg::Photos.text(lang).to_owned(),
                };
                let mut s = format!("{item}{colon}{answer}");
                if !note.is_empty() {
                    s.push_str(" · ");
                    s.push_str(note);
                }
                s
            }
            AuditChange::Receipt { receipt } => Msg::ReceiptValue.with(lang, receipt),
            AuditChange::DueDays { department, days } => format!(
                "{} · {}",
                Msg::department(*department).text(lang),
                Msg::DueDaysValue.with(lang, days)
            ),
            AuditChange::Settled { author } => Msg::AppliedFromAttention
                .text(lang)
                .replace("{who}", author),
            AuditChange::Field { field, value } => {
                let name = match field {
                    crate::domain::household::SharedField::Phone => Msg::PhoneLabel,
                    crate::domain::household::SharedField::MailingAddress => Msg::MailingAddress,
                };
                format!("{}{colon}{value}", name.text(lang))
            }
            AuditChange::Occupancy {
                state,
                effective_date,
                household,
                note,
            } => [
                crate::vacant::occupancy_msg(*state).text(lang),
                &effective_date.to_string(),
                household,
                note,
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · "),
        }
    }
}

/// The name of a record kind as the trail stores it, in words.
pub fn kind_msg(kind: &str) -> Option<crate::i18n::Msg> {
    use crate::i18n::Msg;
    Some(match kind {
        "unit" => Msg::KindUnit,
        "household" => Msg::KindHousehold,
        "follow_up" => Msg::KindFollowUp,
        "run" => Msg::KindRun,
        "visit" => Msg::KindVisit,
        "template" => Msg::KindTemplate,
        "user" => Msg::KindUser,
        "device" => Msg::KindDevice,
        "import" => Msg::KindImport,
        "cluster" => Msg::KindCluster,
        "building" => Msg::KindBuilding,
        "department" => Msg::KindDepartment,
        "complaint" => Msg::KindComplaint,
        "collection" => Msg::KindContact,
        "place" => Msg::KindPlace,
        "notice" => Msg::KindNotice,
        "delivery" => Msg::KindDelivery,
        "activity" => Msg::KindActivity,
        _ => return None,
    })
}

/// Every record kind the trail keeps, in the order the admin's filter offers them.
pub const KINDS: [&str; 18] = [
    "unit",
    "household",
    "follow_up",
    "run",
    "visit",
    "template",
    "user",
    "device",
    "import",
    "cluster",
    "building",
    "department",
    "complaint",
    "collection",
    "place",
    "notice",
    "delivery",
    "activity",
];

/// Which entries to list. Wire type (the query string of `GET /api/v1/audit`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
pub struct AuditFilter {
    /// A record kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// One record (the kind should be given too).
    #[serde(default)]
    pub record: Option<String>,
    /// One user.
    #[serde(default)]
    pub user: Option<crate::domain::UserId>,
    /// One source.
    #[serde(default)]
    pub source: Option<AuditSource>,
    /// From this instant (UTC text), inclusive.
    #[serde(default)]
    pub from: Option<String>,
    /// Before this instant (UTC text).
    #[serde(default)]
    pub to: Option<String>,
}
