//! Wire types of staff management (admin): users with their roles, departments, clusters and
//! devices; the checks a new or edited user must pass, with messages in both languages.

use crate::domain::{ClusterId, Department, DeviceId, Role, UserId};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One browser a user signed in on. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeviceInfo {
    /// Its id.
    pub id: DeviceId,
    /// The browser's own description.
    pub user_agent: String,
    /// First sign-in.
    pub first_seen_at: DateTime<Utc>,
    /// Last use.
    pub last_seen_at: DateTime<Utc>,
    /// When an admin revoked it.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A user as the admin manages them. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffMember {
    /// Their id.
    pub id: UserId,
    /// Sign-in name.
    pub username: String,
    /// Shown name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Department (department staff; optional for others).
    pub department: Option<Department>,
    /// Clusters (butlers).
    pub clusters: Vec<ClusterId>,
    /// Their department's lead (department staff only).
    #[serde(default)]
    pub lead: bool,
    /// Whether they may sign in.
    pub active: bool,
    /// Whether they must change their password at the next sign-in.
    pub must_change_password: bool,
    /// Their devices, newest first.
    pub devices: Vec<DeviceInfo>,
}

impl StaffMember {
    /// The user as the staff editor starts from (no password: an edit sets none).
    pub fn draft(&self) -> StaffDraft {
        StaffDraft {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            department: self.department,
            clusters: self.clusters.clone(),
            lead: self.lead,
            active: self.active,
            password: None,
        }
    }
}

/// A new user, or the changes to one. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffDraft {
    /// Sign-in name (fixed once created).
    pub username: String,
    /// Shown name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Department.
    #[serde(default)]
    pub department: Option<Department>,
    /// Clusters (butlers).
    #[serde(default)]
    pub clusters: Vec<ClusterId>,
    /// Their department's lead: only department staff can be one (for anyone else it is
    /// stored as not).
    #[serde(default)]
    pub lead: bool,
    /// Whether they may sign in.
    #[serde(default = "yes")]
    pub active: bool,
    /// The first password (a new user only); they change it at the first sign-in.
    #[serde(default)]
    pub password: Option<String>,
}

fn yes() -> bool {
    true
}

/// A password an admin sets; the user changes it at the next sign-in. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ResetPassword {
    /// The temporary password.
    pub password: String,
}

/// The user changes their own password. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    /// The one they signed in with.
    pub current: String,
    /// The new one.
    pub new: String,
}

/// Why a user cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffProblem {
    /// 2–32 letters, digits, dot, dash or underscore.
    BadUsername,
    /// Someone has it.
    UsernameTaken,
    /// 1–40 characters.
    BadDisplayName,
    /// At least 8 characters, with letters and digits.
    WeakPassword,
    /// Department staff need a department.
    DepartmentNeeded,
    /// A butler needs a cluster.
    ClusterNeeded,
    /// A cluster that does not exist.
    UnknownCluster,
    /// The current password is wrong.
    WrongPassword,
    /// The new password is the old one.
    SamePassword,
    /// An admin cannot take away their own admin role or deactivate themselves.
    NotYourself,
    /// A department's default time is 1 to 365 days.
    BadDueDays,
}

impl StaffProblem {
    /// The message in a language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            StaffProblem::BadUsername => (
                "用户名为 2–32 位字母、数字、点、横线或下划线",
                "A username has 2–32 letters, digits, dots, dashes or underscores",
            ),
            StaffProblem::UsernameTaken => ("该用户名已被使用", "That username is taken"),
            StaffProblem::BadDisplayName => ("姓名为 1–40 个字", "A name has 1–40 characters"),
            StaffProblem::WeakPassword => (
                "密码至少 8 位，且同时包含字母和数字",
                "A password has at least 8 characters, with letters and digits",
            ),
            StaffProblem::DepartmentNeeded => {
                ("部门人员需要选择部门", "Department staff need a department")
            }
            StaffProblem::ClusterNeeded => (
                "客服管家需要至少一个组团",
                "A butler needs at least one cluster",
            ),
            StaffProblem::UnknownCluster => ("组团不存在", "No such cluster"),
            StaffProblem::WrongPassword => ("当前密码不正确", "The current password is wrong"),
            StaffProblem::SamePassword => (
                "新密码不能与当前密码相同",
                "The new password must differ from the current one",
            ),
            StaffProblem::NotYourself => (
                "不能停用自己或取消自己的管理员角色",
                "You cannot deactivate yourself or take away your own admin role",
            ),
            StaffProblem::BadDueDays => ("默认期限为 1–365 天", "A default time is 1 to 365 days"),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

/// A department's default time for a follow-up, set by the admin
/// (`POST /api/v1/departments/{department}/due-days`). Wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SetDueDays {
    /// Days from the day a follow-up is made, 1 to 365.
    pub days: u32,
}

impl SetDueDays {
    /// Whether the number is one an admin may set.
    pub fn check(self) -> Result<u32, StaffProblem> {
        if (1..=crate::domain::follow_up::MAX_DUE_DAYS).contains(&self.days) {
            Ok(self.days)
        } else {
            Err(StaffProblem::BadDueDays)
        }
    }
}

/// The answer to a refused save. Wire type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StaffRefusal {
    /// Why.
    pub problem: StaffProblem,
}

/// Whether a password is strong enough.
pub fn check_password(p: &str) -> Result<(), StaffProblem> {
    let long = p.chars().count() >= 8 && p.chars().count() <= 128;
    let letters = p.chars().any(|c| c.is_alphabetic());
    let digits = p.chars().any(|c| c.is_ascii_digit());
    if long && letters && digits {
        Ok(())
    } else {
        Err(StaffProblem::WeakPassword)
    }
}

impl StaffDraft {
    /// Whether the user is stored as their department's lead (only department staff can be).
    pub fn is_lead(&self) -> bool {
        self.lead && self.role == Role::Staff
    }

    /// The checks that need no database: the same on the page and on the server.
    pub fn check(&self, new: bool) -> Result<(), StaffProblem> {
        let u = self.username.trim();
        if !(2..=32).contains(&u.chars().count())
            || !u
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            return Err(StaffProblem::BadUsername);
        }
        if !(1..=40).contains(&self.display_name.trim().chars().count()) {
            return Err(StaffProblem::BadDisplayName);
        }
        if self.role == Role::Staff && self.department.is_none() {
            return Err(StaffProblem::DepartmentNeeded);
        }
        if self.role == Role::Butler && self.clusters.is_empty() && self.active {
            return Err(StaffProblem::ClusterNeeded);
        }
        if new {
            check_password(self.password.as_deref().unwrap_or(""))?;
        }
        Ok(())
    }
}

/// A device in a few words from its user agent ("Android Chrome", "iPhone WeChat"): how the
/// staff page, the audit trail and the phone's own "Me" screen name it.
pub fn device_name(agent: &str) -> String {
    let a = agent.to_lowercase();
    let device = if a.contains("iphone") {
        "iPhone"
    } else if a.contains("android") {
        "Android"
    } else if a.contains("windows") {
        "Windows"
    } else if a.contains("mac os") {
        "Mac"
    } else if a.contains("linux") {
        "Linux"
    } else {
        "?"
    };
    let browser = if a.contains("micromessenger") {
        "WeChat"
    } else if a.contains("edg/") {
        "Edge"
    } else if a.contains("chrome") {
        "Chrome"
    } else if a.contains("safari") {
        "Safari"
    } else if a.contains("firefox") {
        "Firefox"
    } else {
        ""
    };
    format!("{device} {browser}").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> StaffDraft {
        StaffDraft {
            username: "zhang.wei".into(),
            display_name: "张伟".into(),
            role: Role::Butler,
            department: Some(Department::CustomerService),
            clusters: vec![ClusterId::new_v7()],
            lead: false,
            active: true,
            password: Some("start2026".into()),
        }
    }

    #[test]
    fn a_draft_is_checked_before_it_is_sent() {
        assert_eq!(draft().check(true), Ok(()));
        let mut d = draft();
        d.username = "张伟".into();
        assert_eq!(d.check(true), Err(StaffProblem::BadUsername));
        let mut d = draft();
        d.password = Some("12345678".into());
        assert_eq!(d.check(true), Err(StaffProblem::WeakPassword));
        assert_eq!(d.check(false), Ok(()), "an edit sets no password");
        let mut d = draft();
        d.clusters.clear();
        assert_eq!(d.check(true), Err(StaffProblem::ClusterNeeded));
        let mut d = draft();
        d.role = Role::Staff;
        d.department = None;
        assert_eq!(d.check(true), Err(StaffProblem::DepartmentNeeded));
        assert!(StaffProblem::WeakPassword.text(Lang::En).contains("8"));
    }
}
