//! The OpenAPI description is served, covers every API route the server answers, and says
//! what every refusal looks like. (schemathesis checks the live server against it:
//! `scripts/schemathesis.sh`.)

mod support;

use support::{json, TestApp};

#[tokio::test]
async fn the_description_is_served_and_covers_the_api() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(res.status(), 200);
    let doc = json(res).await;
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/health", "get"),
        ("/login", "post"),
        ("/api/v1/auth/sign-in", "post"),
        ("/api/v1/auth/sign-out", "post"),
        ("/api/v1/auth/me", "get"),
        ("/api/v1/auth/password", "post"),
        ("/api/v1/sync/push", "post"),
        ("/api/v1/sync/pull", "get"),
        ("/api/v1/attention", "get"),
        ("/api/v1/attention/settle", "post"),
        ("/api/v1/directory", "get"),
        ("/api/v1/templates", "get"),
        ("/api/v1/templates", "post"),
        ("/api/v1/patrol/register", "get"),
        ("/api/v1/patrol/register.xlsx", "get"),
        ("/api/v1/patrol/runs/{id}", "get"),
        ("/api/v1/patrol/today", "get"),
        ("/api/v1/vacant/register", "get"),
        ("/api/v1/vacant/register.xlsx", "get"),
        ("/api/v1/vacant/coverage", "get"),
        ("/api/v1/vacant/monthly", "get"),
        ("/api/v1/vacant/monthly.xlsx", "get"),
        ("/api/v1/vacant/move-ins", "get"),
        ("/api/v1/vacant/move-ins.xlsx", "get"),
        ("/api/v1/visits/report", "get"),
        ("/api/v1/visits/report.xlsx", "get"),
        ("/api/v1/visits/satisfaction", "get"),
        ("/api/v1/blobs/{sha256}", "get"),
        ("/api/v1/blobs/{sha256}", "put"),
        ("/api/v1/estate/imports", "post"),
        ("/api/v1/estate/imports/recent", "get"),
        ("/api/v1/estate/imports/{id}/preview", "post"),
        ("/api/v1/estate/imports/{id}/apply", "post"),
        ("/api/v1/estate/import-template.xlsx", "get"),
        ("/api/v1/audit", "get"),
        ("/api/v1/staff", "get"),
        ("/api/v1/staff", "post"),
        ("/api/v1/staff/{id}", "post"),
        ("/api/v1/staff/{id}/password", "post"),
        ("/api/v1/devices/{id}/revoke", "post"),
    ] {
        let op = &paths
            .get(path)
            .unwrap_or_else(|| panic!("{path} is described"))[method];
        assert!(op.is_object(), "{method} {path} is described");
        let errors = &op["responses"]["4XX"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(
            errors, "#/components/schemas/ApiErrorBody",
            "{method} {path}: refusals have the error schema"
        );
    }
    // Every $ref points at a schema that is there.
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let missing: std::collections::BTreeSet<&str> = text
        .split("\"#/components/schemas/")
        .skip(1)
        .filter_map(|piece| piece.split('"').next())
        .filter(|name| !schemas.contains_key(*name))
        .collect();
    assert!(
        missing.is_empty(),
        "schemas referred to and not defined: {missing:?}"
    );
    std::fs::write(
        std::env::temp_dir().join("butler-openapi.json"),
        serde_json::to_string_pretty(&doc).unwrap_or_default(),
    )
    .ok();
}

#[tokio::test]
async fn axum_refusals_answer_the_error_schema() {
    let app = TestApp::new().await;
    let (_, cookie, _) = app.sign_in("chenfang", "demo1234").await;
    let cookie = cookie.expect("signed in");
    // A query that does not parse, and a body that is not JSON: axum's own refusals.
    let res = app
        .get("/api/v1/vacant/register?from=notadate", Some(&cookie))
        .await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await["code"], "bad_request");
    let req = http::Request::post("/api/v1/attention/settle")
        .header("content-type", "application/json")
        .header("cookie", &cookie)
        .body(axum::body::Body::from("{not json"))
        .expect("request");
    let res = app.send(req).await;
    assert!(res.status().is_client_error());
    assert_eq!(json(res).await["code"], "bad_request");
}
