//! Fee collection (费用催收, SOP procedure 10; issue 17): the wire types of the charges import.
//! The rules (windows, amounts, late fee, limitation) are `crate::domain::fee`.

pub mod api;
