//! Fee collection (费用催收, SOP procedure 10; issue 17): the wire types of the charges import,
//! the office's page, the lawyer's letter, the butler's case file and the office's register.
//! The rules (windows, amounts, late fee, limitation, promises, cases) are
//! `crate::domain::fee` and `crate::domain::collection`.

pub mod api;
mod letter;
mod office;
mod phone;
mod register;

pub use letter::{fee_type_msg, LetterPage};
pub use office::{FeesPage, FinancePage};
pub use phone::{CaseFile, CollectionList};
pub use register::CollectionRegister;
