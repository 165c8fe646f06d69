//! Screens shared by both layouts.

mod not_found;
mod sign_in;

pub use not_found::NotFound;
pub use sign_in::SignInPage;
