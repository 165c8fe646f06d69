//! The domain: plain serde types and rules with no Leptos and no I/O, so that they compile for
//! the browser and the server alike and are tested natively.
//!
//! The estate's shape (estate → cluster → building → entrance → unit), staff roles and
//! departments live here; later record kinds (follow-ups, checklist runs, visits) get their own
//! modules beside this one.

/// An enum of code-named values (stored and sent by code): `ALL` in the order forms offer
/// them, `code()`, and `FromStr` by code. Defined before the modules that use it.
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every value, in the order forms offer them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code on the wire and in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.iter().copied().find(|v| v.code() == s).ok_or_else(|| $crate::domain::UnknownCode(s.to_owned()))
            }
        }
    };
}

pub mod activity;
pub mod checklist;
pub mod collection;
pub mod document;
pub mod fee;
pub mod follow_up;
pub mod household;
mod ids;
pub mod label;
pub mod place;
mod staff;
pub mod time;
pub mod unit;
pub mod visit;

pub mod complaint;
pub use ids::{ClusterId, DeviceId, RunId, TemplateId, UnitId, UserId};
pub use staff::{ClusterRef, Department, Role, SessionUser, UnknownCode};
