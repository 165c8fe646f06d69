//! The API's one error type: a stable code for the browser (which shows a message in the
//! user's language), details in the log, never in the response.

use app::session::{ApiErrorBody, ErrorCode};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Why an API call was refused.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A refusal the user (or the sync loop) can act on.
    #[error("{:?}", .0.code)]
    Refused(ApiErrorBody),
    /// A fault of ours; logged, answered as `internal`.
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

impl ApiError {
    /// A refusal with only a code.
    pub fn refused(code: ErrorCode) -> ApiError {
        ApiError::Refused(ApiErrorBody::new(code))
    }

    /// The HTTP status for this error.
    pub fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Refused(body) => match body.code {
                ErrorCode::Missing | ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
                ErrorCode::BadCredentials | ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
                ErrorCode::Throttled => StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::Busy => StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Inactive
                | ErrorCode::CrossSite
                | ErrorCode::Forbidden
                | ErrorCode::DeviceMismatch
                | ErrorCode::PasswordChangeRequired => StatusCode::FORBIDDEN,
                ErrorCode::SequenceGap => StatusCode::CONFLICT,
                ErrorCode::UpgradeRequired => StatusCode::UPGRADE_REQUIRED,
                ErrorCode::CursorExpired => StatusCode::GONE,
                ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::NotFound => StatusCode::NOT_FOUND,
                ErrorCode::HashMismatch => StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            },
            ApiError::Db(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The body the browser reads.
    pub fn body(&self) -> ApiErrorBody {
        match self {
            ApiError::Refused(body) => body.clone(),
            ApiError::Db(_) => ApiErrorBody::new(ErrorCode::Internal),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Db(e) = &self {
            tracing::error!(error = %e, "request failed");
        }
        let body = self.body();
        let mut response = (self.status_code(), Json(&body)).into_response();
        if let Some(secs) = body.retry_after_secs {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}
