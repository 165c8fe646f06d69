//! The server side of the session context: the server's auth middleware puts the request's
//! [`BootData`] into the request's extensions, and leptos_axum provides the request parts.

use super::BootData;
use leptos::prelude::*;

pub(super) fn boot_from_request() -> BootData {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<BootData>().cloned())
        .unwrap_or_default()
}

pub(super) fn respond_not_found() {
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
}
