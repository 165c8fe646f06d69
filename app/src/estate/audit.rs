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
    /// In words.
    pub detail: String,
}

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
