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

/// An instant as the registers write it: the estate's clock, to the minute.
pub fn estate_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&app::domain::time::estate_offset())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// An export failure, as the database layer's error (logged; the client sees "internal").
pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> crate::db::DbError {
    crate::db::DbError::Task(format!("xlsx: {e}"))
}

/// The most characters an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;
/// What ends a cell that had to be cut; the whole text stays in the app.
pub const CUT_MARKER: &str = "…［内容过长已截断，全文见物业管家 / cut: full text in Butler］";

/// A text as one cell takes it: cut, with [`CUT_MARKER`], when longer than Excel allows (an
/// export must never fail for everyone because of one long briefing).
pub fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_CELL_CHARS || text.chars().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let keep = MAX_CELL_CHARS - CUT_MARKER.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(CUT_MARKER);
    std::borrow::Cow::Owned(cut)
}

/// `write_text`: a worksheet's `write_string` through [`cell_text`]. Every register writes its
/// texts with it.
pub trait WriteText {
    /// Writes `text` at (`row`, `col`), cut to what a cell holds.
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>;
}

impl WriteText for rust_xlsxwriter::Worksheet {
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError> {
        self.write_string(row, col, cell_text(text.as_ref()).as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_with_the_marker() {
        let long = "晨".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with(CUT_MARKER));
        assert_eq!(cell_text("短"), "短");
    }
}
