//! `/api/v1/sync/*`: push and pull (design §5; the protocol is documented in `app::sync`).
//!
//! A push is taken in one `BEGIN IMMEDIATE` transaction on the single writer: replays get
//! their stored outcome, the next sequences are decided by `app::sync::kind::decide` and
//! stored, a gap is 409 and changes nothing. Scope and role are checked on every mutation
//! (by `decide`) and on every pull (by the change log's scope columns).

mod attention;
mod engine;
pub mod kinds;

pub use app::sync::{AttentionItem, SettleRequest, Settlement};
pub use engine::{push as push_mutations, push_batch, scope_of, Mode, PushRefusal};

use crate::auth::Authenticated;
use crate::db::{self, sync as store};
use crate::error::ApiError;
use crate::state::AppState;
use app::domain::follow_up::Actor;
use app::session::{ApiErrorBody, ErrorCode};
use app::sync::{
    PullResponse, PushRequest, PushResponse, RecordKind, RecordReach, MAX_PULL_LIMIT,
    MAX_PUSH_BATCH, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION,
};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::Json;
use serde::Deserialize;
use tower_http::decompression::RequestDecompressionLayer;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

/// A push of 500 mutations with long comments stays far below this.
const PUSH_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The sync routes, to be nested under `/api/v1`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(
            // A push may come gzip- or brotli-compressed (`Content-Encoding`); the limit is
            // checked on the decompressed body.
            routes!(push_handler)
                .layer::<_, std::convert::Infallible>(DefaultBodyLimit::max(PUSH_BODY_LIMIT))
                .layer(RequestDecompressionLayer::new()),
        )
        .routes(routes!(pull))
        .routes(routes!(reach))
        .merge(attention::router())
}

/// Why a record is not on this device: the user's to receive (the next sync brings it), not
/// theirs, removed, or unknown to the server. Screens ask when a link leads to a record the
/// device does not have.
#[utoipa::path(get, path = "/sync/records/{kind}/{id}", tag = "sync",
    params(("kind" = RecordKind, Path, description = "The record's kind."),
           ("id" = uuid::Uuid, Path, description = "The record.")),
    responses((status = 200, description = "Where the record stands for this user.", body = RecordReach)))]
async fn reach(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Path((kind, id)): Path<(RecordKind, uuid::Uuid)>,
) -> Result<Json<RecordReach>, ApiError> {
    let (_, filter) = scope_of(&session.user);
    Ok(Json(
        state
            .db
            .read(move |c| store::record_reach(c, kind, id, &filter))
            .await?,
    ))
}

/// Sends this device's next mutations, in sequence; each is answered with its outcome.
#[utoipa::path(post, path = "/sync/push", tag = "sync", request_body = PushRequest,
    responses((status = 200, description = "The outcome of each mutation.", body = PushResponse)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username, n = req.mutations.len()))]
async fn push_handler(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Json(req): Json<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    check_push(&req, session.device_id)?;
    let actor = Actor::of(&session.user);
    match engine::push(&state.db, session.device_id, &actor, req.mutations).await? {
        Ok(response) => Ok(Json(response)),
        Err(expected) => Err(ApiError::Refused(ApiErrorBody {
            expected_seq: Some(expected),
            ..ApiErrorBody::new(ErrorCode::SequenceGap)
        })),
    }
}

/// What a push must be before any of it is looked at: this server's protocol, from the
/// session's own device, at most [`MAX_PUSH_BATCH`] mutations, with consecutive sequences.
pub fn check_push(req: &PushRequest, device: app::domain::DeviceId) -> Result<(), ApiError> {
    check_protocol(req.protocol)?;
    if req.device_id != device {
        return Err(ApiError::refused(ErrorCode::DeviceMismatch));
    }
    if req.mutations.len() > MAX_PUSH_BATCH as usize {
        return Err(ApiError::refused(ErrorCode::TooLarge));
    }
    if req.mutations.iter().any(|m| m.seq < 1)
        || req.mutations.windows(2).any(|w| w[1].seq != w[0].seq + 1)
    {
        return Err(bad_field("seq"));
    }
    Ok(())
}

/// An app older than [`MIN_PROTOCOL_VERSION`] must upgrade (426, its outbox kept); one that
/// claims a protocol newer than this server speaks is refused (400), not read as this one.
fn check_protocol(protocol: u32) -> Result<(), ApiError> {
    if protocol < MIN_PROTOCOL_VERSION {
        return Err(ApiError::refused(ErrorCode::UpgradeRequired));
    }
    if protocol > PROTOCOL_VERSION {
        return Err(bad_field("protocol"));
    }
    Ok(())
}

fn bad_field(field: &str) -> ApiError {
    ApiError::Refused(ApiErrorBody {
        field: Some(field.into()),
        ..ApiErrorBody::new(ErrorCode::BadRequest)
    })
}

/// `?cursor=N&limit=L&protocol=P`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PullQuery {
    #[serde(default)]
    cursor: i64,
    limit: Option<u32>,
    protocol: Option<u32>,
}

/// The changes this user may see after a cursor, a page at a time.
#[utoipa::path(get, path = "/sync/pull", tag = "sync", params(PullQuery),
    responses((status = 200, description = "A page of changes and the next cursor.", body = PullResponse)))]
#[tracing::instrument(skip_all, err(Debug), fields(user = %session.user.username, cursor = q.cursor))]
async fn pull(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    Query(q): Query<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    let protocol = q.protocol.unwrap_or(MIN_PROTOCOL_VERSION);
    check_protocol(protocol)?;
    if q.cursor < 0 {
        return Err(ApiError::refused(ErrorCode::BadRequest));
    }
    let limit = q.limit.unwrap_or(500).clamp(1, MAX_PULL_LIMIT);
    let (scope, filter) = engine::scope_for_protocol(&session.user, protocol);
    let device = session.device_id;
    let cursor = q.cursor;
    let page = state
        .db
        .read(move |c| {
            if cursor > 0 && cursor < store::floor_seq(c)? {
                return Ok(None);
            }
            let (changes, next_cursor, has_more) =
                store::pull_page(c, cursor, limit, &filter, protocol)?;
            Ok(Some((
                changes,
                next_cursor,
                has_more,
                store::device_last_seq(c, device)?,
            )))
        })
        .await?;
    let Some((changes, next_cursor, has_more, last_seq)) = page else {
        return Err(ApiError::refused(ErrorCode::CursorExpired));
    };
    Ok(Json(PullResponse {
        changes,
        next_cursor,
        has_more,
        last_seq,
        server_time: chrono::Utc::now(),
        scope,
    }))
}

/// Removes superseded change-log entries older than `retention_days`, once a day.
pub async fn compact_forever(db: db::Db, retention_days: i64) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
    loop {
        tick.tick().await;
        let before = chrono::Utc::now() - chrono::Duration::days(retention_days);
        match db.write(move |tx| store::compact(tx, before)).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "compacted the change log"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "change-log compaction failed"),
        }
    }
}
