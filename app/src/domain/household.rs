//! Households (业主 / 租户): the people of a unit, identified within it by name (design §3),
//! and the customer ledger's rules — phone numbers checked on the spot, shown masked, found by
//! their last digits; corrections of shared fields kept with what they replaced (design §5).

use super::{ClusterId, UnitId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use super::ids::HouseholdId;

/// Owner or tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// 业主.
    Owner,
    /// 租户.
    Tenant,
}

/// A field of the ledger that butlers and the office both correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SharedField {
    /// 电话.
    Phone,
    /// 通讯地址.
    MailingAddress,
}

/// One correction of a shared field, kept in the household's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// Made by the device (a replay never doubles it).
    pub id: Uuid,
    /// Which field.
    pub field: SharedField,
    /// The new value.
    pub value: String,
    /// The value it replaced.
    pub previous: String,
    /// Set when the value replaced was not the one its author saw (design §5): the author's
    /// base, kept so that nobody's correction is lost unseen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_saw: Option<String>,
    /// Who.
    pub by: Option<UserId>,
    /// When it reached the server.
    pub at: DateTime<Utc>,
}

/// A household as it syncs to its cluster's butlers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Household {
    /// Its id.
    pub id: HouseholdId,
    /// Its unit.
    pub unit_id: UnitId,
    /// The unit's cluster.
    pub cluster_id: ClusterId,
    /// 3-2-1201.
    pub unit_code: String,
    /// Name.
    pub name: String,
    /// Owner or tenant.
    pub relation: Relation,
    /// Phone (mainland mobile or landline), normalised.
    pub phone: String,
    /// Where documents are mailed.
    pub mailing_address: String,
    /// 重点客户.
    pub key_customer: bool,
    /// The office's note about the household.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Corrections of shared fields, oldest first.
    #[serde(default)]
    pub history: Vec<FieldChange>,
    /// Rises with every change.
    pub version: i64,
}

impl Household {
    /// The current value of a shared field.
    pub fn value(&self, field: SharedField) -> &str {
        match field {
            SharedField::Phone => &self.phone,
            SharedField::MailingAddress => &self.mailing_address,
        }
    }

    /// Whether it matches a search: a unit ("3-2-1201", or its start), a name (or part of it),
    /// or digits of a phone: its last three or more, or four or more anywhere in it (a butler
    /// half-remembers the middle of a number).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim();
        if q.is_empty() {
            return true;
        }
        if q.chars().all(|c| c.is_ascii_digit()) {
            let phone = digits(&self.phone);
            if (q.len() >= 3 && phone.ends_with(q)) || (q.len() >= 4 && phone.contains(q)) {
                return true;
            }
        }
        self.unit_code.starts_with(q) || self.name.contains(q)
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Why a phone number is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// Empty.
    Empty,
    /// A mobile number must have 11 digits starting with 1.
    Mobile,
    /// A landline needs its area code (0 and two or three digits) and 7 or 8 digits.
    Landline,
    /// Neither.
    Malformed,
}

/// Checks and normalises a mainland number: a mobile `13812345678` (spaces, dashes and a +86
/// prefix allowed), or a landline with its area code, written `010-12345678`.
pub fn normalise_phone(input: &str) -> Result<String, PhoneError> {
    let t = input.trim();
    if t.is_empty() {
        return Err(PhoneError::Empty);
    }
    if t.chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')')))
    {
        return Err(PhoneError::Malformed);
    }
    let mut d = digits(t);
    if t.starts_with('+') || (d.starts_with("86") && d.len() == 13) {
        d = d.strip_prefix("86").map(str::to_owned).unwrap_or(d);
    }
    if (7..=8).contains(&d.len()) && !d.starts_with('0') {
        // A local number without its area code.
        return Err(PhoneError::Landline);
    }
    if d.starts_with('1') {
        return if d.len() == 11 && matches!(d.as_bytes()[1], b'3'..=b'9') {
            Ok(d)
        } else {
            Err(PhoneError::Mobile)
        };
    }
    if d.starts_with('0') {
        // Beijing, Shanghai, Tianjin, Chongqing and 02x cities have three-digit codes.
        let area = if d.starts_with("01") || d.starts_with("02") {
            3
        } else {
            4
        };
        let rest = d.len().saturating_sub(area);
        return if d.len() > area && (7..=8).contains(&rest) {
            Ok(format!("{}-{}", &d[..area], &d[area..]))
        } else {
            Err(PhoneError::Landline)
        };
    }
    Err(PhoneError::Malformed)
}

/// A phone as lists show it: `138****5678`, `010-****5678`.
pub fn masked(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return phone.to_owned();
    }
    let keep_end = 4;
    let keep_start = if phone.contains('-') {
        phone.find('-').map(|i| i + 1).unwrap_or(3)
    } else {
        3
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_start || i >= chars.len() - keep_end {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_and_landlines_are_checked_and_normalised() {
        assert_eq!(normalise_phone("138 1234 5678"), Ok("13812345678".into()));
        assert_eq!(
            normalise_phone("+86 138-1234-5678"),
            Ok("13812345678".into())
        );
        assert_eq!(normalise_phone("1381234567"), Err(PhoneError::Mobile));
        assert_eq!(normalise_phone("12812345678"), Err(PhoneError::Mobile));
        assert_eq!(normalise_phone("010-12345678"), Ok("010-12345678".into()));
        assert_eq!(normalise_phone("0755 1234567"), Ok("0755-1234567".into()));
        assert_eq!(
            normalise_phone("12345678"),
            Err(PhoneError::Landline),
            "no area code"
        );
        assert_eq!(normalise_phone("010-123"), Err(PhoneError::Landline));
        assert_eq!(normalise_phone("abc"), Err(PhoneError::Malformed));
        assert_eq!(normalise_phone(" "), Err(PhoneError::Empty));
    }

    #[test]
    fn phones_are_masked_and_found_by_their_last_digits() {
        assert_eq!(masked("13812345678"), "138****5678");
        assert_eq!(masked("010-12345678"), "010-****5678");
        let h = Household {
            id: HouseholdId(Uuid::now_v7()),
            unit_id: UnitId::new_v7(),
            cluster_id: ClusterId::new_v7(),
            unit_code: "3-2-1201".into(),
            name: "张伟".into(),
            relation: Relation::Owner,
            phone: "13812345678".into(),
            mailing_address: String::new(),
            key_customer: false,
            note: String::new(),
            history: vec![],
            version: 1,
        };
        assert!(h.matches("5678"));
        assert!(h.matches("3-2-12"));
        assert!(h.matches("张"));
        assert!(!h.matches("78"), "two digits are too few");
        assert!(h.matches("8123"), "four digits from the middle");
        assert!(h.matches("381234"));
        assert!(!h.matches("812"), "three digits only from the end");
        assert!(!h.matches("8124"));
        assert!(!h.matches("3-2-13"));
    }
}
