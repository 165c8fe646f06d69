//! Estate data (issue 7): importing buildings, units and households from the company's
//! spreadsheets; staff and devices; the audit trail.

pub mod api;
pub mod audit;
pub mod staff;
