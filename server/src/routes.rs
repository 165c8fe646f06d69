//! The route table: one place that says what the server answers.

use crate::auth;
use crate::db::estate;
use crate::openapi;
use crate::pwa::{self, document};
use crate::state::AppState;
use crate::sync;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The whole server: API, PWA plumbing, server-rendered pages and static files.
pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let pkg_dir = std::path::Path::new(state.leptos.site_root.as_ref())
        .join(state.leptos.site_pkg_dir.as_ref());
    // Build files carry their hash in the name: cache them for good.
    let pkg = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    let (api, doc) = api();
    let doc = Arc::new(doc);
    let page_state = state.clone();
    Router::new()
        .route("/shell", get(pwa::shell))
        .route("/sw.js", get(pwa::service_worker))
        .route(
            "/api/v1/openapi.json",
            get(move || std::future::ready(Json(Arc::clone(&doc)))),
        )
        .merge(api)
        .leptos_routes(&state, routes, move || {
            document(page_state.leptos.clone(), &page_state.build)
        })
        .nest_service(&format!("/{}", state.leptos.site_pkg_dir), pkg)
        .fallback(static_or_not_found)
        .layer(from_fn_with_state(state.clone(), auth::session_layer))
        .layer(from_fn_with_state(
            state.clone(),
            auth::origin::same_origin_layer,
        ))
        .layer(CompressionLayer::new())
        // A panic in a handler is a bug: it is logged and answered 500, and the process and
        // every other request go on (the open transaction, if any, rolled back as it unwound).
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The API's routes and their OpenAPI description, from one declaration.
fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = auth::router()
        .merge(sync::router())
        .merge(crate::directory::router())
        .merge(crate::patrol::router())
        .merge(crate::vacant::router())
        .merge(crate::visits::router())
        .merge(crate::blobs::router())
        .merge(crate::estate::router())
        .merge(crate::staff::router())
        .merge(crate::complaints::router())
        .merge(crate::fees::router())
        .merge(crate::places::router())
        .merge(crate::documents::router())
        .merge(crate::activities::router())
        .layer(axum::middleware::from_fn(openapi::json_errors));
    let (router, doc) = OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(health))
        .merge(auth::form_router().layer(axum::middleware::from_fn(openapi::json_errors)))
        .nest("/api/v1", v1)
        .split_for_parts();
    (router, openapi::finish(doc))
}

/// The whole API's OpenAPI description (what `GET /api/v1/openapi.json` answers).
pub fn openapi_description() -> utoipa::openapi::OpenApi {
    api().1
}

/// The answer to a request whose handler panicked.
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "a handler panicked");
    crate::error::ApiError::refused(app::session::ErrorCode::Internal).into_response()
}

/// `GET /health`: answers when the database does.
#[utoipa::path(get, path = "/health", tag = "server",
    responses((status = 200, description = "Up: the build and the estate's counts.", body = Object),
        (status = 503, description = "The database does not answer.", body = Object)))]
async fn health(State(state): State<AppState>) -> Response {
    match state.db.read(estate::counts).await {
        Ok(counts) => Json(serde_json::json!({
            "status": "ok",
            "build": state.build.id,
            "estate": counts,
        }))
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "unavailable" })),
            )
                .into_response()
        }
    }
}

/// A public file (icons, manifest, favicon, `sw-register.js`), revalidated on every use; any
/// other path renders the app, whose fallback route answers 404.
async fn static_or_not_found(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let files = ServeDir::new(state.leptos.site_root.as_ref())
        .precompressed_br()
        .precompressed_gzip();
    let served = files
        .oneshot(Request::from_parts(parts.clone(), body))
        .await;
    let Ok(mut res) = served;
    if res.status() != StatusCode::NOT_FOUND {
        res.headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-cache"));
        return res.map(Body::new);
    }
    let page_state = state.clone();
    let render = leptos_axum::render_app_to_stream(move || {
        document(page_state.leptos.clone(), &page_state.build)
    });
    render(Request::from_parts(parts, Body::empty()))
        .await
        .into_response()
}
