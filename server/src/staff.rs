//! Staff management for admins (issue 7), and a user's own password change:
//! - `GET /api/v1/staff`: every user with their clusters and devices.
//! - `POST /api/v1/staff` (`StaffDraft` with a first password): a new user, who changes the
//!   password at the first sign-in.
//! - `POST /api/v1/staff/{id}` (`StaffDraft`): name, role, department, clusters, active. A
//!   butler's clusters changed: their phone's next pull sees the new scope (design §5).
//! - `POST /api/v1/staff/{id}/password` (`ResetPassword`): a temporary password; the user's
//!   sessions end and they must change it at the next sign-in.
//! - `POST /api/v1/devices/{id}/revoke`: a lost phone — its sessions end, its sync is refused.
//! - `POST /api/v1/auth/password` (`ChangePassword`): the signed-in user's own change.
//!
//! Every change goes on the audit trail. A refused save answers 422 with the reason.

use crate::auth::Authenticated;
use crate::auth::{hash_password, verify_password};
use crate::db::{self, audit, staff, DbError};
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::follow_up::DueDays;
use app::domain::{Department, DeviceId, Role, UserId};
use app::estate::audit::{AuditChange, AuditSource};
use app::estate::staff::{
    check_password, ChangePassword, ResetPassword, SetDueDays, StaffDraft, StaffMember,
    StaffProblem, StaffRefusal,
};
use app::session::ErrorCode;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The staff routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(update))
        .routes(routes!(reset_password))
        .routes(routes!(revoke))
        .routes(routes!(change_password))
        .routes(routes!(set_due_days))
}

/// A department's default time for follow-ups that nobody gave a due date (admins). Phones
/// receive it with the directory.
#[utoipa::path(post, path = "/departments/{department}/due-days", tag = "staff",
    request_body = SetDueDays,
    params(("department" = Department, Path, description = "The department.")),
    responses((status = 200, description = "Saved: every department's default.", body = Vec<DueDays>), (status = 422, description = "Not saved: the reason.", body = StaffRefusal)))]
#[tracing::instrument(skip_all, err(Debug), fields(admin = %session.user.username))]
async fn set_due_days(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(department): Path<Department>,
    Json(d): Json<SetDueDays>,
) -> Result<Response, ApiError> {
    session.require_admin()?;
    let days = match d.check() {
        Ok(days) => days,
        Err(p) => return Ok(refusal(p)),
    };
    let all = state
        .db
        .write(move |tx| {
            let now = db::now_text();
            db::follow_up::set_department_due_days(tx, department, days, session.user.id, &now)?;
            trail_change(
                tx,
                &session,
                ("department", department.code().to_owned(), "update"),
                format!("{} {days}", department.code()),
                Some(AuditChange::DueDays { department, days }),
            )?;
            db::follow_up::department_due_days(tx)
        })
        .await?;
    Ok(Json(all).into_response())
}

fn refusal(problem: StaffProblem) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(StaffRefusal { problem }),
    )
        .into_response()
}

fn trail(
    tx: &rusqlite::Connection,
    session: &crate::auth::CurrentSession,
    kind: &str,
    record: String,
    action: &str,
    detail: String,
) -> Result<(), DbError> {
    trail_change(tx, session, (kind, record, action), detail, None)
}

/// [`trail`] with the change kept as data, told in the reader's language.
fn trail_change(
    tx: &rusqlite::Connection,
    session: &crate::auth::CurrentSession,
    (kind, record, action): (&str, String, &str),
    detail: String,
    change: Option<AuditChange>,
) -> Result<(), DbError> {
    audit::record(
        tx,
        &audit::Audit {
            user: Some(session.user.id),
            device: Some(session.device_id.0),
            source: AuditSource::Admin,
            kind,
            record,
            action,
            detail,
            change,
        },
        &db::now_text(),
    )
}

/// Every user with their clusters and devices (admins).
#[utoipa::path(get, path = "/staff", tag = "staff",
    responses((status = 200, description = "Every user.", body = Vec<StaffMember>)))]
async fn list(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Json<Vec<StaffMember>>, ApiError> {
    session.require_admin()?;
    Ok(Json(state.db.read(staff::members).await?))
}

fn known_clusters(c: &rusqlite::Connection, d: &StaffDraft) -> Result<bool, DbError> {
    let all = db::sync::cluster_ids(c)?;
    Ok(d.clusters.iter().all(|c| all.contains(c)))
}

fn summary(d: &StaffDraft) -> String {
    format!(
        "{} · {} · {}{} · {}",
        d.display_name.trim(),
        d.role.code(),
        d.department.map(|x| x.code()).unwrap_or("-"),
        if d.is_lead() { " · lead" } else { "" },
        if d.active { "active" } else { "inactive" }
    )
}

/// A new user, who changes the first password at the first sign-in (admins).
#[utoipa::path(post, path = "/staff", tag = "staff", request_body = StaffDraft,
    responses((status = 200, description = "The new user.", body = StaffMember), (status = 422, description = "Not saved: the reason.", body = StaffRefusal)))]
#[tracing::instrument(skip_all, err(Debug), fields(admin = %session.user.username))]
async fn create(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(d): Json<StaffDraft>,
) -> Result<Response, ApiError> {
    session.require_admin()?;
    if let Err(p) = d.check(true) {
        return Ok(refusal(p));
    }
    let password = d.password.clone().unwrap_or_default();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| DbError::Task(e.to_string()))?;
    let result = state
        .db
        .write(move |tx| {
            let username = d.username.trim().to_lowercase();
            if staff::username_taken(tx, &username, None)? {
                return Ok(Err(StaffProblem::UsernameTaken));
            }
            if !known_clusters(tx, &d)? {
                return Ok(Err(StaffProblem::UnknownCluster));
            }
            let id = staff::insert_user(
                tx,
                &staff::NewUser {
                    username: &username,
                    display_name: d.display_name.trim(),
                    password_hash: &hash,
                    role: d.role,
                    department: d.department,
                    must_change_password: true,
                    lead: d.is_lead(),
                },
            )?;
            if d.role == Role::Butler {
                staff::set_clusters(tx, id, &d.clusters)?;
            }
            if !d.active {
                staff::update_user(tx, id, &d)?;
            }
            trail(
                tx,
                &session,
                "user",
                id.to_string(),
                "create",
                format!("{username}: {}", summary(&d)),
            )?;
            Ok(Ok(id))
        })
        .await?;
    Ok(match result {
        Ok(id) => Json(serde_json::json!({ "id": id })).into_response(),
        Err(p) => refusal(p),
    })
}

/// A user's name, role, department, clusters and whether active (admins).
#[utoipa::path(post, path = "/staff/{id}", tag = "staff", request_body = StaffDraft,
    params(("id" = UserId, Path, description = "The user.")),
    responses((status = 200, description = "The user as saved.", body = StaffMember), (status = 422, description = "Not saved: the reason.", body = StaffRefusal)))]
#[tracing::instrument(skip_all, err(Debug), fields(admin = %session.user.username))]
async fn update(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(id): Path<UserId>,
    Json(d): Json<StaffDraft>,
) -> Result<Response, ApiError> {
    session.require_admin()?;
    if let Err(p) = d.check(false) {
        return Ok(refusal(p));
    }
    if id == session.user.id && (d.role != Role::Admin || !d.active) {
        return Ok(refusal(StaffProblem::NotYourself));
    }
    let result = state
        .db
        .write(move |tx| {
            if !known_clusters(tx, &d)? {
                return Ok(Some(Err(StaffProblem::UnknownCluster)));
            }
            if !staff::update_user(tx, id, &d)? {
                return Ok(None);
            }
            trail(tx, &session, "user", id.to_string(), "update", summary(&d))?;
            Ok(Some(Ok(())))
        })
        .await?;
    match result {
        None => Err(ApiError::refused(ErrorCode::NotFound)),
        Some(Err(p)) => Ok(refusal(p)),
        Some(Ok(())) => Ok(Json(serde_json::json!({ "saved": true })).into_response()),
    }
}

/// A temporary password; the user's sessions end (admins).
#[utoipa::path(post, path = "/staff/{id}/password", tag = "staff", request_body = ResetPassword,
    params(("id" = UserId, Path, description = "The user.")),
    responses((status = 200, description = "Reset.", body = Object), (status = 422, description = "Not saved: the reason.", body = StaffRefusal)))]
#[tracing::instrument(skip_all, err(Debug), fields(admin = %session.user.username))]
async fn reset_password(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(id): Path<UserId>,
    Json(r): Json<ResetPassword>,
) -> Result<Response, ApiError> {
    session.require_admin()?;
    if let Err(p) = check_password(&r.password) {
        return Ok(refusal(p));
    }
    let hash = tokio::task::spawn_blocking(move || hash_password(&r.password))
        .await
        .map_err(|e| DbError::Task(e.to_string()))?;
    let found = state
        .db
        .write(move |tx| {
            let found = staff::set_password(tx, id, &hash, true)?;
            if found {
                trail(
                    tx,
                    &session,
                    "user",
                    id.to_string(),
                    "reset_password",
                    String::new(),
                )?;
            }
            Ok(found)
        })
        .await?;
    if !found {
        return Err(ApiError::refused(ErrorCode::NotFound));
    }
    Ok(Json(serde_json::json!({ "reset": true })).into_response())
}

/// A lost phone: its sessions end and its sync is refused (admins).
#[utoipa::path(post, path = "/devices/{id}/revoke", tag = "staff",
    params(("id" = DeviceId, Path, description = "The device.")),
    responses((status = 200, description = "Revoked.", body = Object)))]
#[tracing::instrument(skip_all, err(Debug), fields(admin = %session.user.username))]
async fn revoke(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(id): Path<DeviceId>,
) -> Result<Json<serde_json::Value>, ApiError> {
    session.require_admin()?;
    let found = state
        .db
        .write(move |tx| {
            let owner = staff::revoke_device(tx, id)?;
            if let Some(owner) = owner {
                trail(
                    tx,
                    &session,
                    "device",
                    id.to_string(),
                    "revoke",
                    format!("user {owner}"),
                )?;
            }
            Ok(owner.is_some())
        })
        .await?;
    if !found {
        return Err(ApiError::refused(ErrorCode::NotFound));
    }
    Ok(Json(serde_json::json!({ "revoked": true })))
}

/// The signed-in user's own password change.
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = ChangePassword,
    responses((status = 200, description = "Changed.", body = Object), (status = 422, description = "Not saved: the reason.", body = StaffRefusal)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username))]
async fn change_password(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(c): Json<ChangePassword>,
) -> Result<Response, ApiError> {
    if let Err(p) = check_password(&c.new) {
        return Ok(refusal(p));
    }
    if c.new == c.current {
        return Ok(refusal(StaffProblem::SamePassword));
    }
    let id = session.user.id;
    let stored = state
        .db
        .read(move |conn| staff::password_hash(conn, id))
        .await?;
    let new = c.new.clone();
    let (ok, hash) = tokio::task::spawn_blocking(move || {
        (
            verify_password(&c.current, stored.as_deref()),
            hash_password(&new),
        )
    })
    .await
    .map_err(|e| DbError::Task(e.to_string()))?;
    if !ok {
        return Ok(refusal(StaffProblem::WrongPassword));
    }
    state
        .db
        .write(move |tx| {
            staff::set_password(tx, id, &hash, false)?;
            trail(
                tx,
                &session,
                "user",
                id.to_string(),
                "change_password",
                String::new(),
            )
        })
        .await?;
    Ok(Json(serde_json::json!({ "changed": true })).into_response())
}
