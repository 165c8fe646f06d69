//! Changes come only from this site's own pages (issue 12): a request that is not GET, HEAD or
//! OPTIONS must carry an `Origin` equal to the server's public origin — `--public-origin`, or
//! else the request's own scheme and `Host` — or, without `Origin`, a `Sec-Fetch-Site` of
//! `same-origin` or `none`. A browser always sends one of the two with a cross-site form or
//! fetch, so another site's page (a sibling subdomain included, which SameSite=Lax would let
//! through) can neither sign a user in nor out, nor push, upload or change staff in their
//! name. A request with neither header is not a browser's: it is let through (its cookie, if
//! any, is still checked as usual).

use crate::error::ApiError;
use crate::state::AppState;
use app::session::ErrorCode;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The middleware.
pub async fn same_origin_layer(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || from_this_site(&state.config, req.headers(), req.uri())
    {
        return next.run(req).await;
    }
    tracing::warn!(
        method = %req.method(),
        path = %req.uri().path(),
        origin = ?req.headers().get(header::ORIGIN),
        fetch_site = ?req.headers().get("sec-fetch-site"),
        "refused a change from another site"
    );
    ApiError::refused(ErrorCode::CrossSite).into_response()
}

/// Whether a change may be taken from a request with these headers.
pub fn from_this_site(config: &crate::config::Config, headers: &HeaderMap, uri: &Uri) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return false;
        };
        return match &config.public_origin {
            Some(public) => origin.eq_ignore_ascii_case(public.trim_end_matches('/')),
            None => {
                let host = headers
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .or_else(|| uri.authority().map(|a| a.as_str()));
                let scheme = if config.secure_cookies() {
                    "https"
                } else {
                    "http"
                };
                host.is_some_and(|h| origin.eq_ignore_ascii_case(&format!("{scheme}://{h}")))
            }
        };
    }
    matches!(
        headers
            .get("sec-fetch-site")
            .map(|v| v.to_str().unwrap_or("")),
        None | Some("same-origin") | Some("none")
    )
}
