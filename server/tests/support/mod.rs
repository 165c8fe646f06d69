//! The real router on a real SQLite file in a temporary folder.

#![allow(dead_code)]

pub mod device;

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::config::Config;
use server::state::AppState;
use tower::ServiceExt;

/// A demo-seeded server and its temporary folder (dropped with it).
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn new() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = server::build_state(Config::for_tests(dir.path().join("butler.db")))
            .await
            .expect("state");
        TestApp {
            router: server::routes::app(state.clone()),
            state,
            dir,
        }
    }

    /// A demo server with its configuration changed by `change` (flags under test).
    pub async fn with(change: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::for_tests(dir.path().join("butler.db"));
        change(&mut config);
        let state = server::build_state(config).await.expect("state");
        TestApp {
            router: server::routes::app(state.clone()),
            state,
            dir,
        }
    }

    /// Another server on the same database file: a restart.
    pub async fn restart(&self) -> TestApp {
        TestApp::on(self.dir.path().join("butler.db")).await
    }

    /// A server on an existing database file (its own temporary folder is empty).
    pub async fn on(db: std::path::PathBuf) -> TestApp {
        let state = server::build_state(Config::for_tests(db))
            .await
            .expect("state");
        TestApp {
            router: server::routes::app(state.clone()),
            state,
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Response<Body> {
        self.router.clone().oneshot(req).await.expect("infallible")
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Response<Body> {
        // As a browser asks: server-side redirects answer 302 only to requests for HTML.
        let mut req = Request::get(path).header(header::ACCEPT, "text/html,*/*");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    pub async fn post_json(
        &self,
        path: &str,
        json: serde_json::Value,
        cookie: Option<&str>,
    ) -> Response<Body> {
        let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(json.to_string())).expect("request"))
            .await
    }

    /// Signs in; returns the `name=value` of the session cookie and the response body.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
    ) -> (StatusCode, Option<String>, serde_json::Value) {
        let res = self
            .post_json(
                "/api/v1/auth/sign-in",
                serde_json::json!({ "username": username, "password": password }),
                None,
            )
            .await;
        let status = res.status();
        let cookie = session_cookie(&res);
        (status, cookie, json(res).await)
    }
}

/// The `butler_session=…` pair of a response's Set-Cookie, if any.
pub fn session_cookie(res: &Response<Body>) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("butler_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

pub fn set_cookie_header(res: &Response<Body>) -> String {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("\n")
}

pub async fn text(res: Response<Body>) -> String {
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    String::from_utf8_lossy(&bytes).into_owned()
}

pub async fn json(res: Response<Body>) -> serde_json::Value {
    serde_json::from_str(&text(res).await).unwrap_or(serde_json::Value::Null)
}

/// A small JPEG-looking photo (different for each `seed`) and its SHA-256.
pub fn photo(seed: u8) -> (String, Vec<u8>) {
    use sha2::Digest;
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend((0..4000u32).map(|i| (i as u8).wrapping_mul(seed)));
    (server::blobs::hex(&sha2::Sha256::digest(&bytes)), bytes)
}

/// `PUT /api/v1/blobs/{sha}` with `bytes` as a JPEG; answers the status.
pub async fn put_blob(app: &TestApp, cookie: &str, sha: &str, bytes: Vec<u8>) -> StatusCode {
    app.send(
        Request::put(format!("/api/v1/blobs/{sha}"))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "image/jpeg")
            .body(Body::from(bytes))
            .expect("request"),
    )
    .await
    .status()
}

/// Today in the estate's calendar.
pub fn today() -> chrono::NaiveDate {
    app::domain::time::estate_today(chrono::Utc::now())
}

/// The latest version of a device's template for `purpose`.
pub fn template(
    d: &device::Device,
    purpose: app::domain::checklist::Purpose,
) -> app::domain::checklist::Template {
    app::domain::checklist::latest_versions(&d.templates.values().cloned().collect::<Vec<_>>())
        .into_iter()
        .find(|t| t.purpose == purpose)
        .cloned()
        .expect("a template for the purpose")
}

/// A push every mutation of which was applied.
pub fn applied(r: device::PushResult) -> app::sync::PushResponse {
    match r {
        device::PushResult::Ok(r) => {
            for o in &r.outcomes {
                assert_eq!(o.verdict, app::sync::Verdict::Applied, "{o:?}");
            }
            r
        }
        device::PushResult::Status(s, b) => panic!("push failed: {s} {b}"),
    }
}

/// Every cell of every sheet of an .xlsx, as text, a row a line and cells tab-separated.
pub fn xlsx_text(bytes: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    out
}
