//! Who is asking: every request with a session cookie is looked up once, here; routes read the
//! result from the request's extensions (API routes through [`Authenticated`], server-rendered
//! pages through the [`BootData`] the app reads).

use super::cookies::{clear_session_cookie, cookie_value, session_cookie, SESSION_COOKIE};
use super::{expiry_from, token_hash, SESSION_DAYS, SESSION_TOUCH_MINUTES};
use crate::db::{self, staff};
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::{DeviceId, SessionUser};
use app::i18n::{Lang, LANG_COOKIE};
use app::session::{BootData, ErrorCode};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    /// Who.
    pub user: SessionUser,
    /// On which device.
    pub device_id: DeviceId,
    /// The stored hash of the session's token.
    pub token_hash: String,
}

impl CurrentSession {
    /// The office or an admin; anyone else is answered 403.
    pub fn require_office(&self) -> Result<(), ApiError> {
        if app::domain::follow_up::Actor::of(&self.user).is_office() {
            Ok(())
        } else {
            Err(ApiError::refused(ErrorCode::Forbidden))
        }
    }

    /// An admin; anyone else is answered 403.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.user.role == app::domain::Role::Admin {
            Ok(())
        } else {
            Err(ApiError::refused(ErrorCode::Forbidden))
        }
    }
}

/// Paths that never need to know the user: static files and the PWA plumbing.
fn is_public_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/icons/")
        || matches!(
            path,
            "/favicon.ico"
                | "/sw.js"
                | "/sw-register.js"
                | "/manifest.webmanifest"
                | "/shell"
                | "/health"
        )
}

enum Lookup {
    None,
    Live {
        session: CurrentSession,
        refresh: bool,
    },
    Dead,
}

async fn lookup(state: &AppState, token: String) -> Result<Lookup, db::DbError> {
    let hash = token_hash(&token);
    let now = chrono::Utc::now();
    let now_text = db::instant_text(now);
    let found = {
        let (hash, now_text) = (hash.clone(), now_text.clone());
        state
            .db
            .read(move |c| {
                let Some(row) = staff::live_session(c, &hash, &now_text)? else {
                    return Ok(None);
                };
                Ok(staff::session_user(c, row.user_id)?.map(|u| (row, u)))
            })
            .await?
    };
    let Some((row, user)) = found else {
        return Ok(Lookup::Dead);
    };
    let stale = db::parse_instant(&row.last_seen_at)
        .map(|t| now - t > chrono::Duration::minutes(SESSION_TOUCH_MINUTES))
        .unwrap_or(true);
    if stale {
        let hash = hash.clone();
        state
            .db
            .write(move |tx| staff::touch_session(tx, &hash, &now_text, &expiry_from(now)))
            .await?;
    }
    Ok(Lookup::Live {
        session: CurrentSession {
            user,
            device_id: row.device_id,
            token_hash: hash,
        },
        refresh: stale,
    })
}

/// Looks up the session cookie, puts [`BootData`] and `Option<CurrentSession>` into the
/// request's extensions, extends a session in use (re-sending its cookie) and clears a cookie
/// whose session is gone.
pub async fn session_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if is_public_asset(req.uri().path()) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let lang = cookie_value(headers, LANG_COOKIE)
        .map(|v| Lang::from_tag(&v))
        .unwrap_or_default();
    let token = cookie_value(headers, SESSION_COOKIE).filter(|t| !t.is_empty());
    let found = match token.clone() {
        None => Lookup::None,
        Some(token) => match lookup(&state, token).await {
            Ok(found) => found,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                Lookup::None
            }
        },
    };
    let (current, set_cookie) = match found {
        Lookup::None => (None, None),
        Lookup::Dead => (
            None,
            Some(clear_session_cookie(state.config.secure_cookies())),
        ),
        Lookup::Live { session, refresh } => {
            let cookie = (refresh && token.is_some()).then(|| {
                session_cookie(
                    token.as_deref().unwrap_or_default(),
                    SESSION_DAYS * 24 * 3600,
                    state.config.secure_cookies(),
                )
            });
            (Some(session), cookie)
        }
    };
    // A password an admin set is changed before anything else is done with the account.
    let path = req.uri().path();
    if current
        .as_ref()
        .is_some_and(|s| s.user.must_change_password)
        && path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/auth/")
    {
        return ApiError::refused(ErrorCode::PasswordChangeRequired).into_response();
    }
    req.extensions_mut().insert(BootData {
        user: current.as_ref().map(|s| s.user.clone()),
        device_id: current.as_ref().map(|s| s.device_id),
        lang,
    });
    req.extensions_mut().insert(current);
    let mut response = next.run(req).await;
    if let Some(cookie) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Extracts the signed-in user, or answers 401 `unauthorized`.
#[derive(Debug, Clone)]
pub struct Authenticated(pub CurrentSession);

impl<S: Send + Sync> FromRequestParts<S> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Option<CurrentSession>>()
            .cloned()
            .flatten()
            .map(Authenticated)
            .ok_or_else(|| ApiError::refused(ErrorCode::Unauthorized))
    }
}
