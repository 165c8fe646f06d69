//! Estate data (issue 7): importing buildings, units and households from the company's
//! spreadsheets; staff and devices; the audit trail.

pub mod api;
pub mod audit;
mod page;
mod people;
pub mod staff;

pub use page::EstatePage;
pub use people::{AuditLogPage, AuditTrail, ChangePasswordPage, StaffPage};
