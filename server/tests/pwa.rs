//! The shell, the service worker, health and the demo estate through the real router.

mod support;

use axum::http::{header, StatusCode};
use support::{json, text, TestApp};

#[tokio::test]
async fn the_shell_is_the_same_for_everyone_and_has_no_user_data() {
    let app = TestApp::new().await;
    let anon = app.get("/shell", None).await;
    assert_eq!(anon.status(), StatusCode::OK, "never a sign-in redirect");
    assert_eq!(anon.headers()[header::CACHE_CONTROL], "no-cache");
    let anon = text(anon).await;
    let (_, cookie, _) = app.sign_in("wangjing", "demo1234").await;
    let signed_in = text(app.get("/shell", cookie.as_deref()).await).await;
    assert_eq!(anon, signed_in);
    assert!(anon.contains("data-butler-shell"));
    assert!(!anon.contains("butler-boot"));
    assert!(!anon.contains("王静"));
}

#[tokio::test]
async fn the_service_worker_names_its_build_and_never_caches_the_api() {
    let app = TestApp::new().await;
    let res = app.get("/sw.js", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .is_ok_and(|t| t.starts_with("text/javascript")));
    let sw = text(res).await;
    assert!(sw.contains("const BUILD = \"test\""));
    assert!(sw.contains("\"/shell\""));
    assert!(sw.contains("/api/"));
    assert!(!sw.contains("__PRECACHE__"));
}

#[tokio::test]
async fn health_reports_the_demo_estate() {
    let app = TestApp::new().await;
    let res = app.get("/health", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = json(res).await;
    assert_eq!(body["status"], "ok");
    let estate = &body["estate"];
    assert_eq!(estate["clusters"], 2);
    assert_eq!(estate["buildings"], 8);
    assert_eq!(estate["entrances"], 16);
    assert_eq!(estate["units"], 608);
    let vacant = estate["vacant"].as_i64().expect("vacant");
    // About 8 % vacant.
    assert!((30..=70).contains(&vacant), "{vacant} vacant");
    assert!(estate["households"].as_i64().expect("households") > 608);
}

#[tokio::test]
async fn seeding_is_idempotent_across_restarts() {
    let app = TestApp::new().await;
    let before = json(app.get("/health", None).await).await;
    let again = app.restart().await;
    let after = json(again.get("/health", None).await).await;
    assert_eq!(before["estate"], after["estate"]);
}

#[tokio::test]
async fn an_unknown_path_is_a_404_page() {
    let app = TestApp::new().await;
    let res = app.get("/no/such/page", None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(text(res).await.contains("页面不存在"));
}

#[tokio::test]
async fn a_production_start_creates_only_the_first_admin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = server::config::Config::for_tests(dir.path().join("prod.db"));
    config.demo = false;
    config.admin_password = Some("first-admin-pass".into());
    let state = server::build_state(config).await.expect("state");
    let router = server::routes::app(state);
    let app = support::TestApp {
        router,
        state: server::build_state(server::config::Config {
            demo: false,
            admin_password: None,
            ..server::config::Config::for_tests(dir.path().join("prod.db"))
        })
        .await
        .expect("second start changes nothing"),
        dir,
    };
    let health = json(app.get("/health", None).await).await;
    assert_eq!(health["estate"]["units"], 0);
    let (status, _, body) = app.sign_in("admin", "first-admin-pass").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["must_change_password"], true);
    assert_eq!(
        app.sign_in("wangjing", "demo1234").await.0,
        StatusCode::UNAUTHORIZED
    );
}
