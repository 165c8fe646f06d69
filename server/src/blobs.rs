//! Photos (design §5): `PUT /api/v1/blobs/{sha256}` stores a photo under its content hash —
//! idempotent, so an interrupted upload is simply sent again; the server recomputes the hash
//! and refuses a mismatch, caps the size and checks the type by the bytes themselves.
//! `GET /api/v1/blobs/{sha256}` serves it only to a user who may see a record that shows it
//! (or who uploaded it). Files live in a `blobs` folder beside the database.

use crate::auth::Authenticated;
use crate::db::checklist;
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::checklist::is_photo_hash;
use app::domain::follow_up::Actor;
use app::session::ErrorCode;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

/// The largest photo taken (the browser shrinks photos to about 1600 px, a few hundred KB).
pub const MAX_BLOB_BYTES: usize = 8 * 1024 * 1024;

/// The blob routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(fetch, store).layer(DefaultBodyLimit::max(MAX_BLOB_BYTES)))
}

/// The folder photos are kept in: `blobs/` beside the database file.
pub fn blob_dir(state: &AppState) -> PathBuf {
    blob_dir_for(&state.config.db)
}

/// The photo folder of the database file `db`.
pub fn blob_dir_for(db: &std::path::Path) -> PathBuf {
    db.parent()
        .map(|p| p.join("blobs"))
        .unwrap_or_else(|| PathBuf::from("blobs"))
}

fn path_of(state: &AppState, sha: &str) -> PathBuf {
    blob_dir(state).join(&sha[..2]).join(sha)
}

/// The type of a photo, told by its first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

fn bad_name() -> ApiError {
    ApiError::Refused(app::session::ApiErrorBody {
        field: Some("sha256".into()),
        ..app::session::ApiErrorBody::new(ErrorCode::BadRequest)
    })
}

/// Stores a photo (JPEG or WebP, at most 8 MB; a signature as PNG, at most 100 KB) under its
/// SHA-256; sent again, it is kept once.
#[utoipa::path(put, path = "/blobs/{sha256}", tag = "photos",
    params(("sha256" = String, Path, description = "The photo's SHA-256, 64 lowercase hex digits.")),
    request_body(content = crate::openapi::Binary, content_type = "application/octet-stream"),
    responses((status = 201, description = "Stored."), (status = 200, description = "Already stored.")))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username, sha = %sha))]
async fn store(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(sha): Path<String>,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    if !is_photo_hash(&sha) {
        return Err(bad_name());
    }
    let Some(content_type) = sniff(&body) else {
        return Err(ApiError::refused(ErrorCode::UnsupportedType));
    };
    // The app sends photos as JPEG; a PNG is a signature drawn on the pad (kept as it is,
    // never re-encoded), and one is at most 100 KB.
    if content_type == "image/png" && body.len() > app::domain::complaint::MAX_SIGNATURE_BYTES {
        return Err(ApiError::refused(ErrorCode::TooLarge));
    }
    let actual = hex(&Sha256::digest(&body));
    if actual != sha {
        return Err(ApiError::refused(ErrorCode::HashMismatch));
    }
    let path = path_of(&state, &sha);
    let known = {
        let sha = sha.clone();
        state.db.read(move |c| checklist::blob(c, &sha)).await?
    };
    if known.is_some() && tokio::fs::metadata(&path).await.is_ok() {
        return Ok(StatusCode::OK);
    }
    // Written to a temporary name and renamed: a cut connection or a crash never leaves a
    // half file under the real name.
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(crate::db::DbError::from)?;
    let tmp = dir.join(format!("{sha}.{}.part", uuid::Uuid::now_v7()));
    tokio::fs::write(&tmp, &body)
        .await
        .map_err(crate::db::DbError::from)?;
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(crate::db::DbError::from)?;
    let size = body.len();
    let user = session.user.id;
    state
        .db
        .write(move |tx| {
            checklist::save_blob(tx, &sha, content_type, size, user, &crate::db::now_text())
        })
        .await?;
    Ok(StatusCode::CREATED)
}

/// A photo, to a user who may see a record that shows it (or who uploaded it).
#[utoipa::path(get, path = "/blobs/{sha256}", tag = "photos",
    params(("sha256" = String, Path, description = "The photo's SHA-256.")),
    responses((status = 200, description = "The photo.", content(
        (crate::openapi::Binary = "image/jpeg"), (crate::openapi::Binary = "image/png"), (crate::openapi::Binary = "image/webp")))))]
async fn fetch(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path(sha): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    if !is_photo_hash(&sha) {
        return Err(bad_name());
    }
    let actor = Actor::of(&session.user);
    let found = {
        let sha = sha.clone();
        state
            .db
            .read(move |c| {
                let Some(t) = checklist::blob(c, &sha)? else {
                    return Ok(None);
                };
                Ok(checklist::may_see_blob(c, &sha, &actor)?.then_some(t))
            })
            .await?
    };
    // Not there and not yours are told apart by nobody.
    let Some(content_type) = found else {
        return Err(ApiError::refused(ErrorCode::NotFound));
    };
    let bytes = tokio::fs::read(path_of(&state, &sha))
        .await
        .map_err(|_| ApiError::refused(ErrorCode::NotFound))?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable".to_owned(),
            ),
        ],
        bytes,
    ))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
