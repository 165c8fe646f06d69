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

/// GETs JSON the office's pages read from the server; the error is what to tell the user.
pub async fn fetch_json<T: serde::de::DeserializeOwned>(
    url: String,
) -> Result<T, crate::i18n::Msg> {
    use crate::i18n::Msg;
    match get_text(&url).await {
        Ok((200, body)) => serde_json::from_str(&body).map_err(|_| Msg::ServerError),
        Ok((401, _)) => Err(Msg::SignInBadCredentials),
        Ok((404, _)) => Err(Msg::NotFound),
        Ok(_) => Err(Msg::ServerError),
        Err(_) => Err(Msg::NetworkError),
    }
}
