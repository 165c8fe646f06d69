//! A cell's text, through the phone normalisers and the unit-code readers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| server::fuzzing::codes(data));
