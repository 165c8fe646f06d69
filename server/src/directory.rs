//! `GET /api/v1/directory`: active staff and the estate's clusters, for names on screen and
//! the office's assignee picker. Any signed-in user may read it.

use crate::auth::Authenticated;
use crate::db::staff;
use crate::error::ApiError;
use crate::state::AppState;
use app::session::Directory;
use axum::extract::State;
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The directory route, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(directory))
}

/// Active staff and the estate's clusters.
#[utoipa::path(get, path = "/directory", tag = "estate",
    responses((status = 200, description = "Staff and clusters.", body = Directory)))]
async fn directory(
    State(state): State<AppState>,
    Authenticated(_): Authenticated,
) -> Result<Json<Directory>, ApiError> {
    Ok(Json(state.db.read(staff::directory).await?))
}
