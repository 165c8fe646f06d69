//! The OpenAPI 3.1 description of the HTTP API, generated from the code: every API route is
//! registered through `utoipa_axum::routes!`, so a handler, its path and its description are
//! one declaration. Served at `GET /api/v1/openapi.json`; schemathesis checks the server
//! against it in the test command (`scripts/schemathesis.sh`).

use crate::auth::SESSION_COOKIE;
use app::session::{ApiErrorBody, ErrorCode};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr};
use utoipa::{Modify, OpenApi as _};

/// The media type of every spreadsheet the API answers with.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What the description says before the routes are added.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Butler (物业管家) API",
        description = "The HTTP API of Butler's server. Every refusal (4XX) and fault (5XX) \
            answers an `ApiErrorBody` (JSON) unless the operation documents another body for \
            that status. Requests that change anything must come from the app's own origin \
            (`Origin`, or `Sec-Fetch-Site: same-origin`). Signed-in routes take the session \
            cookie set by `POST /api/v1/auth/sign-in`.",
        license(name = "UNLICENSED")
    ),
    // Schemas that only query parameters refer to (the routes collect the bodies' own).
    components(schemas(ApiErrorBody, ErrorCode, app::customers::api::Period)),
    modifiers(&SessionCookie)
)]
struct Base;

struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session, set by signing in (HttpOnly).",
            ))),
        );
    }
}

/// The description's start: title, the error schema, the session cookie.
pub fn base() -> OpenApi {
    Base::openapi()
}

/// Paths that need no session (everything else is marked as needing the cookie).
const PUBLIC: &[&str] = &[
    "/health",
    "/login",
    "/api/v1/auth/sign-in",
    "/api/v1/openapi.json",
];

/// Completes the description once every route is in it: each operation gets the error
/// answers it does not describe itself, and the ones that need a session say so.
pub fn finish(mut doc: OpenApi) -> OpenApi {
    let refusal = |what: &str| -> RefOr<utoipa::openapi::Response> {
        ResponseBuilder::new()
            .description(what)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ApiErrorBody")))
                    .build(),
            )
            .build()
            .into()
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        let public = PUBLIC.contains(&path.as_str());
        let section = path
            .trim_start_matches("/api/v1")
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            // Handlers in different modules share names (`list`, `register`): the section
            // makes each operation's id unique.
            if let Some(id) = &mut op.operation_id {
                *id = format!("{section}.{id}");
            }
            let responses = &mut op.responses.responses;
            responses
                .entry("4XX".to_owned())
                .or_insert_with(|| refusal("Refused: the code says why."));
            responses
                .entry("5XX".to_owned())
                .or_insert_with(|| refusal("A fault of the server's (logged)."));
            if !public {
                op.security = Some(vec![SecurityRequirement::new(
                    "session",
                    Vec::<String>::new(),
                )]);
            }
        }
    }
    doc
}

/// Under `/api/v1`, every 4XX and 5XX answers an [`ApiErrorBody`]: axum's own refusals (a body
/// that is not JSON, a query that does not parse, a wrong method, a body over its limit)
/// answer plain text, which is rewritten here with the code that fits its status. A body of
/// the wrong shape (axum's 422) is answered 400: 422 is kept for the refusals that say why in
/// a body of their own (an import's report, a staff change's problem).
pub async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if json {
        return res;
    }
    let code = match status {
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => ErrorCode::NotFound,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::TooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedType,
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::Throttled,
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::Busy,
        s if s.is_server_error() => ErrorCode::Internal,
        _ => ErrorCode::BadRequest,
    };
    let status = if status == StatusCode::UNPROCESSABLE_ENTITY {
        StatusCode::BAD_REQUEST
    } else {
        status
    };
    let (mut parts, _) = res.into_parts();
    let body = serde_json::to_vec(&ApiErrorBody::new(code)).unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut out = Response::from_parts(parts, Body::from(body));
    *out.status_mut() = status;
    out.into_response()
}

/// A file's bytes in a request or an answer (a photo, a spreadsheet).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct Binary(pub Vec<u8>);
