//! Sign-in, sessions and throttling through the real router on a real SQLite file.

mod support;

use axum::http::{header, StatusCode};
use support::{json, session_cookie, set_cookie_header, text, TestApp};

#[tokio::test]
async fn each_role_signs_in_and_gets_its_user_with_clusters() {
    let app = TestApp::new().await;
    for (username, role, home_clusters) in [
        ("wangjing", "butler", 1),
        ("liming", "butler", 1),
        ("chenfang", "office", 0),
        ("admin", "admin", 0),
        ("zhaoqiang", "staff", 0),
    ] {
        let (status, cookie, body) = app.sign_in(username, "demo1234").await;
        assert_eq!(status, StatusCode::OK, "{username}");
        assert!(cookie.is_some(), "{username} gets a session cookie");
        assert_eq!(body["user"]["role"], role);
        assert_eq!(
            body["user"]["clusters"].as_array().map(Vec::len),
            Some(home_clusters)
        );
        assert!(body["device_id"].is_string());
    }
    let (_, _, staff) = app.sign_in("zhaoqiang", "demo1234").await;
    assert_eq!(staff["user"]["department"], "engineering");
    let (_, _, butler) = app.sign_in("WangJing ", "demo1234").await;
    assert_eq!(
        butler["user"]["clusters"][0]["name"], "东区组团",
        "usernames are case-insensitive"
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_long_lived() {
    let app = TestApp::new().await;
    let res = app
        .post_json(
            "/api/v1/auth/sign-in",
            serde_json::json!({ "username": "wangjing", "password": "demo1234" }),
            None,
        )
        .await;
    let set = set_cookie_header(&res);
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(
        set.contains(&format!("Max-Age={}", 30 * 24 * 3600)),
        "{set}"
    );
    assert!(!set.contains("Secure"), "plain http in tests: {set}");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_refused_alike() {
    let app = TestApp::new().await;
    let (status, cookie, body) = app.sign_in("wangjing", "nope").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(cookie.is_none());
    assert_eq!(body["code"], "bad_credentials");
    let (status, _, body) = app.sign_in("nobody", "demo1234").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "bad_credentials");
    let (status, _, body) = app.sign_in("", "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "missing");
}

#[tokio::test]
async fn five_failures_lock_the_username_even_across_a_restart() {
    let app = TestApp::new().await;
    for _ in 0..4 {
        assert_eq!(
            app.sign_in("liming", "bad").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let res = app
        .post_json(
            "/api/v1/auth/sign-in",
            serde_json::json!({ "username": "liming", "password": "bad" }),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().contains_key(header::RETRY_AFTER));
    let body = json(res).await;
    assert_eq!(body["code"], "throttled");
    assert!(body["retry_after_secs"]
        .as_u64()
        .is_some_and(|s| s > 800 && s <= 900));

    let restarted = app.restart().await;
    let (status, cookie, _) = restarted.sign_in("liming", "demo1234").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right password waits too"
    );
    assert!(cookie.is_none());
    assert_eq!(
        restarted.sign_in("wangjing", "demo1234").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_session_survives_a_restart_and_ends_with_sign_out() {
    let app = TestApp::new().await;
    let (_, cookie, _) = app.sign_in("wangjing", "demo1234").await;
    let cookie = cookie.expect("cookie");

    let restarted = app.restart().await;
    let me = restarted.get("/api/v1/auth/me", Some(&cookie)).await;
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(json(me).await["user"]["username"], "wangjing");

    let out = restarted
        .post_json(
            "/api/v1/auth/sign-out",
            serde_json::json!(null),
            Some(&cookie),
        )
        .await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(set_cookie_header(&out).contains("Max-Age=0"));
    let me = restarted.get("/api/v1/auth/me", Some(&cookie)).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(json(me).await["code"], "unauthorized");
}

#[tokio::test]
async fn a_forged_cookie_is_cleared_and_signs_nobody_in() {
    let app = TestApp::new().await;
    let res = app
        .get("/api/v1/auth/me", Some("butler_session=deadbeef"))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(set_cookie_header(&res).contains("butler_session=; "));
}

#[tokio::test]
async fn the_same_device_id_is_kept_for_its_user_and_not_lent_to_another() {
    let app = TestApp::new().await;
    let device = uuid::Uuid::now_v7().to_string();
    let first = app
        .post_json(
            "/api/v1/auth/sign-in",
            serde_json::json!({ "username": "wangjing", "password": "demo1234", "device_id": device }),
            None,
        )
        .await;
    assert_eq!(json(first).await["device_id"], device.as_str());
    let other = app
        .post_json(
            "/api/v1/auth/sign-in",
            serde_json::json!({ "username": "liming", "password": "demo1234", "device_id": device }),
            None,
        )
        .await;
    let other = json(other).await;
    assert_ne!(
        other["device_id"],
        device.as_str(),
        "a device belongs to one user"
    );
}

#[tokio::test]
async fn pages_render_for_the_signed_in_user_and_redirect_everyone_else() {
    let app = TestApp::new().await;
    let anon = app.get("/m", None).await;
    assert!(anon.status().is_redirection(), "{}", anon.status());
    assert_eq!(anon.headers()[header::LOCATION], "/login");

    let (_, cookie, _) = app.sign_in("wangjing", "demo1234").await;
    let page = app.get("/m", cookie.as_deref()).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = text(page).await;
    assert!(html.contains("你好，王静"), "rendered for the user");
    assert!(
        html.contains("id=\"butler-boot\""),
        "boot data for hydration"
    );
    assert!(html.contains("lang=\"zh-CN\""));

    let wrong_layout = app.get("/office", cookie.as_deref()).await;
    assert_eq!(wrong_layout.headers()[header::LOCATION], "/m");

    let english = app.get("/login", Some("butler_lang=en")).await;
    let html = text(english).await;
    assert!(html.contains("lang=\"en\"") && html.contains("Sign in"));
}

#[tokio::test]
async fn the_no_script_form_signs_in_with_a_redirect() {
    let app = TestApp::new().await;
    let req = axum::http::Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(
            "username=chenfang&password=demo1234",
        ))
        .expect("request");
    let res = app.send(req).await;
    assert!(res.status().is_redirection());
    assert_eq!(res.headers()[header::LOCATION], "/office");
    assert!(session_cookie(&res).is_some());

    let req = axum::http::Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("username=chenfang&password=x"))
        .expect("request");
    let res = app.send(req).await;
    assert_eq!(
        res.headers()[header::LOCATION],
        "/login?error=bad_credentials"
    );
}
