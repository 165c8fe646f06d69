//! An uploaded file, read as the import reads it (.xlsx, CSV, anything else).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| server::fuzzing::spreadsheet(data));
