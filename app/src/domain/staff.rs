//! Staff: roles, departments and the signed-in user as the browser keeps it.

use super::{ClusterId, UserId};
use serde::{Deserialize, Serialize};

/// What a staff user may do. The code names are the glossary's and are stored in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 客服管家: owns one or more clusters, works on a phone.
    Butler,
    /// 物业服务中心: the office at a desktop; sees everything.
    Office,
    /// 管理员: manages staff, estate data and settings; sees everything.
    Admin,
    /// Department staff (a repairer, a guard): works the follow-ups of their department.
    Staff,
}

/// A code that names no known role or department (a corrupt row or a bad request).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code: {0}")]
pub struct UnknownCode(pub String);

impl Role {
    /// All roles, in the order the UI lists them.
    pub const ALL: [Role; 4] = [Role::Butler, Role::Office, Role::Admin, Role::Staff];

    /// The code name stored in the database and sent on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Role::Butler => "butler",
            Role::Office => "office",
            Role::Admin => "admin",
            Role::Staff => "staff",
        }
    }

    /// Whether this role works on the phone layout (butlers and department staff) rather than
    /// the desktop workbench (office and admin).
    pub fn works_on_phone(self) -> bool {
        matches!(self, Role::Butler | Role::Staff)
    }

    /// The path of this role's home screen.
    pub fn home_path(self) -> &'static str {
        if self.works_on_phone() {
            "/m"
        } else {
            "/office"
        }
    }
}

impl std::str::FromStr for Role {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

/// The departments a butler hands work to (and the butlers' own, 客服).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Department {
    /// 客服
    CustomerService,
    /// 安防
    Security,
    /// 工程
    Engineering,
    /// 保洁
    Cleaning,
    /// 绿化
    Landscaping,
    /// 财务
    Finance,
    /// 监控中心
    Monitoring,
}

impl Department {
    /// All departments, in the SOP's order.
    pub const ALL: [Department; 7] = [
        Department::CustomerService,
        Department::Security,
        Department::Engineering,
        Department::Cleaning,
        Department::Landscaping,
        Department::Finance,
        Department::Monitoring,
    ];

    /// The code name stored in the database and sent on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Department::CustomerService => "customer_service",
            Department::Security => "security",
            Department::Engineering => "engineering",
            Department::Cleaning => "cleaning",
            Department::Landscaping => "landscaping",
            Department::Finance => "finance",
            Department::Monitoring => "monitoring",
        }
    }
}

impl std::str::FromStr for Department {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Department::ALL
            .into_iter()
            .find(|d| d.code() == s)
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

/// A cluster as the signed-in user needs to know it: id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClusterRef {
    /// The cluster's id.
    pub id: ClusterId,
    /// Its name, e.g. 东区组团.
    pub name: String,
}

/// The signed-in user, as the server reports it after sign-in and as the browser keeps it so
/// that route guards work offline (design §4). Wire type: do not rename fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SessionUser {
    /// The user's id.
    pub id: UserId,
    /// The sign-in name.
    pub username: String,
    /// The name shown to people, e.g. 王静.
    pub display_name: String,
    /// What the user may do.
    pub role: Role,
    /// The user's department, if any (department staff always have one).
    pub department: Option<Department>,
    /// The clusters the user looks after (butlers); empty for others.
    pub clusters: Vec<ClusterRef>,
    /// Department staff marked by the admin as their department's lead: they see, read-only,
    /// the complaints judged against their department.
    #[serde(default)]
    pub lead: bool,
    /// Set when an administrator gave the password: it must be changed before anything else.
    pub must_change_password: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_and_department_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(r));
            let json = serde_json::to_string(&r).expect("serialises");
            assert_eq!(json, format!("\"{}\"", r.code()));
        }
        for d in Department::ALL {
            assert_eq!(d.code().parse::<Department>(), Ok(d));
            let json = serde_json::to_string(&d).expect("serialises");
            assert_eq!(json, format!("\"{}\"", d.code()));
        }
        assert!("janitor".parse::<Role>().is_err());
    }

    #[test]
    fn phone_roles_land_on_the_phone_home() {
        assert_eq!(Role::Butler.home_path(), "/m");
        assert_eq!(Role::Staff.home_path(), "/m");
        assert_eq!(Role::Office.home_path(), "/office");
        assert_eq!(Role::Admin.home_path(), "/office");
    }
}
