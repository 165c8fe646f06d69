//! Sign-in, sessions and who is asking.
//!
//! Passwords are hashed with Argon2id. A session is a random token in an HttpOnly, SameSite=Lax
//! cookie (Secure over https) with a rolling 30-day lifetime; only its SHA-256 is stored, in
//! SQLite, so a restart signs nobody out. Failed sign-ins are counted per username in SQLite
//! too: after [`throttle::MAX_FAILURES`] in a row the username is locked for
//! [`throttle::LOCK_MINUTES`] minutes, restart or not. Each attempt is counted as a failure
//! before its hash is checked (parallel guesses all count) and given back when it succeeds;
//! [`gate`] bounds the hashes running at once and the failures of one client address.

mod cookies;
pub mod gate;
mod middleware;
pub mod origin;
mod password;
mod routes;
pub mod throttle;

pub use cookies::{cookie_value, SESSION_COOKIE};
pub use middleware::{session_layer, Authenticated, CurrentSession};
pub use password::{hash_password, verify_password};
pub use routes::{form_router, router, sign_in_form};

use crate::db::{self, staff, DbError};
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::DeviceId;
use app::session::{ErrorCode, SignInResponse};
use sha2::{Digest, Sha256};

/// How long a session lives without use.
pub const SESSION_DAYS: i64 = 30;
/// A session is extended (and its cookie re-sent) when it was last extended this long ago.
pub const SESSION_TOUCH_MINUTES: i64 = 60;

/// A new session token: 32 random bytes, hex.
fn new_token() -> Result<String, DbError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| DbError::Task(format!("no randomness: {e}")))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What is stored for a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn expiry_from(now: chrono::DateTime<chrono::Utc>) -> String {
    db::instant_text(now + chrono::Duration::days(SESSION_DAYS))
}

/// A successful sign-in: what the browser gets, and the token for its cookie.
pub struct SignedIn {
    /// The response body.
    pub response: SignInResponse,
    /// The new session's token.
    pub token: String,
}

/// Signs a user in: checks the address and username throttles, waits for a turn at the hash,
/// checks the password and the account, then makes a session on the user's device.
pub async fn sign_in(state: &AppState, attempt: SignInAttempt<'_>) -> Result<SignedIn, ApiError> {
    let SignInAttempt {
        username,
        password,
        device,
        user_agent,
        address,
    } = attempt;
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() || username.len() > 64 || password.len() > 256 {
        return Err(ApiError::refused(ErrorCode::Missing));
    }
    let gate = &state.sign_in;
    if let Some(secs) = gate.reserve(address, std::time::Instant::now()) {
        return Err(throttled(secs));
    }
    let Some(turn) = gate.turn().await else {
        gate.succeeded(address);
        return Err(ApiError::Refused(app::session::ApiErrorBody {
            retry_after_secs: Some(gate::BUSY_RETRY_SECS),
            ..app::session::ApiErrorBody::new(ErrorCode::Busy)
        }));
    };
    let now = chrono::Utc::now();
    // The failure is written before the hash is checked: a lock reached by attempts running
    // in parallel stops the ones after it.
    let reserved = {
        let username = username.clone();
        state
            .db
            .write(move |tx| {
                let prev = staff::failures(tx, &username)?;
                if let Some(secs) = throttle::locked_for(&prev, now) {
                    return Ok(Err(secs));
                }
                let next = throttle::after_failure(&prev, now);
                staff::store_failures(tx, &username, &next)?;
                Ok(Ok((
                    throttle::locked_for(&next, now),
                    staff::find_for_sign_in(tx, &username)?,
                )))
            })
            .await?
    };
    let (locks, user) = match reserved {
        Ok(r) => r,
        Err(secs) => {
            gate.succeeded(address);
            return Err(throttled(secs));
        }
    };

    let stored_hash = user.as_ref().map(|u| u.password_hash.clone());
    let password = password.to_owned();
    let mut area = gate.take_memory();
    let (ok, area) = tokio::task::spawn_blocking(move || {
        let ok = password::verify_password_in(&password, stored_hash.as_deref(), &mut area);
        (ok, area)
    })
    .await
    .map_err(|e| DbError::Task(e.to_string()))?;
    gate.put_back(area);
    drop(turn);

    let Some(user) = user.filter(|_| ok) else {
        return Err(match locks {
            Some(secs) => throttled(secs),
            None => ApiError::refused(ErrorCode::BadCredentials),
        });
    };
    gate.succeeded(address);
    if !user.active {
        let username = username.clone();
        state
            .db
            .write(move |tx| staff::clear_failures(tx, &username))
            .await?;
        return Err(ApiError::refused(ErrorCode::Inactive));
    }

    let token = new_token()?;
    let hash = token_hash(&token);
    let response = state
        .db
        .write(move |tx| {
            staff::clear_failures(tx, &username)?;
            let device_id = staff::claim_device(tx, user.id, device, user_agent.as_deref())?;
            staff::insert_session(tx, &hash, user.id, device_id, &expiry_from(now))?;
            let user = staff::session_user(tx, user.id)?
                .ok_or_else(|| DbError::Corrupt("user vanished during sign-in".into()))?;
            Ok(SignInResponse { user, device_id })
        })
        .await?;
    tracing::info!(user = %response.user.username, device = %response.device_id, "signed in");
    Ok(SignedIn { response, token })
}

/// One sign-in attempt as it arrived.
pub struct SignInAttempt<'a> {
    /// As typed.
    pub username: &'a str,
    /// As typed.
    pub password: &'a str,
    /// The device the browser already has, if any.
    pub device: Option<DeviceId>,
    /// The browser's `User-Agent`, shortened.
    pub user_agent: Option<String>,
    /// The client's address (see [`client_address`]); `None` counts nowhere.
    pub address: Option<std::net::IpAddr>,
}

/// The client's address: the connection's peer, or, when the server is configured to trust a
/// proxy (`--trust-forwarded-for`), the last address the proxy appended to
/// `X-Forwarded-For`.
pub fn client_address(
    headers: &axum::http::HeaderMap,
    peer: Option<std::net::SocketAddr>,
    trust_forwarded: bool,
) -> Option<std::net::IpAddr> {
    if trust_forwarded {
        // Only the entry the proxy appended counts; earlier ones are the client's own words.
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|a| a.trim().parse().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer.map(|p| p.ip())
}

fn throttled(secs: u32) -> ApiError {
    ApiError::Refused(app::session::ApiErrorBody {
        retry_after_secs: Some(secs),
        ..app::session::ApiErrorBody::new(ErrorCode::Throttled)
    })
}
