//! `server backup` (design §7) on a real SQLite file while the server holds it open: the copy
//! runs as a server of its own with every record and photo; what arrives after the copy is not
//! in it; a non-empty folder or a missing database is refused without writing; a damaged photo
//! is reported, not copied.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use server::backup::{backup, BackupError};
use support::device::Device;
use support::{photo, TestApp};

async fn put_photo(app: &TestApp, cookie: &str, sha: &str, bytes: Vec<u8>) {
    let res = app
        .send(
            Request::put(format!("/api/v1/blobs/{sha}"))
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "image/jpeg")
                .body(Body::from(bytes))
                .expect("request"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_backup_taken_while_the_server_runs_serves_every_record_and_photo() {
    let app = TestApp::new().await;
    let mut butler = Device::sign_in(&app, "wangjing").await;
    let (sha, bytes) = photo(9);
    put_photo(&app, &butler.cookie, &sha, bytes.clone()).await;
    let (kept, op) = butler.new_follow_up("备份前的事项", vec![sha.clone()]);
    butler.queue(op);
    butler.sync(&app).await;

    // The server still holds the file open, its last writes perhaps only in the WAL.
    let out = tempfile::tempdir().expect("temp dir");
    let to = out.path().join("backup");
    let report = backup(&app.state.config.db, &to).expect("backup");
    assert_eq!(report.photos, 1);
    assert_eq!(report.photo_bytes, bytes.len() as u64);
    assert!(report.damaged_photos.is_empty());
    assert!(report.schema_version > 0);
    assert!(to.join("butler.db").is_file());
    assert!(!to.join("butler.db.part").exists());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(to.join("backup.json")).expect("manifest"))
            .expect("manifest is JSON");
    assert_eq!(manifest["photos"], 1);

    // Written after the copy: not in it.
    let (later, op) = butler.new_follow_up("备份后的事项", vec![]);
    butler.queue(op);
    butler.sync(&app).await;

    let restored = TestApp::on(to.join("butler.db")).await;
    let mut phone = Device::sign_in(&restored, "wangjing").await;
    phone.pull_all(&restored).await;
    assert_eq!(phone.records[&kept.0].title, "备份前的事项");
    assert!(!phone.records.contains_key(&later.0));
    let res = restored
        .get(&format!("/api/v1/blobs/{sha}"), Some(&phone.cookie))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let served = res.into_body().collect().await.expect("body").to_bytes();
    assert_eq!(served.to_vec(), bytes);
}

#[tokio::test]
async fn a_non_empty_folder_or_a_missing_database_is_refused_and_nothing_is_written() {
    let app = TestApp::new().await;
    let out = tempfile::tempdir().expect("temp dir");
    let to = out.path().join("backup");
    std::fs::create_dir_all(&to).expect("folder");
    std::fs::write(to.join("notes.txt"), "keep me").expect("file");
    let err = backup(&app.state.config.db, &to).expect_err("a folder with a file in it");
    assert!(matches!(err, BackupError::NotEmpty(_)), "{err}");
    assert!(err.to_string().contains("不是空的"));
    let names: Vec<_> = std::fs::read_dir(&to)
        .expect("folder")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
    assert_eq!(
        std::fs::read_to_string(to.join("notes.txt")).expect("file"),
        "keep me"
    );

    let missing = app.dir.path().join("nowhere").join("butler.db");
    let out = tempfile::tempdir().expect("temp dir");
    let to = out.path().join("backup");
    let err = backup(&missing, &to).expect_err("no database there");
    assert!(matches!(err, BackupError::NoDatabase(_)), "{err}");
    assert!(!missing.exists(), "no empty database is created");
    assert!(!to.exists(), "no folder is created");
}

#[tokio::test]
async fn a_damaged_photo_is_reported_and_left_out() {
    let app = TestApp::new().await;
    let butler = Device::sign_in(&app, "wangjing").await;
    let (good, good_bytes) = photo(3);
    let (bad, bad_bytes) = photo(5);
    put_photo(&app, &butler.cookie, &good, good_bytes).await;
    put_photo(&app, &butler.cookie, &bad, bad_bytes).await;
    // The disk changed the file under the server.
    let path = server::blobs::blob_dir(&app.state)
        .join(&bad[..2])
        .join(&bad);
    std::fs::write(&path, b"\xFF\xD8\xFF\xE0 not what was uploaded").expect("damage");

    let out = tempfile::tempdir().expect("temp dir");
    let to = out.path().join("backup");
    let report = backup(&app.state.config.db, &to).expect("the rest is backed up");
    assert_eq!(report.photos, 1);
    assert_eq!(report.damaged_photos, [bad.as_str()]);
    assert!(to.join("blobs").join(&good[..2]).join(&good).is_file());
    assert!(!to.join("blobs").join(&bad[..2]).join(&bad).exists());
}

#[tokio::test]
async fn the_command_backs_up_and_refuses_to_overwrite() {
    let app = TestApp::new().await;
    let out = tempfile::tempdir().expect("temp dir");
    let to = out.path().join("backup");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("--db")
            .arg(&app.state.config.db)
            .arg("backup")
            .arg(&to)
            .output()
            .expect("the server binary runs")
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    assert!(String::from_utf8_lossy(&first.stdout).contains("备份完成"));
    assert!(to.join("butler.db").is_file());
    let before = std::fs::read(to.join("butler.db")).expect("copy");

    let again = run();
    assert_eq!(again.status.code(), Some(1), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stderr).contains("不是空的"));
    assert_eq!(std::fs::read(to.join("butler.db")).expect("copy"), before);
}
