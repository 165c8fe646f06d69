//! The domain: plain serde types and rules with no Leptos and no I/O, so that they compile for
//! the browser and the server alike and are tested natively.
//!
//! The estate's shape (estate → cluster → building → entrance → unit), staff roles and
//! departments live here; later record kinds (follow-ups, checklist runs, visits) get their own
//! modules beside this one.

pub mod checklist;
pub mod fee;
pub mod follow_up;
pub mod household;
mod ids;
mod staff;
pub mod time;
pub mod unit;
pub mod visit;

pub mod complaint;
pub use ids::{ClusterId, DeviceId, RunId, TemplateId, UnitId, UserId};
pub use staff::{ClusterRef, Department, Role, SessionUser, UnknownCode};
