//! A spreadsheet's bytes to a table of text cells: .xlsx (and the older .xls) with calamine,
//! .csv with the csv crate after decoding UTF-8 or GBK (encoding_rs). Numbers come back as
//! Excel shows them to a person — a phone stored as 13812345678.0 reads "13812345678" — and a
//! date cell as `YYYY-MM-DD`, which the code columns turn back into what was typed.

//!
//! Every size is bounded before it is allocated (issue 12): an .xlsx is unpacked once into a
//! sink to check that all its parts together stay under [`MAX_IMPORT_UNPACKED_MB`]; the sheet
//! is read cell by cell from the cells present (never the rectangle its `<dimension>` claims
//! or its farthest cells span); columns, rows and the characters of one cell are capped. An
//! .xls (Excel 97–2003) is refused with a request to save it as .xlsx: its reader allocates
//! the rectangle between the farthest cells.

use app::estate::api::{
    Encoding, Problem, MAX_IMPORT_CELL_CHARS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS,
    MAX_IMPORT_UNPACKED_MB,
};
use calamine::{Data, DataType, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Parts an .xlsx may have (a workbook has a few dozen).
const MAX_ZIP_ENTRIES: usize = 2_000;

/// A file as rows of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header row.
    pub headers: Vec<String>,
    /// The data rows, each as long as the headers, with the spreadsheet's row number.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The encoding a CSV was read in.
    pub encoding: Option<Encoding>,
}

/// Which column holds each field a sheet's headers name (the first that names it), for the
/// imports that read a fixed set of fields (charges, places).
#[derive(Debug, Clone)]
pub struct Columns<F>(std::collections::HashMap<F, usize>);

impl<F: Copy + Eq + std::hash::Hash> Columns<F> {
    /// The columns of `headers`, each named by `field_of`.
    pub fn of(headers: &[String], field_of: impl Fn(&str) -> Option<F>) -> Columns<F> {
        let mut columns = std::collections::HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            if let Some(f) = field_of(h) {
                columns.entry(f).or_insert(i);
            }
        }
        Columns(columns)
    }

    /// Whether the sheet has the field.
    pub fn has(&self, field: F) -> bool {
        self.0.contains_key(&field)
    }

    /// A row's cell of the field, trimmed ("" when the sheet has no such column).
    pub fn cell<'a>(&self, cells: &'a [String], field: F) -> &'a str {
        self.0
            .get(&field)
            .and_then(|i| cells.get(*i))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// Reads a file. `encoding` matters for CSV only.
pub fn read(bytes: &[u8], encoding: Encoding) -> Result<Table, Problem> {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if ole {
        return Err(Problem::OldExcel);
    }
    let (grid, encoding) = if zip {
        (workbook(bytes)?, None)
    } else {
        // Control bytes other than line ends and tabs: a binary file (a photo, a PDF), not text.
        if bytes
            .iter()
            .take(4096)
            .any(|b| *b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
        {
            return Err(Problem::NotSpreadsheet);
        }
        let (text, used) = decode(bytes, encoding)?;
        (csv_rows(&text)?, Some(used))
    };
    table(grid, encoding)
}

/// Unpacks every part of a zip into a sink, refusing it once the total passes the budget:
/// what the declared sizes say is not trusted.
fn check_unpacked(bytes: &[u8]) -> Result<(), Problem> {
    let too_big = Problem::TooBig {
        max_mb: MAX_IMPORT_UNPACKED_MB,
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Problem::NotSpreadsheet)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(too_big);
    }
    let budget = (MAX_IMPORT_UNPACKED_MB * 1024 * 1024) as u64;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| Problem::NotSpreadsheet)?;
        let left = budget.saturating_sub(total);
        total += std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|_| Problem::NotSpreadsheet)?;
        if total > budget {
            return Err(too_big);
        }
    }
    Ok(())
}

/// The first sheet of an .xlsx, from the cells present only.
fn workbook(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    check_unpacked(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| Problem::NotSpreadsheet)?;
    let first = book.sheet_names().first().cloned().ok_or(Problem::Empty)?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|_| Problem::NotSpreadsheet)?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    while let Some(c) = cells.next_cell().map_err(|_| Problem::NotSpreadsheet)? {
        let text = cell(&Data::from(c.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (r, col) = c.get_position();
        let (row_number, col) = (r as usize + 1, col as usize);
        if col >= MAX_IMPORT_COLUMNS {
            return Err(Problem::TooManyColumns {
                max: MAX_IMPORT_COLUMNS,
            });
        }
        check_cell(&text, row_number)?;
        if !rows.contains_key(&r) && rows.len() > MAX_IMPORT_ROWS {
            return Err(Problem::TooManyRows {
                max: MAX_IMPORT_ROWS,
            });
        }
        let row = rows.entry(r).or_default();
        if row.len() <= col {
            row.resize(col + 1, String::new());
        }
        row[col] = text;
    }
    Ok(rows
        .into_iter()
        .map(|(r, cells)| (r as usize + 1, cells))
        .collect())
}

fn check_cell(text: &str, row: usize) -> Result<(), Problem> {
    // Bytes first: a cheap bound that holds for any text under the limit (≤ 4 bytes a char).
    if text.len() > MAX_IMPORT_CELL_CHARS && text.chars().count() > MAX_IMPORT_CELL_CHARS {
        return Err(Problem::CellTooLong {
            row,
            max: MAX_IMPORT_CELL_CHARS,
        });
    }
    Ok(())
}

/// One cell as a person sees it.
fn cell(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(dt) => match d.as_datetime() {
            Some(t) if dt.is_datetime() => t.date().format("%Y-%m-%d").to_string(),
            _ => number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

/// A float without the ".0" Excel adds to whole numbers (phones, room numbers).
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The text of a CSV's bytes: UTF-8 (a byte-order mark is dropped) or GBK.
fn decode(bytes: &[u8], encoding: Encoding) -> Result<(String, Encoding), Problem> {
    let utf8 = |b: &[u8]| {
        let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
        std::str::from_utf8(b).map(str::to_owned).ok()
    };
    let gbk = |b: &[u8]| {
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(b)
            .map(|c| c.into_owned())
    };
    let (text, used) = match encoding {
        Encoding::Utf8 => (utf8(bytes).ok_or(Problem::BadEncoding)?, Encoding::Utf8),
        Encoding::Gbk => (gbk(bytes).ok_or(Problem::BadEncoding)?, Encoding::Gbk),
        Encoding::Auto => match utf8(bytes) {
            Some(t) => (t, Encoding::Utf8),
            None => (gbk(bytes).ok_or(Problem::BadEncoding)?, Encoding::Gbk),
        },
    };
    Ok((text, used))
}

fn csv_rows(text: &str) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| Problem::NotSpreadsheet)?;
        let line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(i + 1);
        // Trailing empty fields (Excel writes a comma for every column of the used range)
        // do not count; a filled one beyond the limit does.
        let used = (0..record.len())
            .rev()
            .find(|&i| record.get(i).is_some_and(|c| !c.trim().is_empty()))
            .map_or(0, |p| p + 1);
        if used > MAX_IMPORT_COLUMNS {
            return Err(Problem::TooManyColumns {
                max: MAX_IMPORT_COLUMNS,
            });
        }
        let mut cells = Vec::with_capacity(used);
        for c in record.iter().take(used) {
            let c = c.trim();
            check_cell(c, line)?;
            cells.push(c.to_owned());
        }
        rows.push((line, cells));
        if rows.len() > MAX_IMPORT_ROWS + 1 {
            break;
        }
    }
    Ok(rows)
}

fn table(grid: Vec<(usize, Vec<String>)>, encoding: Option<Encoding>) -> Result<Table, Problem> {
    let mut rows = grid
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()));
    let (_, mut headers) = rows.next().ok_or(Problem::Empty)?;
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    let width = headers.len();
    let rows: Vec<(usize, Vec<String>)> = rows
        .map(|(n, mut r)| {
            r.resize(width, String::new());
            (n, r)
        })
        .collect();
    if rows.is_empty() || width == 0 {
        return Err(Problem::Empty);
    }
    if rows.len() > MAX_IMPORT_ROWS {
        return Err(Problem::TooManyRows {
            max: MAX_IMPORT_ROWS,
        });
    }
    Ok(Table {
        headers,
        rows,
        encoding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gbk_csv_is_read_and_a_utf8_one_too() {
        let text = "楼栋,单元,房号,客户姓名\n3,2,1201,张伟\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let t = read(&gbk, Encoding::Auto).expect("ok");
        assert_eq!(t.encoding, Some(Encoding::Gbk));
        assert_eq!(t.headers, ["楼栋", "单元", "房号", "客户姓名"]);
        assert_eq!(
            t.rows,
            vec![(
                2,
                vec!["3".into(), "2".into(), "1201".into(), "张伟".into()]
            )]
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let t = read(&bom, Encoding::Auto).expect("ok");
        assert_eq!(t.encoding, Some(Encoding::Utf8));
        assert_eq!(t.headers[0], "楼栋");
        // GBK bytes read as UTF-8 on request: refused, not garbled.
        assert_eq!(read(&gbk, Encoding::Utf8), Err(Problem::BadEncoding));
    }

    #[test]
    fn a_binary_file_is_not_a_spreadsheet() {
        let png = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../public/icons/icon-192.png"
        ))
        .expect("ok");
        assert_eq!(read(&png, Encoding::Auto), Err(Problem::NotSpreadsheet));
        assert_eq!(
            read(b"PK\x03\x04garbage", Encoding::Auto),
            Err(Problem::NotSpreadsheet)
        );
        assert_eq!(read(b"", Encoding::Auto), Err(Problem::Empty));
        assert_eq!(
            read("楼栋,房号\n".as_bytes(), Encoding::Auto),
            Err(Problem::Empty)
        );
    }

    #[test]
    fn whole_floats_lose_their_point_zero() {
        assert_eq!(number(13812345678.0), "13812345678");
        assert_eq!(number(89.5), "89.5");
    }
}
