//! Vacant units (空置房管理) on screen: the butler's due list and unit page (occupancy, move-in,
//! move-out, renovation, the monthly inspection, the owner told), offline on the local store;
//! the office's register, coverage and period records.

pub mod api;
mod office;
mod phone;

pub use office::{CoverageCard, PeriodRecords, VacantRegister};

pub use phone::{occupancy_msg, unit_code_of, untold, OwnerNotices, UnitScreen, VacantList};
