//! What every register's export answers: an .xlsx download.

use axum::http::header;
use axum::response::IntoResponse;

/// An .xlsx workbook as a download named `file`.
pub fn xlsx_download(file: &str, bytes: Vec<u8>) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
}

/// An export failure, as the database layer's error (logged; the client sees "internal").
pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> crate::db::DbError {
    crate::db::DbError::Task(format!("xlsx: {e}"))
}
