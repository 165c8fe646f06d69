//! The browser's APIs behind one face: the real ones in the WASM build, inert stand-ins on the
//! server (where no handler or effect that calls them ever runs). Components call these and
//! stay free of `cfg`.

use crate::session::ApiErrorBody;

/// Why a call to the server got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// No answer at all: offline, server down, connection cut.
    Unreachable,
}

/// Why a sign-in did not succeed.
#[derive(Debug, Clone)]
pub enum SignInFailure {
    /// The server answered no, with a reason.
    Refused(ApiErrorBody),
    /// The server could not be reached.
    Unreachable,
}

#[cfg(feature = "hydrate")]
mod web;
#[cfg(feature = "hydrate")]
pub use web::*;

#[cfg(not(feature = "hydrate"))]
mod inert;
#[cfg(not(feature = "hydrate"))]
pub use inert::*;
