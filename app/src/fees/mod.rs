//! Fee collection (费用催收, SOP procedure 10; issue 17): the wire types of the charges import
//! and the office's page.
//! The rules (windows, amounts, late fee, limitation) are `crate::domain::fee`.

pub mod api;
mod letter;
mod office;

pub use letter::{fee_type_msg, LetterPage};
pub use office::FeesPage;
