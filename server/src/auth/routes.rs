//! `/api/v1/auth/*`, and the no-script sign-in form's `POST /login`.

use super::cookies::{clear_session_cookie, session_cookie};
use super::{client_address, sign_in, Authenticated, CurrentSession, SignInAttempt, SESSION_DAYS};
use crate::db::staff;
use crate::error::ApiError;
use crate::state::AppState;
use app::session::{SignInRequest, SignInResponse};
use axum::extract::ConnectInfo;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use serde::Deserialize;
use std::net::SocketAddr;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The auth routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in_json))
        .routes(routes!(sign_out))
        .routes(routes!(me))
}

/// The no-script sign-in form's route, outside `/api/v1`.
pub fn form_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_in_form))
}

fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(300).collect())
}

fn address(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
) -> Option<std::net::IpAddr> {
    client_address(
        headers,
        peer.map(|Extension(ConnectInfo(p))| p),
        state.config.trust_forwarded_for,
    )
}

fn with_cookie(mut response: Response, cookie: String) -> Response {
    if let Ok(v) = cookie.parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// Signs in: sets the session cookie and answers who signed in.
#[utoipa::path(post, path = "/auth/sign-in", tag = "auth",
    request_body = SignInRequest,
    responses((status = 200, description = "Signed in; the session cookie is set.", body = SignInResponse)))]
#[tracing::instrument(skip_all, fields(username = %body.username))]
async fn sign_in_json(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Json(body): Json<SignInRequest>,
) -> Result<Response, ApiError> {
    let attempt = SignInAttempt {
        username: &body.username,
        password: &body.password,
        device: body.device_id,
        user_agent: user_agent(&headers),
        address: address(&state, &headers, peer),
    };
    let signed = sign_in(&state, attempt).await?;
    let cookie = session_cookie(
        &signed.token,
        SESSION_DAYS * 24 * 3600,
        state.config.secure_cookies(),
    );
    Ok(with_cookie(Json(signed.response).into_response(), cookie))
}

/// The sign-in form's fields when it is posted without script.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SignInForm {
    username: String,
    password: String,
}

/// `POST /login`: the sign-in form posted before the WASM has loaded. Redirects home, or back
/// to the form with `?error=`.
#[utoipa::path(post, path = "/login", tag = "auth",
    request_body(content = SignInForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Home when signed in, else back to the form with `?error=`.")))]
pub async fn sign_in_form(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let attempt = SignInAttempt {
        username: &form.username,
        password: &form.password,
        device: None,
        user_agent: user_agent(&headers),
        address: address(&state, &headers, peer),
    };
    match sign_in(&state, attempt).await {
        Ok(signed) => {
            let cookie = session_cookie(
                &signed.token,
                SESSION_DAYS * 24 * 3600,
                state.config.secure_cookies(),
            );
            with_cookie(
                Redirect::to(signed.response.user.role.home_path()).into_response(),
                cookie,
            )
        }
        Err(e) => {
            let body = e.body();
            let retry = body
                .retry_after_secs
                .map(|s| format!("&retry={s}"))
                .unwrap_or_default();
            Redirect::to(&format!("/login?error={}{retry}", body.code.code())).into_response()
        }
    }
}

/// Signs out this session (and clears its cookie); without a session, only the cookie.
#[utoipa::path(post, path = "/auth/sign-out", tag = "auth",
    responses((status = 204, description = "Signed out.")))]
async fn sign_out(
    State(state): State<AppState>,
    Extension(session): Extension<Option<CurrentSession>>,
) -> Result<Response, ApiError> {
    if let Some(s) = session {
        let hash = s.token_hash.clone();
        state
            .db
            .write(move |tx| staff::delete_session(tx, &hash))
            .await?;
        tracing::info!(user = %s.user.username, "signed out");
    }
    Ok(with_cookie(
        StatusCode::NO_CONTENT.into_response(),
        clear_session_cookie(state.config.secure_cookies()),
    ))
}

/// Who is signed in on this session.
#[utoipa::path(get, path = "/auth/me", tag = "auth",
    responses((status = 200, description = "The signed-in user and device.", body = SignInResponse)))]
async fn me(Authenticated(s): Authenticated) -> Json<SignInResponse> {
    Json(SignInResponse {
        user: s.user,
        device_id: s.device_id,
    })
}
